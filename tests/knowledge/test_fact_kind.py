"""The kind of fact a question asks for (an amount of money, a length in a unit, an age) and
whether a passage states one (``knowledge.answers.fact_asked``, ``holds``)."""

from __future__ import annotations

from knowledge.answers import AGE, DURATION, MONEY, Wanted, fact_asked, holds


def test_an_amount_a_length_and_an_age_are_told_apart() -> None:
    assert fact_asked("mỗi tháng nhận được mấy tiền") == Wanted(MONEY)
    assert fact_asked("duoc lanh nhieu ko") == Wanted(MONEY)
    assert fact_asked("vợ được nghỉ mấy tháng") == Wanted(DURATION, "thang")
    assert fact_asked("bao lâu thì xong") == Wanted(DURATION)
    assert fact_asked("bao nhieu tuoi thi duoc cuoi") == Wanted(AGE)


def test_a_short_form_is_read_spelt_out() -> None:
    assert fact_asked("moi thang dc bn") == Wanted(MONEY)


def test_other_questions_want_no_figure() -> None:
    assert fact_asked("nộp ở đâu") is None
    assert fact_asked("mấy giờ mở cửa") is None  # the hour of the day, not a length
    assert fact_asked("được bao nhiêu người đi cùng") is None


def test_an_amount_is_a_sum_a_share_or_nothing_paid() -> None:
    money = Wanted(MONEY)
    assert holds(money, "Bằng 500.000 đ/tháng nhân hệ số")
    assert holds(money, "60% bình quân tiền lương")
    assert holds(money, "Được cấp thẻ BHYT miễn phí")
    assert not holds(money, "Quyết định của Chủ tịch UBND cấp xã")


def test_a_figure_is_not_that_nothing_is_paid() -> None:
    assert not holds(Wanted(MONEY), "Được cấp thẻ BHYT miễn phí", figure=True)


def test_a_length_is_held_in_the_unit_asked() -> None:
    assert holds(Wanted(DURATION, "ngay"), "nghỉ 5 đến 14 ngày làm việc")
    assert not holds(Wanted(DURATION, "thang"), "nghỉ 5 đến 14 ngày làm việc")
    assert holds(Wanted(DURATION), "trong 03 tháng")
    assert holds(Wanted(AGE), "nữ từ đủ 18 tuổi")
