"""What a volunteer does in the web console: duty, claim, talk, send a procedure, close.

Each action goes through the handoff's own paths: the claim is
:meth:`bot.handoff.repo.HandoffRepo.claim` (one conditional UPDATE, one winner across
instances), the citizen is reached by :class:`bot.outbound.Outbound` on their own channel (web,
Telegram, Zalo Bot, Zalo OA) and greeted, closed and asked to rate by
:class:`bot.handoff.relay.HandoffRelay`, exactly as a Telegram volunteer's ticket is.

Wards: an account with a commune (``motcua users add --role volunteer --commune <code>``) sees
and may take only tickets of that commune, and tickets whose place is not known; an account
without one sees every ticket. A ticket's place is the locality or commune the citizen chose in
the chat. A refusal is a :class:`Refused` with the HTTP status and the words to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.console.repo import ConsoleRepo, Line
from bot.handoff import wording
from bot.handoff.models import Ticket, Volunteer
from bot.handoff.relay import HandoffRelay
from bot.handoff.repo import HandoffRepo
from bot.live.bus import Bus
from bot.places import in_ward, vietnam_now, ward_of
from bot.storage.account_repo import AccountRow
from handlers.events import Reply
from handlers.privacy import mask
from handlers.sections import BY_ID, SECTIONS, View, render
from knowledge.places import Gazetteer

MAX_TEXT = 2000  # characters of one message from the console (the chat's own limit)
MAX_ID_DIGITS = 18
QUEUE_SIZE = 100  # tickets shown
RECENT = 4  # the citizen's last messages shown with an open ticket
SENDABLE = tuple(s for s in SECTIONS if s.render is not None)
NOT_FOUND = "Không có phiếu này."
OTHER_WARD = "Phiếu này thuộc xã, phường khác: bạn không xem hay nhận được."
NOT_HELD = "Bạn không giữ phiếu này (phiếu đã đóng, hoặc người khác đang hỗ trợ)."
EMPTY = "Tin nhắn trống."
TOO_LONG = f"Tin nhắn dài quá {MAX_TEXT} ký tự; hãy chia thành nhiều tin."
UNDELIVERED = "Chưa gửi được tới người dân qua kênh của họ. Bạn thử lại sau ít phút."
NO_PROCEDURE = "Hãy chọn một thủ tục."
NO_SECTION = "Thủ tục này không có phần đã chọn."
CLAIMED_LINE = "{name} đã nhận phiếu."
CLOSED_LINE = "Đã đóng phiếu; người dân được mời đánh giá buổi hỗ trợ."
SENT_LINE = "Đã gửi: {label} — {title}"


class Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def queue_topic() -> str:
    return "queue"


def account_topic(account_id: int | str) -> str:
    """What the account's open consoles listen to: its tickets' new lines."""
    return f"console:{account_id}"


@dataclass
class Desk:
    relay: HandoffRelay
    repo: ConsoleRepo
    bus: Bus
    places: Gazetteer | None = None

    @property
    def handoff(self) -> HandoffRepo:
        return self.relay.repo

    # --- scope ------------------------------------------------------------------------------
    def ward(self, account: AccountRow) -> str | None:
        """The full name of the account's commune ("Phường X, Thành phố Y"), or None: all."""
        return ward_of(account.commune_code, self.places)

    def visible(self, ticket: Ticket, ward: str | None) -> bool:
        return in_ward(ticket.locality, ward, self.relay.store.current.localities)

    async def ticket(self, account: AccountRow, raw_id: str) -> Ticket:
        raw = raw_id.strip()
        if not raw.isascii() or not raw.isdigit() or len(raw) > MAX_ID_DIGITS:
            raise Refused(404, NOT_FOUND)
        ticket = await self.handoff.get(int(raw))
        if ticket is None:
            raise Refused(404, NOT_FOUND)
        if not self.visible(ticket, self.ward(account)):
            raise Refused(403, OTHER_WARD)
        return ticket

    async def volunteer(self, account: AccountRow) -> Volunteer:
        return await self.repo.volunteer(account.id, account.name)

    async def _held(self, account: AccountRow, raw_id: str) -> tuple[Ticket, Volunteer]:
        ticket = await self.ticket(account, raw_id)
        volunteer = await self.volunteer(account)
        if ticket.status != "claimed" or ticket.volunteer_id != volunteer.id:
            raise Refused(409, NOT_HELD)
        return ticket, volunteer

    async def _changed(self, account: AccountRow, queue: bool = True) -> None:
        await self.bus.publish_quietly(account_topic(account.id))
        if queue:
            await self.bus.publish_quietly(queue_topic())

    # --- actions ----------------------------------------------------------------------------
    async def duty(self, account: AccountRow, on: bool) -> None:
        volunteer = await self.volunteer(account)
        await self.handoff.set_duty(volunteer.id, on)
        await self._changed(account)

    async def claim(self, account: AccountRow, raw_id: str) -> Ticket:
        ticket = await self.ticket(account, raw_id)
        volunteer = await self.volunteer(account)
        if not await self.handoff.claim(ticket.id, volunteer.id):
            now = await self.handoff.get(ticket.id)
            lost = now is not None and now.status == "claimed"
            message = wording.CLAIM_LOST if lost else wording.CLAIM_GONE
            raise Refused(409, message.format(id=ticket.id))
        claimed = await self.handoff.get(ticket.id) or ticket
        await self.relay.greet(volunteer, claimed)
        await self.repo.add(claimed.id, "system", CLAIMED_LINE.format(name=volunteer.name))
        await self._changed(account)
        return claimed

    async def say(self, account: AccountRow, raw_id: str, text: str) -> None:
        body = text.strip()
        if not body:
            raise Refused(400, EMPTY)
        if len(body) > MAX_TEXT:
            raise Refused(413, TOO_LONG)
        ticket, volunteer = await self._held(account, raw_id)
        words = Reply(wording.TO_CITIZEN.format(name=volunteer.name, text=body))
        if not await self.relay.outbound.send(ticket.channel, ticket.external_id, (words,)):
            raise Refused(409, UNDELIVERED)
        await self.repo.add(ticket.id, "volunteer", mask(body), volunteer.name)
        await self._changed(account, queue=False)

    async def send_section(
        self, account: AccountRow, raw_id: str, procedure_id: str, section_id: str
    ) -> str:
        ticket, volunteer = await self._held(account, raw_id)
        kb = self.relay.store.current
        proc = kb.get(procedure_id.strip()) if procedure_id.strip() else None
        if proc is None:
            raise Refused(400, NO_PROCEDURE)
        section = BY_ID.get(section_id.strip() or "card")
        locality = kb.localities.get(ticket.locality) if ticket.locality else None
        view = View(proc, kb, locality, ticket.locality, vietnam_now().date())
        text = render(section, view) if section is not None else None
        if section is None or not text:
            raise Refused(400, NO_SECTION)
        if not await self.relay.outbound.send(ticket.channel, ticket.external_id, (Reply(text),)):
            raise Refused(409, UNDELIVERED)
        line = SENT_LINE.format(label=section.label, title=proc.title)
        await self.repo.add(ticket.id, "volunteer", line, volunteer.name)
        await self._changed(account, queue=False)
        return line

    async def close(self, account: AccountRow, raw_id: str) -> None:
        ticket, _ = await self._held(account, raw_id)
        if not await self.relay.end(ticket):
            raise Refused(409, NOT_HELD)
        await self.repo.add(ticket.id, "system", CLOSED_LINE)
        await self._changed(account)

    # --- reading ----------------------------------------------------------------------------
    async def board(self, account: AccountRow) -> dict[str, Any]:
        """The queue, the volunteers and what each holds, as the console shows them."""
        me = await self.volunteer(account)
        ward = self.ward(account)
        kb = self.relay.store.current
        volunteers = {v.id: v for v in await self.handoff.volunteers()}
        tickets = [t for t in await self.handoff.queue() if self.visible(t, ward)][:QUEUE_SIZE]
        shown = []
        for t in tickets:
            mine = t.volunteer_id == me.id
            recent = []
            if t.status == "open" or mine:
                rows = await self.relay.storage.messages_for(t.citizen_id, RECENT)
                recent = [
                    {"who": r.direction, "text": r.text.splitlines()[0][:200] if r.text else ""}
                    for r in reversed(rows)
                ]
            proc = kb.get(t.procedure_id) if t.procedure_id else None
            holder = volunteers.get(t.volunteer_id) if t.volunteer_id else None
            shown.append(
                {
                    "id": t.id,
                    "status": t.status,
                    "channel": wording.CHANNEL_LABELS.get(t.channel, t.channel),
                    "summary": t.summary,
                    "procedure": t.procedure_id or "",
                    "procedure_title": proc.title if proc else "",
                    "place": t.locality or "",
                    "since": t.created_at.isoformat(),
                    "holder": holder.name if holder else None,
                    "mine": mine,
                    "recent": recent,
                }
            )
        holds: dict[int, list[int]] = {}
        for t in tickets:
            if t.status == "claimed" and t.volunteer_id is not None:
                holds.setdefault(t.volunteer_id, []).append(t.id)
        return {
            "me": {"name": me.name, "on_duty": me.on_duty, "ward": ward},
            "tickets": shown,
            "volunteers": [
                {
                    "name": v.name,
                    "channel": wording.CHANNEL_LABELS.get(v.channel, v.channel),
                    "on_duty": v.on_duty,
                    "holds": holds.get(v.id, []),
                }
                for v in volunteers.values()
            ],
        }

    async def lines(self, account: AccountRow, after: int) -> list[Line]:
        """New lines of the tickets the account holds."""
        me = await self.volunteer(account)
        held = [t.id for t in await self.handoff.queue() if t.volunteer_id == me.id]
        return await self.repo.lines(held, after)


CONSOLE: web.AppKey[Desk] = web.AppKey("console-desk", Desk)
