"""The answer words' phrase sets: the longest phrase at a word wins, and of phrases as long, the
one added first."""

from __future__ import annotations

from knowledge.answers import PhraseSet, words


def test_the_longest_phrase_wins_whatever_the_order_of_adding() -> None:
    phrases = PhraseSet()
    for phrase in ("giấy tờ", "giấy tờ tùy thân", "giấy"):
        phrases.add(phrase, phrase)
    assert phrases.scan(words("cần giấy tờ tùy thân gì")) == [(1, 5, "giấy tờ tùy thân")]
    assert phrases.scan(words("giấy tờ gì")) == [(0, 2, "giấy tờ")]


def test_of_phrases_as_long_the_first_added_wins() -> None:
    phrases = PhraseSet()
    phrases.add("lệ phí", "fees")
    phrases.add("lệ phí bao nhiêu", "fees-amount")
    phrases.add("lệ phí", "other")
    assert phrases.at(words("lệ phí"), 0) == (2, "fees")
    assert phrases.at(words("lệ phí bao nhiêu"), 0) == (4, "fees-amount")
