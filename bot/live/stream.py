"""Server-Sent Events over aiohttp: one open response per subscriber, woken by the bus.

:func:`serve` runs a stream: it subscribes to its topics (503 with ``Retry-After`` when this
instance serves as many streams as it may), sends what ``step`` reads, then waits. A wake-up from
the bus, or about every ``reread`` seconds in any case (jittered, so that streams opened together
do not read together), reads again; every ``heartbeat`` seconds of silence a comment line keeps
proxies from closing the connection and finds a closed browser. The stream ends after
``lifetime`` seconds (the browser reconnects with ``Last-Event-ID``), when the client has gone,
when the bus stops or the instance drains: nothing stays behind.

``step`` returns the events to send since the last call (it keeps its own cursor); an error while
reading (database briefly unavailable) is logged and retried at the next round.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from aiohttp import web

from bot.live.bus import Bus, Full

log = logging.getLogger("motcua.live")
TICK = 1.0  # seconds between checks for a closed client or a draining instance
HEARTBEAT = 15.0
REREAD = 15.0
# Under the proxy's write timeout (deploy/Caddyfile: 60 s per response): the stream ends first,
# cleanly, and the browser reconnects with Last-Event-ID.
LIFETIME = 50.0
RETRY_MS = 2000  # what the browser waits before reconnecting
Step = Callable[[], Awaitable[list[bytes]]]


def event(data: Any, *, id: int | None = None, name: str | None = None) -> bytes:
    """One SSE event; ``data`` is sent as one line of JSON."""
    lines = []
    if id is not None:
        lines.append(f"id: {id}")
    if name:
        lines.append(f"event: {name}")
    lines.append("data: " + json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    return ("\n".join(lines) + "\n\n").encode()


def last_event_id(request: web.Request, query: str = "after") -> str:
    """The browser's ``Last-Event-ID`` on a reconnection, else the ``after`` of the query."""
    return request.headers.get("Last-Event-ID", "").strip() or request.query.get(query, "0")


def busy() -> web.Response:
    response = web.json_response({"error": "too many live connections, poll instead"}, status=503)
    response.headers["Retry-After"] = "10"
    return response


def _gone(request: web.Request) -> bool:
    transport = request.transport
    return transport is None or transport.is_closing()


async def serve(
    request: web.Request,
    bus: Bus,
    topics: Iterable[str],
    step: Step,
    *,
    draining: Callable[[], bool] = lambda: False,
    reread: float = REREAD,
    heartbeat: float = HEARTBEAT,
    lifetime: float = LIFETIME,
    admit: Callable[[], web.StreamResponse | None] = lambda: None,
) -> web.StreamResponse:
    """``admit``, asked once the instance has room for the stream, may refuse it by returning
    its answer (a client's own budget: refused at capacity, a stream does not draw on it)."""
    try:
        subscription = bus.hub.subscribe(topics)
        sub = subscription.__enter__()
    except Full:
        return busy()
    try:
        if (refused := admit()) is not None:
            return refused
        response = web.StreamResponse(
            headers={
                "Content-Type": "text/event-stream; charset=utf-8",
                "Cache-Control": "no-store",
                "X-Accel-Buffering": "no",  # nginx-style proxies: do not buffer the stream
            }
        )
        await response.prepare(request)
        await response.write(f"retry: {RETRY_MS}\n\n".encode())
        started = last_write = time.monotonic()
        reread_at = started
        first = True
        while True:
            now = time.monotonic()
            woke = first or await sub.wait(TICK)
            now = time.monotonic()
            if _gone(request) or draining() or bus.stopped or now - started > lifetime:
                break
            if woke or now >= reread_at:
                reread_at = now + reread * random.uniform(0.75, 1.25)
                first = False
                try:
                    chunks = await step()
                except Exception as exc:
                    log.warning("live stream: reading failed (%s)", type(exc).__name__)
                    chunks = []
                if chunks:
                    await response.write(b"".join(chunks))
                    last_write = now
            if now - last_write >= heartbeat:
                await response.write(b": ping\n\n")
                last_write = now
    except (ConnectionError, RuntimeError):
        pass  # the client went away mid-write (aiohttp raises ConnectionResetError)
    finally:
        subscription.__exit__(None, None, None)
    return response
