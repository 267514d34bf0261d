"""The first message of a civil-status, residence or identity need lands on the sibling its
own conditions name: a birth certificate with no father's name is a recognition, a copy is an
extract, a foreign parent makes a foreign birth, a marriage to come is registered and one made
abroad recorded; a story told in parts is one need; a story that lists lost papers and then asks
for one gets that one; the package of a death is asked by its parts even when the message says
"là xong", and by a relative's death with every paper wanted at once; a correction said done
leaves the next step asked."""

from __future__ import annotations

import pytest

from handlers import Context
from tests.handlers.talk import Dialogue, Say, case


@pytest.mark.parametrize(
    "dialogue",
    [
        case(
            "father named later on a certificate that has the mother only",
            Say(
                "bé nhà em 2 tuổi, khai sinh chỉ có tên mẹ, nay bố bé muốn nhận con thì làm gì",
                procedure="dang-ky-nhan-cha-me-con",
            ),
            Say("cần mang giấy gì", procedure="dang-ky-nhan-cha-me-con", holds=["nhận cha"]),
        ),
        case(
            "a birth not registered and the father named at once is one need",
            Say(
                "con được 5 tháng mà chưa có giấy khai sinh, hồi đó anh ấy đi làm xa cả năm, "
                "tụi em cũng chưa đăng ký kết hôn. giờ làm khai sinh có tên bố luôn được không",
                procedure="dang-ky-khai-sinh-ket-hop-nhan-cha-me-con",
                lacks=["Bạn hỏi hai việc"],
            ),
        ),
        case(
            "a copy of the parents' marriage certificate is an extract",
            Say(
                "em cần bản sao giấy đăng ký kết hôn của ba mẹ để làm giấy tờ, xin ở đâu",
                procedure="cap-ban-sao-trich-luc-ho-tich",
            ),
        ),
        case(
            "a wrong year on a birth certificate is corrected, not a menu",
            Say(
                "giấy khai sinh của em ghi sai năm sinh của bố, căn cước thì đúng, sửa sao ạ",
                procedure="thay-doi-cai-chinh-bo-sung-ho-tich",
                holds=["cải chính"],
            ),
        ),
        case(
            "a father of another nationality makes the birth a foreign one",
            Say(
                "chồng em quốc tịch Hàn, bé mới sinh ở bệnh viện tỉnh, làm khai sinh cần gì",
                procedure="dang-ky-khai-sinh-yeu-to-nuoc-ngoai",
            ),
        ),
        case(
            "a birth with no foreign element stays the domestic one",
            Say(
                "vợ em mới sinh bé ở bệnh viện huyện, làm khai sinh cần gì",
                not_procedure="dang-ky-khai-sinh-yeu-to-nuoc-ngoai",
            ),
        ),
        case(
            "a marriage to come with a foreigner is registered",
            Say(
                "em sắp cưới anh người Nhật, đăng ký ở Việt Nam thì cần giấy tờ gì",
                procedure="dang-ky-ket-hon-yeu-to-nuoc-ngoai",
            ),
        ),
        case(
            "a marriage made abroad is recorded",
            Say(
                "tụi em kết hôn bên Nhật rồi, giờ về Việt Nam ở luôn thì phải làm gì",
                procedure="ghi-chu-ket-hon-o-nuoc-ngoai",
            ),
        ),
        case(
            "a divorce made abroad stays the divorce recorded",
            Say(
                "em ly hôn bên Nhật rồi, giờ về Việt Nam thì phải ghi vào sổ không",
                procedure="ghi-chu-ly-hon-o-nuoc-ngoai",
            ),
        ),
        case(
            "of several lost papers the one asked for now",
            Say(
                "tuần trước mất ví, mất luôn căn cước, bằng lái, thẻ bảo hiểm y tế. "
                "giờ làm lại bằng lái trước thì làm sao",
                procedure="cap-lai-giay-phep-lai-xe",
            ),
        ),
        case(
            "a story of one need keeps what it tells past a giờ",
            Say(
                "hai đứa sống chung chưa đăng ký kết hôn, giờ bé mới sinh, muốn làm giấy khai "
                "sinh có tên bố luôn thì sao",
                procedure="dang-ky-khai-sinh-ket-hop-nhan-cha-me-con",
            ),
        ),
        case(
            "the parts of the death package asked as done at once",
            Say(
                "bố em mất, nghe nói nộp một lần là xong cả khai tử với xóa thường trú, đúng không",
                procedure="lien-thong-khai-tu-xoa-thuong-tru-mai-tang",
            ),
        ),
        case(
            "a relative's death and every paper asked at once is the death package",
            Say(
                "bà nội em mới mất, bà đang lãnh lương hưu, cả nhà muốn làm giấy tờ một lần "
                "cho gọn được không",
                procedure="lien-thong-khai-tu-xoa-thuong-tru-mai-tang",
            ),
        ),
        case(
            "a lost wallet and every paper asked at once is no death",
            Say(
                "mất ví rồi, muốn làm lại hết giấy tờ một lần cho gọn",
                not_procedure="lien-thong-khai-tu-xoa-thuong-tru-mai-tang",
            ),
        ),
        case(
            "a correction just made leaves the residence data asked",
            Say(
                "em vừa cải chính năm sinh trong giấy khai sinh, giờ thông tin cư trú vẫn ghi "
                "năm cũ thì sửa ở đâu",
                procedure="dieu-chinh-thong-tin-cu-tru",
            ),
        ),
    ],
)
def test_first_message_lands_on_its_sibling(ctx: Context, dialogue: Dialogue) -> None:
    dialogue.play(ctx)
