"""Accounts page (admins): who can sign in, with which role; lock and unlock.

Accounts are created with ``python -m bot users add NAME --role ROLE`` (the password is typed,
never passed on the command line).
"""

from __future__ import annotations

from aiohttp import web

from bot.admin.audit import record
from bot.admin.context import PREFIX, admin_of, redirect, render, who


async def page(request: web.Request) -> web.Response:
    return render(request, "users.html", accounts=await admin_of(request).accounts.accounts())


async def toggle(request: web.Request) -> web.StreamResponse:
    name = request.match_info["name"]
    disable = request.match_info["op"] == "disable"
    if disable and name == who(request):
        raise redirect(PREFIX + "/users", "not_self")
    if not await admin_of(request).accounts.update_account(name, disabled=disable):
        raise web.HTTPNotFound()
    await record(request, "user.disable" if disable else "user.enable", f"user:{name}")
    raise redirect(PREFIX + "/users", "user_changed")
