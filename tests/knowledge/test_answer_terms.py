"""A question's own words (what a question-and-answer variant is chosen by) are read on the same
path as its retrieval terms: same synonyms, same stopwords, diacritics kept."""

from __future__ import annotations

import pytest

from knowledge.answers import PassageIndex, default_words, index_for
from knowledge.base import KnowledgeBase
from knowledge.text import fold


@pytest.fixture(scope="module")
def index(kb: KnowledgeBase) -> PassageIndex:
    return index_for(kb.procedures)


def test_every_variants_own_words_are_among_its_terms(
    kb: KnowledgeBase, index: PassageIndex
) -> None:
    strays = [
        (proc.id, typed)
        for proc in kb.procedures.values()
        for faq in proc.faq
        for variant in faq.questions
        for typed in (variant, fold(variant))
        if not set(index.specifics(proc, typed)) <= set(index.words.terms(typed))
    ]
    assert strays == []


def test_a_synonym_is_read_before_a_word_that_names_nothing_is_dropped() -> None:
    words = default_words()
    # "can" alone may be "cần" (a word that names nothing), "can cuoc" is "căn cước"
    assert words.content_terms("lam can cuoc") == ["can_cuoc"]
    assert words.content_terms("cần gì") == []


@pytest.mark.parametrize("text", ["bổ sung thông tin", "mã kích hoạt"])
def test_a_word_typed_with_diacritics_keeps_its_meaning(text: str) -> None:
    # "bổ", "mã" typed so are not "bố", "má" (read as "cha", "mẹ")
    own = default_words().content_terms(text)
    assert own and not {"cha", "me"} & set(own)


def test_a_word_typed_without_diacritics_may_be_any_spelling() -> None:
    assert "cha" in default_words().content_terms("bo sung thong tin")


def test_a_synonym_never_cuts_through_a_compound() -> None:
    words = default_words()
    assert "uy_quyen" not in words.terms("làm hộ chiếu cho con")
    assert "uy_quyen" in words.terms("nhờ người làm hộ")


def test_a_word_of_the_procedures_name_is_not_its_own_word(
    kb: KnowledgeBase, index: PassageIndex
) -> None:
    licence = kb.procedures["doi-giay-phep-lai-xe"]  # "bằng lái" is read as one term
    assert index.specifics(licence, "bao lâu thì có bằng mới") == []
    assert index.specifics(licence, "bao lâu thì có bằng đại học") == ["dai", "hoc"]


def test_an_abbreviation_is_read_in_full() -> None:
    words = default_words()
    assert {"viet", "nam"} <= set(words.content_terms("chồng tôi không có ở VN"))
    assert words.terms("ko có cccd") == words.terms("không có căn cước công dân")


def test_a_foreign_country_keeps_its_name_when_answering() -> None:
    assert "nhat" in default_words().terms("con sinh ở Nhật")


def test_an_age_is_read_as_the_bands_the_procedure_tells_apart(
    kb: KnowledgeBase, index: PassageIndex
) -> None:
    child = kb.procedures["cap-the-can-cuoc-duoi-14-tuoi"]  # under 6 / from 6 to 14
    assert "từ đủ 6 tuổi" in default_words().age_bands("con lớn 9 tuổi thì sao")
    own = index.specifics(child, "con lớn 9 tuổi thì sao")
    assert "6" in own and "14" not in own and "9" not in own
    assert "14" in index.specifics(child, "con lớn 15 tuổi thì sao")  # from 14: another card
    birth = kb.procedures["dang-ky-khai-sinh"]  # no rule by age: the age says nothing
    assert index.specifics(birth, "con 9 tuổi rồi thì sao") == []


def test_the_bands_of_an_age_are_not_what_a_question_says() -> None:
    words = default_words()
    assert "du~14" in words.terms("con 15 tuổi")  # "từ đủ 14 tuổi", spelt out
    assert "du~14" not in words.said_terms("con 15 tuổi")  # what similarity weighs


@pytest.mark.parametrize("text", ["mở cửa 8² giờ", "² giờ sáng", "thứ 7 mở ³ giờ không"])
def test_a_superscript_digit_before_an_hour_is_kept_as_typed(text: str) -> None:
    # str.isdigit takes "²" for a digit, which int() refuses: an hour is spelt with decimals only
    terms = default_words().terms(text)
    assert any(c in term for term in terms for c in "²³")
