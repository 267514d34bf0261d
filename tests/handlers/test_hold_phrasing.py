"""Thanks and a request for a number in a few more everyday forms, inside a procedure."""

from __future__ import annotations

import pytest

from handlers import Context, Incoming, State, handle
from handlers.intents import Command, command
from handlers.state import Mode

TEMP_RESIDENCE = "dang-ky-tam-tru"


def said(ctx: Context, text: str) -> tuple[str, State]:
    state = State(mode=Mode.PROCEDURE, procedure=TEMP_RESIDENCE)
    turn, after = handle(Incoming("u", "test", text=text), state, ctx)
    return "\n".join(r.text for r in turn.replies), after


@pytest.mark.parametrize("text", ["dc roi cam on", "được rồi cảm ơn nha"])
def test_alright_thanks_is_thanks(text: str) -> None:
    assert command(text) is Command.THANKS


def test_asking_for_a_phone_number_offers_a_person_and_keeps_the_procedure(ctx: Context) -> None:
    reply, state = said(ctx, "có số điện thoại nào để hỏi trực tiếp không")
    assert state.asked == "human" and state.procedure == TEMP_RESIDENCE
    assert "tổng đài" in reply


@pytest.mark.parametrize("text", ["đăng ký số điện thoại vào vneid", "có mẫu số nào không"])
def test_a_phone_number_in_a_question_is_not_a_request_for_one(text: str) -> None:
    assert command(text) is None
