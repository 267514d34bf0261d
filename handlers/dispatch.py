"""The one entry point: an incoming event and the stored state in; replies and the new state out.

Never raises for anything a citizen or a stale button can send: every path ends in a reply.
"""

from __future__ import annotations

from handlers import (
    answer,
    callback,
    checklist,
    feedback,
    first,
    general,
    handoff,
    keyboards,
    places,
    procedure,
    rights,
    switch,
    texts,
)
from handlers import sections as sec
from handlers.actions import Action, Verb
from handlers.context import Context
from handlers.conversation import Conversation
from handlers.events import Incoming, Kind, Turn
from handlers.intents import (
    Command,
    bare_no,
    command,
    has_words,
    numbers,
    place_named,
    rejection,
    start_payload,
    yes_no,
)
from handlers.privacy import mask
from handlers.routes import ACTIONS
from handlers.state import Mode, State
from knowledge.matcher import Outcome

# The features register their button verbs in handlers.routes.ACTIONS when imported.
FEATURES = (callback, checklist, feedback, general, handoff, procedure)

MAX_INPUT = 500  # characters of a message that are read; the rest is politely ignored


def handle(event: Incoming, state: State, ctx: Context) -> tuple[Turn, State]:
    conv = Conversation(event, state.fork(), ctx)
    conv.paper, conv.state.paper = conv.state.paper, None  # "giấy đó" points one turn on
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
    route = ACTIONS.get(action.verb) if action else None
    if action is None or route is None:
        conv.say(texts.UNKNOWN_ACTION, keyboards.topics(conv.ctx.menu))
        return
    if action.verb is not Verb.HUMAN:
        conv.state.asked = None  # a button answers any yes/no question left open
    proc = conv.ctx.procedure(action.proc) if action.proc else None
    if action.proc and proc is None:
        conv.say(texts.UNKNOWN_PROCEDURE, keyboards.topics(conv.ctx.menu))
    elif route.needs_procedure and proc is None:
        conv.say(texts.UNKNOWN_ACTION, keyboards.topics(conv.ctx.menu))
    else:
        route.handler(conv, action, proc)


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
    asked, state.asked = state.asked, None
    if asked is not None and _answers_question(conv, asked, text):
        return
    if state.later and first.later(conv, text):  # "còn việc kia", "việc thứ 2"
        return
    chosen = numbers(text)
    if chosen and state.offered:
        _numbered(conv, chosen)
        return
    if chosen:
        _bare_number(conv)
        return
    cmd = command(text)
    if cmd is not None:
        _command(conv, cmd, text)
        return
    if not has_words(text):
        proc = conv.ctx.procedure(state.procedure)
        conv.say(texts.EMOJI_ONLY, keyboards.sections(proc, "") if proc else ())
        return
    if state.mode is Mode.FEEDBACK_REASON:
        if not _moves_on(conv, text):
            feedback.reason(conv, "other", state.procedure, mask(text))
            return
        state.mode = Mode.PROCEDURE  # a new question: the 👎 stays recorded without a reason
    if places.on_text(conv, text) or _place(conv, text):
        return
    if bare_no(text):  # a "không" that answers no question: nothing to reject
        proc = conv.ctx.procedure(state.procedure)
        if proc is not None:
            conv.say(texts.ANYTHING_ELSE.format(title=proc.title), keyboards.sections(proc, ""))
        else:
            conv.say(texts.NO_THANKS, keyboards.topics(conv.ctx.menu))
        return
    rejected = rejection(text)
    correcting = rejected is not None and (state.procedure or state.mode is Mode.CLARIFY)
    if rejected is not None and correcting and switch.corrects(conv, rejected):
        procedure.reject(conv, rejected.rest)
        return
    if rejected is None and switch.slipped(conv, text):  # "à nhầm, cháu mới 10 tuổi"
        return
    procedure.ask(conv, text)


def _answers_question(conv: Conversation, asked: str, text: str) -> bool:
    """The reply to a yes/no question motcua asked ("Bạn có muốn gặp người hỗ trợ không?"), or
    to a call-back's step (the time, the number)."""
    if asked.startswith(callback.ASKED_WHEN):
        return callback.on_text(conv, asked, text)
    said = yes_no(text)
    if said is None:
        return False  # something else: handled as a new message
    if said and asked == "human":
        handoff.request(conv)
        return True
    proc = conv.ctx.procedure(conv.state.procedure)
    conv.say(texts.NO_THANKS, keyboards.sections(proc, "") if proc else ())
    return True


def _bare_number(conv: Conversation) -> None:
    """A number with no options offered: say so, keep the procedure."""
    proc = conv.ctx.procedure(conv.state.procedure)
    buttons = keyboards.sections(proc, "") if proc else keyboards.topics(conv.ctx.menu)
    conv.say(texts.BARE_NUMBER, buttons)


def _moves_on(conv: Conversation, text: str) -> bool:
    """After a 👎, is this a new question rather than the reason?"""
    result = conv.ctx.matcher.match(text)
    return result.outcome is not Outcome.UNMET or result.aspect is not None


def _numbered(conv: Conversation, chosen: list[int]) -> None:
    """ "2" on a channel without buttons means the second option offered."""
    offered = conv.state.offered
    valid = [n for n in chosen if 1 <= n <= len(offered)]
    if not valid:
        proc = conv.ctx.procedure(conv.state.procedure)
        buttons = keyboards.sections(proc, "") if proc else keyboards.topics(conv.ctx.menu)
        conv.say(f"Bạn chọn một số từ 1 đến {len(offered)} nhé.", buttons)
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
    elif cmd is Command.CONTACT:  # no verified number to give: the desk, or a person here
        conv.state.asked = "human"
        proc = conv.ctx.procedure(conv.state.procedure)
        conv.say(f"{texts.NO_HOTLINE}\n{texts.OFFER_HUMAN}", keyboards.offer_human(proc))
    elif cmd in rights.COMMANDS:
        rights.on_action(conv, rights.COMMANDS[cmd])
    else:
        feedback.thumbs(conv, cmd is Command.UP, None)


def _start(conv: Conversation, payload: str) -> None:
    """ "/start", or a deep link "/start <procedure id>" / "/start <locality id>" (QR posters)."""
    payload = places.from_start(conv, payload)  # "x70_dang-ky-khai-sinh": a commune first
    proc = conv.ctx.procedure(payload)
    if proc is not None:
        conv.say(texts.DEEP_LINK)
        answer.show(conv, proc, sec.CARD)
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
        answer.show(conv, proc, sec.PLACE)
    else:
        conv.say(texts.RESET.split(". ", 1)[1], keyboards.topics(conv.ctx.menu))
    return True
