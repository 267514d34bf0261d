"""What the Zalo Bot and Zalo OA channels share: POSTs with bounded retries, webhook bodies,
answering in the background, one citizen's messages in order.

Facts cited in brackets are from ``/work/shared/reference/channels.md`` (its source keys).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import aiohttp
from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

from bot.inputs import bad_id
from bot.ordering import PerKeyOrder

log = logging.getLogger("motcua.zalo")

MAX_TEXT = 2000  # both APIs take 1–2000 characters of text [ZB-DOC][ESMS-TEXT]
MAX_WEBHOOK_BODY = 1 << 20  # 1 MB, as OpenClaw caps Zalo webhook bodies [OC-WH]
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class ApiUnavailable(Exception):
    """The platform kept failing (5xx, timeout, connection error) after the bounded retries."""


@dataclass(frozen=True)
class Backoff:
    """``attempts`` tries; waits ``first`` seconds, then twice as long, at most ``longest``."""

    attempts: int = 3
    first: float = 0.5
    longest: float = 5.0

    def delays(self) -> Iterator[float]:
        delay = self.first
        for _ in range(self.attempts - 1):
            yield min(delay, self.longest)
            delay *= 2


DEFAULT_BACKOFF = Backoff()


async def post(
    session: aiohttp.ClientSession,
    url: str,
    *,
    what: str,
    backoff: Backoff,
    timeout: float,
    json_body: Any = None,
    form: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, Any]:
    """POST and return (HTTP status, decoded JSON or None), retrying 5xx, 429 and timeouts.

    ``what`` names the call in logs: the URL may hold a token and is never logged. A timed-out
    send may have arrived, so a retry can duplicate a message (at least once, never lost silently).
    """
    delays = backoff.delays()
    while True:
        problem: str
        try:
            async with session.post(
                url,
                json=json_body,
                data=form,
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=timeout),
            ) as response:
                raw = await response.read()
                status = response.status
            if status not in RETRY_STATUSES:
                return status, _decode(raw)
            problem = f"HTTP {status}"
        except TimeoutError:
            problem = "timeout"
        except aiohttp.ClientError as exc:  # str(exc) may contain the URL: name the type only
            problem = type(exc).__name__
        delay = next(delays, None)
        if delay is None:
            raise ApiUnavailable(f"{what}: {problem}, gave up after {backoff.attempts} attempts")
        log.warning("%s: %s; retrying in %.1f s", what, problem, delay)
        await asyncio.sleep(delay)


def _decode(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: [[[[… nesting
        return None


def plain_id(value: Any) -> str | None:
    """A platform id as text: strings or (big) integers, at most 128 characters, no control
    character or lone surrogate (:func:`bot.inputs.bad_id`); else None."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    text = str(value).strip()
    return None if bad_id(text) else text


def derived(purpose: str, secret: str, length: int = 64) -> str:
    """A stable hex value derived from a secret, different for each purpose (paths, secrets)."""
    return hashlib.sha256(f"motcua/{purpose}\0{secret}".encode()).hexdigest()[:length]


def busy() -> web.Response:
    """503 for a webhook delivery while the instance is at capacity: the platform retries."""
    return web.json_response({"error": "busy"}, status=503, headers={"Retry-After": "5"})


async def read_json(request: web.Request) -> tuple[bytes, dict[str, Any]] | web.Response:
    """The raw body and its JSON object, or the 4xx answer for an oversized or malformed body."""
    if request.content_length is not None and request.content_length > MAX_WEBHOOK_BODY:
        return web.json_response({"error": "body too large"}, status=413)
    chunks: list[bytes] = []
    size = 0
    try:  # read(n) returns what has arrived so far (at most n): read until the end
        while chunk := await request.content.read(64 * 1024):
            size += len(chunk)
            if size > MAX_WEBHOOK_BODY:
                return web.json_response({"error": "body too large"}, status=413)
            chunks.append(chunk)
    except (ConnectionError, ValueError, HttpProcessingError):
        return web.json_response({"error": "could not read the body"}, status=400)
    raw = b"".join(chunks)
    body = _decode(raw)
    if not isinstance(body, dict):
        return web.json_response({"error": "body must be a JSON object"}, status=400)
    return raw, body


class InOrder:
    """Runs jobs as background tasks; jobs with the same key run one after another, in order
    (:class:`bot.ordering.PerKeyOrder`: tasks start in the order they were created, and each
    asks for its key at its first step)."""

    def __init__(self) -> None:
        self._order: PerKeyOrder[str] = PerKeyOrder()
        self._tasks: set[asyncio.Task[None]] = set()

    def submit(self, key: str, job: Callable[[], Awaitable[None]]) -> None:
        task = asyncio.create_task(self._run(key, job))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, key: str, job: Callable[[], Awaitable[None]]) -> None:
        async with self._order.hold(key):
            try:
                await job()
            except Exception:  # logged; the next job of the key runs all the same
                log.exception("answering a Zalo message failed")

    @property
    def pending(self) -> int:
        return len(self._tasks)

    async def drain(self, timeout: float) -> None:
        """Let running jobs finish for up to ``timeout`` seconds, then cancel the rest."""
        tasks = set(self._tasks)
        if not tasks:
            return
        _, late = await asyncio.wait(tasks, timeout=timeout)
        for task in late:
            task.cancel()
        if late:
            await asyncio.wait(late)
