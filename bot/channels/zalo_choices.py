"""Numbered answers to pushed messages, for Zalo (whose options come back as "1", "2"…).

The core remembers the buttons of its own replies (``State.offered``) and maps a typed number to
them. A pushed message (a ticket notice with "Nhận hỗ trợ", the 👍/👎 after a volunteer closes a
ticket) does not pass through the core, and its buttons are handled by the handoff middleware,
which runs before the core. So the channel stores the pushed buttons as the person's offered
options here, and :class:`bot.handoff.pushed.PushedChoices`, inside the person's next turn, turns
a bare number that picks one of them into that button press.

State lives in the database, so this works with several instances too. A push is not serialised
with the same person's own turn, but it writes a new state version: a turn that read the state
before the push conflicts and runs again on the pushed state (``bot.service``), whose own
buttons then become the options, as they would after any reply.
"""

from __future__ import annotations

import logging

from sqlalchemy.exc import SQLAlchemyError

from bot.service import ChatService
from handlers.events import Reply
from handlers.state import State

log = logging.getLogger("motcua.zalo")


async def remember_pushed(
    service: ChatService, channel: str, external_id: str, replies: tuple[Reply, ...]
) -> None:
    """Make the buttons of pushed ``replies`` the options a number answers.

    Best effort: without the database the message is still sent (its number then does nothing).
    """
    actions = [b.action for r in replies for b in r.buttons]
    if not actions:
        return
    try:
        user_id = await service.storage.user(channel, external_id)
        state = State.restore(await service.storage.load_state(user_id))
        state.offered = actions
        await service.storage.save_state(user_id, state.dump())
    except (SQLAlchemyError, OSError) as exc:
        log.warning("%s: pushed options not stored (%s)", channel, type(exc).__name__)
