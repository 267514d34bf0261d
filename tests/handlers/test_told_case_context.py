"""A follow-up that tells the citizen's case before what it asks: the passage that answers the
part asked need not hold the words of the case; they only weigh as context."""

from __future__ import annotations

from handlers import Context
from tests.handlers.talk import reply_in


def test_the_passage_answering_the_part_asked_is_kept_without_the_words_of_the_case(
    ctx: Context,
) -> None:
    reply = reply_in(
        ctx,
        "dang-ky-xe-lan-dau",
        "em mua chiếc vision ở đại lý honda đầu ngõ, giấy tờ đại lý đưa đủ cả rồi"
        " thì bao lâu có biển số",
    )
    assert "cấp ngay" in reply


def test_the_time_is_the_answer_when_the_case_told_is_nowhere_in_the_guidance(
    ctx: Context,
) -> None:
    reply = reply_in(
        ctx,
        "dieu-chinh-thong-tin-csdl-dan-cu",
        "trên vneid ghi sai năm sinh của bà ngoại tôi, bà ở với tôi ngoài thị trấn thì mất bao lâu",
    )
    assert "02 ngày làm việc" in reply


def test_a_case_supposed_is_what_is_asked_and_its_words_still_decide(ctx: Context) -> None:
    reply = reply_in(
        ctx, "dang-ky-thanh-lap-ho-kinh-doanh", "nếu bán thêm bia rượu thì phải xin thêm giấy gì"
    )
    assert "rượu" in reply
