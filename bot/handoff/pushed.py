"""A typed number that answers a pushed message's options (channels without buttons: Zalo).

The push senders store a pushed message's buttons (a ticket notice's "Nhận hỗ trợ", the 👍/👎
after a volunteer closes a ticket) as the person's offered options
(:func:`bot.channels.zalo_choices.remember_pushed`). Inside the person's next turn, from the state
the turn has already read, a bare "1", "2"… that picks one of them becomes that button press for
the handoff middleware. The option is used up: a later "1" is text again (e.g. relayed to the
citizen). Numbers for the core's own buttons (``Action.parse``) are left to the core.
"""

from __future__ import annotations

import re

from bot.middleware import Next, TurnContext
from bot.service import restore_state
from handlers.actions import Action
from handlers.events import Incoming, Kind, Turn

NUMBER = re.compile(r"^\s*(\d{1,2})\s*\.?\s*$")


class PushedChoices:
    async def __call__(self, event: Incoming, context: TurnContext, call_next: Next) -> Turn:
        found = NUMBER.match(event.text) if event.kind is Kind.TEXT else None
        if found is None:
            return await call_next(event, context)
        state = restore_state(context.snapshot.state)
        number = int(found.group(1))
        if not 1 <= number <= len(state.offered):
            return await call_next(event, context)
        action = state.offered[number - 1]
        if Action.parse(action) is not None:  # one of the core's own buttons: it maps the number
            return await call_next(event, context)
        state.offered = []
        context.write.state = state.model_dump_json()  # used up (the core, if it runs, rewrites)
        pressed = Incoming(
            event.user, event.channel, Kind.ACTION, action=action, locality=event.locality
        )
        return await call_next(pressed, context)
