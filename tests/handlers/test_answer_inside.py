"""Follow-up questions inside the current procedure that carry the citizen's own case: an hour of
the day said before its number ("chiều tầm 4h"), where one of the procedure's papers is got, a
place said by whose home it is, a tax asked beside the case of a paper, filing by post said with
the citizen's situation first. Each answer comes from the procedure's own guidance, and the
question beside it keeps its own answer."""

from __future__ import annotations

from handlers import Context, Incoming, State, handle
from handlers.state import Mode
from knowledge.answers import HOUR, fact_asked, paper_to_get, words

BIRTH = "dang-ky-khai-sinh"
DEATH = "dang-ky-khai-tu"
COPY = "chung-thuc-ban-sao-tu-ban-chinh"
LAND = "dang-ky-bien-dong-chuyen-nhuong-thua-ke-tang-cho"
DIVORCE_ABROAD = "ghi-chu-ly-hon-o-nuoc-ngoai"
ESTATE = "chung-thuc-van-ban-khai-nhan-di-san"


def ask(ctx: Context, procedure_id: str, text: str) -> str:
    """The reply to ``text`` asked while ``procedure_id`` is current; it must stay current."""
    state = State(mode=Mode.PROCEDURE, procedure=procedure_id)
    turn, after = handle(Incoming("u", "test", text=text), state, ctx)
    assert after.procedure == procedure_id
    return turn.replies[-1].text


def test_an_afternoon_said_before_the_hour_makes_it_an_afternoon_hour() -> None:
    assert [w.accented for w in words("nộp buổi chiều tầm 4h")] == ["nộp", "16", "giờ"]
    assert [w.accented for w in words("sáng lúc 8 giờ")] == ["8", "giờ"]


def test_a_number_of_months_is_no_hour() -> None:
    assert [w.accented for w in words("chiều tạm trú 3 tháng")][-2:] == ["3", "tháng"]
    assert fact_asked("tạm trú 3 tháng thì sao") is None


def test_an_hour_told_asks_the_rule_that_names_an_hour() -> None:
    want = fact_asked("nop buoi chieu tam 4h thi bao gio lay")
    assert want is not None and want.kind == HOUR


def test_a_late_afternoon_filing_is_answered_with_the_cut_off(ctx: Context) -> None:
    reply = ask(ctx, COPY, "chiều nay khoảng 4 giờ em mới ra nộp được, bao giờ có")
    assert "15 giờ" in reply and "ngày làm việc tiếp theo" in reply


def test_where_a_paper_is_got_is_its_own_guidance(ctx: Context) -> None:
    reply = ask(ctx, DEATH, "bà mất ở nhà thì lấy giấy báo tử ở đâu")
    assert "UBND cấp xã nơi người đó mất cấp Giấy báo tử" in reply


def test_a_paper_named_before_its_getting_is_found(ctx: Context) -> None:
    paper = paper_to_get(ctx.kb.procedures[BIRTH], "giấy chứng sinh xin ở đâu")
    assert paper is not None and paper.name == "Giấy chứng sinh"


def test_where_to_file_is_not_where_a_paper_is_got(ctx: Context) -> None:
    assert paper_to_get(ctx.kb.procedures[DEATH], "nộp giấy báo tử ở đâu") is None
    reply = ask(ctx, DEATH, "khai tử nộp ở đâu")
    assert "cư trú cuối cùng" in reply


def test_paper_words_alone_name_no_paper(ctx: Context) -> None:
    assert paper_to_get(ctx.kb.procedures[DEATH], "làm giấy tờ gì ở đâu") is None


def test_the_case_of_another_paper_is_not_where_this_one_is_got(ctx: Context) -> None:
    reply = ask(ctx, BIRTH, "không có giấy chứng sinh thì xin giấy gì ở đâu")
    assert "cơ sở y tế nơi trẻ được sinh ra" not in reply


def test_a_place_said_by_whose_home_it_is_asks_the_place(ctx: Context) -> None:
    reply = ask(ctx, BIRTH, "làm ở xã nhà ngoại hay ở phường nơi vợ chồng tôi đang ở")
    assert "nơi cư trú của cha hoặc mẹ" in reply


def test_the_place_of_a_death_is_where_the_dead_lived_last(ctx: Context) -> None:
    reply = ask(ctx, DEATH, "làm ở xã nơi bố ở hay nơi mình ở")
    assert "cư trú cuối cùng" in reply


def test_a_tax_asked_beside_an_inheritance_is_the_exemption(ctx: Context) -> None:
    reply = ask(ctx, LAND, "anh em ruột nhận thừa kế thì có phải nộp thuế thu nhập không")
    assert "Miễn thuế thu nhập cá nhân" in reply


def test_the_case_of_a_paper_alone_still_gets_that_paper(ctx: Context) -> None:
    reply = ask(ctx, BIRTH, "con 7 tuổi rồi, không có giấy chứng sinh")
    assert "người làm chứng" in reply


def test_sending_the_file_by_post_is_filing_by_post(ctx: Context) -> None:
    reply = ask(ctx, DIVORCE_ABROAD, "em ở tỉnh xa, gửi hồ sơ qua bưu điện được không")
    assert "bưu chính" in reply


def test_the_result_asked_without_the_post_keeps_its_answer(ctx: Context) -> None:
    reply = ask(ctx, DIVORCE_ABROAD, "em ở tỉnh xa, làm xong thì nhận được giấy gì")
    assert "Trích lục ghi chú ly hôn" in reply


def test_posting_before_an_estate_certification_is_answered(ctx: Context) -> None:
    reply = ask(ctx, ESTATE, "có phải niêm yết không")
    assert "niêm yết" in reply and "02 ngày làm việc" in reply


UNEMPLOYMENT = "huong-tro-cap-that-nghiep"
ESTATE_SHARE = "chung-thuc-van-ban-thoa-thuan-phan-chia-di-san"
FOREIGN_DEATH = "dang-ky-khai-tu-yeu-to-nuoc-ngoai"
BUILDING = "cap-giay-phep-xay-dung-nha-o-rieng-le"


def test_when_the_money_is_counted_from_is_the_time_not_the_fee(ctx: Context) -> None:
    reply = ask(ctx, UNEMPLOYMENT, "bao giờ thì được tính tiền")
    assert "ngày làm việc thứ 11" in reply


def test_an_heir_who_cannot_come_is_told_of_the_letter_of_authority(ctx: Context) -> None:
    reply = ask(ctx, ESTATE_SHARE, "anh trai ở xa không về được thì sao")
    assert "ủy quyền" in reply


def test_whether_it_must_be_done_at_once_is_the_deadline(ctx: Context) -> None:
    reply = ask(ctx, FOREIGN_DEATH, "có phải làm ngay không")
    assert "15 ngày" in reply


def test_the_office_said_with_the_time_asked_is_no_other_topic(ctx: Context) -> None:
    reply = ask(ctx, BUILDING, "bên phường xử lý hồ sơ mất mấy ngày")
    assert "07 ngày làm việc" in reply


def test_a_time_asked_about_something_never_mentioned_is_still_no_answer(ctx: Context) -> None:
    reply = ask(ctx, BUILDING, "tiêm phòng dại cho chó mất mấy ngày")
    assert "07 ngày làm việc" not in reply
