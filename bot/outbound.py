"""Messages motcua sends on its own initiative (handoff relay, notices), per channel.

Each channel that can push registers a sender when it starts; the web chat cannot push, so a
web citizen sees relayed messages with their next reply (see the handoff middleware).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from handlers.events import Reply

log = logging.getLogger("motcua.outbound")
Sender = Callable[[str, tuple[Reply, ...]], Awaitable[None]]


class Outbound:
    def __init__(self) -> None:
        self._senders: dict[str, Sender] = {}

    def register(self, channel: str, sender: Sender) -> None:
        self._senders[channel] = sender

    def can_push(self, channel: str) -> bool:
        return channel in self._senders

    async def send(self, channel: str, external_id: str, replies: tuple[Reply, ...]) -> bool:
        sender = self._senders.get(channel)
        if sender is None:
            log.warning("no way to push a message on channel %s", channel)
            return False
        try:
            await sender(external_id, replies)
        except Exception:
            log.exception("pushing a message on %s failed", channel)
            return False
        return True
