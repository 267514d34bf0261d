"""Long replies split at the channel's limit without breaking words or lines."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from handlers.split import split_text


def test_short_text_is_one_message() -> None:
    assert split_text("Xin chào", 100) == ["Xin chào"]


def test_splits_between_lines_first() -> None:
    text = "dòng một\ndòng hai\ndòng ba"
    assert split_text(text, 18) == ["dòng một\ndòng hai", "dòng ba"]


def test_long_line_splits_between_words() -> None:
    chunks = split_text("một hai ba bốn năm sáu", 10)
    assert chunks == ["một hai ba", "bốn năm", "sáu"]


def test_blank_text_becomes_a_placeholder_not_an_empty_message() -> None:
    assert split_text(" \n ", 10) == ["…"]


def test_word_longer_than_limit_is_cut() -> None:
    assert split_text("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


words = st.text(alphabet="abcđêơ ", min_size=1, max_size=12)


@given(st.lists(words, min_size=1, max_size=40), st.integers(min_value=12, max_value=80))
def test_chunks_respect_limit_and_keep_every_word(lines: list[str], limit: int) -> None:
    text = "\n".join(lines)
    chunks = split_text(text, limit)
    assert all(0 < len(c) <= limit for c in chunks)
    if not text.split():  # nothing to say: one placeholder, never an empty message
        assert chunks == ["…"]
        return
    assert " ".join(" ".join(chunks).split()) == " ".join(text.split())
