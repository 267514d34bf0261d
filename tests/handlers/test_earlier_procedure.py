"""A follow-up that names a procedure discussed earlier, not the current one, returns to it:
"sang tên ở đâu" after "Sang tên xe" then "Chứng thực hợp đồng" is asked of the first. A bare
part ("ở đâu") names none and stays with the current one."""

from __future__ import annotations

import pytest

from handlers import Context
from tests.handlers.talk import Dialogue, Say, case

TRANSFER = "dang-ky-sang-ten-xe"
CONTRACT = "chung-thuc-hop-dong-giao-dich"

BOUGHT = Say("mua lại xe máy cũ của người quen thì sang tên thế nào", procedure=TRANSFER)
CERTIFIED = Say("giấy mua bán mang ra phường chứng thực được không", procedure=CONTRACT)


@pytest.mark.parametrize(
    "dialogue",
    [
        case(
            "named by the earlier one's name",
            BOUGHT,
            CERTIFIED,
            Say("thế sang tên ở đâu", procedure=TRANSFER, holds=["Công an"]),
        ),
        case(
            "held by the earlier one's guidance",
            BOUGHT,
            CERTIFIED,
            Say("biển số có phải đổi không, tôi ở khác tỉnh", procedure=TRANSFER),
        ),
        case(
            "a bare part stays with the current one",
            BOUGHT,
            CERTIFIED,
            Say("làm ở đâu", procedure=CONTRACT),
        ),
        case(
            "more than the earlier one's guidance says: no return",
            Say(
                "bà nội em mất hôm qua ở nhà, làm giấy chứng tử ở đâu", procedure="dang-ky-khai-tu"
            ),
            Say(
                "giờ muốn xoá đăng ký thường trú cho bà thì làm thế nào",
                procedure="xoa-dang-ky-thuong-tru",
            ),
            Say(
                "bà đang lĩnh 500 nghìn trợ cấp người cao tuổi hàng tháng, nhà có được nhận tiền"
                " mai táng không",
                not_procedure="dang-ky-khai-tu",
            ),
        ),
        case(
            "nothing discussed earlier: no return",
            Say("chứng thực hợp đồng mua bán xe ở phường", procedure=CONTRACT),
            Say("biển số có phải đổi không", not_procedure=TRANSFER),
        ),
    ],
)
def test_a_follow_up_returns_to_the_earlier_procedure_it_names(
    ctx: Context, dialogue: Dialogue
) -> None:
    dialogue.play(ctx)
