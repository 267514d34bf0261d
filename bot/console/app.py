"""The console's place in the app: its channel and its desk."""

from __future__ import annotations

from aiohttp import web

from bot.console.channel import ConsoleChannel
from bot.console.desk import CONSOLE, Desk
from bot.console.repo import CHANNEL, ConsoleRepo
from bot.handoff.relay import HandoffRelay
from bot.handoff.repo import HandoffRepo
from bot.live.chat import LIVE
from bot.service import ChatService


def setup_console(app: web.Application, service: ChatService) -> Desk:
    engine = service.storage.engine
    relay = next(
        (m for m in service.middlewares if isinstance(m, HandoffRelay)),
        None,
    ) or HandoffRelay(HandoffRepo(engine), service.outbound, service.storage, service.store,
                      service.matcher)  # fmt: skip
    repo = ConsoleRepo(engine)
    bus = app[LIVE]
    desk = Desk(relay, repo, bus, service.places)
    app[CONSOLE] = desk
    service.outbound.register(CHANNEL, ConsoleChannel(repo, bus))
    return desk
