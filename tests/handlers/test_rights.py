"""The citizen's data rights in the conversation core: recognised, confirmed, handed on."""

from __future__ import annotations

import pytest

from handlers import Context, Incoming, Kind, Mode, State, handle
from handlers.rights import Right, requested


@pytest.mark.parametrize(
    "words", ["xóa dữ liệu của tôi", "/xoadulieu", "Xoá dữ liệu", "xoa du lieu"]
)
def test_erasure_request_asks_for_confirmation_with_buttons(ctx: Context, words: str) -> None:
    turn, state = handle(Incoming("u", "test", text=words), State(), ctx)
    assert turn.rights is None  # nothing is erased before the citizen confirms
    [reply] = turn.replies
    assert "không khôi phục" in reply.text
    assert [b.action for b in reply.buttons] == ["pv:erase", "pv:keep"]
    assert state.offered == ["pv:erase", "pv:keep"]


def test_confirmation_by_number_on_text_channels(ctx: Context) -> None:
    _, state = handle(Incoming("u", "test", text="/xoadulieu"), State(), ctx)
    turn, after = handle(Incoming("u", "test", text="1"), state, ctx)
    assert turn.rights == Right.ERASE
    assert after == State(history=after.history) and after.procedure is None


def test_confirmed_erasure_forgets_the_conversation(ctx: Context) -> None:
    before = State(mode=Mode.PROCEDURE, procedure="dang-ky-ket-hon", locality="x", query="q")
    turn, after = handle(Incoming("u", "test", Kind.ACTION, action="pv:erase"), before, ctx)
    assert turn.rights == Right.ERASE
    assert after.procedure is None and after.locality is None and after.query == ""


def test_keeping_changes_nothing_and_exercises_no_right(ctx: Context) -> None:
    before = State(mode=Mode.PROCEDURE, procedure="dang-ky-ket-hon")
    turn, after = handle(Incoming("u", "test", Kind.ACTION, action="pv:keep"), before, ctx)
    assert turn.rights is None
    assert after.procedure == "dang-ky-ket-hon"
    assert "vẫn được giữ" in turn.replies[0].text


@pytest.mark.parametrize(
    ("words", "right"),
    [("dữ liệu của tôi", Right.ACCESS), ("/dulieu", Right.ACCESS), ("quyền riêng tư", Right.INFO)],
)
def test_access_and_information(ctx: Context, words: str, right: Right) -> None:
    turn, _ = handle(Incoming("u", "test", text=words), State(), ctx)
    assert turn.rights == right


def test_a_question_mentioning_data_is_still_a_question(ctx: Context) -> None:
    turn, _ = handle(Incoming("u", "test", text="xác nhận thông tin cư trú"), State(), ctx)
    assert turn.rights is None


def test_unknown_privacy_button_gets_a_plain_answer(ctx: Context) -> None:
    turn, _ = handle(Incoming("u", "test", Kind.ACTION, action="pv:nonsense"), State(), ctx)
    assert turn.rights is None and turn.replies


def test_typed_requests_map_to_their_buttons() -> None:
    assert requested("/xoadulieu") == "pv:ask"
    assert requested("dữ liệu của tôi") == "pv:data"
    assert requested("làm khai sinh") is None
