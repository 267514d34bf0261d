"""Turns after the first, through the real core: the part asked in other words (how a fee is
counted, the longest term, who decides and when, a way that avoids the office, home in one
province and living in another, an old district named), the paper of the current procedure
asked for another use, and a lost paper's report; each beside a message of a near shape that
is not read so."""

from __future__ import annotations

import pytest

from handlers import Context
from tests.handlers.talk import Dialogue, Say, case

COPY = "chung-thuc-ban-sao-tu-ban-chinh"
SINGLE = "cap-giay-xac-nhan-tinh-trang-hon-nhan"
PASSPORT = "cap-ho-chieu-pho-thong"

LATER = [
    case(
        "how_a_fee_is_counted_is_the_fees",
        Say("cho hỏi tính phí ra sao", procedure=COPY, holds=["2.000 đồng/trang"]),
        within=COPY,
    ),
    case(
        "the_longest_term_of_a_renewal_is_its_validity",
        Say("một lần gia hạn cho ở tối đa mấy năm", procedure="gia-han-tam-tru", holds=["02 năm"]),
        within="gia-han-tam-tru",
    ),
    case(
        "how_long_the_office_takes_stays_the_time",
        Say("nộp gia hạn rồi bao lâu thì công an duyệt", holds=["⏱ Thời gian"]),
        within="gia-han-tam-tru",
    ),
    case(
        "who_decides_said_between_how_long_and_deciding_is_the_time",
        Say("mấy ngày thì tòa án giải quyết", holds=["⏱ Thời gian"]),
        within="hoa-giai-tranh-chap-dat-dai",
    ),
    case(
        "reluctant_to_go_to_the_office_asks_the_way_online",
        Say("khai bằng hình thức nào, tôi lười lên công an lắm", holds=["VNeID"]),
        within="thong-bao-luu-tru",
    ),
    case(
        "home_in_one_province_living_in_another_asks_the_place",
        Say(
            "hộ khẩu ở Thanh Hóa nhưng đang làm việc ở Bình Dương, sao y ở đây được không",
            procedure=COPY,
            holds=["📍 Nơi nộp", "không phụ thuộc nơi cư trú"],
        ),
        within=COPY,
    ),
    case(
        "an_old_district_on_a_card_is_the_reorganisation",
        Say(
            "căn cước vẫn ghi quận huyện cũ thì có bắt buộc đổi không",
            procedure="cap-doi-the-can-cuoc",
            holds=["Sáp nhập tỉnh có phải đổi căn cước không"],
        ),
        within="cap-doi-the-can-cuoc",
    ),
    case(
        "the_paper_held_asked_for_another_use_stays_with_it",
        Say("giấy đã xin dùng để làm thủ tục vay vốn được không", procedure=SINGLE),
        within=SINGLE,
    ),
    case(
        "another_procedure_asked_outright_is_not_a_use_of_the_paper",
        Say("đăng ký kết hôn thì cần những giấy tờ gì", procedure="dang-ky-ket-hon"),
        within=SINGLE,
    ),
    case(
        "a_lost_passport_to_be_reported_is_the_report_of_the_loss",
        Say("mẹ tôi đánh rơi mất hộ chiếu rồi, đi báo chỗ nào", procedure="trinh-bao-mat-ho-chieu"),
        within=PASSPORT,
    ),
    case(
        "a_lost_passport_made_again_stays_with_the_passport",
        Say("bị mất hộ chiếu thì làm lại tốn bao nhiêu", procedure=PASSPORT, holds=["400.000"]),
        within=PASSPORT,
    ),
]


@pytest.mark.parametrize("dialogue", LATER)
def test_a_later_turn(ctx: Context, dialogue: Dialogue) -> None:
    dialogue.play(ctx)
