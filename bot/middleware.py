"""Cross-cutting steps around the conversation core, in the style of aiogram middlewares.

Each middleware receives the event, the turn's :class:`TurnContext` and the next step, passed
in the open (aiogram's ``handler, event, data``; bolt's ``req.context``); it may answer by itself
(throttling) or act on the turn coming back (logging, recording unmet requests and feedback).

Nothing here writes to the database: what a turn stores is added to the turn's write set
(``context.write``), which the chat service commits in one transaction after the turn (or
spools while the database is down). ``context.user_id`` is 0 while the database is unreachable
for a citizen this instance has not seen yet.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.limits import CITIZEN, Limits
from bot.rows import feedback, message, unmet
from bot.storage.base import utcnow
from bot.storage.turns.records import Snapshot, TurnWrite
from handlers.events import Incoming, Reply, Turn

log = logging.getLogger("motcua.chat")


SLOW_DOWN = "Bạn gửi hơi nhanh, mình chưa kịp trả lời. Bạn đợi một chút rồi hỏi tiếp nhé."


@dataclass
class TurnContext:
    """The turn being handled: the event as it arrived, what the turn read, what it will write.

    Built by :meth:`bot.service.ChatService.handle` for each run of a turn and handed to every
    middleware and to the core, so a reader follows it through the arguments."""

    event: Incoming
    snapshot: Snapshot
    write: TurnWrite

    @property
    def user_id(self) -> int:
        """The citizen's row id; 0 while the database is unreachable for a new citizen."""
        return self.snapshot.user_id or 0


Next = Callable[[Incoming, TurnContext], Awaitable[Turn]]
Middleware = Callable[[Incoming, TurnContext, Next], Awaitable[Turn]]


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

    async def __call__(self, event: Incoming, context: TurnContext, call_next: Next) -> Turn:
        if await self.limits.hit(CITIZEN, f"{event.channel}:{event.user}"):
            return Turn((Reply(SLOW_DOWN),))
        return await call_next(event, context)


class LogMessages:
    """Log both sides of the conversation (masked when the row is built)."""

    async def __call__(self, event: Incoming, context: TurnContext, call_next: Next) -> Turn:
        incoming = event.text if event.kind.value == "text" else f"[{event.kind.value}]"
        # Logged after the turn (with its outcome, procedure and locality for the statistics) but
        # stamped with the arrival time, so it still sorts before what the turn recorded.
        arrived, turn = utcnow(), None
        rows = context.write.messages
        try:
            turn = await call_next(event, context)
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

    async def __call__(self, event: Incoming, context: TurnContext, call_next: Next) -> Turn:
        turn = await call_next(event, context)
        write = context.write
        write.unmet.extend(unmet(event.channel, record) for record in turn.unmet)
        write.feedback.extend(feedback(event.channel, record) for record in turn.feedback)
        return turn
