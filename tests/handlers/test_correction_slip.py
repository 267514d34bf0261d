"""Slips owned through the real core: "à nhầm, …", "à lộn, …" before a pause takes back what was
said when what follows tells what is meant or a fact the current procedure is bounded by (a
foreign element leads to its sibling for one)."""

from __future__ import annotations

import pytest

from handlers import Context
from tests.handlers.talk import Dialogue, Say, case

TURNS = [
    case(
        "a_slip_then_what_it_means_is_answered_for_what_it_means",
        Say("đăng ký lại khai sinh cho mẹ vì mất hết giấy"),
        Say(
            "à nhầm, sổ ở xã vẫn còn, chỉ mất bản chính thôi, vậy thì xin bản sao thôi đúng không",
            procedure="cap-ban-sao-trich-luc-ho-tich",
        ),
    ),
    case(
        "a_slip_telling_a_foreign_parent_leads_to_the_birth_with_a_foreign_element",
        Say("khai sinh cho bé mới sinh ở bệnh viện tỉnh cần gì", procedure="dang-ky-khai-sinh"),
        Say(
            "à nhầm, mẹ bé là người Trung Quốc",
            procedure="dang-ky-khai-sinh-yeu-to-nuoc-ngoai",
        ),
    ),
    case(
        "a_slip_telling_a_foreign_fiance_leads_to_the_marriage_with_a_foreign_element",
        Say("đăng ký kết hôn ở xã cần mang gì", procedure="dang-ky-ket-hon"),
        Say(
            "à lộn, bạn trai em là người Úc, vậy thủ tục thế nào",
            procedure="dang-ky-ket-hon-yeu-to-nuoc-ngoai",
        ),
    ),
]


@pytest.mark.parametrize("dialogue", TURNS)
def test_turn(ctx: Context, dialogue: Dialogue) -> None:
    dialogue.play(ctx)
