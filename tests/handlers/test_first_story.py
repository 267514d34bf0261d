"""A letter's first message: what its story tells in passing is not a need of its own."""

from __future__ import annotations

from handlers import Context, State
from tests.handlers.talk import say


def test_a_clause_of_the_story_is_not_a_second_need(ctx: Context) -> None:
    _, state = say(
        ctx,
        State(),
        "Chào anh chị. Tôi có hộ kinh doanh quán ăn và có đăng ký thuế. Mẹ tôi vừa mất hôm qua "
        "tại nhà. Cho hỏi khai tử cho mẹ cần giấy gì?",
    )
    assert state.procedure == "dang-ky-khai-tu"
    assert state.later == []


def test_two_needs_the_whole_letter_leads_to_are_both_kept(ctx: Context) -> None:
    _, state = say(
        ctx,
        State(),
        "Chào anh. Tôi vừa chuyển về phường này ở với bố mẹ. Tôi cần đăng ký thường trú và làm "
        "hộ chiếu. Xin hỏi thủ tục thế nào?",
    )
    assert state.procedure == "dang-ky-thuong-tru"
    assert state.later == ["cap-ho-chieu-pho-thong"]
