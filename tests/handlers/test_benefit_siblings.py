"""A first message about insurance or licensing papers answered with the procedure its
conditions point at, among siblings the matcher leaves open; without the telling words, the
choice stays open."""

from __future__ import annotations

import pytest

from handlers import Context
from tests.handlers.talk import Dialogue, Say, case, play

FIRST = [
    case(
        "a_pensioner_who_died_is_the_insurance_funeral_allowance",
        Say(
            "mẹ em đang lĩnh lương hưu, mới mất hôm thứ hai, nhà em lãnh tiền mai táng ở đâu",
            procedure="huong-tro-cap-mai-tang-bhxh",
        ),
    ),
    case(
        "an_insured_father_of_a_newborn_is_the_maternity_benefit",
        Say(
            "anh làm công ty có đóng bảo hiểm, vợ sắp đẻ thì anh được nghỉ mấy ngày",
            procedure="huong-che-do-thai-san",
        ),
    ),
    case(
        "selling_spirits_in_a_shop_is_the_alcohol_licence",
        Say(
            "cửa hàng tạp hóa nhà mình muốn bán rượu chai thì xin giấy phép gì",
            procedure="cap-giay-phep-ban-le-ruou",
        ),
    ),
]


@pytest.mark.parametrize("dialogue", FIRST)
def test_first(ctx: Context, dialogue: Dialogue) -> None:
    dialogue.play(ctx)


def test_a_death_without_a_pension_is_not_the_insurance_allowance(ctx: Context) -> None:
    play(
        ctx,
        Say(
            "bố tôi mất hôm qua, cần làm những thủ tục gì",
            not_procedure="huong-tro-cap-mai-tang-bhxh",
        ),
    )
