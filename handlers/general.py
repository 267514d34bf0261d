"""Greeting, help, reset, topic menu, locality and messages that are not text."""

from __future__ import annotations

from handlers import keyboards, texts
from handlers.conversation import Conversation
from handlers.events import Kind
from handlers.state import Mode, State
from knowledge.text import key


def greet(conv: Conversation) -> None:
    conv.say(texts.GREETING, keyboards.topics(conv.ctx.menu, with_human=True))


def help_(conv: Conversation) -> None:
    conv.say(texts.HELP, keyboards.topics(conv.ctx.menu, with_human=True))


def reset(conv: Conversation) -> None:
    """Forget the conversation, keep where the citizen lives."""
    old = conv.state
    conv.state = State(locality=old.locality, place=old.place, history=old.history)
    conv.say(texts.RESET, keyboards.topics(conv.ctx.menu, with_human=True))


def topic(conv: Conversation, topic_id: str) -> bool:
    chosen = conv.ctx.menu.topic(topic_id)
    if chosen is None:
        return False
    kb = conv.ctx.kb
    procs = [kb.procedures[pid] for group in chosen.groups for pid in kb.groups.get(group, ())]
    conv.say(texts.TOPIC_PICK.format(label=chosen.label), keyboards.procedures(procs))
    return True


def non_text(conv: Conversation, kind: Kind) -> None:
    conv.say(texts.NON_TEXT.get(kind.value, texts.NON_TEXT["other"]))


def set_place(conv: Conversation, named: str) -> str:
    """Remember where the citizen lives; return the sentence that confirms it."""
    state = conv.state
    wanted = key(named)
    for loc in conv.ctx.kb.localities.values():
        names = {key(n) for n in (loc.id.replace("-", " "), loc.name, *loc.aliases)}
        if wanted in names:
            state.locality, state.place = loc.id, None
            return texts.LOCALITY_SET.format(name=loc.name)
    state.locality, state.place = None, named
    return texts.LOCALITY_UNKNOWN.format(place=named)


def idle_if_clarifying(conv: Conversation) -> None:
    if conv.state.mode is Mode.CLARIFY:
        conv.state.mode = Mode.PROCEDURE if conv.state.procedure else Mode.IDLE
