"""``GET /api/chat/updates``: messages pushed to a web citizen (handoff relay), fetched by polling.

``?user=<opaque id>&after=<last id shown>`` (``after`` optional, default 0; ``user`` must look
unguessable: 22 to 128 letters, digits, ``-`` or ``_``, as the page's random UUID) →
200 ``{"replies": [{"id", "text", "buttons": [{"label", "action"}]}], "after": <id>,
"more": <bool>}``. ``after`` in the answer is the id to send next time; ``more`` says that further
messages wait (ask again at once). Missing or malformed parameters → 400 ``{"error": "..."}``;
a citizen id new to the client's address past ``ADDRESS_NEW_IDS_PER_MINUTE``, or one citizen id
polled (or streamed) past ``ID_POLLS_PER_MINUTE`` after a burst of ``ID_POLLS_BURST``, from any
address → 429 with ``Retry-After``; the database unreachable → 503 with ``Retry-After`` (the
page then polls less often).
The page and the widget poll every few seconds while visible (``static/chat-core.js``).

:func:`setup_updates` also registers the web channel's outbound sender, which stores messages in
the database (:mod:`bot.web.outbox`), so the instance that pushes need not be the one polled.
"""

from __future__ import annotations

import json
import logging
import math
import re

from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError

from bot.inputs import bad_id
from bot.limits import Bucket
from bot.service import ChatService
from bot.web.chat_api import MAX_USER_ID, error, new_id_wait, too_many_ids
from bot.web.outbox import CHANNEL, Outbox

log = logging.getLogger("motcua.web")
OUTBOX: web.AppKey[Outbox] = web.AppKey("web-outbox", Outbox)
# Polls and streams per citizen id (ID_POLLS_PER_MINUTE); unset: no cap.
POLLS: web.AppKey[Bucket] = web.AppKey("web-polls", Bucket)
MAX_AFTER_DIGITS = 18  # ids fit a signed 64-bit integer
# Whoever knows a citizen's id can read what is pushed to them, so only ids that cannot be
# guessed are served: the page's random UUID (122 random bits) qualifies; "1", a name or a
# phone number does not.
UNGUESSABLE = re.compile(r"[A-Za-z0-9_-]{22,128}")


async def updates(request: web.Request) -> web.Response:
    user = request.query.get("user", "")
    if reason := bad_id(user, "user", MAX_USER_ID):
        return error(400, reason)
    if not UNGUESSABLE.fullmatch(user.strip()):
        return error(400, "`user` must be the chat page's random id (22+ letters, digits, - _)")
    raw_after = request.query.get("after", "0")
    if not raw_after.isascii() or not raw_after.isdigit() or len(raw_after) > MAX_AFTER_DIGITS:
        return error(400, "`after` must be a non-negative integer (the last id shown)")
    after = int(raw_after)
    if wait := await new_id_wait(request, user.strip()):
        return too_many_ids(wait)
    if wait := poll_wait(request, user.strip()):
        return too_many_polls(wait)
    try:
        found, more = await request.app[OUTBOX].after(user.strip(), after)
    except (SQLAlchemyError, OSError) as exc:
        log.warning("chat updates: database unavailable (%s)", type(exc).__name__)
        response = error(503, "temporarily unavailable, try again later")
        response.headers["Retry-After"] = "10"
        return response
    body = {
        "replies": [
            {
                "id": m.id,
                "text": m.text,
                "buttons": [{"label": b.label, "action": b.action} for b in m.buttons],
            }
            for m in found
        ],
        "after": found[-1].id if found else after,
        "more": more,
    }
    return web.json_response(
        body,
        dumps=lambda obj: json.dumps(obj, ensure_ascii=False),
        headers={"Cache-Control": "no-store"},
    )


def poll_wait(request: web.Request, user: str) -> float:
    """Seconds ``user`` must wait before its next poll or stream (0: go on). Citizens behind one
    NAT share an address, so the per-address caps stay loose; this one follows the id itself."""
    bucket = request.config_dict.get(POLLS)
    return bucket.take(user) if bucket is not None else 0.0


def too_many_polls(wait: float) -> web.Response:
    """429 with Retry-After for a citizen id polled past its budget."""
    response = error(429, "this chat is polled too often, try again shortly")
    response.headers["Retry-After"] = str(math.ceil(wait))
    return response


def setup_updates(app: web.Application, service: ChatService) -> Outbox:
    """Route ``GET /api/chat/updates`` and let the handoff push to web citizens."""
    outbox = Outbox(service.storage.engine)
    app[OUTBOX] = outbox
    service.outbound.register(CHANNEL, outbox.put)
    app.router.add_get("/api/chat/updates", updates)
    return outbox
