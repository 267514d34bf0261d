"""The table of button actions: each feature registers the verbs it answers.

``@on(Verb.X)`` puts a handler in :data:`ACTIONS`; ``needs_procedure`` handlers are only called
with the procedure the button names (a stale one gets a polite reply instead). Dispatch looks the
verb up here, so a new feature adds its verbs without touching the dispatcher.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from handlers.actions import Action, Verb
from handlers.conversation import Conversation
from knowledge.schema import Procedure

ActionHandler = Callable[[Conversation, Action, Procedure | None], None]


@dataclass(frozen=True)
class Route:
    handler: ActionHandler
    needs_procedure: bool


ACTIONS: dict[Verb, Route] = {}


def on(verb: Verb, *, needs_procedure: bool = False) -> Callable[[ActionHandler], ActionHandler]:
    def register(handler: ActionHandler) -> ActionHandler:
        if verb in ACTIONS:
            raise ValueError(f"two handlers for {verb!r}")
        ACTIONS[verb] = Route(handler, needs_procedure)
        return handler

    return register
