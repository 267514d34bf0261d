"""The web chat's live stream and the bus's place in the app.

``GET /api/chat/stream?user=<page id>&after=<last id shown>`` streams what is pushed to a web
citizen (the same rows and the same checks as ``GET /api/chat/updates``, which stays as the
fallback): each event is ``id: <id>`` and ``data: {"id", "text", "buttons"}``. A reconnecting
browser sends ``Last-Event-ID`` and gets what came after it. New citizen ids count per client
address as on the other routes (429 past ``ADDRESS_NEW_IDS_PER_MINUTE``), and a stream the
instance has room for draws on the citizen id's poll budget (429 past ``ID_POLLS_PER_MINUTE``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from aiohttp import web

from bot.live.bus import Bus, make_bus
from bot.live.stream import event, last_event_id, serve
from bot.service import ChatService
from bot.web.chat_api import MAX_USER_ID, error, new_id_wait, too_many_ids
from bot.web.outbox import CHANNEL, Outbox
from bot.web.updates import MAX_AFTER_DIGITS, OUTBOX, UNGUESSABLE, poll_wait, too_many_polls
from handlers.events import Reply

LIVE: web.AppKey[Bus] = web.AppKey("live-bus", Bus)
DRAINING: web.AppKey[Callable[[], bool]] = web.AppKey("live-draining")


def web_topic(external_id: str) -> str:
    """A web citizen's topic: a hash of the page's id, never the id itself (it reads pushes)."""
    return "web:" + hashlib.sha256(external_id.encode()).hexdigest()[:32]


async def chat_stream(request: web.Request) -> web.StreamResponse:
    user = request.query.get("user", "").strip()
    if len(user) > MAX_USER_ID or not UNGUESSABLE.fullmatch(user):
        return error(400, "`user` must be the chat page's random id (22+ letters, digits, - _)")
    raw = last_event_id(request)
    if not raw.isascii() or not raw.isdigit() or len(raw) > MAX_AFTER_DIGITS:
        return error(400, "`after` / Last-Event-ID must be a non-negative integer")
    if wait := await new_id_wait(request, user):
        return too_many_ids(wait)
    outbox: Outbox = request.config_dict[OUTBOX]
    cursor = int(raw)

    async def step() -> list[bytes]:
        nonlocal cursor
        chunks: list[bytes] = []
        more = True
        while more:
            found, more = await outbox.after(user, cursor)
            for m in found:
                buttons = [{"label": b.label, "action": b.action} for b in m.buttons]
                chunks.append(event({"id": m.id, "text": m.text, "buttons": buttons}, id=m.id))
                cursor = m.id
            more = more and bool(found)
        return chunks

    return await serve(
        request,
        request.config_dict[LIVE],
        [web_topic(user)],
        step,
        draining=request.config_dict[DRAINING],
        admit=lambda: too_many_polls(wait) if (wait := poll_wait(request, user)) else None,
    )


def setup_live(
    app: web.Application, service: ChatService, draining: Callable[[], bool] = lambda: False
) -> Bus:
    """The bus (started and stopped with ``app``), ``GET /api/chat/stream``, and the web channel's
    sender made to wake the citizen's open streams after storing (needs :func:`setup_updates`)."""
    bus = make_bus(service.storage.engine)
    app[LIVE] = bus
    app[DRAINING] = draining
    outbox = app[OUTBOX]

    async def put_and_wake(external_id: str, replies: tuple[Reply, ...]) -> None:
        await outbox.put(external_id, replies)
        await bus.publish_quietly(web_topic(external_id))

    service.outbound.register(CHANNEL, put_and_wake)

    async def start(_: web.Application) -> None:
        await bus.start()

    async def stop(_: web.Application) -> None:
        await bus.stop()

    app.on_startup.append(start)
    app.on_shutdown.append(stop)  # before the server waits for open streams to end
    app.router.add_get("/api/chat/stream", chat_stream)
    return bus
