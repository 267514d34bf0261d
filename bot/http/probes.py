"""``/healthz`` (the process answers), ``/readyz`` (it can serve: database reachable, knowledge
base loaded, not shutting down; else 503 with a reason) and ``/metrics`` (Prometheus text, for
loopback or with ``Authorization: Bearer <METRICS_TOKEN>``).

What the probes ask of the runtime is one :class:`Health`, built once from the chat service.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from bot import metrics
from bot.http.lifecycle import LIFECYCLE
from bot.service import ChatService
from bot.storage.turns.durable import DurableTurns

log = logging.getLogger("motcua.web")
READY_DB_TIMEOUT = 2.0  # seconds /readyz waits for the database


@dataclass(frozen=True)
class Health:
    """What the probes read: the knowledge base's size, a database ping, whether writes are
    spooled while the database is down, and the gauges refreshed for ``/metrics``."""

    procedures: Callable[[], int]
    ping: Callable[[], Awaitable[None]]
    spools: bool
    refresh: Callable[[], Awaitable[None]]

    @classmethod
    def of(cls, service: ChatService) -> Health:
        storage = service.storage  # its engine is read at each call (tests swap it)
        metrics.watch_engine(storage.engine)

        async def ping() -> None:
            async with storage.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))

        async def refresh() -> None:
            await metrics.refresh_gauges(storage.engine)
            metrics.refresh_spool(service.turns)

        return cls(
            procedures=lambda: len(service.store.current.procedures),
            ping=ping,
            spools=isinstance(service.turns, DurableTurns),
            refresh=refresh,
        )


HEALTH: web.AppKey[Health] = web.AppKey("health", Health)


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    if request.app[LIFECYCLE].draining:
        return web.json_response({"status": "stopping"}, status=503)
    health = request.app[HEALTH]
    procedures = health.procedures()
    if not procedures:
        return _unready("knowledge base empty")
    try:
        await asyncio.wait_for(health.ping(), READY_DB_TIMEOUT)
    except Exception as exc:
        log.warning("readiness: database unreachable (%s)", type(exc).__name__)
        if request.query.get("degraded") == "ok" and health.spools:
            # The proxy's check: answers still flow and every write goes to the durable spool,
            # so taking every instance out of rotation during an outage would only hurt.
            return web.json_response(
                {"status": "degraded", "reason": "database unreachable; writes spooled"}
            )
        return _unready("database unreachable")
    return web.json_response({"status": "ready", "procedures": procedures})


def _unready(reason: str) -> web.Response:
    return web.json_response({"status": "unavailable", "reason": reason}, status=503)


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
    await request.app[HEALTH].refresh()
    return web.Response(
        body=generate_latest(metrics.REGISTRY), headers={"Content-Type": CONTENT_TYPE_LATEST}
    )


def setup_probes(app: web.Application, health: Health) -> None:
    app[HEALTH] = health
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get("/metrics", metrics_page)
