"""Messages motcua sends on its own initiative (handoff relay, notices), per channel.

Each channel registers a sender: Telegram and both Zalo channels when they start; the web chat
when its app is built. A web page cannot be pushed to, so the web sender stores the messages in
the database (:mod:`bot.web.outbox`) and the page polls ``GET /api/chat/updates`` for them.

A sender raises :class:`Undelivered` when the platform refused a message for a reason it has
already logged (e.g. Zalo OA's reply window closed); any other exception is logged here.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from handlers.events import Reply

log = logging.getLogger("motcua.outbound")
Sender = Callable[[str, tuple[Reply, ...]], Awaitable[None]]


class Undelivered(Exception):
    """The platform refused the message; the channel has logged why."""


class Outbound:
    def __init__(self) -> None:
        self._senders: dict[str, Sender] = {}

    def register(self, channel: str, sender: Sender) -> None:
        self._senders[channel] = sender

    def can_push(self, channel: str) -> bool:
        return channel in self._senders

    async def send(self, channel: str, external_id: str, replies: tuple[Reply, ...]) -> bool:
        """Push ``replies`` to one person; False when it could not be done."""
        sender = self._senders.get(channel)
        if sender is None:
            log.warning("no way to push a message on channel %s", channel)
            return False
        try:
            await sender(external_id, replies)
        except Undelivered:
            return False
        except Exception:
            log.exception("pushing a message on %s failed", channel)
            return False
        return True
