"""What every channel shares: turning replies into what a platform without buttons can show, and
remembering the ids of updates already taken (a platform delivers one again when it missed our
answer), by this instance and by the others on the same database."""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from typing import TYPE_CHECKING, Protocol

from aiohttp import web

from bot.storage.delivery_repo import take
from bot.storage.errors import unavailable
from handlers.events import Reply
from handlers.split import split_text

if TYPE_CHECKING:
    from bot.service import ChatService

log = logging.getLogger("motcua.channels")
TAKE_TIMEOUT = 5.0  # seconds a delivery waits for the database before memory alone decides


def numbered(reply: Reply) -> str:
    """The reply's text with its buttons as numbered options the citizen answers with "1", "2"..."""
    if not reply.buttons:
        return reply.text
    options = "\n".join(f"{i}. {b.label}" for i, b in enumerate(reply.buttons, 1))
    return f"{reply.text}\n\n{options}\nTrả lời bằng số để chọn."


def messages(replies: tuple[Reply, ...] | list[Reply], limit: int, with_numbers: bool) -> list[str]:
    """Plain-text messages within a channel's length limit, in order."""
    out: list[str] = []
    for reply in replies:
        text = numbered(reply) if with_numbers else reply.text
        out.extend(split_text(text, limit))
    return out


class SeenIds:
    """The last ``size`` message ids, in memory: a redelivered message is answered once."""

    def __init__(self, size: int = 10_000) -> None:
        self.size = size
        self._ids: OrderedDict[str, None] = OrderedDict()

    def first_time(self, message_id: str) -> bool:
        if message_id in self._ids:
            self._ids.move_to_end(message_id)
            return False
        self._ids[message_id] = None
        if len(self._ids) > self.size:
            self._ids.popitem(last=False)
        return True


class Deliveries:
    """A platform's message ids, each taken once by whichever instance gets it first.

    A delivery this instance saw is known from memory (:class:`SeenIds`); otherwise the
    ``deliveries`` table (:mod:`bot.storage.deliveries`) decides, so a delivery repeated to
    another instance behind a load balancer is answered once. While the database is down (the
    turn store answering from memory, or the insert failing as an outage), memory alone
    decides: a citizen answered twice is better than one not answered at all.
    """

    def __init__(self, channel: str, service: ChatService, size: int = 10_000) -> None:
        self.channel, self.service = channel, service
        self._seen = SeenIds(size)

    def first_here(self, delivery_id: str) -> bool:
        """Not seen by this instance yet (memory only: no wait)."""
        return self._seen.first_time(delivery_id)

    async def first_anywhere(self, delivery_id: str) -> bool:
        """Not taken by any instance yet; taken by this one now."""
        if not getattr(self.service.turns, "up", True):
            return True
        try:
            async with asyncio.timeout(TAKE_TIMEOUT):
                return await take(self.service.storage.engine, self.channel, delivery_id)
        except Exception as exc:
            if not unavailable(exc):
                raise
            log.warning("%s: delivery not checked across instances (%s)", self.channel, exc)
            return True

    async def first_time(self, delivery_id: str) -> bool:
        return self.first_here(delivery_id) and await self.first_anywhere(delivery_id)


class Channel(Protocol):
    """A surface plugged into ``motcua run``: the web chat or a messaging platform.

    ``mount`` adds the channel's routes (if any) to the HTTP host before it starts, each with
    the largest body it accepts (:func:`bot.http.limits.add_route`); ``start`` begins polling or
    registers the webhook; ``stop`` undoes it. Listed in :mod:`bot.channels.registry`, which
    builds it from the settings.
    """

    name: str

    def mount(self, app: web.Application) -> None: ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...
