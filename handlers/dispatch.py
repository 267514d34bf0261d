"""The one entry point: an incoming event and the stored state in; replies and the new state out.

Never raises for anything a citizen or a stale button can send: every path ends in a reply.
"""

from __future__ import annotations

from handlers import checklist, feedback, general, handoff, keyboards, places, procedure, texts
from handlers.actions import Action, Section, Verb
from handlers.context import Context
from handlers.conversation import Conversation
from handlers.events import Incoming, Kind, Turn
from handlers.intents import (
    Command,
    command,
    has_words,
    numbers,
    place_named,
    rejection,
    start_payload,
)
from handlers.privacy import mask
from handlers.state import Mode, State
from knowledge.matcher import Outcome
from knowledge.schema import Procedure

MAX_INPUT = 500  # characters of a message that are read; the rest is politely ignored


def handle(event: Incoming, state: State, ctx: Context) -> tuple[Turn, State]:
    conv = Conversation(event, state.model_copy(deep=True), ctx)
    if event.locality and event.locality in ctx.kb.localities:
        conv.state.locality, conv.state.place = event.locality, None
    if event.kind is Kind.ACTION:
        conv.state.remember("› [" + event.action[:64] + "]")
        on_action(conv, Action.parse(event.action))
    elif event.kind is Kind.TEXT:
        on_text(conv, event.text)
    else:
        general.non_text(conv, event.kind)
    turn = conv.finish()
    return turn, conv.state


def on_action(conv: Conversation, action: Action | None) -> None:
    if action is None:
        conv.say(texts.UNKNOWN_ACTION, keyboards.topics(conv.ctx.menu))
        return
    verb, arg = action.verb, action.arg
    proc = conv.ctx.procedure(action.proc) if action.proc else None
    if action.proc and proc is None:
        conv.say(texts.UNKNOWN_PROCEDURE, keyboards.topics(conv.ctx.menu))
    elif verb is Verb.START:
        general.greet(conv)
    elif verb is Verb.HELP:
        general.help_(conv)
    elif verb is Verb.RESET:
        general.reset(conv)
    elif verb is Verb.HUMAN:
        handoff.request(conv)
    elif verb is Verb.TOPIC:
        if not general.topic(conv, arg):
            conv.say(texts.UNKNOWN_ACTION, keyboards.topics(conv.ctx.menu))
    elif verb is Verb.PROCEDURE:
        procedure.pick(conv, arg)
    elif verb is Verb.NONE:
        procedure.reject(conv, "")
    elif verb in (Verb.UP, Verb.DOWN):
        feedback.thumbs(conv, verb is Verb.UP, action.proc or None)
    elif verb is Verb.REASON:
        feedback.reason(conv, arg, action.proc or None)
    elif verb is Verb.PLACE:
        places.choose(conv, arg)
    elif proc is None:
        conv.say(texts.UNKNOWN_ACTION, keyboards.topics(conv.ctx.menu))
    elif verb is Verb.ASPECT:
        _section(conv, proc, arg)
    elif verb is Verb.TICK:
        checklist.tick(conv, proc, [int(arg)] if arg.isdigit() else [])
    elif verb is Verb.CHECK_DONE:
        checklist.done(conv, proc)


def _section(conv: Conversation, proc: Procedure, arg: str) -> None:
    try:
        section = Section(arg)
    except ValueError:
        conv.say(texts.UNKNOWN_ACTION, keyboards.sections(proc, Section.CARD))
        return
    procedure.show(conv, proc, section)


def on_text(conv: Conversation, raw: str) -> None:
    text = raw.strip()
    if not text:
        conv.say(texts.EMPTY)
        return
    if len(text) > MAX_INPUT:
        cut = text[:MAX_INPUT]
        text = cut[: cut.rfind(" ")] if " " in cut else cut
        conv.say(texts.TOO_LONG)
    conv.state.remember("› " + mask(text))
    state = conv.state
    chosen = numbers(text)
    if chosen and state.offered:
        _numbered(conv, chosen)
        return
    cmd = command(text)
    if cmd is not None:
        _command(conv, cmd, text)
        return
    if not has_words(text):
        conv.say(texts.EMOJI_ONLY)
        return
    if state.mode is Mode.FEEDBACK_REASON:
        if not _moves_on(conv, text):
            feedback.reason(conv, "other", state.procedure, mask(text))
            return
        state.mode = Mode.PROCEDURE  # a new question: the 👎 stays recorded without a reason
    if places.on_text(conv, text) or _place(conv, text):
        return
    rejected = rejection(text)
    if rejected is not None and (state.procedure or state.mode is Mode.CLARIFY):
        procedure.reject(conv, rejected.rest)
        return
    procedure.ask(conv, text)


def _moves_on(conv: Conversation, text: str) -> bool:
    """After a 👎, is this a new question rather than the reason?"""
    result = conv.ctx.matcher.match(text)
    return result.outcome is not Outcome.UNMET or result.aspect is not None


def _numbered(conv: Conversation, chosen: list[int]) -> None:
    """ "2" on a channel without buttons means the second option offered."""
    offered = conv.state.offered
    valid = [n for n in chosen if 1 <= n <= len(offered)]
    if not valid:
        conv.say(f"Bạn chọn một số từ 1 đến {len(offered)} nhé.")
        return
    ticks = [Action.parse(offered[n - 1]) for n in valid]
    if len(valid) > 1 and all(a and a.verb is Verb.TICK for a in ticks):
        proc = conv.ctx.procedure(ticks[0].proc if ticks[0] else None)
        if proc:
            checklist.tick(conv, proc, [int(a.arg) for a in ticks if a])
            return
    on_action(conv, ticks[0])


# Commands that do exactly what a button does.
_COMMAND_VERBS = {Command.HELP: Verb.HELP, Command.RESET: Verb.RESET, Command.HUMAN: Verb.HUMAN}


def _command(conv: Conversation, cmd: Command, text: str) -> None:
    if cmd in _COMMAND_VERBS:
        on_action(conv, Action(_COMMAND_VERBS[cmd]))
    elif cmd is Command.START:
        _start(conv, start_payload(text))
    elif cmd is Command.THANKS:
        conv.say(texts.THANKS)
    else:
        feedback.thumbs(conv, cmd is Command.UP, None)


def _start(conv: Conversation, payload: str) -> None:
    """ "/start", or a deep link "/start <procedure id>" / "/start <locality id>" (QR posters)."""
    payload = places.from_start(conv, payload)  # "x70_dang-ky-khai-sinh": a commune first
    proc = conv.ctx.procedure(payload)
    if proc is not None:
        conv.say(texts.DEEP_LINK)
        procedure.show(conv, proc)
        return
    if payload in conv.ctx.kb.localities:
        conv.state.locality, conv.state.place = payload, None
    general.greet(conv)


def _place(conv: Conversation, text: str) -> bool:
    """ "tôi ở phường X" sets the locality; True when nothing else was asked."""
    found = place_named(text)
    if not found:
        return False
    named, rest = found
    confirm = general.set_place(conv, named)
    proc = conv.ctx.procedure(conv.state.procedure)
    if conv.state.locality or not proc:
        conv.say(confirm)  # an unknown place is explained inside the place section instead
    if rest and has_words(rest) and command(rest) is None:
        procedure.ask(conv, rest)
    elif proc:
        procedure.show(conv, proc, Section.PLACE)
    else:
        conv.say(texts.RESET.split(". ", 1)[1], keyboards.topics(conv.ctx.menu))
    return True
