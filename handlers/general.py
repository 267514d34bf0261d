"""Greeting, help, reset, topic menu, locality and messages that are not text."""

from __future__ import annotations

from handlers import keyboards, texts
from handlers.actions import Action, Verb, act
from handlers.conversation import Conversation
from handlers.events import Button, Kind
from handlers.routes import on
from handlers.state import Mode, State
from knowledge.schema import Procedure
from knowledge.text import key

TOPIC_PAGE = 6  # procedures listed at once under a topic; the rest behind "Xem thêm"


def greet(conv: Conversation) -> None:
    conv.say(texts.GREETING, keyboards.topics(conv.ctx.menu, with_human=True))


def help_(conv: Conversation) -> None:
    conv.say(texts.HELP, keyboards.topics(conv.ctx.menu, with_human=True))


def reset(conv: Conversation) -> None:
    """Forget the conversation, keep where the citizen lives."""
    old = conv.state
    conv.state = State(locality=old.locality, place=old.place, history=old.history)
    conv.say(texts.RESET, keyboards.topics(conv.ctx.menu, with_human=True))


def topic(conv: Conversation, topic_id: str, shown: int = 0) -> bool:
    """A topic's procedures, six at a time: "Xem thêm" shows the next ones."""
    chosen = conv.ctx.menu.topic(topic_id)
    if chosen is None:
        return False
    kb = conv.ctx.kb
    procs = [kb.procedures[pid] for group in chosen.groups for pid in kb.groups.get(group, ())]
    # The base procedures first: their names are the shortest ("Đăng ký khai sinh" before
    # "Khai sinh kèm nhận cha, mẹ, con").
    procs.sort(key=lambda p: len(p.title.split("(")[0].split()))
    page = procs[shown : shown + TOPIC_PAGE]
    if not page:
        return False
    buttons = keyboards.procedures(page)
    if shown + TOPIC_PAGE < len(procs):
        buttons.append(Button(texts.LABEL_MORE, act(Verb.MORE, f"{topic_id}@{shown + TOPIC_PAGE}")))
    conv.say(texts.TOPIC_PICK.format(label=chosen.label), buttons)
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


@on(Verb.START)
def _start(conv: Conversation, action: Action, proc: Procedure | None) -> None:
    greet(conv)


@on(Verb.HELP)
def _help(conv: Conversation, action: Action, proc: Procedure | None) -> None:
    help_(conv)


@on(Verb.RESET)
def _reset(conv: Conversation, action: Action, proc: Procedure | None) -> None:
    reset(conv)


@on(Verb.TOPIC)
def _topic(conv: Conversation, action: Action, proc: Procedure | None) -> None:
    if not topic(conv, action.arg):
        conv.say(texts.UNKNOWN_ACTION, keyboards.topics(conv.ctx.menu))


@on(Verb.MORE)
def _more(conv: Conversation, action: Action, proc: Procedure | None) -> None:
    topic_id, _, shown = action.arg.partition("@")
    if not (shown.isdecimal() and topic(conv, topic_id, int(shown))):
        conv.say(texts.UNKNOWN_ACTION, keyboards.topics(conv.ctx.menu))
