"""Places told in a conversation while a procedure is current: the new name read in the
provinces the old one allows, a province told before or after several places offered, a unit
opening a clause after the question, a relative's home, a name with "Thị" in it."""

from __future__ import annotations

from handlers import Context, Incoming, State, handle
from tests.handlers.talk import commune_of as commune
from tests.handlers.talk import told_in

STAY = "dang-ky-tam-tru"
PLACE_SECTION = "📍 Nơi nộp — Đăng ký tạm trú"


def told(ctx: Context, *texts: str) -> tuple[str, State]:
    return told_in(ctx, STAY, *texts)


def test_the_new_name_is_read_where_the_old_one_was(pctx: Context) -> None:
    text, state = told(pctx, "e o phuong 7 quan 3 cu, gio goi la phuong Xuan Hoa dung k")
    assert commune(pctx, state) == "Phường Xuân Hòa, Thành phố Hồ Chí Minh"
    assert PLACE_SECTION in text


def test_the_new_name_alone_is_asked_about(pctx: Context) -> None:
    text, state = told(pctx, "e o phuong Xuan Hoa")
    assert state.commune is None and "nơi nào" in text


def test_a_province_told_before_chooses_among_the_names(pctx: Context) -> None:
    _, state = told(pctx, "tôi đang ở Bình Dương", "phường Phú Hòa")
    assert commune(pctx, state) == "Phường Phú Lợi, Thành phố Hồ Chí Minh"
    assert state.procedure == STAY


def test_a_province_told_after_the_places_offered_picks_one(pctx: Context) -> None:
    text, state = told(pctx, "em ở xã Phú Hòa", "Đồng Nai ạ")
    assert commune(pctx, state) == "Xã Phú Hòa, Tỉnh Đồng Nai"
    assert PLACE_SECTION in text


def test_a_province_none_of_the_places_offered_lies_in_picks_none(pctx: Context) -> None:
    _, state = told(pctx, "em ở xã Phú Hòa", "Hà Nội")
    assert state.commune is None


def test_a_district_told_after_the_places_offered_picks_one(pctx: Context) -> None:
    _, state = told(pctx, "mình ở phường Tân Định cũ", "cái ở quận 1 cũ")
    assert commune(pctx, state) == "Phường Tân Định, Thành phố Hồ Chí Minh"


def test_a_unit_opening_a_clause_after_the_question_is_a_place(pctx: Context) -> None:
    text, state = told(pctx, "nộp ở đâu vậy ad, phường Thảo Điền quận 2 cũ")
    assert commune(pctx, state) == "Phường An Khánh, Thành phố Hồ Chí Minh"
    assert PLACE_SECTION in text


def test_a_clause_opening_with_a_unit_word_that_names_nothing_is_no_place(pctx: Context) -> None:
    _, state = told(pctx, "con em 5 tuổi, xã bảo phải có giấy chứng sinh")
    assert state.commune is None


def test_thi_in_a_name_does_not_end_it(pctx: Context) -> None:
    _, state = told(pctx, "em ở phường Võ Thị Sáu quận 3 cũ")
    assert commune(pctx, state) == "Phường Xuân Hòa, Thành phố Hồ Chí Minh"


def test_a_relatives_home_is_where_the_matter_is_filed(pctx: Context) -> None:
    text, state = told(pctx, "nhà chú ở thị trấn Đông Hưng cũ, tỉnh Thái Bình")
    assert commune(pctx, state) == "Xã Đông Hưng, Tỉnh Hưng Yên"
    assert PLACE_SECTION in text


def test_a_lodging_told_with_its_ward_is_a_place(pctx: Context) -> None:
    _, state = told(pctx, "e o tro phuong 7 quan Binh Thanh cu")
    assert commune(pctx, state) == "Phường Gia Định, Thành phố Hồ Chí Minh"


def test_a_first_message_with_an_old_district_closed_by_cu(pctx: Context) -> None:
    said = "cho hoi nha em o xa tan hung huyen cai nuoc ca mau cu, lam giay khai sinh thi nop o dau"
    turn, state = handle(Incoming("u", "test", text=said), State(), pctx)
    assert state.procedure == "dang-ky-khai-sinh"
    assert commune(pctx, state) == "Xã Tân Hưng, Tỉnh Cà Mau"
    assert any("Xã Tân Hưng" in r.text for r in turn.replies)


def test_lam_o_dau_after_the_place_asks_its_desk(pctx: Context) -> None:
    text, state = told(pctx, "mình ở phường Bến Thành, làm ở đâu")
    assert commune(pctx, state) == "Phường Bến Thành, Thành phố Hồ Chí Minh"
    assert PLACE_SECTION in text


def test_thuoc_joins_the_ward_to_its_old_city(pctx: Context) -> None:
    _, state = told(pctx, "nhà em ở phường Phú Hòa thuộc Thủ Dầu Một")
    assert commune(pctx, state) == "Phường Phú Lợi, Thành phố Hồ Chí Minh"
