"""Store the call-back a turn asked for (:mod:`handlers.callback`), in its own table only.

The number arrives once, in ``Turn.callback``; it is written with :class:`CallbackRepo` and
dropped from the turn, so nothing after this step (statistics, logs) can see it. The message
log keeps the citizen's text masked like any other (:func:`bot.storage.turns.message`).

Written directly rather than with the turn's write set: that set is spooled to disk while the
database is down, and a phone number has no place in the spool. So while the database is down
(or the citizen is not known yet) the citizen is told the number was not stored: never a
promise of a call without a way to reach them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from bot.callbacks import wording
from bot.callbacks.repo import CallbackRepo
from bot.middleware import Next, TurnContext
from bot.storage.errors import unavailable
from handlers.events import Incoming, Reply, Turn

log = logging.getLogger("motcua.callbacks")


@dataclass
class StoreCallbacks:
    repo: CallbackRepo

    async def __call__(self, event: Incoming, context: TurnContext, call_next: Next) -> Turn:
        turn = await call_next(event, context)
        user_id = context.user_id
        record = turn.callback
        if record is None:
            return turn
        turn = replace(turn, callback=None)
        if not user_id:
            return replace(turn, replies=(Reply(wording.NOT_STORED),))
        try:
            callback_id = await self.repo.add(user_id, event.channel, event.user, record)
        except Exception as exc:
            if not unavailable(exc):
                raise
            log.warning("call-back not stored: database unavailable (%s)", type(exc).__name__)
            return replace(turn, replies=(Reply(wording.NOT_STORED),))
        log.info("call-back #%d stored (%s)", callback_id, event.channel)
        return turn
