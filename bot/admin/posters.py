"""QR posters page (admins and supervisors): one procedure or a whole group, PNG, SVG or PDF.

The posters are drawn by :mod:`bot.posters`, the same code as ``motcua qr``. A download changes
nothing, so it is a GET (no CSRF token). Rendering runs in a worker thread, at most two at a time,
so a large group does not hold up the chat.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.admin.context import admin_of, render
from bot.posters import FORMATS, Links, PosterError
from bot.posters.files import (
    PosterFile,
    bundle,
    find_locality,
    find_procedure,
    group_procedures,
    menu_or_none,
    poster_file,
)
from knowledge.base import KnowledgeBase
from knowledge.locality import Locality

FORMAT_LABELS = {"pdf": "PDF (để in)", "png": "PNG (ảnh)", "svg": "SVG (để chỉnh sửa)"}
MAX_PARAM = 200


@dataclass(frozen=True)
class Request:
    """What the download form asked for, already checked against the knowledge base."""

    fmt: str
    locality: Locality | None
    procedure_id: str | None = None
    group: str | None = None


class Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def _links(request: web.Request) -> Links:
    settings = admin_of(request).settings
    return Links(settings.telegram_bot_username, settings.zalo_link)


def _choices(kb: KnowledgeBase) -> dict[str, Any]:
    """The form's options: procedures by group, topics and groups, localities."""
    by_group = [
        (group, sorted((kb.procedures[i] for i in ids), key=lambda p: p.title))
        for group, ids in sorted(kb.groups.items())
    ]
    menu = menu_or_none()
    topics = [
        (t.id, t.label, len(group_procedures(kb, t.id, menu)))
        for t in (menu.topics if menu else [])
    ]
    groups = [(g, len(ids)) for g, ids in sorted(kb.groups.items())]
    localities = sorted(kb.localities.values(), key=lambda loc: loc.name)
    return {"by_group": by_group, "topics": topics, "groups": groups, "localities": localities}


def _page(request: web.Request, status: int = 200, error: str | None = None) -> web.Response:
    kb = admin_of(request).store.current
    try:
        links: Links | None = _links(request)
        setup_error = None
    except PosterError as exc:
        links, setup_error = None, str(exc)
    return render(
        request,
        "posters.html",
        status=status,
        error=error,
        setup_error=setup_error,
        links=links,
        formats=FORMAT_LABELS,
        form={k: request.query.get(k, "")[:MAX_PARAM] for k in ("procedure", "group", "locality")}
        | {"format": request.query.get("format", "pdf")},
        **_choices(kb),
    )


async def page(request: web.Request) -> web.Response:
    return _page(request)


def _parse(request: web.Request, kb: KnowledgeBase) -> Request:
    query = request.query
    fmt = query.get("format", "pdf")
    if fmt not in FORMATS:
        raise Refused(400, f"Định dạng không hợp lệ: hãy chọn {', '.join(FORMATS)}.")
    procedure, group = (query.get(k, "").strip()[:MAX_PARAM] for k in ("procedure", "group"))
    if bool(procedure) == bool(group):
        raise Refused(400, "Hãy chọn một thủ tục hoặc một nhóm thủ tục.")
    locality = None
    if wanted := query.get("locality", "").strip()[:MAX_PARAM]:
        locality = find_locality(kb, wanted)
        if locality is None:
            raise Refused(400, f"Không có địa phương «{wanted}».")
    if procedure:
        proc = find_procedure(kb, procedure)
        if proc is None:
            raise Refused(404, f"Không có thủ tục «{procedure}».")
        return Request(fmt, locality, procedure_id=proc.id)
    if not group_procedures(kb, group):
        raise Refused(404, f"Không có nhóm hay chủ đề «{group}».")
    return Request(fmt, locality, group=group)


def _make(kb: KnowledgeBase, links: Links, asked: Request) -> PosterFile:
    if asked.procedure_id is not None:
        proc = kb.procedures[asked.procedure_id]
        return poster_file(kb, proc, links, asked.locality, asked.fmt)
    assert asked.group is not None
    procs = group_procedures(kb, asked.group)
    menu = menu_or_none()
    topic = menu.topic(asked.group) if menu else None
    name = topic.label if topic else procs[0].group
    return bundle(kb, procs, links, asked.locality, asked.fmt, name)


async def download(request: web.Request) -> web.StreamResponse:
    admin = admin_of(request)
    kb = admin.store.current
    try:
        links = _links(request)
        asked = _parse(request, kb)
        async with admin.rendering:
            made = await asyncio.to_thread(_make, kb, links, asked)
    except Refused as refused:
        return _page(request, refused.status, refused.message)
    except PosterError as exc:  # no link configured, an id that cannot be a deep link
        return _page(request, 409, str(exc))
    return web.Response(
        body=made.data,
        content_type=made.content_type,
        headers={"Content-Disposition": f'attachment; filename="{made.name}"'},
    )
