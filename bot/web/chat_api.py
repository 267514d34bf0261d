"""``POST /api/chat``: the web chat's JSON API. The contract is relied on by tooling; keep it.

Request: ``{"user": "<opaque id>", "text": "..."}`` or ``{"user": "...", "action": "..."}``,
optionally ``"locality": "<locality id>"``. Response: ``{"replies": [{"text", "buttons":
[{"label", "action"}]}]}``. Malformed JSON or fields → 400, bodies over 16 KB → 413, both JSON.
An id (``user``, ``locality``) holding a control character or a lone surrogate (``"\ud800"``)
is malformed (400); such characters in ``text`` or ``action`` are cleaned and the message
answered (:mod:`bot.inputs`).
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from bot.inputs import MAX_ID, bad_id, clean_event
from bot.service import ChatService
from handlers.events import Incoming, Kind, Turn

MAX_BODY = 16 * 1024
MAX_USER_ID = MAX_ID
SERVICE: web.AppKey[ChatService] = web.AppKey("service", ChatService)


def error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


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
        payload = json.loads(body.decode("utf-8"))
    # ValueError: also a number too long to convert; RecursionError: [[[[… nested too deep.
    except (UnicodeDecodeError, ValueError, RecursionError):
        return error(400, "body is not valid UTF-8 JSON")
    event = parse(payload)
    if isinstance(event, str):
        return error(400, event)
    turn = await request.app[SERVICE].handle(event)
    return web.json_response(render(turn), dumps=lambda obj: json.dumps(obj, ensure_ascii=False))
