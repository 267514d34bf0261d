"""Follow-up questions inside the current procedure that carry the citizen's own case: an hour of
the day said before its number ("chiều tầm 4h"), where one of the procedure's papers is got, a
place said by whose home it is, a tax asked beside the case of a paper, filing by post said with
the citizen's situation first. Each answer comes from the procedure's own guidance, and the
question beside it keeps its own answer."""

from __future__ import annotations

import pytest

from handlers import Context
from knowledge.answers import HOUR, fact_asked, paper_to_get, words
from tests.handlers.talk import Dialogue, Say, case, reply_in

BIRTH = "dang-ky-khai-sinh"
DEATH = "dang-ky-khai-tu"
COPY = "chung-thuc-ban-sao-tu-ban-chinh"
LAND = "dang-ky-bien-dong-chuyen-nhuong-thua-ke-tang-cho"
DIVORCE_ABROAD = "ghi-chu-ly-hon-o-nuoc-ngoai"
ESTATE = "chung-thuc-van-ban-khai-nhan-di-san"
UNEMPLOYMENT = "huong-tro-cap-that-nghiep"
ESTATE_SHARE = "chung-thuc-van-ban-thoa-thuan-phan-chia-di-san"
FOREIGN_DEATH = "dang-ky-khai-tu-yeu-to-nuoc-ngoai"
BUILDING = "cap-giay-phep-xay-dung-nha-o-rieng-le"

ANSWERS = [
    case(
        "a_late_afternoon_filing_is_answered_with_the_cut_off",
        Say(
            "chiều nay khoảng 4 giờ em mới ra nộp được, bao giờ có",
            procedure=COPY,
            holds=["15 giờ", "ngày làm việc tiếp theo"],
            reply=-1,
        ),
        within=COPY,
    ),
    case(
        "where_a_paper_is_got_is_its_own_guidance",
        Say(
            "bà mất ở nhà thì lấy giấy báo tử ở đâu",
            procedure=DEATH,
            holds=["UBND cấp xã nơi người đó mất cấp Giấy báo tử"],
            reply=-1,
        ),
        within=DEATH,
    ),
    case(
        "the_case_of_another_paper_is_not_where_this_one_is_got",
        Say(
            "không có giấy chứng sinh thì xin giấy gì ở đâu",
            procedure=BIRTH,
            lacks=["cơ sở y tế nơi trẻ được sinh ra"],
            reply=-1,
        ),
        within=BIRTH,
    ),
    case(
        "a_place_said_by_whose_home_it_is_asks_the_place",
        Say(
            "làm ở xã nhà ngoại hay ở phường nơi vợ chồng tôi đang ở",
            procedure=BIRTH,
            holds=["nơi cư trú của cha hoặc mẹ"],
            reply=-1,
        ),
        within=BIRTH,
    ),
    case(
        "the_place_of_a_death_is_where_the_dead_lived_last",
        Say(
            "làm ở xã nơi bố ở hay nơi mình ở",
            procedure=DEATH,
            holds=["cư trú cuối cùng"],
            reply=-1,
        ),
        within=DEATH,
    ),
    case(
        "a_tax_asked_beside_an_inheritance_is_the_exemption",
        Say(
            "anh em ruột nhận thừa kế thì có phải nộp thuế thu nhập không",
            procedure=LAND,
            holds=["Miễn thuế thu nhập cá nhân"],
            reply=-1,
        ),
        within=LAND,
    ),
    case(
        "the_case_of_a_paper_alone_still_gets_that_paper",
        Say(
            "con 7 tuổi rồi, không có giấy chứng sinh",
            procedure=BIRTH,
            holds=["người làm chứng"],
            reply=-1,
        ),
        within=BIRTH,
    ),
    case(
        "sending_the_file_by_post_is_filing_by_post",
        Say(
            "em ở tỉnh xa, gửi hồ sơ qua bưu điện được không",
            procedure=DIVORCE_ABROAD,
            holds=["bưu chính"],
            reply=-1,
        ),
        within=DIVORCE_ABROAD,
    ),
    case(
        "the_result_asked_without_the_post_keeps_its_answer",
        Say(
            "em ở tỉnh xa, làm xong thì nhận được giấy gì",
            procedure=DIVORCE_ABROAD,
            holds=["Trích lục ghi chú ly hôn"],
            reply=-1,
        ),
        within=DIVORCE_ABROAD,
    ),
    case(
        "posting_before_an_estate_certification_is_answered",
        Say(
            "có phải niêm yết không",
            procedure=ESTATE,
            holds=["niêm yết", "02 ngày làm việc"],
            reply=-1,
        ),
        within=ESTATE,
    ),
    case(
        "when_the_money_is_counted_from_is_the_time_not_the_fee",
        Say(
            "bao giờ thì được tính tiền",
            procedure=UNEMPLOYMENT,
            holds=["ngày làm việc thứ 11"],
            reply=-1,
        ),
        within=UNEMPLOYMENT,
    ),
    case(
        "an_heir_who_cannot_come_is_told_of_the_letter_of_authority",
        Say(
            "anh trai ở xa không về được thì sao",
            procedure=ESTATE_SHARE,
            holds=["ủy quyền"],
            reply=-1,
        ),
        within=ESTATE_SHARE,
    ),
    case(
        "whether_it_must_be_done_at_once_is_the_deadline",
        Say("có phải làm ngay không", procedure=FOREIGN_DEATH, holds=["15 ngày"], reply=-1),
        within=FOREIGN_DEATH,
    ),
    case(
        "the_office_said_with_the_time_asked_is_no_other_topic",
        Say(
            "bên phường xử lý hồ sơ mất mấy ngày",
            procedure=BUILDING,
            holds=["07 ngày làm việc"],
            reply=-1,
        ),
        within=BUILDING,
    ),
    case(
        "a_time_asked_about_something_never_mentioned_is_still_no_answer",
        Say(
            "tiêm phòng dại cho chó mất mấy ngày",
            procedure=BUILDING,
            lacks=["07 ngày làm việc"],
            reply=-1,
        ),
        within=BUILDING,
    ),
]


@pytest.mark.parametrize("dialogue", ANSWERS)
def test_answer(ctx: Context, dialogue: Dialogue) -> None:
    dialogue.play(ctx)


def test_an_afternoon_said_before_the_hour_makes_it_an_afternoon_hour() -> None:
    assert [w.accented for w in words("nộp buổi chiều tầm 4h")] == ["nộp", "16", "giờ"]
    assert [w.accented for w in words("sáng lúc 8 giờ")] == ["8", "giờ"]


def test_a_number_of_months_is_no_hour() -> None:
    assert [w.accented for w in words("chiều tạm trú 3 tháng")][-2:] == ["3", "tháng"]
    assert fact_asked("tạm trú 3 tháng thì sao") is None


def test_an_hour_told_asks_the_rule_that_names_an_hour() -> None:
    want = fact_asked("nop buoi chieu tam 4h thi bao gio lay")
    assert want is not None and want.kind == HOUR


def test_a_paper_named_before_its_getting_is_found(ctx: Context) -> None:
    paper = paper_to_get(ctx.kb.procedures[BIRTH], "giấy chứng sinh xin ở đâu")
    assert paper is not None and paper.name == "Giấy chứng sinh"


def test_where_to_file_is_not_where_a_paper_is_got(ctx: Context) -> None:
    assert paper_to_get(ctx.kb.procedures[DEATH], "nộp giấy báo tử ở đâu") is None
    reply = reply_in(ctx, DEATH, "khai tử nộp ở đâu")
    assert "cư trú cuối cùng" in reply


def test_paper_words_alone_name_no_paper(ctx: Context) -> None:
    assert paper_to_get(ctx.kb.procedures[DEATH], "làm giấy tờ gì ở đâu") is None
