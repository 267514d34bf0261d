"""A place told in a follow-up beside a question about the current procedure: a commune's name
whose last word is also an everyday word, with its province after a comma, and "tạm trú ở …",
"sống ở …" told with "làm ở đấy được không". The place is read whole and the procedure stays."""

from __future__ import annotations

from handlers import Context
from tests.handlers.talk import commune_of as commune
from tests.handlers.talk import told_in as told

HOME = "dang-ky-thuong-tru"
MARRIAGE = "dang-ky-ket-hon"


def test_a_name_ending_in_an_everyday_word_with_its_province(pctx: Context) -> None:
    text, state = told(pctx, HOME, "nhà bà nội ở xã Tân Hội, Tây Ninh thì lên công an chỗ nào")
    assert commune(pctx, state) == "Xã Tân Hội, Tỉnh Tây Ninh"
    assert state.procedure == HOME
    assert "📍 Nơi nộp — Đăng ký thường trú" in text


def test_a_name_the_map_lacks_does_not_switch_through_its_words(pctx: Context) -> None:
    text, state = told(pctx, HOME, "nhà ông bà ở xã Tân Hôi, Lâm Đồng thì nộp công an xã nào")
    assert state.commune is None and "Tân Hôi" in text
    assert state.procedure == HOME


def test_staying_temporarily_in_a_ward_beside_a_question_is_a_place(pctx: Context) -> None:
    text, state = told(pctx, MARRIAGE, "e đang tạm trú ở phường Cầu Giấy, làm ở đấy được không ạ")
    assert commune(pctx, state) == "Phường Cầu Giấy, Thành phố Hà Nội"
    assert state.procedure == MARRIAGE
    assert "📍 Nơi nộp — Đăng ký kết hôn" in text


def test_living_in_a_ward_with_its_city_beside_a_question_is_a_place(pctx: Context) -> None:
    said = "tôi hiện sống ở phường Ninh Kiều, Cần Thơ, làm ở đó được không"
    _, state = told(pctx, MARRIAGE, said)
    assert commune(pctx, state) == "Phường Ninh Kiều, Thành phố Cần Thơ"
    assert state.procedure == MARRIAGE


def test_temporary_residence_asked_for_is_still_that_procedure(pctx: Context) -> None:
    _, state = told(pctx, MARRIAGE, "giờ e muốn đăng ký tạm trú ở phường Cầu Giấy thì cần gì")
    assert state.procedure == "dang-ky-tam-tru"
