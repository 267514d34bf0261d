"""Assemble the aiohttp application: static web chat page, chat API, health, readiness, metrics.

Operations (README "## Deploy"): ``/healthz`` says the process answers; ``/readyz`` says it can
serve (database reachable, knowledge base loaded, not shutting down), else 503 with a reason;
``/metrics`` is Prometheus text, for loopback or with ``Authorization: Bearer <METRICS_TOKEN>``.
Middlewares, outermost first: request id, metrics and access log, drain (503 once shutdown has
begun), per-route body limits; security headers are added to every response as it is sent
(errors, 404s and 413s included), and the public pages may be framed only by the origins in
``FRAME_ANCESTORS``.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web
from aiohttp.typedefs import Handler
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from bot import metrics
from bot.config import Settings
from bot.limits import networks
from bot.logs import request_ids
from bot.privacy.page import setup_privacy_page
from bot.service import ChatService
from bot.storage.durable import DurableTurns
from bot.web.chat_api import ANSWERS, MAX_BODY, SERVICE, TRUSTED, Answers, chat
from bot.web.updates import setup_updates
from bot.web.widget import setup_widget

STATIC = Path(__file__).with_name("static")


async def index(request: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


# --- operations: readiness, metrics, draining, body limits ------------------------------------

log = logging.getLogger("motcua.web")
READY_DB_TIMEOUT = 2.0  # seconds /readyz waits for the database
WEBHOOK_MAX_BODY = 1 << 20  # the Telegram and Zalo webhooks' own caps (1 MB)
ADMIN_MAX_BODY = 64 * 1024  # dashboard forms
DEFAULT_MAX_BODY = 16 * 1024  # anything else (GET routes read no body)
# (path prefix, largest body accepted); the first match wins. Content-Length over it → 413 before
# the handler; a chunked body is cut at the same size when the handler reads it.
BODY_LIMITS: tuple[tuple[str, int], ...] = (
    ("/api/chat", MAX_BODY),
    ("/telegram/", WEBHOOK_MAX_BODY),
    ("/zalo/", WEBHOOK_MAX_BODY),
    ("/admin", ADMIN_MAX_BODY),
)
PROBES = frozenset({"/healthz", "/readyz", "/metrics"})  # still answered while draining


@dataclass
class Lifecycle:
    """Shared with ``motcua run``: the shutdown's phase, and the requests in flight."""

    metrics_token: str | None = None
    draining: bool = False  # SIGTERM received: not ready, no new connections
    closed: bool = False  # in-flight requests done: anything new gets 503
    in_flight: int = 0
    idle: asyncio.Event = field(default_factory=asyncio.Event)

    def __post_init__(self) -> None:
        self.idle.set()

    async def wait_idle(self, timeout: float) -> bool:
        """Wait until no request is in flight, at most ``timeout`` seconds; True if none is."""
        try:
            await asyncio.wait_for(self.idle.wait(), timeout)
        except TimeoutError:
            return False
        return True


LIFECYCLE: web.AppKey[Lifecycle] = web.AppKey("lifecycle", Lifecycle)


def body_limit(path: str) -> int:
    return next(
        (limit for prefix, limit in BODY_LIMITS if path.startswith(prefix)), DEFAULT_MAX_BODY
    )


@web.middleware
async def drain(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Shutdown, as seen by requests (``motcua run`` closes the listening socket first).

    Draining: a request on a connection opened before is still served, in flight like the
    others, and its connection is closed after the answer. Closed (in-flight requests done,
    channels stopping): a request that still arrives gets 503, so its sender retries later.
    """
    state = request.app[LIFECYCLE]
    if state.closed and request.path not in PROBES:
        return web.json_response(
            {"error": "shutting down"},
            status=503,
            headers={"Connection": "close", "Retry-After": "1"},
        )
    state.in_flight += 1
    state.idle.clear()
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        if state.draining:
            exc.force_close()
        raise
    finally:
        state.in_flight -= 1
        if not state.in_flight:
            state.idle.set()
    if state.draining:
        response.force_close()
    return response


@web.middleware
async def body_limits(request: web.Request, handler: Handler) -> web.StreamResponse:
    limit = body_limit(request.path)
    if request.content_length is not None and request.content_length > limit:
        return web.json_response({"error": f"body over {limit} bytes"}, status=413)
    if request.body_exists and request.content_length is None:  # chunked: read() stops at limit
        request = request.clone(client_max_size=limit)
    return await handler(request)


async def readyz(request: web.Request) -> web.Response:
    if request.app[LIFECYCLE].draining:
        return web.json_response({"status": "stopping"}, status=503)
    service = request.app[SERVICE]
    procedures = len(service.store.current.procedures)
    if not procedures:
        return _unready("knowledge base empty")
    try:
        await asyncio.wait_for(_ping(service), READY_DB_TIMEOUT)
    except Exception as exc:
        log.warning("readiness: database unreachable (%s)", type(exc).__name__)
        if request.query.get("degraded") == "ok" and isinstance(service.turns, DurableTurns):
            # The proxy's check: answers still flow and every write goes to the durable spool,
            # so taking every instance out of rotation during an outage would only hurt.
            return web.json_response(
                {"status": "degraded", "reason": "database unreachable; writes spooled"}
            )
        return _unready("database unreachable")
    return web.json_response({"status": "ready", "procedures": procedures})


def _unready(reason: str) -> web.Response:
    return web.json_response({"status": "unavailable", "reason": reason}, status=503)


async def _ping(service: ChatService) -> None:
    async with service.storage.engine.connect() as connection:
        await connection.execute(text("SELECT 1"))


def _loopback(request: web.Request) -> bool:
    """A direct local caller: loopback address and no proxy in between."""
    if "X-Forwarded-For" in request.headers or "Forwarded" in request.headers:
        return False
    try:
        return ipaddress.ip_address(request.remote or "").is_loopback
    except ValueError:
        return False


async def metrics_page(request: web.Request) -> web.Response:
    token = request.app[LIFECYCLE].metrics_token
    if token:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), token.encode()):
            return web.json_response(
                {"error": "metrics need Authorization: Bearer <METRICS_TOKEN>"},
                status=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
    elif not _loopback(request):
        return web.json_response({"error": "metrics are served to loopback only"}, status=403)
    await metrics.refresh_gauges(request.app[SERVICE].storage.engine)
    metrics.refresh_spool(request.app[SERVICE].turns)
    return web.Response(
        body=generate_latest(metrics.REGISTRY), headers={"Content-Type": CONTENT_TYPE_LATEST}
    )


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


def create_app(service: ChatService, settings: Settings | None = None) -> web.Application:
    token = settings.metrics_token if settings else None
    app = web.Application(
        client_max_size=max(limit for _, limit in BODY_LIMITS),
        middlewares=[request_ids, metrics.http_metrics, drain, body_limits],
    )
    origins = (settings.frame_ancestors if settings else "").split(",")
    app[FRAME_ANCESTORS] = frame_ancestors([o.strip() for o in origins if o.strip()])
    app.on_response_prepare.append(security_headers)
    app[SERVICE] = service
    app[ANSWERS] = Answers()
    app[TRUSTED] = networks(settings.trusted_proxies) if settings else ()
    app[LIFECYCLE] = Lifecycle(metrics_token=token.get_secret_value() if token else None)
    metrics.watch_engine(service.storage.engine)
    app.router.add_get("/", index)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get("/metrics", metrics_page)
    app.router.add_post("/api/chat", chat)
    setup_updates(app, service)  # GET /api/chat/updates: pushed messages, polled
    setup_privacy_page(app, settings or Settings())  # GET /quyen-rieng-tu
    setup_widget(app, settings)  # GET /widget.js; the chat API's CORS (WIDGET_ORIGINS)
    app.router.add_static("/static/", STATIC)
    return app
