"""The audit log: every dashboard action, who did it and when (admins only)."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from bot.admin.context import admin_of, render, session_of, when
from bot.admin.csvout import csv_response

MAX_PAGE = 1_000_000  # beyond any real log; keeps the offset a small integer
PAGE = 100


async def record(
    request: web.Request, action: str, target: str | None = None, **detail: Any
) -> None:
    """Audit an action of the signed-in account."""
    await admin_of(request).audit_log.audit(
        session_of(request).account.name, action, target, **detail
    )


def _filters(request: web.Request) -> dict[str, str]:
    return {k: request.query[k].strip() for k in ("user", "action") if request.query.get(k)}


async def page(request: web.Request) -> web.Response:
    filters = _filters(request)
    raw = request.query.get("page", "1")
    number = max(1, min(int(raw), MAX_PAGE)) if raw.isascii() and raw.isdigit() else 1
    rows, total = await admin_of(request).audit_log.audit_entries(
        user_name=filters.get("user"),
        action=filters.get("action"),
        limit=PAGE,
        offset=(number - 1) * PAGE,
    )
    return render(
        request,
        "audit.html",
        rows=rows,
        total=total,
        number=number,
        pages=max(1, -(-total // PAGE)),
        filters=filters,
        dumps=lambda d: json.dumps(d, ensure_ascii=False, sort_keys=True),
    )


async def export(request: web.Request) -> web.StreamResponse:
    filters = _filters(request)
    rows, _ = await admin_of(request).audit_log.audit_entries(
        user_name=filters.get("user"), action=filters.get("action"), limit=100_000
    )
    return csv_response(
        "nhat-ky.csv",
        ["thời điểm", "người dùng", "hành động", "đối tượng", "chi tiết"],
        (
            [
                when(r.at),
                r.user_name,
                r.action,
                r.target or "",
                json.dumps(r.detail, ensure_ascii=False),
            ]
            for r in rows
        ),
    )
