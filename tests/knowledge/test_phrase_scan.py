"""Finding a lexicon's phrases in a text: one pattern per table, longest phrase first."""

from __future__ import annotations

import random
from collections.abc import Mapping

from knowledge.base import KnowledgeBase
from knowledge.matcher import MatchConfig, Matcher
from knowledge.normalize import (
    Entry,
    Phrase,
    PhraseTable,
    Token,
    _add,
    _raw_tokens,
    _spans,
    default_lexicon,
)


def table(*phrases: str, accented_only: bool = False) -> PhraseTable:
    out = PhraseTable()
    for phrase in phrases:
        _add(out, phrase, accented_only, phrase)
    return out


def found(text: str, phrases: PhraseTable) -> list[tuple[int, int, object]]:
    return [(start, end, entry.payload) for start, end, entry in _spans(_raw_tokens(text), phrases)]


def test_the_longest_phrase_at_a_word_wins() -> None:
    assert found("xin a b c d", table("a", "a b", "a b c")) == [(1, 4, "a b c")]


def test_a_phrase_ends_where_a_word_ends() -> None:
    assert found("cap giay", table("ca")) == []


def test_a_phrase_starts_where_a_word_starts() -> None:
    assert found("xca giay", table("ca")) == []


def test_a_longer_phrase_whose_accents_disagree_gives_way_to_a_shorter_one() -> None:
    phrases = table("đã có", accented_only=True)
    _add(phrases, "da", False, "da")
    assert found("da co giay", phrases) == [(0, 1, "da")]


def test_matching_resumes_after_each_phrase() -> None:
    assert found("a b a a b", table("a b", "a")) == [(0, 2, "a b"), (2, 3, "a"), (3, 5, "a b")]


Table = Mapping[Phrase, list[Entry]]


def reference(toks: list[Token], phrases: Table) -> list[tuple[int, int, Entry]]:
    """Greedy longest match word by word, the plain way."""
    longest = max(len(p) for p in phrases)
    out, i = [], 0
    while i < len(toks):
        for size in range(min(longest, len(toks) - i), 0, -1):
            entries = phrases.get(tuple(t.folded for t in toks[i : i + size])) or []
            entry = next((e for e in entries if e.matches(toks[i : i + size])), None)
            if entry is not None:
                out.append((i, i + size, entry))
                i += size
                break
        else:
            i += 1
    return out


def test_the_pattern_finds_what_a_word_by_word_scan_finds() -> None:
    lexicon = default_lexicon()
    tables = [lexicon.replacements, lexicon.synonyms, lexicon.stop, lexicon.aspects]
    words = [" ".join(e.accented) for t in tables for entries in t.values() for e in entries]
    words += ["giấy", "khai", "sinh", "cho", "con", "ở", "đâu", "mat", "cccd"]
    rng = random.Random(5)
    for _ in range(300):
        toks = _raw_tokens(" ".join(rng.choice(words) for _ in range(rng.randint(1, 12))))
        for phrases in tables:
            assert _spans(toks, phrases) == reference(toks, phrases)


def test_a_text_asked_again_is_answered_from_the_cache(kb: KnowledgeBase) -> None:
    matcher = Matcher.build(kb.procedures.values())
    first = matcher.match("làm giấy khai sinh cho con")
    assert matcher.match("làm giấy khai sinh cho con") is first
    assert matcher.match("làm giấy khai sinh cho con", top=1) is not first


def test_the_cache_is_bounded(kb: KnowledgeBase) -> None:
    matcher = Matcher.build(kb.procedures.values(), config=MatchConfig(cache_size=2))
    first = matcher.match("đăng ký tạm trú")
    matcher.match("gia hạn tạm trú")
    matcher.match("mất căn cước")
    assert matcher.match("đăng ký tạm trú") is not first
    assert matcher.match("đăng ký tạm trú") == first
