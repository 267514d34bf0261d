"""What every channel shares: turning replies into what a platform without buttons can show."""

from __future__ import annotations

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
