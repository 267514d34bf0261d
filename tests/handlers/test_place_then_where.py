"""A commune told inside a question that asks, last, where to go: the current procedure's place
section answers, with the commune just told, even when other words come before ("nếu phải đến
thì …", "chủ cũ ở tỉnh khác thì …")."""

from __future__ import annotations

import pytest

from handlers import Context, Incoming, State, Turn, handle
from handlers.state import Mode
from knowledge.answers import default_words

MARRIAGE = "dang-ky-ket-hon"
EXTENSION = "gia-han-tam-tru"


def ask(ctx: Context, procedure_id: str, text: str) -> tuple[Turn, State]:
    state = State(mode=Mode.PROCEDURE, procedure=procedure_id)
    return handle(Incoming("u", "test", text=text), state, ctx)


def said(turn: Turn) -> str:
    return "\n".join(r.text for r in turn.replies)


def test_coming_in_person_then_where_is_the_place_section(pctx: Context) -> None:
    turn, state = ask(pctx, MARRIAGE, "nếu phải đến ký thì mình ở phường Cầu Giấy, đến đâu")
    text = said(turn)
    assert "📍 Nơi nộp — Đăng ký kết hôn" in text and "Nơi bạn ở: Phường Cầu Giấy" in text
    assert state.procedure == MARRIAGE and state.commune is not None


def test_an_old_ward_then_going_up_where_is_the_place_section(pctx: Context) -> None:
    turn, state = ask(
        pctx, EXTENSION, "phải có mặt à, tôi ở phường Linh Trung cũ Thủ Đức thì lên đâu"
    )
    assert "📍 Nơi nộp — Gia hạn tạm trú" in said(turn)
    assert state.procedure == EXTENSION and state.commune is not None


def test_a_question_ending_on_another_part_is_that_part(pctx: Context) -> None:
    turn, state = ask(pctx, MARRIAGE, "mình ở phường Cầu Giấy, đến đó thì cần mang giấy tờ gì")
    text = said(turn)
    assert "📄 Giấy tờ cần chuẩn bị — Đăng ký kết hôn" in text and "📍 Nơi nộp" not in text
    assert state.procedure == MARRIAGE


@pytest.mark.parametrize("text", ["thì lên đâu", "tới đâu nộp"])
def test_going_up_or_to_asks_where(text: str) -> None:
    assert [f.section for f in default_words().asked(text)][-1:] == ["place"]
