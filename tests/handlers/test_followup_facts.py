"""Facts citizens ask right after a procedure's card, answered from the knowledge base: each
question gets the fact it asks, and the question beside it (its opposite, or another part)
keeps its own answer."""

from __future__ import annotations

from handlers import Context, Incoming, State, handle
from handlers.state import Mode

CARD_CHANGE = "cap-doi-the-can-cuoc"
MEDIATION = "hoa-giai-tranh-chap-dat-dai"
CORRECTION = "dinh-chinh-gcn"
DEATH_PACKAGE = "lien-thong-khai-tu-xoa-thuong-tru-mai-tang"
LAND_CHANGE = "cap-doi-gcn"
REFUSAL = "chung-thuc-van-ban-tu-choi-nhan-di-san"


def ask(ctx: Context, procedure_id: str, text: str) -> str:
    """The reply to ``text`` asked while ``procedure_id`` is current; it must stay current."""
    state = State(mode=Mode.PROCEDURE, procedure=procedure_id)
    turn, after = handle(Incoming("u", "test", text=text), state, ctx)
    assert after.procedure == procedure_id
    return turn.replies[-1].text


def test_a_changed_card_says_the_age_it_lasts_to(ctx: Context) -> None:
    reply = ask(ctx, CARD_CHANGE, "thẻ mới dùng đến khi nào")
    assert "đủ 25 tuổi thì dùng đến 40 tuổi" in reply
    assert "đủ 60 tuổi thì dùng suốt đời" in reply


def test_a_failed_mediation_leads_to_the_court_or_the_commune_chairman(ctx: Context) -> None:
    reply = ask(ctx, MEDIATION, "hoa giai khong thanh thi lam gi tiep")
    assert "Tòa án" in reply and "Chủ tịch Ủy ban nhân dân xã" in reply


def test_a_successful_mediation_keeps_its_own_answer(ctx: Context) -> None:
    reply = ask(ctx, MEDIATION, "hòa giải thành rồi có phải làm gì nữa không")
    assert "đăng ký biến động" in reply
    assert "Tòa án" not in reply


def test_the_offices_error_is_asked_as_a_fee(ctx: Context) -> None:
    reply = ask(ctx, CORRECTION, "can bo ghi sai thi co mat phi khong")
    assert "Nghị quyết HĐND tỉnh" in reply and "có tỉnh không thu" in reply


def test_the_time_of_a_correction_is_not_the_fee_answer(ctx: Context) -> None:
    reply = ask(ctx, CORRECTION, "dinh chinh so do bao lau")
    assert "08 ngày làm việc" in reply
    assert "Nghị quyết HĐND tỉnh quy định" not in reply


def test_someone_who_cannot_use_a_phone_is_sent_to_the_communes_centre(ctx: Context) -> None:
    reply = ask(ctx, DEATH_PACKAGE, "người già không rành vneid thì nhờ ai")
    assert "Trung tâm Phục vụ hành chính công cấp xã" in reply and "hỗ trợ" in reply


def test_coming_in_person_is_not_required_where_a_letter_of_authority_does(ctx: Context) -> None:
    reply = ask(ctx, LAND_CHANGE, "chủ sổ có phải có mặt không")
    assert reply.startswith("🧍 Ai phải có mặt")
    assert "Không cần chính bạn đến" in reply and "ủy quyền" in reply


def test_an_heir_far_away_is_pointed_to_a_notary_where_they_live(ctx: Context) -> None:
    reply = ask(ctx, REFUSAL, "tôi ở xa nhờ chồng làm thay được không")
    assert "văn phòng công chứng nơi mình đang ở" in reply
