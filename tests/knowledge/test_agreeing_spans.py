"""A table remembers which of its entries agrees with a span's accents: a text scanned again, or
another text with the same spellings, finds what a plain word-by-word scan finds."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.normalize import (
    DenseTable,
    PhraseTable,
    _add,
    _raw_tokens,
    _spans,
    default_lexicon,
)
from knowledge.text import fold
from tests.knowledge.test_phrase_scan import reference


def _spellings() -> list[str]:
    """The words of the lexicon's phrases as written, unaccented, and with another tone."""
    lexicon = default_lexicon()
    tables = [lexicon.replacements, lexicon.stop, lexicon.context, lexicon.aspects]
    written = sorted(
        {" ".join(e.accented) for t in tables for entries in t.values() for e in entries}
    )[::7]
    words = [*written, *(fold(w) for w in written[::3])]
    words += ["đả", "dã", "đa", "đã", "có", "cỏ", "co", "giấy", "giây", "khai", "sinh", "xin", "x"]
    return words


SPELLINGS = _spellings()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SPELLINGS), min_size=1, max_size=40))
def test_spans_found_twice_are_the_spans_a_plain_scan_finds(said: list[str]) -> None:
    lexicon = default_lexicon()
    toks = _raw_tokens(" ".join(said))
    for table in (lexicon.replacements, lexicon.stop, lexicon.context, lexicon.aspects):
        expected = reference(toks, table)
        assert _spans(toks, table) == expected
        assert _spans(toks, table) == expected  # now from what the table remembered


def test_a_spelling_the_accents_refuse_is_remembered_as_refused() -> None:
    for table in (PhraseTable(), DenseTable()):
        _add(table, "đã", True, "da")
        assert _spans(_raw_tokens("da co"), table) == []
        assert _spans(_raw_tokens("da co"), table) == []
        assert [e.payload for _, _, e in _spans(_raw_tokens("đã có"), table)] == ["da"]
        assert (("da",), ("da",)) in table.agreeing


def test_a_pickled_table_leaves_what_it_remembered_behind() -> None:
    table = PhraseTable()
    _add(table, "xin hỏi", False, None)
    _spans(_raw_tokens("xin hỏi"), table)
    assert table.agreeing
    restored = pickle.loads(pickle.dumps(table))
    assert restored == table
    assert restored.agreeing == {}
    assert _spans(_raw_tokens("xin hỏi"), restored) == _spans(_raw_tokens("xin hỏi"), table)
