"""The conversation core reads its Vietnamese words from the lexicon (``knowledge/lexicon``),
never from a regular expression written in a handler: a guard against words creeping back."""

from __future__ import annotations

import ast
import re
import unicodedata
from pathlib import Path

import pytest

HANDLERS = Path(__file__).resolve().parents[2] / "handlers"
# privacy.py masks personal data before anything is stored: its patterns read the shapes of
# numbers, amounts ("đồng") and addresses ("đường"), not the words that steer a turn
SHAPES_ONLY = frozenset({"privacy.py"})
_RE_CALLS = frozenset(
    {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer"}
)
_CLASS = re.compile(r"\[(?:\\.|[^\]\\])*\]")  # "[A-ZÀ-Ỹ]": a set of characters, not a word
# an escape ("\b", "\d"), a group's name ("(?P<rest>", "(?P=rest)") or flags ("(?i)"): syntax
_SYNTAX = re.compile(r"\\.|\(\?P?<[=!]?\w*>?|\(\?P=\w+\)|\(\?[aiLmsux-]+[:)]")


def _vietnamese(letter: str) -> bool:
    """A letter of Vietnamese beyond ASCII: "ì", "ừ", "đ"."""
    if letter.isascii() or not letter.isalpha():
        return False
    return letter in "đĐ" or unicodedata.normalize("NFD", letter)[0].isascii()


def vietnamese_words(pattern: str) -> list[str]:
    """The words of a regular expression that hold a Vietnamese letter, sets of characters left
    out."""
    bare = _CLASS.sub(" ", pattern)
    return [w for w in re.findall(r"\w+", bare) if any(_vietnamese(c) for c in w)]


def folded_words(pattern: str) -> list[str]:
    """The words of a regular expression, with or without diacritics: its runs of letters beyond
    sets of characters, escapes and the syntax of groups."""
    bare = _SYNTAX.sub(" ", _CLASS.sub(" ", pattern))
    return re.findall(r"[^\W\d_]+", bare)


def regex_literals(path: Path) -> list[tuple[int, str]]:
    """The string patterns ``path`` hands to the ``re`` module, with their line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.func.attr in _RE_CALLS
            and node.args
        ):
            continue
        first = node.args[0]
        parts = first.values if isinstance(first, ast.JoinedStr) else [first]
        text = "".join(
            p.value for p in parts if isinstance(p, ast.Constant) and isinstance(p.value, str)
        )
        found.append((node.lineno, text))
    return found


@pytest.mark.parametrize(
    "path",
    sorted(p for p in HANDLERS.glob("*.py") if p.name not in SHAPES_ONLY),
    ids=lambda p: p.name,
)
def test_no_handler_writes_vietnamese_words_in_a_regex(path: Path) -> None:
    written = [
        (line, words) for line, text in regex_literals(path) if (words := vietnamese_words(text))
    ]
    assert written == [], f"{path.name}: words for knowledge/lexicon/turns.yaml: {written}"


@pytest.mark.parametrize(
    "path",
    sorted(p for p in HANDLERS.glob("*.py") if p.name not in SHAPES_ONLY),
    ids=lambda p: p.name,
)
def test_no_handler_writes_a_folded_word_in_a_regex(path: Path) -> None:
    written = [
        (line, words) for line, text in regex_literals(path) if (words := folded_words(text))
    ]
    assert written == [], f"{path.name}: words for knowledge/lexicon/turns.yaml: {written}"


def test_the_guard_sees_a_folded_word_and_not_the_syntax() -> None:
    assert folded_words(r"\b(?:thi|roi)\b") == ["thi", "roi"]
    assert folded_words(r"^\s*(?:so\s*)?\d{1,2}") == ["so"]
    assert folded_words(r"(?i)^(?P<rest>\S.*)(?P=rest)(?<=[a-z])\w+\D") == []
    assert folded_words(r"\+?\(?\d[\d\s.\-()]{7,18}\d") == []


def test_the_guard_sees_a_word_and_not_a_set_of_letters() -> None:
    assert vietnamese_words(r"\b(?:thì|thi)\b") == ["thì"]
    assert vietnamese_words(r"(?<!\w)(?:quán|chợ)(?!\w)") == ["quán", "chợ"]
    assert vietnamese_words(r"(?<=[.!?])\s+(?=[A-ZÀ-Ỹ])") == []
    assert vietnamese_words(r"\b(?:thi|roi)\b") == []


def test_the_guard_finds_a_word_written_in_a_handler(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        'import re\n_THEN = re.compile(r"\\b(?:thì|thi)\\b")\n'
        'def f(t):\n    return re.split(rf"{t}|rồi", t)\n',
        encoding="utf-8",
    )
    found = [(line, vietnamese_words(text)) for line, text in regex_literals(module)]
    assert found == [(2, ["thì"]), (4, ["rồi"])]
