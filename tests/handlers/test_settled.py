"""A message that settles on a procedure and asks something of it gets the answer to what it asks,
not the general card: the part asked in its last clause, past the case and the purpose it tells;
whether the citizen may, with an age or a length of time told, from the procedure's conditions."""

from __future__ import annotations

import pytest

from handlers import Context
from handlers.asking import asks_by_word, question_of
from tests.handlers.talk import Dialogue, Say, case, play

ANSWERS = [
    # "hết hạn" names the validity, but it tells the case; what is asked is what it costs
    case(
        "the_part_asked_last_is_answered_not_the_part_the_case_names",
        Say(
            "thẻ bảo hiểm y tế hộ gia đình hết hạn rồi, nhà 3 người đóng bao nhiêu tiền",
            procedure="gia-han-bhyt-ho-gia-dinh",
            holds=["4,5%"],
            not_starts="⏳",
            reply=-1,
        ),
    ),
    case(
        "a_part_the_case_names_gives_way_to_the_part_asked_last",
        Say(
            "căn cước sắp hết hạn rồi, đổi thẻ mất bao lâu",
            procedure="cap-doi-the-can-cuoc",
            holds=["07 ngày làm việc"],
            starts="⏱",
            reply=-1,
        ),
    ),
    case(
        "the_purpose_told_does_not_outweigh_the_place_asked",
        Say(
            "xin giấy xác nhận độc thân để vay ngân hàng thì nộp ở đâu",
            procedure="cap-giay-xac-nhan-tinh-trang-hon-nhan",
            holds=["UBND cấp xã"],
            starts="📍",
            reply=-1,
        ),
    ),
    case(
        "whether_of_age_told_is_answered_from_the_conditions",
        Say(
            "tôi 19 tuổi, bạn gái 17 tuổi, đăng ký kết hôn đủ tuổi chưa",
            procedure="dang-ky-ket-hon",
            holds=["đủ 18 tuổi"],
            reply=-1,
        ),
    ),
    case(
        "whether_of_a_length_of_time_told_is_answered_from_the_conditions",
        Say(
            "em đóng bảo hiểm được 8 tháng thì nghỉ việc, "
            "giờ sắp sinh có được hưởng thai sản không",
            holds=["6 tháng trở lên trong 12 tháng"],
            reply=-1,
        ),
    ),
    case(
        "a_question_word_alone_asks_though_it_names_no_part",
        Say(
            "đi làm đóng bảo hiểm 3 năm rồi, sinh con được nghỉ thai sản mấy tháng",
            holds=["nghỉ 6 tháng"],
            reply=-1,
        ),
    ),
    case(
        "a_switch_that_asks_gets_the_answer_in_the_new_procedure",
        Say("đăng ký tạm trú cần giấy tờ gì"),
        Say(
            "tiện hỏi luôn, lý lịch tư pháp xin ở đâu",
            procedure="cap-phieu-ly-lich-tu-phap",
            holds=["Công an"],
            lacks=["Cấp Phiếu lý lịch tư pháp số 1 hoặc số 2"],  # not the card's summary
            reply=-1,
        ),
    ),
    # "được không" alone, no age nor time told: the conditions are not quoted for it
    case(
        "a_whether_without_a_measure_told_is_not_read_from_the_conditions",
        Say("làm hộ chiếu online được không", holds=["VNeID"], lacks=["Điều kiện:"], reply=-1),
    ),
    case(
        "a_thing_of_an_earlier_year_not_yet_done_is_answered_as_done_late",
        Say(
            "ông tôi mất từ năm 2018 mà nhà chưa đi khai tử, giờ làm thế nào",
            procedure="dang-ky-khai-tu",
            holds=["Quá hạn vẫn khai tử"],
            starts="⌛",
            reply=-1,
        ),
    ),
    # the year tells when it was done, nothing is said not yet done: no lateness read into it
    case(
        "an_earlier_year_told_of_a_thing_done_is_no_lateness",
        Say(
            "tôi đăng ký khai sinh cho con từ năm 2019, giờ xin bản sao ở đâu",
            not_starts="⌛",
            reply=-1,
        ),
    ),
]


@pytest.mark.parametrize("dialogue", ANSWERS)
def test_answer(ctx: Context, dialogue: Dialogue) -> None:
    dialogue.play(ctx)


def test_naming_the_need_only_still_gets_the_card(ctx: Context) -> None:
    _, state = play(
        ctx,
        Say(
            "cho hỏi thủ tục xin lý lịch tư pháp",
            procedure="cap-phieu-ly-lich-tu-phap",
            starts="📋 Xin phiếu lý lịch tư pháp\n",
            reply=-1,
        ),
    )
    assert state.section == "card"


@pytest.mark.parametrize(
    ("said", "question"),
    [
        pytest.param(
            "công ty mới yêu cầu nộp lý lịch tư pháp để đi làm, xin ở đâu vậy",
            "xin ở đâu vậy",
            id="the_part_that_asks_is_the_last_clause_that_asks",
        ),
        pytest.param(
            "xin giấy độc thân để mua nhà thì làm ở đâu",
            "xin giay doc than thi lam o dau",
            id="the_purpose_before_then_is_left_out",
        ),
        pytest.param(
            "làm hộ chiếu mất bao lâu",
            "làm hộ chiếu mất bao lâu",
            id="a_message_of_one_clause_is_its_own_question",
        ),
    ],
)
def test_question_of(said: str, question: str) -> None:
    assert question_of(said) == question


def test_a_statement_asks_nothing() -> None:
    assert not asks_by_word("con tôi 5 tuổi")
    assert asks_by_word("sinh con được nghỉ mấy tháng")
    assert not asks_by_word("mua xe máy cũ")
