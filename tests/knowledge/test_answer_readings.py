"""A word typed without marks that may be read several ways is read the way its neighbour says
(``readings`` of ``lexicon/answers.yaml``); elsewhere it stays as typed."""

from __future__ import annotations

from knowledge.answers import default_words, readings, words


def said(text: str) -> list[str]:
    return [w.accented for w in words(text)]


def test_a_neighbour_after_says_the_reading() -> None:
    assert said("e ban lai quan cho nguoi khac")[1] == "bán"
    assert said("ban sao co can cong chung ko")[0] == "bản"
    assert "quán" in said("mo quan an can giay phep gi")


def test_a_neighbour_before_says_the_reading() -> None:
    assert said("nho can bo lam giup duoc ko")[1:3] == ["cán", "bộ"]
    assert "cha" not in default_words().terms("nho can bo lam giup duoc ko")


def test_a_reading_is_read_on_as_its_word_is() -> None:
    # "cưới" is "kết hôn" wherever it is read
    assert "ket_hon" in default_words().terms("con gai bao nhieu tuoi thi duoc cuoi")


def test_without_a_telling_neighbour_the_word_stays_as_typed() -> None:
    assert "cha_me" in default_words().terms("co can bo me di cung ko")
    assert "thu_bay" in default_words().terms("cuoi tuan co lam khong")
    assert said("ban cho minh hoi")[0] == "ban"


def test_a_word_typed_with_its_marks_is_never_read_again() -> None:
    assert said("bạn lại hỏi")[0] == "bạn"


def test_readings_are_short_forms_on_both_sides() -> None:
    table = readings({"bán": {"after": ["xe"], "before": ["mua"]}})
    assert table == {"ban xe": "bán xe", "mua ban": "mua bán"}


def test_setting_the_last_question_aside_is_no_word_of_the_next() -> None:
    terms = default_words().content_terms("thoi khoi, cho hoi xin them ban sao giay khai sinh")
    assert "khoi" not in terms
