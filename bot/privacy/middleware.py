"""The privacy notice on first contact, and the citizen's rights carried out from the chat.

Runs outside the message log, so that an erasure also drops what its own turn would have
logged. The conversation core recognises the requests and confirms an erasure
(:mod:`handlers.rights`); this middleware holds the data: it answers "what do you keep about
me" from the database, erases (or queues the erasure while the database is down), tells the
volunteer who held the citizen's ticket, and writes the answers.

While a volunteer holds the citizen's ticket, typed text goes to the volunteer
(:mod:`bot.handoff.relay`); a typed request about their data is turned into its button first,
so it reaches the core instead of the volunteer.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.callbacks.repo import held_callbacks
from bot.config import Settings
from bot.middleware import Next, TurnContext
from bot.outbound import Outbound
from bot.privacy import wording
from bot.storage.errors import unavailable
from bot.storage.privacy import Erased, held
from bot.storage.stats_repo import LOCAL
from bot.storage.turns.durable import DurableTurns
from handlers.events import Incoming, Kind, Reply, Turn
from handlers.rights import Right, requested

log = logging.getLogger("motcua.privacy")
RECENT_CHARS = 80  # of each recent message shown back to the citizen


def _date(value: datetime | None) -> str:
    return (value + LOCAL).strftime("%d/%m/%Y") if value else "?"


def _summary(erased: Erased) -> str:
    counts = erased.counts()
    parts = [f"{counts[kind]} {label}" for kind, label in wording.KINDS if counts.get(kind)]
    if erased.states:
        parts.append("trạng thái cuộc trò chuyện")
    return ", ".join(parts)


@dataclass
class PrivacyRights:
    engine: AsyncEngine
    turns: DurableTurns
    outbound: Outbound
    settings: Settings

    @property
    def notice(self) -> str:
        return wording.NOTICE.format(
            days=self.settings.retention_messages_days or "không giới hạn",
            url=self.settings.privacy_url,
        )

    async def __call__(self, event: Incoming, context: TurnContext, call_next: Next) -> Turn:
        snapshot = context.snapshot
        if event.kind is Kind.TEXT and snapshot.ticket_status == "claimed":
            payload = requested(event.text)
            if payload is not None:
                event = replace(event, kind=Kind.ACTION, action=payload, text="")
        turn = await call_next(event, context)
        if turn.rights == Right.ERASE:
            return await self._erase(event, context)
        if turn.rights == Right.ACCESS:
            turn = replace(turn, replies=(Reply(await self._access(event)),))
        elif turn.rights == Right.INFO:
            turn = replace(turn, replies=(Reply(self._info()),))
        if snapshot.version == 0 and not snapshot.volunteer:
            # First contact, or the first since the state expired or was erased: a footer
            # under the last reply (which keeps its buttons).
            *before, last = turn.replies
            footed = Reply(f"{last.text}\n\n{self.notice}", last.buttons)
            turn = replace(turn, replies=(*before, footed))
        return turn

    def _info(self) -> str:
        settings = self.settings

        def days(value: int) -> str:
            return str(value) if value else "không giới hạn"

        return wording.INFO.format(
            messages=days(settings.retention_messages_days),
            unmet=days(settings.retention_unmet_days),
            feedback=days(settings.retention_feedback_days),
            controller=settings.privacy_controller_name,
            url=settings.privacy_url,
        )

    async def _access(self, event: Incoming) -> str:
        try:
            found = await held(self.engine, event.channel, event.user)
            callbacks = await held_callbacks(self.engine, event.channel, event.user)
        except Exception as exc:
            if not unavailable(exc):
                raise
            return wording.ACCESS_DOWN
        if found.empty and not callbacks:
            return wording.ACCESS_NOTHING
        lines = [
            wording.ACCESS.format(
                messages=found.messages,
                first=_date(found.first),
                last=_date(found.last),
                unmet=found.unmet,
                feedback=found.feedback,
                tickets=found.tickets,
            )
        ]
        if callbacks:
            days = self.settings.retention_callbacks_days
            lines.append(wording.ACCESS_CALLBACKS.format(count=callbacks, days=days))
        if found.recent:
            shown = "; ".join(
                f"«{t if len(t) <= RECENT_CHARS else t[: RECENT_CHARS - 1] + '…'}»"
                for t in found.recent
            )
            lines.append(wording.ACCESS_RECENT.format(texts=shown))
        lines.append(wording.ACCESS_ID.format(id=event.user))
        lines.append(wording.ACCESS_END.format(days=self.settings.retention_messages_days or "∞"))
        return "\n".join(lines)

    async def _erase(self, event: Incoming, context: TurnContext) -> Turn:
        write = context.write
        write.state = None  # nothing of this turn is stored either
        write.messages.clear()
        write.unmet.clear()
        write.feedback.clear()
        try:
            erased = await self.turns.erase(
                event.channel, event.user, by=wording.CITIZEN, via="chat"
            )
        except Exception:
            log.exception("erasure failed")
            return Turn((Reply(wording.ERASE_FAILED),))
        if erased is None:
            return Turn((Reply(wording.ERASE_QUEUED),))
        assert isinstance(erased, Erased)
        for channel, external_id, ticket_id in erased.volunteers:
            try:
                notice = Reply(wording.VOLUNTEER_ERASED.format(id=ticket_id))
                await self.outbound.send(channel, external_id, (notice,))
            except Exception:  # the citizen's answer matters more than the volunteer's notice
                log.warning("could not tell volunteer of ticket #%d about an erasure", ticket_id)
        if not erased.rows:
            return Turn((Reply(wording.ERASED_NOTHING),))
        return Turn((Reply(wording.ERASED.format(summary=_summary(erased))),))
