"""Turns in the middle of a conversation through the real core: a request for a person after a
complaint, the next step said after what is done ("… xong thì …"), a stay said longer than the
current procedure's bound, and corrections that deny what they no longer mean."""

from __future__ import annotations

from handlers import Context, State, Turn, texts
from tests.handlers.talk import say


def text_of(turn: Turn) -> str:
    return "\n".join(r.text for r in turn.replies)


def test_a_request_for_a_person_after_a_complaint_is_a_handoff(ctx: Context) -> None:
    _, state = say(ctx, State(), "hòa giải tranh chấp đất đai ở xã")
    turn, _ = say(ctx, state, "rắc rối quá, cho mình gặp cán bộ được không")
    assert texts.HANDOFF in text_of(turn)


def test_a_request_for_a_person_after_a_complaint_typed_bare_is_a_handoff(ctx: Context) -> None:
    _, state = say(ctx, State(), "rut bhxh 1 lan can gi")
    turn, _ = say(ctx, state, "kho hieu qua e muon noi chuyen voi nhan vien")
    assert texts.HANDOFF in text_of(turn)


def test_a_question_that_mentions_an_officer_is_no_handoff(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký khai sinh cho con")
    turn, state = say(ctx, state, "nộp qua mạng được không hay phải gặp cán bộ")
    assert texts.HANDOFF not in text_of(turn)
    assert state.procedure == "dang-ky-khai-sinh"
