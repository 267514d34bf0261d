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


def test_parts_asked_one_after_another_are_answered_whatever_age_is_told(ctx: Context) -> None:
    turn, state = say(
        ctx,
        State(),
        "Ông tôi 70 tuổi, chưa làm hộ chiếu lần nào. Làm hộ chiếu nộp ở đâu, ông có phải đích "
        "thân đi không?",
    )
    said = "\n".join(r.text for r in turn.replies)
    assert state.procedure == "cap-ho-chieu-pho-thong"
    assert "Nơi nộp" in said and "Ai phải có mặt" in said


def test_one_part_asked_with_an_age_told_is_still_whether_one_may(ctx: Context) -> None:
    turn, _ = say(ctx, State(), "em 19 tuổi thì xin lý lịch tư pháp được chưa")
    said = "\n".join(r.text for r in turn.replies)
    assert "Nơi nộp" not in said
