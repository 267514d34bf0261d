"""The handoff as a middleware: volunteer commands, claims, and the relay while a ticket is held.

Runs before the conversation core. A citizen's request for a person comes back from the core as
an unmet request with reason ``handoff``; this middleware then opens a ticket and notifies the
volunteers on duty. While a volunteer holds the ticket, the citizen's text goes to them and
theirs to the citizen; buttons still reach the bot, so a procedure card sent by ``/the`` works.

Whether the sender is a volunteer and whether the citizen has an active ticket come with the
turn's snapshot (:class:`bot.middleware.TurnContext`): an ordinary citizen's message costs this
middleware no query. While the database is down a handoff request is answered as if nobody were
on duty (it is still recorded, through the spool, for the team to follow up).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace

from bot.handoff import wording
from bot.handoff.models import Ticket, Volunteer
from bot.handoff.repo import HandoffRepo
from bot.inputs import marked
from bot.middleware import Next, TurnContext
from bot.outbound import Outbound
from bot.rows import feedback
from bot.storage.errors import unavailable
from bot.storage.repository import Storage
from handlers import callback
from handlers.actions import Action, Verb, act
from handlers.cards import card
from handlers.events import Button, FeedbackRecord, Incoming, Kind, Reply, Turn, UnmetReason
from handlers.privacy import mask
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from knowledge.matcher import Outcome

log = logging.getLogger("motcua.handoff")
COMMAND = re.compile(r"^/(tinhnguyen|truc|nghi|tra|the|dong|tnv)(?:@\w+)?(?:\s+(.*))?$", re.S)


def _verb(event: Incoming) -> Verb | None:
    """The verb of a pressed button (:mod:`handlers.actions`), None for text or a malformed one."""
    action = Action.parse(event.action) if event.kind is Kind.ACTION else None
    return action.verb if action else None


def command(event: Incoming) -> tuple[str, str]:
    match = COMMAND.match(event.text.strip()) if event.kind is Kind.TEXT else None
    return (match.group(1), (match.group(2) or "").strip()) if match else ("", "")


@dataclass
class HandoffRelay:
    repo: HandoffRepo
    outbound: Outbound
    storage: Storage
    store: KnowledgeStore
    matcher: LiveMatcher

    async def __call__(self, event: Incoming, context: TurnContext, call_next: Next) -> Turn:
        cmd, arg = command(event)
        if cmd == "tinhnguyen":
            return await self._link(event, arg)
        snapshot = context.snapshot
        volunteer = (
            await self.repo.volunteer(event.channel, event.user) if snapshot.volunteer else None
        )
        if volunteer is not None:
            turn = await self._as_volunteer(event, volunteer, cmd, arg)
            if turn is not None:
                return turn
        elif _verb(event) is Verb.TICKET:
            return self._ticket_feedback(event, context)
        elif snapshot.ticket_status == "claimed" and event.kind is not Kind.ACTION:
            ticket = await self.repo.get(snapshot.ticket_id or 0)
            if ticket is not None and ticket.status == "claimed":
                return await self._to_volunteer(event, ticket)
        turn = await call_next(event, context)
        request = next((u for u in turn.unmet if u.reason is UnmetReason.HANDOFF), None)
        if request is not None:
            if context.user_id:
                return await self._open(event, context.user_id, turn)
            return self._nobody(turn, request.locality)  # database down, citizen not known yet
        return turn

    # --- citizen side ---------------------------------------------------------------------
    async def _open(self, event: Incoming, user_id: int, turn: Turn) -> Turn:
        request = next(u for u in turn.unmet if u.reason is UnmetReason.HANDOFF)
        try:
            ticket, fresh = await self.repo.open_ticket(
                Ticket(
                    citizen_id=user_id,
                    channel=event.channel,
                    external_id=event.user,
                    summary=mask(request.text),
                    procedure_id=request.procedure_id,
                    locality=request.locality,
                )
            )
            volunteers = await self.repo.on_duty()
        except Exception as exc:
            if not unavailable(exc):
                raise
            log.warning("handoff: database unavailable, nobody notified (%s)", type(exc).__name__)
            return self._nobody(turn, request.locality)
        if fresh:
            for volunteer in volunteers:
                await self.outbound.send(
                    volunteer.channel, volunteer.external_id, (self._notice(ticket),)
                )
        if not volunteers:
            return self._nobody(turn, ticket.locality)
        return _last_reply(turn, wording.WAITING.format(count=len(volunteers)))

    def _nobody(self, turn: Turn, locality: str | None) -> Turn:
        """Nobody can take the request now: say so, with the one-stop centre if known, and
        offer a call-back."""
        text = "\n".join(filter(None, [wording.NOBODY, self._centre(locality)]))
        return _last_reply(turn, text, offer=callback.offer())

    def _notice(self, ticket: Ticket) -> Reply:
        kb = self.store.current
        proc = kb.get(ticket.procedure_id) if ticket.procedure_id else None
        loc = kb.localities.get(ticket.locality) if ticket.locality else None
        text = wording.NOTIFY.format(
            id=ticket.id,
            channel=ticket.channel,
            summary=marked(ticket.summary),
            procedure=proc.title if proc else "(chưa rõ)",
            place=loc.name if loc else (ticket.locality or "(chưa rõ)"),
        )
        return Reply(text, (Button(wording.CLAIM_LABEL, act(Verb.CLAIM, str(ticket.id))),))

    def _centre(self, locality_id: str | None) -> str:
        loc = self.store.current.localities.get(locality_id) if locality_id else None
        if loc is None:
            return ""
        centre = loc.centres[0]
        hours = "; ".join(f"{h.days} {', '.join(h.sessions)}" for h in centre.hours)
        phone = f" Điện thoại: {centre.phone}." if centre.phone else ""
        text = wording.CENTRE.format(
            name=centre.name, address=centre.address, hours=hours, phone=phone
        )
        return text + (" (dữ liệu minh họa)" if loc.example else "")

    async def _to_volunteer(self, event: Incoming, ticket: Ticket) -> Turn:
        volunteer = await self.repo.volunteer_by_id(ticket.volunteer_id or 0)
        body = event.text.strip() if event.kind is Kind.TEXT else f"[{event.kind.value}]"
        if volunteer is not None:
            text = marked(mask(body)[:3000])  # the volunteer reads it as written, marks shown
            relay = Reply(wording.TO_VOLUNTEER.format(id=ticket.id, text=text))
            await self.outbound.send(volunteer.channel, volunteer.external_id, (relay,))
        ack = () if self.outbound.can_push(event.channel) else (Reply(wording.RELAYED),)
        return Turn(ack)

    def _ticket_feedback(self, event: Incoming, context: TurnContext) -> Turn:
        _, verdict, ticket_id = [*event.action.split(":"), "", ""][:3]
        record = FeedbackRecord(None, verdict == "up", f"hỗ trợ phiếu #{ticket_id}")
        context.write.feedback.append(feedback(event.channel, record))  # with the turn
        return Turn((Reply(wording.FEEDBACK_THANKS),), feedback=())

    # --- volunteer side -------------------------------------------------------------------
    async def _link(self, event: Incoming, code: str) -> Turn:
        volunteer = await self.repo.redeem(code, event.channel, event.user) if code else None
        if volunteer is None:
            return Turn((Reply(wording.BAD_INVITE),))
        log.info("volunteer %s linked on %s", volunteer.id, event.channel)
        return Turn(
            (Reply(wording.LINKED.format(name=volunteer.name) + "\n" + wording.VOLUNTEER_HELP),)
        )

    async def _as_volunteer(
        self, event: Incoming, volunteer: Volunteer, cmd: str, arg: str
    ) -> Turn | None:
        if _verb(event) is Verb.CLAIM:
            return await self._claim(volunteer, event.action.removeprefix("claim:"))
        if cmd in ("truc", "nghi"):
            await self.repo.set_duty(volunteer.id, cmd == "truc")
            return Turn((Reply(wording.ON_DUTY if cmd == "truc" else wording.OFF_DUTY),))
        if cmd == "tnv":
            return Turn((Reply(wording.VOLUNTEER_HELP),))
        if cmd == "tra":
            return Turn((Reply(self._lookup(arg)),))
        ticket = await self.repo.claimed_by(volunteer.id)
        if cmd in ("the", "dong") and ticket is None:
            return Turn((Reply(wording.NO_TICKET),))
        if ticket is None:
            return None  # a volunteer without a ticket talks to the bot like anyone
        if cmd == "dong":
            return await self._close(ticket)
        if cmd == "the":
            return await self._send_card(ticket, arg)
        if event.kind is Kind.TEXT and event.text.strip():
            text = wording.TO_CITIZEN.format(name=volunteer.name, text=event.text.strip()[:3000])
            await self.outbound.send(ticket.channel, ticket.external_id, (Reply(text),))
            return Turn(())
        return None

    async def _claim(self, volunteer: Volunteer, raw_id: str) -> Turn:
        if not raw_id.isdigit():
            return Turn((Reply(wording.CLAIM_GONE.format(id=raw_id[:12])),))
        ticket_id = int(raw_id)
        if not await self.repo.claim(ticket_id, volunteer.id):
            ticket = await self.repo.get(ticket_id)
            won_by_other = ticket is not None and ticket.status == "claimed"
            message = wording.CLAIM_LOST if won_by_other else wording.CLAIM_GONE
            return Turn((Reply(message.format(id=ticket_id)),))
        ticket = await self.repo.get(ticket_id)
        assert ticket is not None
        history = await self.storage.messages_for(ticket.citizen_id, 8)
        context = "\n".join(
            f"{'›' if m.direction == 'in' else '‹'} {m.text.splitlines()[0][:160]}"
            for m in reversed(history)
            if m.text
        )
        await self.greet(volunteer, ticket)
        return Turn((Reply(wording.CLAIM_WON.format(id=ticket_id, context=context or "(trống)")),))

    async def _close(self, ticket: Ticket) -> Turn:
        await self.end(ticket)
        return Turn((Reply(wording.CLOSED_VOLUNTEER.format(id=ticket.id)),))

    # --- shared with the volunteers' web console (bot/console) ---------------------------
    async def greet(self, volunteer: Volunteer, ticket: Ticket) -> bool:
        """Tell the citizen who has taken their ticket."""
        citizen = Reply(wording.CLAIMED_CITIZEN.format(name=volunteer.name))
        return await self.outbound.send(ticket.channel, ticket.external_id, (citizen,))

    async def end(self, ticket: Ticket) -> bool:
        """Close an active ticket and ask its citizen to rate the help; False if not active."""
        if not await self.repo.close(ticket.id):
            return False
        buttons = (
            Button("👍", act(Verb.TICKET, "up", str(ticket.id))),
            Button("👎", act(Verb.TICKET, "down", str(ticket.id))),
        )
        await self.outbound.send(
            ticket.channel, ticket.external_id, (Reply(wording.CLOSED_CITIZEN, buttons),)
        )
        return True

    async def _send_card(self, ticket: Ticket, query: str) -> Turn:
        result = self.matcher.match(query) if query else None
        kb = self.store.current
        proc = kb.get(result.best.id) if result and result.best else None
        if proc is None or result is None or result.outcome is Outcome.UNMET:
            return Turn((Reply(wording.CARD_NOT_FOUND.format(query=query)),))
        await self.outbound.send(ticket.channel, ticket.external_id, (Reply(card(proc)),))
        return Turn((Reply(wording.CARD_SENT.format(title=proc.title)),))

    def _lookup(self, query: str) -> str:
        if not query:
            return wording.LOOKUP_EMPTY
        result = self.matcher.match(query)
        kb = self.store.current
        if result.outcome is Outcome.ANSWER and result.best:
            proc = kb.get(result.best.id)
            return card(proc) if proc else wording.CARD_NOT_FOUND.format(query=query)
        options = [c for c in result.candidates[:3] if c.score >= 0.3]
        if not options:
            return wording.CARD_NOT_FOUND.format(query=query)
        return "Có thể là:\n" + "\n".join(
            f"• {c.name} — /the {kb.procedures[c.id].title}" for c in options
        )

    # --- time-outs ------------------------------------------------------------------------
    async def sweep(self, claim_timeout_seconds: float) -> int:
        """Expire tickets nobody claimed in time and tell their citizens honestly."""
        from datetime import timedelta

        expired = 0
        for ticket in await self.repo.stale(timedelta(seconds=claim_timeout_seconds)):
            if not await self.repo.close(ticket.id, status="expired"):
                continue  # claimed or closed meanwhile (another instance)
            expired += 1
            text = "\n".join(filter(None, [wording.TIMEOUT, self._centre(ticket.locality)]))
            offer = Reply(text, (callback.offer(),))
            await self.outbound.send(ticket.channel, ticket.external_id, (offer,))
        return expired


def _last_reply(turn: Turn, text: str, offer: Button | None = None) -> Turn:
    """``turn`` with the text of its last reply replaced (its buttons kept, ``offer`` first)."""
    last = turn.replies[-1]
    buttons = last.buttons
    if offer is not None:
        buttons = (offer, *(b for b in buttons if b.action != offer.action))
    return replace(turn, replies=(*turn.replies[:-1], Reply(text, buttons)))
