"""Two readings of a follow-up: an amount asked with the benefit named between the word for
money and "bao nhiêu" ("được hỗ trợ mai táng bao nhiêu"), and the citizen's own deadline asked
by "hạn" ("xoá tạm trú thì hạn bao lâu"), which the passage of that deadline is found by."""

from __future__ import annotations

from handlers import Context
from knowledge.answers import DURATION, MONEY, fact_asked
from tests.handlers.talk import reply_in as ask

OLD_AGE_FUNERAL = "ho-tro-mai-tang-huu-tri-xa-hoi"
TEMPORARY_REMOVAL = "xoa-dang-ky-tam-tru"
DEATH_PACKAGE = "lien-thong-khai-tu-xoa-thuong-tru-mai-tang"


def test_an_amount_asked_with_the_benefit_named_before_it_is_money() -> None:
    asked = fact_asked("nhà em được hỗ trợ mai táng bao nhiêu")
    assert asked is not None and asked.kind == MONEY


def test_a_length_asked_with_the_benefit_named_is_not_money() -> None:
    asked = fact_asked("hỗ trợ mai táng bao nhiêu ngày thì có")
    assert asked is not None and asked.kind == DURATION


def test_the_benefit_amount_is_answered_inside_its_procedure(ctx: Context) -> None:
    assert "10.000.000" in ask(ctx, OLD_AGE_FUNERAL, "nhà mình được hỗ trợ mai táng là bao nhiêu")


def test_the_deadline_asked_by_han_is_the_citizens_own(ctx: Context) -> None:
    reply = ask(ctx, TEMPORARY_REMOVAL, "xoá tạm trú thì hạn bao lâu")
    assert "07 ngày" in reply


def test_the_deadline_inside_a_package_is_the_step_asked(ctx: Context) -> None:
    reply = ask(ctx, DEATH_PACKAGE, "xoá thường trú thì hạn bao lâu")
    assert "7 ngày" in reply


def test_the_processing_time_asked_is_still_the_time(ctx: Context) -> None:
    # "bao lâu thì xong" asks how long the office takes, not the citizen's deadline
    reply = ask(ctx, TEMPORARY_REMOVAL, "nộp xong bao lâu thì có kết quả")
    assert "03 ngày làm việc" in reply
