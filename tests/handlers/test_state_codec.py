"""A state the core returns decodes to exactly itself: same values, of the same types.

The runtime relies on it to reuse the state a citizen's previous turn returned instead of
decoding the text it stored (``bot.service.DecodedStates``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from handlers import Context, Incoming, State, handle
from handlers.events import Kind

CONVERSATIONS = Path(__file__).resolve().parents[1] / "data" / "conversations.jsonl"


def _typed(value: Any) -> Any:
    """The value with the type of every part of it."""
    if isinstance(value, list | tuple):
        return type(value), [_typed(v) for v in value]
    return type(value), value


def _exact(state: State) -> list[tuple[str, Any]]:
    return [(name, _typed(value)) for name, value in state.__dict__.items()]


def test_every_state_of_the_conversations_decodes_to_itself(ctx: Context) -> None:
    dialogues = [json.loads(line) for line in CONVERSATIONS.read_text("utf-8").splitlines()]
    checked = 0
    for dialogue in dialogues:
        state = State()
        for said in dialogue["turns"]:
            turn, state = handle(Incoming("c", "web", text=said["say"]), state, ctx)
            buttons = [b.action for r in turn.replies for b in r.buttons]
            pressed = [
                handle(Incoming("c", "web", Kind.ACTION, action=action), state, ctx)[1]
                for action in buttons[:2]
            ]
            for returned in (state, *pressed):
                assert _exact(State.decode(returned.encode())) == _exact(returned)
                checked += 1
    assert checked > 500
