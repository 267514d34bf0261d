"""The first message of a need settled between siblings by how it is worded: a short form of a
paper read as the paper ("gks"), who draws an allowance, a name written into a birth
certificate that is there already, a death certificate lost before the estate it serves. A
message that says none of it keeps the sibling it names."""

from __future__ import annotations

import pytest

from handlers import Context
from tests.handlers.talk import Dialogue, Say, case


@pytest.mark.parametrize(
    "dialogue",
    [
        case(
            "a birth certificate named by its short form: its civil-status correction",
            Say(
                "gks cua chau ghi sai nam sinh cua me, sua lai o dau",
                procedure="thay-doi-cai-chinh-bo-sung-ho-tich",
            ),
        ),
        case(
            "a land title named by its short form stays the title's correction",
            Say(
                "gcn nha dat ghi sai dien tich thua, sua o dau",
                procedure="dinh-chinh-gcn",
            ),
        ),
        case(
            "a child with a disability: the monthly social allowance",
            Say(
                "con trai toi 9 tuoi bi bai nao, nha can ngheo, xin tro cap hang thang "
                "can giay to gi",
                procedure="tro-cap-xa-hoi-hang-thang",
            ),
        ),
        case(
            "an old father without a pension keeps the social pension",
            Say(
                "bố tôi 78 tuổi, không có lương hưu, xin trợ cấp hàng tháng ở đâu",
                procedure="tro-cap-huu-tri-xa-hoi",
            ),
        ),
        case(
            "a father's name written into the birth certificate: the recognition",
            Say(
                "bo chau muon ghi ten vao giay khai sinh cua chau, hai dua khong dang ky "
                "ket hon, lam sao",
                procedure="dang-ky-nhan-cha-me-con",
            ),
        ),
        case(
            "a newborn not yet registered keeps the birth registered with the recognition",
            Say(
                "be moi sinh tuan truoc, bo me chua dang ky ket hon, lam khai sinh va nhan "
                "cha cung luc duoc ko",
                procedure="dang-ky-khai-sinh-ket-hop-nhan-cha-me-con",
            ),
        ),
        case(
            "a death certificate lost before an estate: its copy first, the register kept",
            Say(
                "bo e mat nam 2005, giay chung tu bi mat roi, gio can de lam van ban khai "
                "nhan di san thi lam sao",
                procedure="cap-ban-sao-trich-luc-ho-tich",
            ),
        ),
    ],
)
def test_the_first_message_settles_the_sibling_its_wording_says(
    ctx: Context, dialogue: Dialogue
) -> None:
    dialogue.play(ctx)
