"""Talking to the conversation core in tests: messages in, the last turn and the state out; a
dialogue played as a table of messages, each with what its answer must hold."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pytest
from pytest import ParameterSet

from handlers import Context, Incoming, State, Turn, answer, handle
from handlers.conversation import Conversation
from handlers.state import Mode


def say(ctx: Context, state: State, *texts: str) -> tuple[Turn, State]:
    """Send each text in order as one citizen; the last turn and the state it leaves."""
    turn = None
    for text in texts:
        turn, state = handle(Incoming("u", "test", text=text), state, ctx)
    assert turn is not None
    return turn, state


def told_in(ctx: Context, procedure_id: str, *texts: str) -> tuple[str, State]:
    """The texts said in order while ``procedure_id`` is current: the last turn's replies as one
    text, and the state they leave (the procedure may change)."""
    state = State(mode=Mode.PROCEDURE, procedure=procedure_id)
    turn, after = say(ctx, state, *texts)
    return "\n".join(r.text for r in turn.replies), after


def commune_of(ctx: Context, state: State) -> str | None:
    """The full name of the commune ``state`` holds (None for none)."""
    assert ctx.places is not None
    found = ctx.places.commune(state.commune)
    return found.full if found is not None else None


def reply_in(ctx: Context, procedure_id: str, text: str) -> str:
    """The reply to ``text`` asked while ``procedure_id`` is current; it must stay current."""
    state = State(mode=Mode.PROCEDURE, procedure=procedure_id)
    turn, after = handle(Incoming("u", "test", text=text), state, ctx)
    assert after.procedure == procedure_id
    return turn.replies[-1].text


def plan_in(ctx: Context, procedure_id: str, text: str) -> answer.Plan:
    """What answers ``text`` inside ``procedure_id`` (``handlers.answer.plan``)."""
    conv = Conversation(Incoming("u", "test", text=text), State(), ctx)
    return answer.plan(conv, ctx.kb.procedures[procedure_id], text)


@dataclass(frozen=True)
class Say:
    """One message of a dialogue and what must hold once it is answered.

    ``procedure`` is the procedure current after it, ``not_procedure`` one that must not be;
    ``holds`` and ``lacks`` are words the reply must or must not hold, ``starts`` and
    ``not_starts`` what it must or must not begin with. The reply is every reply of the turn
    joined by new lines, or with ``reply`` set, that one reply alone (``-1``: the last). What
    is left unset is not checked.
    """

    text: str
    procedure: str | None = None
    not_procedure: str | None = None
    holds: Sequence[str] = ()
    lacks: Sequence[str] = ()
    starts: str | None = None
    not_starts: str | None = None
    reply: int | None = None


@dataclass(frozen=True)
class Dialogue:
    """Messages said in order by one citizen, from a fresh start or ``within`` a procedure
    already current."""

    says: tuple[Say, ...]
    within: str | None = None

    def play(self, ctx: Context) -> tuple[Turn, State]:
        return play(ctx, *self.says, within=self.within)


def case(name: str, *says: Say, within: str | None = None) -> ParameterSet:
    """A dialogue as one case of a parametrised table, its id ``name`` the behaviour it shows."""
    return pytest.param(Dialogue(says, within), id=name)


def asked_in(
    name: str,
    procedure_id: str,
    text: str,
    *,
    holds: Sequence[str] = (),
    lacks: Sequence[str] = (),
    starts: str | None = None,
    not_starts: str | None = None,
) -> ParameterSet:
    """A case of one message asked while ``procedure_id`` is current, as :func:`reply_in` asks
    it: the procedure stays current and the last reply holds what is said (see :class:`Say`)."""
    said = Say(
        text,
        procedure=procedure_id,
        holds=holds,
        lacks=lacks,
        starts=starts,
        not_starts=not_starts,
        reply=-1,
    )
    return case(name, said, within=procedure_id)


def play(ctx: Context, *dialogue: Say, within: str | None = None) -> tuple[Turn, State]:
    """Say each message in order as one citizen, checking what each must hold; the last turn
    and the state it leaves. ``within``: the procedure current before the first message."""
    state = State(mode=Mode.PROCEDURE, procedure=within) if within else State()
    turn = None
    for step in dialogue:
        turn, state = handle(Incoming("u", "test", text=step.text), state, ctx)
        check(step, turn, state)
    assert turn is not None, "a dialogue says at least one message"
    return turn, state


def check(step: Say, turn: Turn, state: State) -> None:
    """Fail, naming the message, where the turn or the state it leaves is not what it wants."""
    said = f"after {step.text!r}"
    if step.procedure is not None:
        assert state.procedure == step.procedure, (
            f"{said}: procedure {state.procedure!r}, wanted {step.procedure!r}"
        )
    if step.not_procedure is not None:
        assert state.procedure != step.not_procedure, (
            f"{said}: procedure {state.procedure!r}, wanted another"
        )
    if step.reply is None:
        text = "\n".join(r.text for r in turn.replies)
    else:
        text = turn.replies[step.reply].text
    for words in step.holds:
        assert words in text, f"{said}: {words!r} missing from the reply {text!r}"
    for words in step.lacks:
        assert words not in text, f"{said}: {words!r} in the reply {text!r}"
    if step.starts is not None:
        assert text.startswith(step.starts), f"{said}: reply {text!r} not begun {step.starts!r}"
    if step.not_starts is not None:
        assert not text.startswith(step.not_starts), (
            f"{said}: reply {text!r} begun {step.not_starts!r}"
        )
