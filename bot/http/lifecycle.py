"""Shutdown as the HTTP host and its channels see it: drain, then stop.

``/readyz`` answers 503 while draining; the probes are still answered once closed.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aiohttp import web
from aiohttp.typedefs import Handler

if TYPE_CHECKING:
    from bot.channels.base import Channel

log = logging.getLogger("motcua.web")
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


async def shutdown(
    lifecycle: Lifecycle,
    site: web.BaseSite,
    channels: Sequence[Channel],
    timeout: float,
    delay: float = 0.0,
) -> None:
    """Drain in order, within about ``timeout`` (+ ``delay``) seconds in all.

    0. For ``delay`` seconds ``/readyz`` answers 503 while requests are still served, so that a
       proxy's health check takes the instance out of rotation before its port closes (a
       connection the kernel accepted just as the listener closed would otherwise be reset, and
       the proxy cannot safely retry a POST it has already sent: a 502).
    1. ``/readyz`` answers 503 and the listening socket closes: new connections are refused
       (the proxy sends them to the other instance). Connections already open may still bring a
       request; it is answered and the connection closed after it (:func:`drain`).
    2. Requests in flight finish (a web chat turn, a webhook being acknowledged). Then anything
       that still arrives gets 503: a webhook's sender will retry it on another instance.
    3. Channels stop: Telegram handles the updates it queued, Zalo finishes its answers.
    Then the caller closes the server and the runtime (which flushes what it buffers).
    """
    loop = asyncio.get_running_loop()
    lifecycle.draining = True
    if delay > 0:
        await asyncio.sleep(delay)
    deadline = loop.time() + timeout
    await site.stop()
    if not await lifecycle.wait_idle(timeout):
        log.warning(
            "shutdown: %d request(s) still running after %.0f s", lifecycle.in_flight, timeout
        )
    lifecycle.closed = True
    for channel in reversed(channels):
        left = max(1.0, deadline - loop.time())
        try:
            await asyncio.wait_for(channel.stop(), left)
        except Exception as exc:  # a stuck platform must not keep the process alive
            log.warning("shutdown: %s did not stop cleanly (%s)", channel.name, type(exc).__name__)
