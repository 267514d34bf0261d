"""Data requests received by phone or in person (admins): erase a citizen by channel and user
id, with the same effect as "/xoadulieu" in the chat (rows, refused writes in the spool, the
volunteer holding their ticket told) and an audit entry that holds no id and no words.

A citizen finds their id with "/dulieu" in the chat. Requests by phone number go to the
features that keep phone numbers (:data:`bot.storage.privacy.PHONE_ERASERS`): call-backs.
"""

from __future__ import annotations

from aiohttp import web

from bot.admin.context import admin_of, render, who
from bot.admin.volunteers import CHANNELS, _outbound
from bot.privacy import wording
from bot.privacy.erasure import Eraser
from bot.storage.privacy import ERASE_ACTION, erase_phone
from bot.storage.turns.spool import spool_directory
from handlers.events import Reply

MAX_ID = 128  # users.external_id


async def _page(
    request: web.Request, status: int = 200, error: str | None = None, done: str | None = None
) -> web.Response:
    rows, total = await admin_of(request).audit_log.audit_entries(action=ERASE_ACTION, limit=50)
    return render(
        request,
        "privacy.html",
        status=status,
        error=error,
        done=done,
        erasures=rows,
        total=total,
        channels=CHANNELS,
    )


async def page(request: web.Request) -> web.Response:
    return await _page(request)


async def erase(request: web.Request) -> web.Response:
    form = await request.post()
    channel = str(form.get("channel", "")).strip()
    external_id = str(form.get("external_id", "")).strip()
    phone = str(form.get("phone", "")).strip()
    if form.get("verified") != "yes":
        return await _page(request, 400, "Hãy xác nhận đã xác minh người yêu cầu.")
    admin = admin_of(request)
    if phone:
        if sum(ch.isdigit() for ch in phone) < 9:
            return await _page(request, 400, "Số điện thoại chưa đúng.")
        rows = await erase_phone(admin.engine, phone, by=who(request))
        if rows is None:
            return await _page(
                request, done="Chưa có tính năng nào lưu số điện thoại: không có gì để xóa."
            )
        return await _page(request, done=f"Đã xóa {rows} mục gắn với số điện thoại này.")
    if channel not in CHANNELS or not external_id or len(external_id) > MAX_ID:
        return await _page(request, 400, "Hãy chọn kênh và nhập mã người dùng (tối đa 128 ký tự).")
    settings = admin.settings
    eraser = Eraser(admin.engine, spool_directory(settings.spool_dir, settings.database_url))
    erased = await eraser(channel, external_id, who(request), "dashboard")
    if (outbound := _outbound(request)) is not None:
        for volunteer_channel, volunteer_id, ticket_id in erased.volunteers:
            notice = Reply(wording.VOLUNTEER_ERASED.format(id=ticket_id))
            await outbound.send(volunteer_channel, volunteer_id, (notice,))
    if not erased.found and not erased.rows:
        return await _page(
            request,
            done="Không tìm thấy dữ liệu nào của người dùng này trên kênh đó; không có gì bị xóa.",
        )
    counts = erased.counts()
    summary = ", ".join(f"{counts[k]} {label}" for k, label in wording.KINDS if counts.get(k))
    return await _page(
        request, done=f"Đã xóa dữ liệu của người dùng này: {summary or 'không còn mục nào'}."
    )
