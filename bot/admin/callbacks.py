"""Call-backs page (volunteers and up): who asked to be called back, when, and how it went.

The list shows each number to volunteers and admins, who make the calls; a supervisor sees the
queue with the number masked. An account bound to a commune (``motcua users add --role
volunteer --commune <code>``) sees, counts and changes only the call-backs of that commune and
those whose place is not known, as in the console's queue: a number is shown only to those who
serve the citizen's ward (a call-back of another ward is "not found"). A status change (chưa
gọi / đã gọi / không liên lạc được) is a CSRF-checked POST, audited with the call-back's id and
the new status, never the number.
"""

from __future__ import annotations

from aiohttp import web

from bot.admin.audit import record
from bot.admin.auth import Role
from bot.admin.context import PREFIX, admin_of, redirect, render, role_of, session_of, who
from bot.callbacks.models import STATUSES
from bot.callbacks.repo import CallbackRepo
from bot.places import ward_of, ward_places
from handlers.privacy import mask
from handlers.texts import CALLBACK_SLOTS
from knowledge.places import gazetteer

LABELS = {"pending": "Chưa gọi", "called": "Đã gọi", "unreachable": "Không liên lạc được"}
SEE_NUMBERS = frozenset({Role.ADMIN, Role.VOLUNTEER})  # the ones who call
MAX_ID_DIGITS = 18


def _repo(request: web.Request) -> CallbackRepo:
    return CallbackRepo(admin_of(request).engine)


def _places(request: web.Request) -> frozenset[str] | None:
    """The place values of the signed-in account's ward, or None: it serves every ward."""
    code = session_of(request).account.commune_code
    if code is None:
        return None
    ward = ward_of(code, gazetteer()) or f"#{code}"
    return ward_places(ward, admin_of(request).store.current.localities)


async def page(request: web.Request) -> web.Response:
    wanted = request.query.get("status", "")
    status = wanted if wanted in STATUSES else None
    repo = _repo(request)
    kb = admin_of(request).store.current
    places = _places(request)
    listed = await repo.listing(status, places=places)
    titles = {
        c.procedure_id: (proc.title if (proc := kb.get(c.procedure_id)) else c.procedure_id)
        for c in listed
        if c.procedure_id
    }
    return render(
        request,
        "callbacks.html",
        callbacks=listed,
        counts=await repo.counts(places),
        chosen=status,
        labels=LABELS,
        slots={slot: label for slot, (label, _) in CALLBACK_SLOTS.items()},
        titles=titles,
        numbers=role_of(request) in SEE_NUMBERS,
        mask=mask,
    )


async def change(request: web.Request) -> web.StreamResponse:
    raw = request.match_info["id"]
    if not (raw.isascii() and raw.isdigit() and len(raw) <= MAX_ID_DIGITS):
        raise web.HTTPNotFound()
    form = await request.post()
    status = str(form.get("status", ""))
    if status not in STATUSES:
        raise web.HTTPBadRequest(text="Trạng thái không hợp lệ.")
    callback_id = int(raw)
    if not await _repo(request).set_status(callback_id, status, who(request), _places(request)):
        raise web.HTTPNotFound()
    await record(request, "callback.status", f"callback:{callback_id}", status=status)
    raise redirect(PREFIX + "/callbacks", "callback_changed")
