"""A typed number that answers a pushed message's options (channels without buttons: Zalo).

The core remembers the buttons of its own replies (``State.offered``) and maps a typed number to
them. A pushed message (a ticket notice with "Nhận hỗ trợ", the 👍/👎 after a volunteer closes a
ticket) does not pass through the core, and its buttons are handled by the handoff middleware,
which runs before the core. So the push senders record its buttons as the person's offered
options through the turn store (:meth:`bot.service.ChatService.remember_pushed`); inside the
person's next turn, from the state the turn has already read, a bare "1", "2"… that picks one of
them becomes that button press for the handoff middleware. The option is used up: a later "1"
is text again (e.g. relayed to the citizen). Numbers for the core's own buttons
(``Action.parse``) are left to the core.
"""

from __future__ import annotations

import re

from bot.middleware import Next, TurnContext
from handlers.actions import RELAYED, Action
from handlers.events import Incoming, Kind, Turn
from handlers.state import State

NUMBER = re.compile(r"^\s*(\d{1,2})\s*\.?\s*$")


class PushedChoices:
    async def __call__(self, event: Incoming, context: TurnContext, call_next: Next) -> Turn:
        found = NUMBER.match(event.text) if event.kind is Kind.TEXT else None
        if found is None:
            return await call_next(event, context)
        state = State.decode(context.snapshot.state)
        number = int(found.group(1))
        if not 1 <= number <= len(state.offered):
            return await call_next(event, context)
        action = state.offered[number - 1]
        parsed = Action.parse(action)
        if parsed is not None and parsed.verb not in RELAYED:  # the core's own: it maps the number
            return await call_next(event, context)
        state.offered = []
        context.write.state = state.encode()  # used up (the core, if it runs, rewrites)
        pressed = Incoming(
            event.user, event.channel, Kind.ACTION, action=action, locality=event.locality
        )
        return await call_next(pressed, context)
