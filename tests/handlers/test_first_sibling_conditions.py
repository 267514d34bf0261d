"""The first message of a need answered with the sibling its conditions say: who the deceased
was, how many heirs share, whether a shop stops, moves or opens, which paper burned. A message
that says no such condition keeps the procedure it names."""

from __future__ import annotations

import pytest

from handlers import Context
from tests.handlers.talk import Dialogue, Say, case


@pytest.mark.parametrize(
    "dialogue",
    [
        case(
            "a pensioner's death: the insurance's funeral allowance",
            Say(
                "bố chồng tôi lĩnh lương hưu, vừa mất hôm thứ hai, tiền mai táng lãnh ở đâu",
                procedure="huong-tro-cap-mai-tang-bhxh",
                holds=["bảo hiểm xã hội"],
            ),
        ),
        case(
            "a social pensioner's death: its own funeral support",
            Say(
                "ông tôi đang nhận trợ cấp hưu trí xã hội, vừa mất, xin tiền mai táng ở đâu",
                procedure="ho-tro-mai-tang-huu-tri-xa-hoi",
            ),
        ),
        case(
            "everything at once: the linked filing",
            Say(
                "bà tôi đang nhận hưu trí xã hội thì mất, nhà muốn làm khai tử và tiền mai "
                "táng một lần cho xong",
                procedure="lien-thong-khai-tu-xoa-thuong-tru-mai-tang",
            ),
        ),
        case(
            "the funeral allowance named alone stays itself",
            Say(
                "trợ cấp mai táng bảo hiểm xã hội cần giấy tờ gì",
                procedure="huong-tro-cap-mai-tang-bhxh",
            ),
        ),
        case(
            "several heirs sharing: the division",
            Say(
                "mẹ mất không để lại di chúc, bốn chị em muốn chia căn nhà thì làm giấy gì",
                procedure="chung-thuc-van-ban-thoa-thuan-phan-chia-di-san",
            ),
        ),
        case(
            "the only heir: the declaration",
            Say(
                "bố tôi mất, tôi là con một, muốn đứng tên mảnh đất của bố thì làm sao",
                procedure="chung-thuc-van-ban-khai-nhan-di-san",
            ),
        ),
        case(
            "an inheritance transfer with no heir told stays a transfer",
            Say(
                "sang tên sổ đỏ nhận thừa kế mất bao lâu",
                procedure="dang-ky-bien-dong-chuyen-nhuong-thua-ke-tang-cho",
            ),
        ),
        case(
            "a registered shop closing for months: suspended",
            Say(
                "tiệm giày nhà tôi có đăng ký hộ kinh doanh, tôi về quê nên nghỉ bán 4 tháng, "
                "có phải báo không",
                procedure="tam-ngung-kinh-doanh-ho-kinh-doanh",
            ),
        ),
        case(
            "a shop opening: registered",
            Say(
                "mở quán phở muốn đăng ký hộ kinh doanh thì làm sao",
                procedure="dang-ky-thanh-lap-ho-kinh-doanh",
            ),
        ),
        case(
            "a shop moving: its registration changed",
            Say(
                "tiệm may của tôi đã đăng ký hộ kinh doanh, nay chuyển sang mặt bằng khác trong "
                "phường, có phải làm lại giấy không",
                procedure="thay-doi-noi-dung-ho-kinh-doanh",
            ),
        ),
        case(
            "a shop's certificate lost: issued again",
            Say(
                "giấy chứng nhận hộ kinh doanh của tôi bị mất thì xin lại thế nào",
                procedure="cap-lai-gcn-ho-kinh-doanh",
            ),
        ),
        case(
            "a land title among the papers burnt: issued again",
            Say(
                "nhà cháy rụi, giấy tờ mất hết, cả sổ đỏ cũng cháy, làm lại sao",
                procedure="cap-lai-gcn-do-bi-mat",
            ),
        ),
        case(
            "a first title stays first",
            Say(
                "đất khai hoang chưa có sổ, làm sổ đỏ lần đầu ở đâu",
                procedure="dang-ky-cap-gcn-lan-dau",
            ),
        ),
        case(
            "a building permit torn: issued again",
            Say(
                "giấy phép xây dựng nhà em bị rách nát, xin cấp lại được không",
                procedure="gia-han-cap-lai-giay-phep-xay-dung",
            ),
        ),
        case(
            "a martyr's child: the martyr's relatives' allowance, whatever the age",
            Say(
                "ông nội tôi là liệt sĩ, bố tôi 72 tuổi là con liệt sĩ thì được trợ cấp gì",
                procedure="tro-cap-than-nhan-liet-si",
            ),
        ),
        case(
            "an old person without a pension: the social pension",
            Say(
                "bà tôi 78 tuổi không có lương hưu, có được trợ cấp hằng tháng không",
                procedure="tro-cap-huu-tri-xa-hoi",
            ),
        ),
        case(
            "a disabled child's allowance asked: the allowance",
            Say(
                "con gái em 5 tuổi bị tự kỷ nặng, muốn xin trợ cấp hằng tháng thì làm gì",
                procedure="tro-cap-xa-hoi-hang-thang",
            ),
        ),
    ],
)
def test_the_first_message_answers_the_sibling_its_conditions_say(
    ctx: Context, dialogue: Dialogue
) -> None:
    dialogue.play(ctx)
