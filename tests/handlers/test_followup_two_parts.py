"""A follow-up inside a procedure that asks two of its parts, each in a clause of its own, gets
both; a follow-up that asks one part gets that part only."""

from __future__ import annotations

from handlers import Context, State
from handlers.state import Mode
from tests.handlers.talk import say


def _heads(ctx: Context, procedure: str, text: str) -> list[str]:
    state = State(mode=Mode.PROCEDURE, procedure=procedure)
    turn, after = say(ctx, state, text)
    assert after.procedure == procedure
    return [r.text.split("\n", 1)[0] for r in turn.replies]


def test_a_follow_up_asking_place_and_fee_gets_both(ctx: Context) -> None:
    heads = _heads(ctx, "dang-ky-tam-tru", "nộp ở đâu, có mất tiền không")
    assert any(h.startswith("📍 Nơi nộp") for h in heads)
    assert any(h.startswith("💰 Lệ phí") for h in heads)


def test_a_follow_up_asking_documents_and_place_gets_both(ctx: Context) -> None:
    heads = _heads(ctx, "dang-ky-khai-tu", "can mang giay to gi, nop cho nao")
    assert any(h.startswith("📄 Giấy tờ") for h in heads)
    assert any(h.startswith("📍 Nơi nộp") for h in heads)


def test_a_follow_up_asking_one_part_gets_that_part_only(ctx: Context) -> None:
    heads = _heads(ctx, "dang-ky-tam-tru", "mất bao lâu")
    assert any(h.startswith("⏱ Thời gian") for h in heads)
    assert not any(h.startswith("📍 Nơi nộp") or h.startswith("💰 Lệ phí") for h in heads)
