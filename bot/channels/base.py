"""What every channel shares: turning replies into what a platform without buttons can show, and
remembering the ids of updates already taken (a platform delivers one again when it missed our
answer)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Protocol

from aiohttp import web

from handlers.events import Reply
from handlers.split import split_text


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
