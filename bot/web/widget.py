"""The chat widget for other sites, and who may call the chat API from a browser (CORS).

``GET /widget.js``: one tag ``<script src="https://<host>/widget.js" data-locality="…" async>``
puts a chat bubble on any page (``static/widget.js``: Shadow DOM, no inline script, no CDN). It is
served as one script: the chat core the page shares (``static/chat-core.js``), then the widget,
inside one function, so the site makes one request and keeps no global but the widget's own. The
widget talks to this server's ``/api/chat`` and ``/api/chat/updates`` from the embedding page's
origin, so those two paths answer cross-origin requests from the origins in ``WIDGET_ORIGINS``
only:

- a preflight (``OPTIONS`` with ``Access-Control-Request-Method``) from an allowed origin gets
  204 with the methods and the one header the widget sends; from any other origin, 403;
- a request from an allowed origin is handled and its answer (errors included) carries
  ``Access-Control-Allow-Origin: <that origin>``; never ``Access-Control-Allow-Credentials``
  (the API reads no cookie);
- a request whose ``Origin`` is neither this server nor an allowed origin is refused (403)
  before it is handled: a page elsewhere cannot make the bot talk, not even with a "simple"
  request that skips the preflight. Requests without ``Origin`` (tools, same-origin GETs)
  pass as before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.typedefs import Handler

from bot.config import Settings

STATIC = Path(__file__).with_name("static")
WIDGET = STATIC / "widget.js"
CORE = STATIC / "chat-core.js"
CORS_PATHS = frozenset({"/api/chat", "/api/chat/updates"})
METHODS = "GET, POST"
ALLOWED_HEADERS = "Content-Type"
PREFLIGHT_MAX_AGE = 600  # seconds a browser may reuse a preflight's answer
WIDGET_CACHE = "public, max-age=3600"  # an hour: a new version reaches every page the same day
WIDGET_ORIGINS: web.AppKey[frozenset[str]] = web.AppKey("widget-origins", frozenset)
WIDGET_SCRIPT: web.AppKey[tuple[bytes, str]] = web.AppKey("widget-script", tuple)


def widget_script() -> tuple[bytes, str]:
    """The script ``/widget.js`` serves (the core, then the widget, in one function) and its
    entity tag (a hash of it)."""
    body = b"(function () {\n" + CORE.read_bytes() + b"\n" + WIDGET.read_bytes() + b"})();\n"
    return body, hashlib.sha256(body).hexdigest()[:32]


def origins(setting: str) -> frozenset[str]:
    """``WIDGET_ORIGINS`` as a set of origins in the form browsers send (no trailing slash)."""
    return frozenset(o.strip().rstrip("/").lower() for o in setting.split(",") if o.strip())


def _own(request: web.Request, origin: str) -> bool:
    """The page calling is served by this server (the chat page itself)."""
    return urlsplit(origin).netloc.lower() == request.host.lower()


def _allowed(request: web.Request, origin: str) -> bool:
    return origin.lower() in request.app[WIDGET_ORIGINS]


def _refused() -> web.Response:
    return web.json_response({"error": "this origin may not call the chat API"}, status=403)


@web.middleware
async def cors(request: web.Request, handler: Handler) -> web.StreamResponse:
    if request.path not in CORS_PATHS:
        return await handler(request)
    origin = request.headers.get("Origin")
    if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
        wanted = request.headers["Access-Control-Request-Method"].upper()
        if origin is None or not _allowed(request, origin) or wanted not in ("GET", "POST"):
            return _refused()
        return web.Response(
            status=204,
            headers={
                "Access-Control-Allow-Origin": origin,
                "Access-Control-Allow-Methods": METHODS,
                "Access-Control-Allow-Headers": ALLOWED_HEADERS,
                "Access-Control-Max-Age": str(PREFLIGHT_MAX_AGE),
                "Vary": "Origin",
            },
        )
    if origin is not None and not _own(request, origin) and not _allowed(request, origin):
        return _refused()
    return await handler(request)


async def cors_headers(request: web.Request, response: web.StreamResponse) -> None:
    """On every answer of the chat API to an allowed origin, errors and 413s included."""
    if request.path not in CORS_PATHS:
        return
    response.headers["Vary"] = "Origin"
    origin = request.headers.get("Origin")
    if origin is not None and _allowed(request, origin) and not _own(request, origin):
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Expose-Headers"] = "Retry-After"


async def widget(request: web.Request) -> web.Response:
    body, tag = request.app[WIDGET_SCRIPT]
    headers = {
        "Content-Type": "text/javascript; charset=utf-8",
        "Cache-Control": WIDGET_CACHE,
        "ETag": f'"{tag}"',
        # Pages that isolate themselves (Cross-Origin-Embedder-Policy) may still load it.
        "Cross-Origin-Resource-Policy": "cross-origin",
    }
    if any(known.value == tag for known in request.if_none_match or ()):
        return web.Response(status=304, headers=headers)
    return web.Response(body=body, headers=headers)


def setup_widget(app: web.Application, settings: Settings | None = None) -> None:
    """Serve ``/widget.js`` and guard the chat API's cross-origin use (before ``app`` starts)."""
    allow(app, origins(settings.widget_origins) if settings else ())
    app.middlewares.append(cors)
    app.on_response_prepare.append(cors_headers)
    app[WIDGET_SCRIPT] = widget_script()
    app.router.add_get("/widget.js", widget)


def allow(app: web.Application, allowed: Iterable[str]) -> None:
    app[WIDGET_ORIGINS] = frozenset(allowed)
