"""Talking to the conversation core in tests: messages in, the last turn and the state out."""

from __future__ import annotations

from handlers import Context, Incoming, State, Turn, handle
from handlers.state import Mode


def say(ctx: Context, state: State, *texts: str) -> tuple[Turn, State]:
    """Send each text in order as one citizen; the last turn and the state it leaves."""
    turn = None
    for text in texts:
        turn, state = handle(Incoming("u", "test", text=text), state, ctx)
    assert turn is not None
    return turn, state


def reply_in(ctx: Context, procedure_id: str, text: str) -> str:
    """The reply to ``text`` asked while ``procedure_id`` is current; it must stay current."""
    state = State(mode=Mode.PROCEDURE, procedure=procedure_id)
    turn, after = handle(Incoming("u", "test", text=text), state, ctx)
    assert after.procedure == procedure_id
    return turn.replies[-1].text
