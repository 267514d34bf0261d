"""Switching with a margin, through the real core: a step said done leads to the procedure whose
guidance answers what is asked next clearly better than the current one's; where one lives or is
registered, told beside a place asked, keeps the current procedure; another procedure read only
loosely, by no word of its own name, does not take the follow-up away; a use of the current
paper still to come is asked of it."""

from __future__ import annotations

import pytest

from handlers import Context
from tests.handlers.talk import Dialogue, Say, case

MARGIN = [
    case(
        "a_step_done_then_a_move_told_is_the_registration_of_the_move",
        Say(
            "dang ky xong roi thi chau chuyen di hoc dai hoc o tinh khac phai lam gi",
            procedure="dang-ky-nghia-vu-quan-su-chuyen-di-chuyen-den",
        ),
        within="dang-ky-nghia-vu-quan-su-lan-dau",
    ),
    case(
        "a_step_done_then_its_own_result_asked_stays",
        Say("cưới xong thì bao lâu có giấy", procedure="dang-ky-ket-hon"),
        within="dang-ky-ket-hon",
    ),
    case(
        "where_one_lives_and_was_born_told_beside_the_place_asked_stays",
        Say(
            "em tam tru o Binh Duong, khai sinh o Nghe An thi xin o dau",
            procedure="cap-ban-sao-trich-luc-ho-tich",
            holds=("Nơi nộp",),
        ),
        within="cap-ban-sao-trich-luc-ho-tich",
    ),
    case(
        "a_residence_asked_where_is_still_a_switch",
        Say("còn thường trú thì nộp ở đâu", procedure="dang-ky-thuong-tru"),
        within="dang-ky-tam-tru",
    ),
    case(
        "a_proxy_asked_with_a_reason_abroad_stays",
        Say(
            "em gái đi làm thay được không, tôi phải quay lại Canada",
            procedure="dang-ky-khai-tu-yeu-to-nuoc-ngoai",
        ),
        within="dang-ky-khai-tu-yeu-to-nuoc-ngoai",
    ),
    case(
        "a_loose_reading_that_says_a_word_of_the_other_name_still_switches",
        Say(
            "cái căn cước của mẹ ghi năm sinh cũ thì có phải đổi thẻ không",
            procedure="cap-doi-the-can-cuoc",
        ),
        within="dieu-chinh-thong-tin-cu-tru",
    ),
    case(
        "a_use_of_the_paper_still_to_come_is_asked_of_it",
        Say(
            "mai mốt dùng giấy này đăng ký kết hôn luôn được không",
            procedure="cap-giay-xac-nhan-tinh-trang-hon-nhan",
        ),
        within="cap-giay-xac-nhan-tinh-trang-hon-nhan",
    ),
]


@pytest.mark.parametrize("dialogue", MARGIN)
def test_a_switch_needs_a_margin(ctx: Context, dialogue: Dialogue) -> None:
    dialogue.play(ctx)
