"""Cross-cutting steps around the conversation core, in the style of aiogram middlewares.

Each middleware receives the event, the user's id and the next step; it may answer by itself
(throttling) or act on the turn coming back (logging, recording unmet requests and feedback).

Nothing here writes to the database: what a turn stores is added to the turn's write set
(:func:`current_turn`), which the chat service commits in one transaction after the turn (or
spools while the database is down). The user id is 0 while the database is unreachable for a
citizen this instance has not seen yet.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from bot.limits import CITIZEN, Limits
from bot.storage.base import utcnow
from bot.storage.turns.records import Snapshot, TurnWrite, feedback, message, unmet
from handlers.events import Incoming, Reply, Turn

log = logging.getLogger("motcua.chat")

Next = Callable[[Incoming, int], Awaitable[Turn]]
Middleware = Callable[[Incoming, int, Next], Awaitable[Turn]]

SLOW_DOWN = "Bạn gửi hơi nhanh, mình chưa kịp trả lời. Bạn đợi một chút rồi hỏi tiếp nhé."


@dataclass
class TurnContext:
    """The turn being handled: what it read, and what it will write."""

    event: Incoming
    snapshot: Snapshot
    write: TurnWrite


_CURRENT: ContextVar[TurnContext] = ContextVar("motcua_turn")


def current_turn() -> TurnContext:
    """The turn being handled (set by :meth:`bot.service.ChatService.handle`)."""
    return _CURRENT.get()


@contextmanager
def turn_scope(context: TurnContext) -> Iterator[TurnContext]:
    """Make ``context`` the current turn for the code run inside (this task only)."""
    token = _CURRENT.set(context)
    try:
        yield context
    finally:
        _CURRENT.reset(token)


class Throttle:
    """At most ``per_minute`` messages per user; the rest get a polite reply and are not handled.

    Counted per channel and user id of the platform (:class:`bot.limits.Limits`: O(1) per
    message, in this process or in Redis): a flood from one citizen costs others nothing (no
    lock, no database), and it works while the database is down.
    """

    def __init__(
        self,
        per_minute: int,
        clock: Callable[[], float] = time.monotonic,
        limits: Limits | None = None,
    ) -> None:
        self.per_minute = per_minute
        self.limits = limits or Limits({CITIZEN: per_minute}, clock=clock)

    async def __call__(self, event: Incoming, user_id: int, call_next: Next) -> Turn:
        if await self.limits.hit(CITIZEN, f"{event.channel}:{event.user}"):
            return Turn((Reply(SLOW_DOWN),))
        return await call_next(event, user_id)


class LogMessages:
    """Log both sides of the conversation (masked when the row is built)."""

    async def __call__(self, event: Incoming, user_id: int, call_next: Next) -> Turn:
        incoming = event.text if event.kind.value == "text" else f"[{event.kind.value}]"
        # Logged after the turn (with its outcome, procedure and locality for the statistics) but
        # stamped with the arrival time, so it still sorts before what the turn recorded.
        arrived, turn = utcnow(), None
        rows = current_turn().write.messages
        try:
            turn = await call_next(event, user_id)
        finally:
            rows.append(
                message(
                    "in",
                    incoming,
                    event.action or None,
                    channel=event.channel,
                    outcome=turn.outcome if turn else None,
                    procedure_id=turn.procedure_id if turn else None,
                    locality=turn.locality if turn else event.locality,
                    created_at=arrived,
                )
            )
        rows.extend(message("out", reply.text, channel=event.channel) for reply in turn.replies)
        return turn


class RecordOutcomes:
    """Unmet requests and feedback go to the database for the supervisors' review."""

    async def __call__(self, event: Incoming, user_id: int, call_next: Next) -> Turn:
        turn = await call_next(event, user_id)
        write = current_turn().write
        write.unmet.extend(unmet(event.channel, record) for record in turn.unmet)
        write.feedback.extend(feedback(event.channel, record) for record in turn.feedback)
        return turn
