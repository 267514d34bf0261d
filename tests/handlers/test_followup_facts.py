"""Facts citizens ask right after a procedure's card, answered from the knowledge base: each
question gets the fact it asks, and the question beside it (its opposite, or another part)
keeps its own answer."""

from __future__ import annotations

import pytest

from handlers import Context
from tests.handlers.talk import Dialogue, Say, case

CARD_CHANGE = "cap-doi-the-can-cuoc"
MEDIATION = "hoa-giai-tranh-chap-dat-dai"
CORRECTION = "dinh-chinh-gcn"
DEATH_PACKAGE = "lien-thong-khai-tu-xoa-thuong-tru-mai-tang"
LAND_CHANGE = "cap-doi-gcn"
REFUSAL = "chung-thuc-van-ban-tu-choi-nhan-di-san"


FACTS = [
    case(
        "a_changed_card_says_the_age_it_lasts_to",
        Say(
            "thẻ mới dùng đến khi nào",
            procedure=CARD_CHANGE,
            holds=["đủ 25 tuổi thì dùng đến 40 tuổi", "đủ 60 tuổi thì dùng suốt đời"],
            reply=-1,
        ),
        within=CARD_CHANGE,
    ),
    case(
        "a_failed_mediation_leads_to_the_court_or_the_commune_chairman",
        Say(
            "hoa giai khong thanh thi lam gi tiep",
            procedure=MEDIATION,
            holds=["Tòa án", "Chủ tịch Ủy ban nhân dân xã"],
            reply=-1,
        ),
        within=MEDIATION,
    ),
    case(
        "a_successful_mediation_keeps_its_own_answer",
        Say(
            "hòa giải thành rồi có phải làm gì nữa không",
            procedure=MEDIATION,
            holds=["đăng ký biến động"],
            lacks=["Tòa án"],
            reply=-1,
        ),
        within=MEDIATION,
    ),
    case(
        "the_offices_error_is_asked_as_a_fee",
        Say(
            "can bo ghi sai thi co mat phi khong",
            procedure=CORRECTION,
            holds=["Nghị quyết HĐND tỉnh", "có tỉnh không thu"],
            reply=-1,
        ),
        within=CORRECTION,
    ),
    case(
        "the_time_of_a_correction_is_not_the_fee_answer",
        Say(
            "dinh chinh so do bao lau",
            procedure=CORRECTION,
            holds=["08 ngày làm việc"],
            lacks=["Nghị quyết HĐND tỉnh quy định"],
            reply=-1,
        ),
        within=CORRECTION,
    ),
    case(
        "someone_who_cannot_use_a_phone_is_sent_to_the_communes_centre",
        Say(
            "người già không rành vneid thì nhờ ai",
            procedure=DEATH_PACKAGE,
            holds=["Trung tâm Phục vụ hành chính công cấp xã", "hỗ trợ"],
            reply=-1,
        ),
        within=DEATH_PACKAGE,
    ),
    case(
        "coming_in_person_is_not_required_where_a_letter_of_authority_does",
        Say(
            "chủ sổ có phải có mặt không",
            procedure=LAND_CHANGE,
            starts="🧍 Ai phải có mặt",
            holds=["Không cần chính bạn đến", "ủy quyền"],
            reply=-1,
        ),
        within=LAND_CHANGE,
    ),
    case(
        "an_heir_far_away_is_pointed_to_a_notary_where_they_live",
        Say(
            "tôi ở xa nhờ chồng làm thay được không",
            procedure=REFUSAL,
            holds=["văn phòng công chứng nơi mình đang ở"],
            reply=-1,
        ),
        within=REFUSAL,
    ),
]


@pytest.mark.parametrize("dialogue", FACTS)
def test_fact(ctx: Context, dialogue: Dialogue) -> None:
    dialogue.play(ctx)
