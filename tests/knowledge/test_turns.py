"""The words that steer a turn (``lexicon/turns.yaml``): each ``{list}`` of a pattern stands for
any one of its words, a missing entry or a pattern that does not compile fails the load, and the
file's entries read as their comments say."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.text import key
from knowledge.turns import TURNS_FILE, Turns, TurnsError, default_turns, pattern


def test_a_list_named_in_a_pattern_stands_for_any_one_of_its_words() -> None:
    found = pattern({"pattern": r"\bnhung {now}\b", "now": ["gio", "bay gio"]})
    assert found.pattern == r"\bnhung (?:gio|bay gio)\b"
    assert found.search("lam roi nhung bay gio o xa")


def test_a_repetition_in_braces_is_no_list() -> None:
    found = pattern({"pattern": r"\b{word}\b.{0,5}\bmoi\b", "word": ["dk"]})
    assert found.pattern == r"\b(?:dk)\b.{0,5}\bmoi\b"


def test_a_pattern_naming_no_list_fails_with_the_entry_named() -> None:
    with pytest.raises(TurnsError, match="lost"):
        pattern({"pattern": r"\b{how} mat\b"}, "lost")


def test_a_pattern_that_does_not_compile_fails() -> None:
    with pytest.raises(TurnsError, match="broken"):
        pattern({"pattern": r"(?:mat"}, "broken")


def test_a_missing_entry_fails_the_load(tmp_path: Path) -> None:
    path = tmp_path / "turns.yaml"
    path.write_text("verbs: [lam]\n", encoding="utf-8")
    with pytest.raises(TurnsError, match="no entry"):
        Turns.load(path)


def test_the_file_loads_and_is_what_the_core_reads() -> None:
    turns = Turns.load(TURNS_FILE)
    assert turns.verbs == default_turns().verbs
    assert turns.acts[0] == max(turns.acts, key=len)  # longest first
    assert set(turns.verbs) <= set(turns.acts)


def test_a_paper_lost_is_not_what_losing_costs() -> None:
    lost = default_turns().lost
    assert lost.search(key("thẻ của ông bị mất thì sao"))
    assert not lost.search(key("làm mất bao lâu"))


def test_diacritics_tell_a_lawsuit_from_a_condition() -> None:
    accented = default_turns().sues_accented
    assert accented.search("muốn kiện công ty")
    assert not accented.search("điều kiện là gì")
