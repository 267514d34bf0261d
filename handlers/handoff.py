"""The handoff feature: the citizen asks for a person; the request is recorded for the team."""

from __future__ import annotations

from handlers import keyboards, texts
from handlers.conversation import Conversation
from handlers.events import UnmetReason


def request(conv: Conversation) -> None:
    state = conv.state
    conv.record_unmet(
        UnmetReason.HANDOFF,
        state.query or "(người dân yêu cầu gặp người hỗ trợ)",
        procedure_id=state.procedure,
    )
    conv.say(texts.HANDOFF, keyboards.topics(conv.ctx.menu))
