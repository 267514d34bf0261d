"""The feedback feature: 👍 / 👎 after an answer, and the short reason after a 👎."""

from __future__ import annotations

from handlers import keyboards, texts
from handlers.actions import Action, Verb, act
from handlers.conversation import Conversation
from handlers.events import Button, FeedbackRecord, UnmetReason
from handlers.routes import on
from handlers.state import Mode
from knowledge.schema import Procedure


def thumbs(conv: Conversation, positive: bool, procedure_id: str | None) -> None:
    state = conv.state
    proc = conv.ctx.procedure(procedure_id or state.procedure)
    if proc is None:
        conv.say(texts.FEEDBACK_NOTHING, keyboards.topics(conv.ctx.menu))
        return
    conv.feedback.append(FeedbackRecord(proc.id, positive))
    if positive:
        conv.say(texts.FEEDBACK_THANKS)
        return
    # Recorded at once, so a 👎 is never lost; the reason, if given, fills in the same record.
    conv.record_unmet(UnmetReason.THUMBS_DOWN, state.query or proc.name, procedure_id=proc.id)
    state.focus(proc.id, Mode.FEEDBACK_REASON)
    buttons = [
        Button(label, act(Verb.REASON, code, proc.id))
        for code, label in texts.FEEDBACK_REASONS.items()
    ]
    conv.say(texts.FEEDBACK_ASK, buttons)


def reason(conv: Conversation, code: str, procedure_id: str | None, free_text: str = "") -> None:
    state = conv.state
    label = texts.FEEDBACK_REASONS.get(code, texts.FEEDBACK_REASONS["other"])
    detail = f"{label}: {free_text}" if free_text else label
    conv.feedback.append(FeedbackRecord(procedure_id or state.procedure, False, detail, amend=True))
    state.mode = Mode.PROCEDURE if state.procedure else Mode.IDLE
    conv.say(texts.FEEDBACK_RECORDED, [keyboards.human()])


@on(Verb.UP)
@on(Verb.DOWN)
def _thumbs(conv: Conversation, action: Action, proc: Procedure | None) -> None:
    thumbs(conv, action.verb is Verb.UP, action.proc or None)


@on(Verb.REASON)
def _reason(conv: Conversation, action: Action, proc: Procedure | None) -> None:
    reason(conv, action.arg, action.proc or None)
