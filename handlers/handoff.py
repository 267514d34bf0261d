"""The handoff feature: the citizen asks for a person; the request is recorded for the team."""

from __future__ import annotations

from handlers import callback, keyboards, texts
from handlers.actions import Action, Verb
from handlers.conversation import Conversation
from handlers.events import UnmetReason
from handlers.routes import on
from knowledge.schema import Procedure


def request(conv: Conversation) -> None:
    """Only an explicit request (button, /nguoi, "có" to the offer) opens a ticket. Outside
    the desk's hours a call-back is offered with it (the runtime offers one too when no
    volunteer is on duty)."""
    state = conv.state
    state.asked, state.misses = None, 0
    conv.record_unmet(
        UnmetReason.HANDOFF,
        state.query or "(người dân yêu cầu gặp người hỗ trợ)",
        procedure_id=state.procedure,
    )
    if callback.desk_closed(conv):
        text = f"{texts.HANDOFF}\n{texts.CALLBACK_CLOSED}"
        conv.say(text, [callback.offer(), *keyboards.topics(conv.ctx.menu)])
    else:
        conv.say(texts.HANDOFF, keyboards.topics(conv.ctx.menu))


@on(Verb.HUMAN)
def _human(conv: Conversation, action: Action, proc: Procedure | None) -> None:
    request(conv)
