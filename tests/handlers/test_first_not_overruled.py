"""A first message is not answered outright with a procedure it does not tell: an order of
siblings the message says leaves no third procedure to win by its passages alone, and a
candidate's question-and-answer does not take a message that asks for the paper the matcher's
answer issues. Being bound to come oneself, in any of its words, asks who must come."""

from __future__ import annotations

import pytest

from handlers import Context, Incoming, State, handle
from handlers.state import Mode
from knowledge.answers import default_words

ABSENCE = "dang-ky-nghia-vu-quan-su-bo-sung-tam-vang"
MOVE = "dang-ky-nghia-vu-quan-su-chuyen-di-chuyen-den"
SINGLE = "cap-giay-xac-nhan-tinh-trang-hon-nhan"


def first(ctx: Context, text: str) -> State:
    _, state = handle(Incoming("u", "test", text=text), State(), ctx)
    return state


def test_a_third_sibling_fitting_best_leaves_the_choice_open(ctx: Context) -> None:
    # working away puts the absence before the first registration; nothing tells a move
    state = first(
        ctx,
        "con trai em đi làm xa ở Bình Dương, nhà có thể đăng ký nghĩa vụ quân sự giúp cháu không",
    )
    assert state.mode is Mode.CLARIFY and state.procedure is None


def test_the_sibling_the_order_puts_first_is_still_taken_by_its_fit(ctx: Context) -> None:
    state = first(
        ctx, "con tôi vắng mặt ở địa phương, tôi nộp đăng ký nghĩa vụ quân sự cho nó được không"
    )
    assert state.procedure == ABSENCE


def test_a_move_told_is_still_the_move(ctx: Context) -> None:
    state = first(ctx, "con trai chuyển nhà sang huyện khác thì đăng ký nghĩa vụ quân sự thế nào")
    assert state.procedure == MOVE


def test_the_paper_asked_for_is_not_taken_by_a_question_of_its_use(ctx: Context) -> None:
    state = first(ctx, "muốn làm giấy xác nhận độc thân để cưới vợ thì làm sao")
    assert state.procedure == SINGLE


@pytest.mark.parametrize(
    "text",
    [
        "có phải tự đến không",
        "phải tự mình đi à",
        "có cần đích thân ra không",
        "có bắt buộc trực tiếp lên phường không",
        "có cần tự thân đi không",
        "bắt buộc phải tự về quê làm à",
        "co phai chinh chu toi nop khong",
    ],
)
def test_bound_to_come_oneself_asks_who_must_come(text: str) -> None:
    assert [f.section for f in default_words().asked(text)][:1] == ["in_person"]


def test_doing_a_thing_oneself_without_coming_asks_no_one_to_come() -> None:
    assert "in_person" not in {f.section for f in default_words().asked("có phải tự khai không")}
