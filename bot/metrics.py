"""Prometheus metrics: what citizens asked and how it went, HTTP traffic, database errors.

Exposed at ``GET /metrics`` (:mod:`bot.http.probes`), from a registry of motcua's own (plus
the process and Python collectors), so tests and several apps in one process share one set:
counters only ever grow, and tests compare before and after.

- :class:`Observe` is the outermost chat middleware (``bot/runtime.py``): messages by channel and
  outcome, turn latency, unmet requests by reason; it also gives an update that came without an
  HTTP request (Telegram, Zalo polling) its own request id for the logs.
- :func:`http_metrics` is an aiohttp middleware: requests by route, method and status, their
  latency, and one access-log line each (route, never the raw path: webhook paths hold values
  derived from secrets, query strings may hold anything).
- :func:`watch_engine` counts failed statements and connections of a SQLAlchemy engine.
- :func:`refresh_gauges` recomputes the handoff queue length from the database on each scrape.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
import time
import weakref
from typing import Any

from aiohttp import web
from aiohttp.typedefs import Handler
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    GCCollector,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    disable_created_metrics,
)
from sqlalchemy import event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.logs import REQUEST_ID, new_request_id
from bot.middleware import Next, TurnContext
from handlers.events import Incoming, Turn

log = logging.getLogger("motcua.http")
turns = logging.getLogger("motcua.turn")  # DEBUG: one line per turn (channel, outcome, time)

disable_created_metrics()  # type: ignore[no-untyped-call]  # no *_created series (noise)
REGISTRY = CollectorRegistry(auto_describe=True)
ProcessCollector(registry=REGISTRY)
PlatformCollector(registry=REGISTRY)
GCCollector(registry=REGISTRY)

MESSAGES = Counter(
    "motcua_messages",
    "Citizen events answered, by channel and outcome (answer, clarify, unmet; other: buttons and "
    "small talk; error: the turn failed)",
    ["channel", "outcome"],
    registry=REGISTRY,
)
TURN_SECONDS = Histogram(
    "motcua_turn_seconds",
    "Time to answer one event: middlewares, conversation core and storage",
    ["channel"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=REGISTRY,
)
UNMET = Counter(
    "motcua_unmet_requests", "Unmet requests recorded, by reason", ["reason"], registry=REGISTRY
)
HANDOFF_QUEUE = Gauge(
    "motcua_handoff_queue_length",
    "Handoff tickets waiting for a volunteer (status open), read from the database on scrape",
    registry=REGISTRY,
)
DB_ERRORS = Counter(
    "motcua_database_errors",
    "Database errors: failed statements, transactions and connections",
    registry=REGISTRY,
)
DATABASE_UP = Gauge(
    "motcua_database_up",
    "1 while turns are written to the database, 0 while they go to the local spool (outage)",
    registry=REGISTRY,
)
SPOOL = Gauge(
    "motcua_spool_write_sets",
    "Turn write sets since start: spooled during an outage, replayed from the spool, rejected "
    "by the database on replay (kept in rejected.jsonl); read on scrape",
    ["state"],
    registry=REGISTRY,
)
HTTP_REQUESTS = Counter(
    "motcua_http_requests",
    "HTTP requests by route, method and status",
    ["route", "method", "status"],
    registry=REGISTRY,
)
HTTP_SECONDS = Histogram(
    "motcua_http_request_seconds",
    "HTTP request latency by route",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=REGISTRY,
)
HTTP_IN_FLIGHT = Gauge(
    "motcua_http_requests_in_flight", "HTTP requests being handled", registry=REGISTRY
)


@functools.lru_cache(maxsize=4096)
def _child(metric: Any, *labels: str) -> Any:
    """``metric.labels(*labels)``, looked up once per label set instead of once per message."""
    return metric.labels(*labels)


# Webhook paths carry a value derived from a secret: metrics and logs show the route's shape only.
_SECRET_PATHS = re.compile(r"^/(telegram|zalo/bot|zalo/oa)/[^/]+")
UNMATCHED = "unmatched"
QUIET_ROUTES = frozenset({"/healthz", "/readyz", "/metrics"})  # probes: counted, not access-logged


class Observe:
    """Outermost chat middleware: metrics for every turn, and a request id for updates."""

    async def __call__(self, event: Incoming, context: TurnContext, call_next: Next) -> Turn:
        token = REQUEST_ID.set(REQUEST_ID.get() or new_request_id())
        started = time.perf_counter()
        outcome = "error"
        try:
            turn = await call_next(event, context)
            outcome = turn.outcome or "other"
            for unmet in turn.unmet:
                _child(UNMET, unmet.reason.value).inc()
            return turn
        finally:
            elapsed = time.perf_counter() - started
            _child(MESSAGES, event.channel, outcome).inc()
            _child(TURN_SECONDS, event.channel).observe(elapsed)
            if turns.isEnabledFor(logging.DEBUG):  # its fields are not built for nothing
                turns.debug(
                    "turn %s %s %.1f ms",
                    event.channel,
                    outcome,
                    elapsed * 1000,
                    extra={
                        "channel": event.channel,
                        "outcome": outcome,
                        "duration_ms": round(elapsed * 1000, 1),
                    },
                )
            REQUEST_ID.reset(token)


def route_label(request: web.Request) -> str:
    """The matched route's pattern (``/admin/inbox/{id}``), secrets cut out; ``unmatched``."""
    info = request.match_info
    if info.http_exception is not None:
        return UNMATCHED
    resource = info.route.resource
    if resource is None:
        return UNMATCHED
    return _SECRET_PATHS.sub(lambda m: f"/{m.group(1)}/{{secret}}", resource.canonical)


@web.middleware
async def http_metrics(request: web.Request, handler: Handler) -> web.StreamResponse:
    route = route_label(request)
    started = time.perf_counter()
    status = 500
    HTTP_IN_FLIGHT.inc()
    try:
        response = await handler(request)
        status = response.status
        return response
    except web.HTTPException as exc:
        status = exc.status
        raise
    finally:
        HTTP_IN_FLIGHT.dec()
        elapsed = time.perf_counter() - started
        _child(HTTP_REQUESTS, route, request.method, str(status)).inc()
        _child(HTTP_SECONDS, route).observe(elapsed)
        if route not in QUIET_ROUTES and log.isEnabledFor(logging.INFO):
            log.info(
                "%s %s %d %.1f ms",
                request.method,
                route,
                status,
                elapsed * 1000,
                extra={
                    "method": request.method,
                    "route": route,
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 1),
                },
            )


_watched: weakref.WeakSet[Any] = weakref.WeakSet()


def watch_engine(engine: AsyncEngine) -> None:
    """Count the engine's errors in ``motcua_database_errors`` (once per engine)."""
    sync_engine = engine.sync_engine
    if sync_engine in _watched:
        return
    _watched.add(sync_engine)

    def _count(context: ExceptionContext) -> None:
        if not context.is_pre_ping:  # a stale pooled connection, replaced at once: not an error
            DB_ERRORS.inc()

    event.listen(sync_engine, "handle_error", _count)


def refresh_spool(turns: object) -> None:
    """Copy the durable turn store's state (``turns.durable.DurableTurns``) to gauges."""
    up = getattr(turns, "up", None)
    if up is None:  # a plain store without a spool (tests): nothing to report
        return
    DATABASE_UP.set(1 if up else 0)
    for state in ("spooled", "replayed", "rejected"):
        SPOOL.labels(state).set(getattr(turns, state, 0))


async def refresh_gauges(engine: AsyncEngine, timeout: float = 2.0) -> None:
    """Read the handoff queue length; on a database problem the last value stays."""
    from bot.handoff.repo import HandoffRepo

    try:
        HANDOFF_QUEUE.set(await asyncio.wait_for(HandoffRepo(engine).open_count(), timeout))
    except Exception as exc:  # the scrape still answers; DB_ERRORS counts what failed
        log.warning("handoff queue length not refreshed: %s", type(exc).__name__)
