"""Channel-agnostic conversation logic: :func:`handle` an :class:`Incoming` with its state."""

from handlers.context import Context
from handlers.dispatch import handle
from handlers.events import Button, FeedbackRecord, Incoming, Kind, Reply, Turn, UnmetRecord
from handlers.state import Mode, State

__all__ = [
    "Button",
    "Context",
    "FeedbackRecord",
    "Incoming",
    "Kind",
    "Mode",
    "Reply",
    "State",
    "Turn",
    "UnmetRecord",
    "handle",
]
