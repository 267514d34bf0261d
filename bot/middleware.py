"""Cross-cutting steps around the conversation core, in the style of aiogram middlewares.

Each middleware receives the event and the next step; it may answer by itself (throttling) or
act on the turn coming back (logging, recording unmet requests and feedback).
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.storage.models import utcnow
from bot.storage.repository import Storage
from handlers.events import Incoming, Reply, Turn

log = logging.getLogger("motcua.chat")

Next = Callable[[Incoming, int], Awaitable[Turn]]
Middleware = Callable[[Incoming, int, Next], Awaitable[Turn]]

SLOW_DOWN = "Bạn gửi hơi nhanh, mình chưa kịp trả lời. Bạn đợi một chút rồi hỏi tiếp nhé."


class Throttle:
    """At most ``per_minute`` messages per user; the rest get a polite reply and are not handled."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute, self.clock = per_minute, clock
        self._seen: dict[int, deque[float]] = {}

    async def __call__(self, event: Incoming, user_id: int, call_next: Next) -> Turn:
        now = self.clock()
        seen = self._seen.setdefault(user_id, deque())
        while seen and now - seen[0] > 60:
            seen.popleft()
        if len(seen) >= self.per_minute:
            return Turn((Reply(SLOW_DOWN),))
        seen.append(now)
        if len(self._seen) > 10_000:  # forget idle users so memory stays bounded
            for uid in [u for u, q in self._seen.items() if not q or now - q[-1] > 60]:
                del self._seen[uid]
        return await call_next(event, user_id)


@dataclass
class LogMessages:
    """Store both sides of the conversation (masked by the storage layer)."""

    storage: Storage

    async def __call__(self, event: Incoming, user_id: int, call_next: Next) -> Turn:
        incoming = event.text if event.kind.value == "text" else f"[{event.kind.value}]"
        # Logged after the turn (with its outcome, procedure and locality for the statistics) but
        # stamped with the arrival time, so it still sorts before what the turn recorded.
        arrived, turn = utcnow(), None
        try:
            turn = await call_next(event, user_id)
        finally:
            await self.storage.log_message(
                user_id,
                "in",
                incoming,
                event.action or None,
                channel=event.channel,
                outcome=turn.outcome if turn else None,
                procedure_id=turn.procedure_id if turn else None,
                locality=turn.locality if turn else event.locality,
                created_at=arrived,
            )
        for reply in turn.replies:
            await self.storage.log_message(user_id, "out", reply.text, channel=event.channel)
        return turn


@dataclass
class RecordOutcomes:
    """Unmet requests and feedback go to the database for the supervisors' review."""

    storage: Storage

    async def __call__(self, event: Incoming, user_id: int, call_next: Next) -> Turn:
        turn = await call_next(event, user_id)
        for unmet in turn.unmet:
            fresh = await self.storage.record_unmet(user_id, event.channel, unmet)
            log.info("unmet %s (%s)", unmet.reason.value, "new" if fresh else "duplicate")
        for feedback in turn.feedback:
            await self.storage.record_feedback(user_id, event.channel, feedback)
        return turn
