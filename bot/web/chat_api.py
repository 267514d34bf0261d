"""``POST /api/chat``: the web chat's JSON API. The contract is relied on by tooling; keep it.

Request: ``{"user": "<opaque id>", "text": "..."}`` or ``{"user": "...", "action": "..."}``,
optionally ``"locality": "<locality id>"``. Response: ``{"replies": [{"text", "buttons":
[{"label", "action"}]}]}``. Malformed JSON or fields → 400, bodies over 16 KB → 413, both JSON.
An id (``user``, ``locality``) holding a control character or a lone surrogate (``"\\ud800"``)
is malformed (400); such characters in ``text`` or ``action`` are cleaned and the message
answered (:mod:`bot.inputs`).

Optional ``"id"``: the client's id for this message (at most 64 characters). A message sent
again with the same ``user`` and ``id`` (a retry after a time-out) is handled once: the retry
waits for the first one and gets the same answer (this instance remembers ids for 2 minutes).
When the instance is at capacity the answer is 503 with ``Retry-After`` at once; a request
whose client disconnects before its turn is stored is dropped, unstored.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot import jsonio
from bot.inputs import MAX_ID, bad_id, clean_event
from bot.limits import ADDRESS, NEW_IDS, Network, client_address, limit_key
from bot.service import ChatService, ClientGone
from handlers.events import Incoming, Kind, Turn

MAX_BODY = 16 * 1024
MAX_USER_ID = MAX_ID
MAX_MESSAGE_ID = 64
RETRY_AFTER_SECONDS = 2  # what an overloaded instance asks the web chat to wait
SERVICE: web.AppKey[ChatService] = web.AppKey("service", ChatService)
Key = tuple[str, str]


@dataclass
class Request:
    """A parsed chat request: the event and the client's optional message id."""

    event: Incoming
    message_id: str | None = None


class Answers:
    """Answers by (user, client message id) for ``ttl`` seconds, at most ``size`` of them: a
    retried message waits for, and gets, the first one's answer. O(1) per message (the oldest
    entries are pruned as new ones arrive). A client retries within seconds (the page: three
    times, at most about a minute in all), so two minutes are plenty and memory stays small."""

    def __init__(self, ttl: float = 120.0, size: int = 10_000) -> None:
        self.ttl, self.size = ttl, size
        self._found: OrderedDict[Key, tuple[float, asyncio.Future[bytes]]]
        self._found = OrderedDict()

    def get(self, key: Key) -> asyncio.Future[bytes] | None:
        self._prune(time.monotonic())
        found = self._found.get(key)
        return found[1] if found else None

    def start(self, key: Key) -> asyncio.Future[bytes]:
        future: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self._found[key] = (time.monotonic(), future)
        while len(self._found) > self.size:
            self._found.popitem(last=False)
        return future

    def forget(self, key: Key) -> None:
        self._found.pop(key, None)

    def _prune(self, now: float) -> None:
        while self._found:
            key, (at, _) = next(iter(self._found.items()))
            if now - at <= self.ttl:
                return
            del self._found[key]


ANSWERS: web.AppKey[Answers] = web.AppKey("chat-answers", Answers)
TRUSTED: web.AppKey[tuple[Network, ...]] = web.AppKey("trusted-proxies")


def error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def parse_request(payload: Any) -> Request | str:
    """The event and message id a request body describes, or the reason it is malformed."""
    event = parse(payload)
    if isinstance(event, str):
        return event
    message_id = payload.get("id")
    if message_id is None:
        return Request(event)
    if not isinstance(message_id, str):
        return "`id` must be a string"
    if reason := bad_id(message_id, "id", MAX_MESSAGE_ID):
        return reason
    return Request(event, message_id)


def parse(payload: Any) -> Incoming | str:
    """The event a request body describes, or the reason it is malformed."""
    if not isinstance(payload, dict):
        return "body must be a JSON object"
    user = payload.get("user")
    if not isinstance(user, str):
        return f"`user` must be a non-empty string of at most {MAX_USER_ID} characters"
    if reason := bad_id(user, "user"):
        return reason
    text, action = payload.get("text"), payload.get("action")
    locality = payload.get("locality")
    if locality is not None and not isinstance(locality, str):
        return "`locality` must be a string"
    if locality is not None and (reason := bad_id(locality, "locality")):
        return reason
    if (text is None) == (action is None):
        return "give exactly one of `text` or `action`"
    if text is not None:
        if not isinstance(text, str):
            return "`text` must be a string"
        return clean_event(Incoming(user.strip(), "web", Kind.TEXT, text=text, locality=locality))
    if not isinstance(action, str):
        return "`action` must be a string"
    return clean_event(Incoming(user.strip(), "web", Kind.ACTION, action=action, locality=locality))


def render(turn: Turn) -> dict[str, Any]:
    return {
        "replies": [
            {"text": r.text, "buttons": [{"label": b.label, "action": b.action} for b in r.buttons]}
            for r in turn.replies
        ]
    }


async def chat(request: web.Request) -> web.Response:
    if request.content_length is not None and request.content_length > MAX_BODY:
        return error(413, f"body over {MAX_BODY} bytes")
    body = bytearray()
    try:  # read until the end: one read() returns only what has arrived so far
        while chunk := await request.content.read(MAX_BODY + 1 - len(body)):
            body += chunk
            if len(body) > MAX_BODY:
                return error(413, f"body over {MAX_BODY} bytes")
    except (ConnectionError, ValueError):
        return error(400, "could not read the body")
    try:
        payload = jsonio.loads(body)
    # ValueError: also a number too long to convert; RecursionError: [[[[… nested too deep.
    except (UnicodeDecodeError, ValueError, RecursionError):
        return error(400, "body is not valid UTF-8 JSON")
    parsed = parse_request(payload)
    if isinstance(parsed, str):
        return error(400, parsed)
    service, answers = request.app[SERVICE], request.app[ANSWERS]
    key = (parsed.event.user, parsed.message_id) if parsed.message_id else None
    if key is not None and (first := answers.get(key)) is not None:
        try:  # the same message again: the first one's answer
            return _json(await asyncio.shield(first))
        except ClientGone:
            pass  # the first was dropped unanswered: handle this one
    if wait := await _address_limits(request, parsed.event.user):
        response = error(429, "too many messages from this address, try again shortly")
        response.headers["Retry-After"] = str(math.ceil(wait))
        return response
    if service.overloaded:
        response = error(503, "busy, try again shortly")
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    future = answers.start(key) if key is not None else None
    try:
        turn = await service.handle(parsed.event, wanted=lambda: _connected(request))
    except BaseException as exc:
        if key is not None and future is not None:
            answers.forget(key)
            future.set_exception(ClientGone() if isinstance(exc, ClientGone) else exc)
            future.exception()  # retrieved: no "never retrieved" warning if nobody waits
        if isinstance(exc, ClientGone):
            return error(499, "client closed the request")  # nobody is there to read it
        raise
    answer = jsonio.dumps(render(turn))  # kept encoded: small in Answers
    if future is not None:
        future.set_result(answer)
    return _json(answer)


async def _address_limits(request: web.Request, user: str) -> float:
    """Seconds the client's address must wait (0: go on): its messages per minute, and its
    citizen ids not seen in the last minute (ids are the client's choice: without this cap,
    one client could fill the database and the limiters with new citizens)."""
    limits = request.config_dict[SERVICE].limits
    if limits is None:
        return 0.0
    address = _address(request)
    if limits.limits.get(ADDRESS) and (wait := await limits.hit(ADDRESS, address)):
        return wait
    return await new_id_wait(request, user, address)


def _address(request: web.Request) -> str:
    trusted: tuple[Network, ...] = request.config_dict[TRUSTED]
    return limit_key(client_address(request, trusted))


async def new_id_wait(request: web.Request, user: str, address: str | None = None) -> float:
    """Seconds to wait (0: go on) when ``user`` is a citizen id the client's address has not
    used in the last minute and the address is past ``ADDRESS_NEW_IDS_PER_MINUTE``. Sending and
    reading what is pushed share the count: a page that polls with its own id costs nothing
    more, a client polling with invented ids (a database read each) is refused like one
    sending with them."""
    limits = request.config_dict[SERVICE].limits
    if limits is None or not limits.limits.get(NEW_IDS):
        return 0.0
    return await limits.admit_id(NEW_IDS, address or _address(request), user)


def too_many_ids(wait: float) -> web.Response:
    """429 with Retry-After for a client past its new citizen ids."""
    response = error(429, "too many new citizen ids from this address, try again shortly")
    response.headers["Retry-After"] = str(math.ceil(wait))
    return response


def _connected(request: web.Request) -> bool:
    transport = request.transport
    return transport is not None and not transport.is_closing()


def _json(body: bytes) -> web.Response:
    return web.Response(body=body, content_type="application/json", charset="utf-8")
