"""The console's page and JSON API, mounted in the dashboard (``bot.admin.routes.ROUTES``), so
sign-in, roles and the CSRF token on every POST are the dashboard's own.

- ``GET /admin/console``: the page (``console.html``, ``static/console.js``).
- ``GET /admin/api/console/board``: ``{"me", "tickets", "volunteers"}`` (:meth:`Desk.board`);
  with ``?after=<line id>`` also ``"lines"``: the held tickets' new lines (the polling fallback).
- ``GET /admin/api/console/stream``: Server-Sent Events: ``event: board`` (the same JSON, when it
  changed) and ``event: line`` (``id: <line id>``, ``{"id", "ticket", "author", "name",
  "text"}``); ``Last-Event-ID`` or ``?after=`` resumes after a line.
- ``POST /admin/api/console/duty`` (``on=1|0``), ``…/tickets/{id}/claim``,
  ``…/tickets/{id}/messages`` (``text``), ``…/tickets/{id}/section`` (``procedure``,
  ``section``), ``…/tickets/{id}/close``: 200 ``{"ok": true}`` or a 4xx ``{"error": "…"}``.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from bot.admin.audit import record
from bot.admin.context import render, session_of, visible
from bot.console.desk import CONSOLE, SENDABLE, Desk, Refused, account_topic, queue_topic
from bot.console.repo import Line
from bot.live.chat import DRAINING, LIVE
from bot.live.stream import event, last_event_id, serve

REREAD = 3.0  # the board is read again this often while a console is open (claims on Telegram)
MAX_AFTER_DIGITS = 18


def desk_of(request: web.Request) -> Desk:
    return request.config_dict[CONSOLE]


def _json(data: Any, status: int = 200) -> web.Response:
    return web.json_response(
        data, status=status, dumps=lambda obj: json.dumps(obj, ensure_ascii=False)
    )


def _marked(data: Any) -> Any:
    """``data`` with every text's invisible characters shown as marks, as the dashboard's pages
    show them (:func:`bot.admin.context.visible`): a citizen's message cannot read backwards or
    hide part of itself on the console."""
    if isinstance(data, str):
        return visible(data)
    if isinstance(data, dict):
        return {key: _marked(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_marked(value) for value in data]
    return data


def _refused(exc: Refused) -> web.Response:
    return _json({"error": exc.message}, exc.status)


def _line(line: Line) -> dict[str, Any]:
    return {
        "id": line.id,
        "ticket": line.ticket_id,
        "author": line.author,
        "name": line.name,
        "text": visible(line.text),
    }


def _after(raw: str) -> int:
    if not raw.isascii() or not raw.isdigit() or len(raw) > MAX_AFTER_DIGITS:
        raise web.HTTPBadRequest(
            text='{"error": "`after` must be a non-negative integer"}',
            content_type="application/json",
        )
    return int(raw)


async def page(request: web.Request) -> web.Response:
    desk = desk_of(request)
    kb = desk.relay.store.current
    procedures = sorted(((p.id, p.title) for p in kb.procedures.values()), key=lambda p: p[1])
    sections = [(s.id, s.label) for s in SENDABLE]
    return render(request, "console.html", procedures=procedures, sections=sections)


async def board(request: web.Request) -> web.Response:
    desk, account = desk_of(request), session_of(request).account
    data = _marked(await desk.board(account))
    if "after" in request.query:
        after = _after(request.query["after"])
        data["lines"] = [_line(x) for x in await desk.lines(account, after)]
    return _json(data)


async def stream(request: web.Request) -> web.StreamResponse:
    desk, account = desk_of(request), session_of(request).account
    cursor = _after(last_event_id(request))
    shown = ""

    async def step() -> list[bytes]:
        nonlocal cursor, shown
        chunks = []
        now = json.dumps(_marked(await desk.board(account)), ensure_ascii=False, sort_keys=True)
        if now != shown:
            shown = now
            chunks.append(event(json.loads(now), name="board"))
        for line in await desk.lines(account, cursor):
            chunks.append(event(_line(line), id=line.id, name="line"))
            cursor = line.id
        return chunks

    topics = [queue_topic(), account_topic(account.id)]
    return await serve(
        request,
        request.config_dict[LIVE],
        topics,
        step,
        draining=request.config_dict[DRAINING],
        reread=REREAD,
    )


async def _form(request: web.Request) -> dict[str, str]:
    form = await request.post()
    return {k: v for k, v in form.items() if isinstance(v, str)}


async def duty(request: web.Request) -> web.Response:
    on = (await _form(request)).get("on", "") == "1"
    await desk_of(request).duty(session_of(request).account, on)
    await record(request, "console.duty", None, on=on)
    return _json({"ok": True, "on_duty": on})


async def claim(request: web.Request) -> web.Response:
    account = session_of(request).account
    try:
        ticket = await desk_of(request).claim(account, request.match_info["id"])
    except Refused as exc:
        return _refused(exc)
    await record(request, "console.claim", f"ticket:{ticket.id}")
    return _json({"ok": True, "ticket": ticket.id})


async def say(request: web.Request) -> web.Response:
    text = (await _form(request)).get("text", "")
    try:
        await desk_of(request).say(session_of(request).account, request.match_info["id"], text)
    except Refused as exc:
        return _refused(exc)
    return _json({"ok": True})


async def section(request: web.Request) -> web.Response:
    form = await _form(request)
    try:
        line = await desk_of(request).send_section(
            session_of(request).account,
            request.match_info["id"],
            form.get("procedure", ""),
            form.get("section", ""),
        )
    except Refused as exc:
        return _refused(exc)
    return _json({"ok": True, "sent": line})


async def close(request: web.Request) -> web.Response:
    account = session_of(request).account
    try:
        await desk_of(request).close(account, request.match_info["id"])
    except Refused as exc:
        return _refused(exc)
    await record(request, "console.close", f"ticket:{request.match_info['id']}")
    return _json({"ok": True})
