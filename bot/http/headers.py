"""Security headers on every response the host sends (errors, 404s and 413s included).

The dashboard (``/admin``) is never framed and never cached; the public pages may be framed only
by the origins in ``FRAME_ANCESTORS``.
"""

from __future__ import annotations

from collections.abc import Sequence

from aiohttp import web

PUBLIC_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'"
ADMIN_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
FRAME_ANCESTORS: web.AppKey[str] = web.AppKey("frame-ancestors", str)


def frame_ancestors(origins: Sequence[str]) -> str:
    """The CSP source list of who may frame the public pages: nobody unless origins are given."""
    return " ".join(origins) if origins else "'none'"


async def security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """On every response this app sends, errors and 413s included (``on_response_prepare``)."""
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    if request.path == "/admin" or request.path.startswith("/admin/"):
        headers.setdefault("Content-Security-Policy", ADMIN_CSP)
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Cache-Control", "no-store")
        return
    ancestors = request.app.get(FRAME_ANCESTORS, "'none'")
    headers.setdefault("Content-Security-Policy", f"{PUBLIC_CSP}; frame-ancestors {ancestors}")
    if ancestors == "'none'":
        headers.setdefault("X-Frame-Options", "DENY")
