"""A question answered yes or no that names a procedure the current one lists among its related
ones, and that the current one's own text answers, is asked of the current one: "có cần xin giấy
xác nhận độc thân trước không vậy" while "Đăng ký kết hôn" is current. Asking for the other as a
need of its own ("xin ở đâu", "làm thế nào") still goes to it."""

from __future__ import annotations

import pytest

from handlers import Context
from tests.handlers.talk import Dialogue, Say, case

MARRIAGE = "dang-ky-ket-hon"
SINGLE = "cap-giay-xac-nhan-tinh-trang-hon-nhan"
PERMIT = "cap-giay-phep-xay-dung-nha-o-rieng-le"
EXTENSION = "gia-han-cap-lai-giay-phep-xay-dung"

MARRYING = Say(
    "hai đứa mình định đăng ký kết hôn, cần mang theo những giấy gì vậy", procedure=MARRIAGE
)
BUILDING = Say("nhà em định xây mới 2 tầng, xin giấy phép xây dựng cần những gì", procedure=PERMIT)


@pytest.mark.parametrize(
    "dialogue",
    [
        case(
            "whether the related paper is needed, particles after the question",
            MARRYING,
            Say(
                "co can xin giay xac nhan doc than truoc khong vay",
                procedure=MARRIAGE,
                holds=["Không cần giấy xác nhận tình trạng hôn nhân"],
            ),
        ),
        case(
            "the next question stays with the current one too",
            MARRYING,
            Say("mình có phải về xã xin giấy độc thân trước không ạ", procedure=MARRIAGE),
            Say("lệ phí hết bao nhiêu", procedure=MARRIAGE),
        ),
        case(
            "whether the paper it issues lapses",
            BUILDING,
            Say(
                "xin xong mà chưa xây ngay thì giấy phép có hết hạn ko",
                procedure=PERMIT,
                holds=["12 tháng"],
            ),
        ),
        case(
            "what the current paper serves, the related one named",
            Say("xin giay xac nhan tinh trang hon nhan de mua dat thi lam sao", procedure=SINGLE),
            Say(
                "giấy xin để mua đất xong dùng đăng ký kết hôn luôn được không",
                procedure=SINGLE,
                holds=["đúng mục đích"],
            ),
        ),
        case(
            "the related one asked for where: it answers",
            MARRYING,
            Say("à còn giấy xác nhận độc thân để vay ngân hàng thì xin ở đâu", procedure=SINGLE),
        ),
        case(
            "the related one asked for how: it answers",
            BUILDING,
            Say("quá 12 tháng chưa xây thì gia hạn giấy phép làm thế nào", procedure=EXTENSION),
        ),
        case(
            "the current one says nothing of it: the related one answers",
            Say("tôi mới thuê phòng trọ, đăng ký tạm trú cần gì", procedure="dang-ky-tam-tru"),
            Say(
                "em có cần làm tài khoản vneid mức 2 trước không nhỉ",
                procedure="cap-tai-khoan-dinh-danh-dien-tu-muc-2",
            ),
        ),
        case(
            "what befalls one, asked: the related one answers",
            Say(
                "em sắp đi làm ở nước ngoài 2 năm, có phải khai báo tạm vắng không",
                procedure="khai-bao-tam-vang",
            ),
            Say("vậy thì có bị xóa hộ khẩu không", procedure="xoa-dang-ky-thuong-tru"),
        ),
    ],
)
def test_a_related_paper_asked_of_the_current_procedure(ctx: Context, dialogue: Dialogue) -> None:
    dialogue.play(ctx)
