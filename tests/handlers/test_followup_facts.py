"""Facts citizens ask right after a procedure's card, answered from the knowledge base: each
question gets the fact it asks, and the question beside it (its opposite, or another part)
keeps its own answer."""

from __future__ import annotations

import pytest

from handlers import Context
from tests.handlers.talk import Dialogue, asked_in

CARD_CHANGE = "cap-doi-the-can-cuoc"
MEDIATION = "hoa-giai-tranh-chap-dat-dai"
CORRECTION = "dinh-chinh-gcn"
DEATH_PACKAGE = "lien-thong-khai-tu-xoa-thuong-tru-mai-tang"
LAND_CHANGE = "cap-doi-gcn"
REFUSAL = "chung-thuc-van-ban-tu-choi-nhan-di-san"


FACTS = [
    asked_in(
        "a_changed_card_says_the_age_it_lasts_to",
        CARD_CHANGE,
        "thẻ mới dùng đến khi nào",
        holds=["đủ 25 tuổi thì dùng đến 40 tuổi", "đủ 60 tuổi thì dùng suốt đời"],
    ),
    asked_in(
        "a_failed_mediation_leads_to_the_court_or_the_commune_chairman",
        MEDIATION,
        "hoa giai khong thanh thi lam gi tiep",
        holds=["Tòa án", "Chủ tịch Ủy ban nhân dân xã"],
    ),
    asked_in(
        "a_successful_mediation_keeps_its_own_answer",
        MEDIATION,
        "hòa giải thành rồi có phải làm gì nữa không",
        holds=["đăng ký biến động"],
        lacks=["Tòa án"],
    ),
    asked_in(
        "the_offices_error_is_asked_as_a_fee",
        CORRECTION,
        "can bo ghi sai thi co mat phi khong",
        holds=["Nghị quyết HĐND tỉnh", "có tỉnh không thu"],
    ),
    asked_in(
        "the_time_of_a_correction_is_not_the_fee_answer",
        CORRECTION,
        "dinh chinh so do bao lau",
        holds=["08 ngày làm việc"],
        lacks=["Nghị quyết HĐND tỉnh quy định"],
    ),
    asked_in(
        "someone_who_cannot_use_a_phone_is_sent_to_the_communes_centre",
        DEATH_PACKAGE,
        "người già không rành vneid thì nhờ ai",
        holds=["Trung tâm Phục vụ hành chính công cấp xã", "hỗ trợ"],
    ),
    asked_in(
        "coming_in_person_is_not_required_where_a_letter_of_authority_does",
        LAND_CHANGE,
        "chủ sổ có phải có mặt không",
        starts="🧍 Ai phải có mặt",
        holds=["Không cần chính bạn đến", "ủy quyền"],
    ),
    asked_in(
        "an_heir_far_away_is_pointed_to_a_notary_where_they_live",
        REFUSAL,
        "tôi ở xa nhờ chồng làm thay được không",
        holds=["văn phòng công chứng nơi mình đang ở"],
    ),
]


@pytest.mark.parametrize("dialogue", FACTS)
def test_fact(ctx: Context, dialogue: Dialogue) -> None:
    dialogue.play(ctx)
