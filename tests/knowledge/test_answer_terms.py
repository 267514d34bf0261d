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
