"""Volunteers page (admins): one-time invite codes, who is linked on which channel, on or off duty.

An invite is made by :meth:`HandoffRepo.invite`, the same call as ``motcua volunteers invite``;
the code is shown once and only its hash is stored. "Nghỉ trực" puts a volunteer off duty (they
can come back with /truc). "Gỡ" removes the link: the account stops being a volunteer and needs a
new invite; a ticket they were holding is closed and its citizen told. Every action is audited.
"""

from __future__ import annotations

from datetime import timedelta

from aiohttp import web

from bot.admin.audit import record
from bot.admin.context import PREFIX, admin_of, redirect, render
from bot.handoff import wording
from bot.handoff.models import Volunteer
from bot.outbound import Outbound
from bot.web.chat_api import SERVICE
from handlers.events import Reply

MAX_NAME = 80  # volunteers.name
DAYS = range(1, 31)
CHANNELS = wording.CHANNEL_LABELS
OFF_DUTY = "Quản trị viên đã chuyển bạn sang nghỉ trực. Gõ /truc khi bạn muốn trực lại."
REMOVED = "Tài khoản này không còn trong tổ hỗ trợ. Cảm ơn bạn đã giúp đỡ người dân!"
CITIZEN_LEFT = (
    "Tình nguyện viên đang giúp bạn đã ngừng hỗ trợ. motcua tiếp tục trả lời bạn. "
    "Nếu vẫn cần gặp người, bạn nhắn «gặp người hỗ trợ» nhé."
)


def _outbound(request: web.Request) -> Outbound | None:
    """The running chat service's senders, when the dashboard is mounted on the chat app."""
    service = request.config_dict.get(SERVICE)
    return service.outbound if service is not None else None


async def _page(
    request: web.Request,
    status: int = 200,
    error: str | None = None,
    created: dict[str, str | int] | None = None,
    name: str = "",
) -> web.Response:
    repo = admin_of(request).handoff
    return render(
        request,
        "volunteers.html",
        status=status,
        volunteers=await repo.volunteers(),
        held=await repo.held(),
        invites=await repo.pending_invites(),
        channels=CHANNELS,
        error=error,
        created=created,
        name=name,
        days=DAYS,
    )


async def page(request: web.Request) -> web.Response:
    return await _page(request)


async def invite(request: web.Request) -> web.Response:
    form = await request.post()
    name = " ".join(str(form.get("name", "")).split())
    raw_days = str(form.get("days", "7")).strip()
    if not name or len(name) > MAX_NAME:
        error = f"Hãy nhập tên (tối đa {MAX_NAME} ký tự)."
        return await _page(request, 400, error, name=name[:200])
    if not raw_days.isascii() or not raw_days.isdigit() or int(raw_days) not in DAYS:
        return await _page(request, 400, "Số ngày hiệu lực phải từ 1 đến 30.", name=name)
    days = int(raw_days)
    code = await admin_of(request).handoff.invite(name, timedelta(days=days))
    await record(request, "volunteer.invite", f"invite:{name}", days=days)  # never the code
    return await _page(request, created={"name": name, "code": code, "days": days})


async def _volunteer(request: web.Request) -> Volunteer:
    raw = request.match_info["id"]
    found = None
    if raw.isascii() and raw.isdigit() and len(raw) <= 18:
        found = await admin_of(request).handoff.volunteer_by_id(int(raw))
    if found is None:
        raise web.HTTPNotFound()
    return found


async def off_duty(request: web.Request) -> web.StreamResponse:
    volunteer = await _volunteer(request)
    await admin_of(request).handoff.set_duty(volunteer.id, False)
    await record(request, "volunteer.off_duty", f"volunteer:{volunteer.id}", name=volunteer.name)
    if (outbound := _outbound(request)) is not None:
        await outbound.send(volunteer.channel, volunteer.external_id, (Reply(OFF_DUTY),))
    raise redirect(PREFIX + "/volunteers", "volunteer_off")


async def remove(request: web.Request) -> web.StreamResponse:
    volunteer = await _volunteer(request)
    repo = admin_of(request).handoff
    closed = [t for t in (await repo.held()).get(volunteer.id, []) if await repo.close(t)]
    await repo.remove(volunteer.id)
    await record(
        request,
        "volunteer.remove",
        f"volunteer:{volunteer.id}",
        name=volunteer.name,
        channel=volunteer.channel,
        closed_tickets=closed,
    )
    if (outbound := _outbound(request)) is not None:
        await outbound.send(volunteer.channel, volunteer.external_id, (Reply(REMOVED),))
        for ticket_id in closed:
            ticket = await repo.get(ticket_id)
            if ticket is not None:
                await outbound.send(ticket.channel, ticket.external_id, (Reply(CITIZEN_LEFT),))
    raise redirect(PREFIX + "/volunteers", "volunteer_removed")
