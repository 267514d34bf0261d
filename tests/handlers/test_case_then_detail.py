"""A follow-up that tells the citizen's own case before the detail it asks: the part that asks
answers when the whole message finds nothing, or finds passages that leave out what that part
asks; the case need not be in the guidance, and the procedure stays current whatever is
found."""

from __future__ import annotations

from handlers import Context
from handlers.asking import asked_part
from tests.handlers.talk import reply_in


def test_the_part_asked_is_read_past_the_case_told() -> None:
    assert asked_part("ông cụ run tay ký không nổi nữa thì điểm chỉ có được không") == (
        "điểm chỉ có được không"
    )
    assert asked_part("chồng đi làm xa, có cần đủ mặt không") == "có cần đủ mặt không"
    assert asked_part("nha em o thon thi co phai xin phep ko") == "co phai xin phep ko"
    assert asked_part("có cần đủ mặt không") is None  # nothing told before it


def test_a_plain_thi_is_no_then_in_a_message_typed_with_marks() -> None:
    # "thi lại" is sitting the test again, not "thì"
    said = "bằng hết hạn rồi mới bị mất, vậy có phải thi lại không"
    assert asked_part(said) == "vậy có phải thi lại không"


def test_the_detail_asked_after_a_case_the_guidance_does_not_hold(ctx: Context) -> None:
    said = "bà tôi bị tai biến liệt tay thì điểm chỉ được không"
    text = reply_in(ctx, "chung-thuc-di-chuc", said)
    assert "điểm chỉ" in text


def test_who_must_come_asked_after_the_case(ctx: Context) -> None:
    said = "bên bán là hai vợ chồng, chồng đi làm ăn xa, có cần đủ mặt không"
    text = reply_in(ctx, "chung-thuc-hop-dong-giao-dich", said)
    assert text.startswith("🧍")
    assert "có mặt" in text


def test_what_one_gains_is_the_policies_the_guidance_names(ctx: Context) -> None:
    text = reply_in(ctx, "cong-nhan-ho-ngheo-can-ngheo", "nhà tôi lên hộ nghèo rồi thì có lợi gì")
    assert "chính sách" in text


def test_a_case_whose_question_the_guidance_does_not_hold_stays_an_honest_miss(
    ctx: Context,
) -> None:
    said = "ông cụ đi lại khó khăn thì cán bộ có mang xe lăn ra đón không"
    text = reply_in(ctx, "chung-thuc-di-chuc", said)
    assert "chưa có chi tiết này" in text


def test_a_case_told_in_a_clause_that_asks_nothing_leaves_the_part_asked(ctx: Context) -> None:
    # the employer's town is the citizen's case; where to file is what is asked
    said = "em ve que o Thanh Hoa nop duoc khong, cong ty cu o Dong Nai"
    text = reply_in(ctx, "huong-tro-cap-that-nghiep", said)
    assert text.startswith("📍")
    assert "nơi bạn muốn nhận" in text


def test_a_detail_part_named_only_by_the_case_gives_way_to_the_question(ctx: Context) -> None:
    # "hết hạn" tells the licence's case; whether the test is sat again is asked
    said = "bằng B hết hạn lâu rồi giờ mất luôn, có phải sát hạch lại không"
    text = reply_in(ctx, "cap-lai-giay-phep-lai-xe", said)
    assert not text.startswith("⏳")
    assert "sát hạch lại" in text


def test_someone_not_agreeing_in_the_case_is_no_refusal_of_the_office(ctx: Context) -> None:
    said = "chủ nhà không đồng ý ký thì mình có đăng ký được không"
    text = reply_in(ctx, "dang-ky-tam-tru", said)
    assert "Chủ nhà" in text
    assert "khiếu nại" not in text


def test_a_bare_question_after_the_case_quotes_no_loose_passage(ctx: Context) -> None:
    # the guidance says nothing of the parents' consent: no passage stands in for it
    text = reply_in(ctx, "dang-ky-ket-hon", "bo me ko dong y thi co dang ky dc ko")
    assert "Làm muộn" not in text


def test_a_case_that_is_the_whole_question_keeps_its_part(ctx: Context) -> None:
    # "thì sao" asks nothing past the case: the online part it names answers
    text = reply_in(ctx, "dang-ky-khai-sinh", "nha em khong ai ranh lam online thi sao")
    assert text.startswith("💻")
