"""A message that settles on a procedure and asks something of it gets the answer to what it asks,
not the general card: the part asked in its last clause, past the case and the purpose it tells;
whether the citizen may, with an age or a length of time told, from the procedure's conditions."""

from __future__ import annotations

from handlers import Context, State
from handlers.settled import asking, question_of
from tests.handlers.talk import say


def last_text(ctx: Context, *texts: str) -> tuple[str, State]:
    turn, state = say(ctx, State(), *texts)
    return turn.replies[-1].text, state


def test_the_part_asked_last_is_answered_not_the_part_the_case_names(ctx: Context) -> None:
    # "hết hạn" names the validity, but it tells the case; what is asked is what it costs
    text, state = last_text(
        ctx, "thẻ bảo hiểm y tế hộ gia đình hết hạn rồi, nhà 3 người đóng bao nhiêu tiền"
    )
    assert state.procedure == "gia-han-bhyt-ho-gia-dinh"
    assert "4,5%" in text
    assert not text.startswith("⏳")


def test_a_part_the_case_names_gives_way_to_the_part_asked_last(ctx: Context) -> None:
    text, state = last_text(ctx, "căn cước sắp hết hạn rồi, đổi thẻ mất bao lâu")
    assert state.procedure == "cap-doi-the-can-cuoc"
    assert text.startswith("⏱")
    assert "07 ngày làm việc" in text


def test_the_purpose_told_does_not_outweigh_the_place_asked(ctx: Context) -> None:
    text, state = last_text(ctx, "xin giấy xác nhận độc thân để vay ngân hàng thì nộp ở đâu")
    assert state.procedure == "cap-giay-xac-nhan-tinh-trang-hon-nhan"
    assert text.startswith("📍")
    assert "UBND cấp xã" in text


def test_whether_of_age_told_is_answered_from_the_conditions(ctx: Context) -> None:
    text, state = last_text(ctx, "tôi 19 tuổi, bạn gái 17 tuổi, đăng ký kết hôn đủ tuổi chưa")
    assert state.procedure == "dang-ky-ket-hon"
    assert "đủ 18 tuổi" in text


def test_whether_of_a_length_of_time_told_is_answered_from_the_conditions(ctx: Context) -> None:
    said = "em đóng bảo hiểm được 8 tháng thì nghỉ việc, giờ sắp sinh có được hưởng thai sản không"
    text, _ = last_text(ctx, said)
    assert "6 tháng trở lên trong 12 tháng" in text


def test_a_question_word_alone_asks_though_it_names_no_part(ctx: Context) -> None:
    said = "đi làm đóng bảo hiểm 3 năm rồi, sinh con được nghỉ thai sản mấy tháng"
    text, _ = last_text(ctx, said)
    assert "nghỉ 6 tháng" in text


def test_a_switch_that_asks_gets_the_answer_in_the_new_procedure(ctx: Context) -> None:
    text, state = last_text(
        ctx, "đăng ký tạm trú cần giấy tờ gì", "tiện hỏi luôn, lý lịch tư pháp xin ở đâu"
    )
    assert state.procedure == "cap-phieu-ly-lich-tu-phap"
    assert "Công an" in text
    assert "Cấp Phiếu lý lịch tư pháp số 1 hoặc số 2" not in text  # not the card's summary


def test_naming_the_need_only_still_gets_the_card(ctx: Context) -> None:
    text, state = last_text(ctx, "cho hỏi thủ tục xin lý lịch tư pháp")
    assert state.procedure == "cap-phieu-ly-lich-tu-phap"
    assert state.section == "card"
    assert text.startswith("📋 Xin phiếu lý lịch tư pháp\n")


def test_a_whether_without_a_measure_told_is_not_read_from_the_conditions(ctx: Context) -> None:
    # "được không" alone, no age nor time told: the conditions are not quoted for it
    text, _ = last_text(ctx, "làm hộ chiếu online được không")
    assert "Điều kiện:" not in text
    assert "VNeID" in text


def test_a_thing_of_an_earlier_year_not_yet_done_is_answered_as_done_late(ctx: Context) -> None:
    text, state = last_text(ctx, "ông tôi mất từ năm 2018 mà nhà chưa đi khai tử, giờ làm thế nào")
    assert state.procedure == "dang-ky-khai-tu"
    assert text.startswith("⌛")
    assert "Quá hạn vẫn khai tử" in text


def test_an_earlier_year_told_of_a_thing_done_is_no_lateness(ctx: Context) -> None:
    # the year tells when it was done, nothing is said not yet done: no lateness read into it
    text, _ = last_text(ctx, "tôi đăng ký khai sinh cho con từ năm 2019, giờ xin bản sao ở đâu")
    assert not text.startswith("⌛")


def test_the_part_that_asks_is_the_last_clause_that_asks() -> None:
    said = "công ty mới yêu cầu nộp lý lịch tư pháp để đi làm, xin ở đâu vậy"
    assert question_of(said) == "xin ở đâu vậy"


def test_the_purpose_before_then_is_left_out() -> None:
    said = "xin giấy độc thân để mua nhà thì làm ở đâu"
    assert question_of(said) == "xin giay doc than thi lam o dau"


def test_a_message_of_one_clause_is_its_own_question() -> None:
    said = "làm hộ chiếu mất bao lâu"
    assert question_of(said) == said


def test_a_statement_asks_nothing() -> None:
    assert not asking("con tôi 5 tuổi")
    assert asking("sinh con được nghỉ mấy tháng")
    assert not asking("mua xe máy cũ")  # "máy" is no "mấy" of a question
