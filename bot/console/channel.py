"""The console as a channel the handoff can push to (:class:`bot.outbound.Outbound`).

The relay sends a console volunteer what it sends a Telegram one: a new ticket's notice, and the
citizen's words while the volunteer holds their ticket (``wording.TO_VOLUNTEER``, masked by the
relay). The words are stored as the ticket's lines; anything else only wakes the console's queue.
Either way the volunteer's open consoles are woken through the bus, on every instance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.console.desk import account_topic, queue_topic
from bot.console.repo import ConsoleRepo
from bot.handoff import wording
from bot.live.bus import Bus
from handlers.events import Reply

# wording.TO_VOLUNTEER with its two fields as groups: the ticket's id, then the citizen's words.
_PARTS = re.split(r"\{(id|text)\}", wording.TO_VOLUNTEER)
CITIZEN_WORDS = re.compile(
    "".join(
        "(?P<id>[0-9]{1,18})" if p == "id" else "(?P<text>.*)" if p == "text" else re.escape(p)
        for p in _PARTS
    ),
    re.S,
)


@dataclass
class ConsoleChannel:
    repo: ConsoleRepo
    bus: Bus

    async def __call__(self, external_id: str, replies: tuple[Reply, ...]) -> None:
        for reply in replies:
            found = CITIZEN_WORDS.fullmatch(reply.text)
            if found is not None:
                await self.repo.add(int(found.group("id")), "citizen", found.group("text"))
        await self.bus.publish_quietly(account_topic(external_id))
        await self.bus.publish_quietly(queue_topic())
