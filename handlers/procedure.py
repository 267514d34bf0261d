"""The procedure feature: free text → a procedure and the answer to what was asked about it.

:func:`ask` reads the thread of the conversation and hands the message on: with a procedure
current, to the follow-ups (``handlers/follow.py``); "thế còn X thì sao", "quay lại X" and
corrections to the switches (``handlers/switch.py``); with none, to the first message of a need
(``handlers/first.py``). What they share on how a message names a procedure is in
``handlers/naming.py``; the answer itself is ``handlers/answer.py``'s.
"""

from __future__ import annotations

from handlers import keyboards, respond, switch, texts
from handlers import sections as sec
from handlers.actions import Action, Verb
from handlers.answer import show
from handlers.conversation import Conversation
from handlers.first import after_clarify, new_need, vague
from handlers.follow import follow_up
from handlers.intents import back_to, switch_target
from handlers.privacy import mask
from handlers.routes import on
from handlers.state import Mode
from handlers.switch import back_by_name, go_back
from knowledge.answers import default_words
from knowledge.schema import Procedure


def ask(conv: Conversation, text: str) -> None:
    """A free-text question: a follow-up about the current procedure, or a new need."""
    state = conv.state
    current = conv.ctx.procedure(state.procedure)
    words = default_words()
    target = switch_target(text)
    if target is not None and current and not words.content(target):
        respond.reply(conv, current, target)  # "thế còn lệ phí thì sao"
        return
    back = back_to(text)
    if back is not None:
        again = go_back(conv, back, current)
        if again is not None:
            ask(conv, again)
        return
    if target is None and current is not None and back_by_name(conv, current, text):
        return
    switching = target is not None
    question = target if target is not None else text
    result = conv.ctx.matcher.match(question)
    state.query = mask(text)
    state.scores = [(c.id, c.score) for c in result.candidates[:5]]
    content = bool(words.content(question)) and bool(result.normalized.strip())
    if current is not None:
        follow_up(conv, current, question, result, content, switching)
        return
    if state.mode is Mode.CLARIFY and state.candidates and after_clarify(conv, question, result):
        return
    if vague(text):  # "cái giấy đó làm ở đâu" with nothing before it: which paper?
        conv.say(texts.NO_PROCEDURE, keyboards.topics(conv.ctx.menu))
        return
    new_need(conv, question, result, content)


def pick(conv: Conversation, procedure_id: str) -> None:
    """A procedure button (from clarify, a topic, or the related list)."""
    proc = conv.ctx.procedure(procedure_id)
    if proc is None:
        conv.say(texts.UNKNOWN_PROCEDURE, keyboards.topics(conv.ctx.menu))
        return
    show(conv, proc, sec.CARD)


def reject(conv: Conversation, rest: str) -> None:
    """ "Không phải các mục trên", or "không phải, ý tôi là ..." after an answer
    (:func:`handlers.switch.reject`); words that name no procedure firmly are asked anew."""
    again = switch.reject(conv, rest)
    if again is not None:
        ask(conv, again)


@on(Verb.PROCEDURE)
def _procedure(conv: Conversation, action: Action, proc: Procedure | None) -> None:
    pick(conv, action.arg)


@on(Verb.NONE)
def _none(conv: Conversation, action: Action, proc: Procedure | None) -> None:
    reject(conv, "")


@on(Verb.ASPECT, needs_procedure=True)
def _section(conv: Conversation, action: Action, proc: Procedure | None) -> None:
    assert proc is not None
    if action.arg not in sec.BY_ID:
        conv.say(texts.UNKNOWN_ACTION, keyboards.sections(proc, sec.CARD))
        return
    show(conv, proc, action.arg)
