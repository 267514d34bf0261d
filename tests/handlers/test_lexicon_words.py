"""The conversation core reads its Vietnamese words from the lexicon (``knowledge/lexicon``),
never from a regular expression or a list of words written in a handler, answering inside a
procedure (``knowledge/answers.py``) reads its own from ``lexicon/answers.yaml`` and the map
(``knowledge/places.py``) its own from ``lexicon/places.yaml``: a guard against words creeping
back."""

from __future__ import annotations

import ast
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest

from knowledge.text import fold

ROOT = Path(__file__).resolve().parents[2]
HANDLERS = ROOT / "handlers"
LEXICON = ROOT / "knowledge" / "lexicon"
ANSWERS = ROOT / "knowledge" / "answers.py"
PLACES = ROOT / "knowledge" / "places.py"
# privacy.py masks personal data before anything is stored: its patterns read the shapes of
# numbers, amounts ("đồng") and addresses ("đường"), not the words that steer a turn
SHAPES_ONLY = frozenset({"privacy.py"})
# texts.py holds the sentences the bot says, not words it reads
SAYS_ONLY = frozenset({"texts.py"})
# the code that reads Vietnamese words: from the lexicon, never its own lists
READING = [
    ANSWERS,
    PLACES,
    *sorted(p for p in HANDLERS.glob("*.py") if p.name not in SHAPES_ONLY | SAYS_ONLY),
]
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


# -- lists of words ------------------------------------------------------------------------------

_WORD = r"[^\W\d_]+(?:-[^\W\d_]+)*\.?"  # "ubnd", "tp.", "Mát-xcơva"
_PHRASE = re.compile(rf"{_WORD}(?: {_WORD}){{0,7}}")  # "cấp xã", "nước ngoài"
LISTED_MIN = 3  # phrases joined by commas in one string that make it a list of words


@lru_cache(maxsize=1)
def lexicon_folded() -> frozenset[str]:
    """Every word the lexicon writes with diacritics, folded ("ngày": "ngay"): a word of a list
    typed without its marks is Vietnamese when the lexicon writes it with them."""
    said = (p.read_text(encoding="utf-8") for p in LEXICON.glob("*.yaml"))
    return frozenset(
        fold(w.lower()) for text in said for w in re.findall(r"[^\W\d_]+", text) if not w.isascii()
    )


def vietnamese_phrase(phrase: str) -> bool:
    """A short phrase of Vietnamese words: with a Vietnamese letter ("quận"), or each of its
    words written with marks in the lexicon ("ngay tuan" but not "documents")."""
    if not _PHRASE.fullmatch(phrase):
        return False
    if any(_vietnamese(c) for c in phrase):
        return True
    return all(w.rstrip(".") in lexicon_folded() for w in re.split(r"[ -]", phrase.lower()))


def word_lists(path: Path, keys: bool = False) -> list[tuple[int, list[str]]]:
    """The lists of Vietnamese words ``path`` writes, with their line: a list, tuple or set of
    two or more strings, each a short phrase and one of them Vietnamese; with ``keys``, a
    dictionary whose keys are such phrases ("sai gon": …); or a string of :data:`LISTED_MIN` or
    more such phrases joined by commas ("nộp giấy, đến nộp, …"). Docstrings and the parts of
    f-strings are sentences, not lists."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skipped.add(id(node.value))  # a docstring
        if isinstance(node, ast.JoinedStr):
            skipped.update(id(v) for v in node.values)
    found = []
    for node in ast.walk(tree):
        listed: list[ast.expr | None] = []
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            listed = list(node.elts)
        elif keys and isinstance(node, ast.Dict):
            listed = list(node.keys)
        if len(listed) >= 2:
            said = [e.value for e in listed if isinstance(e, ast.Constant)]
            if len(said) == len(listed) and all(isinstance(w, str) for w in said):
                skipped.update(id(e) for e in listed)
                phrases = [str(w) for w in said]
                if all(_PHRASE.fullmatch(w) for w in phrases) and any(
                    vietnamese_phrase(w) for w in phrases
                ):
                    found.append((node.lineno, phrases))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skipped
        ):
            parts = node.value.split(", ")
            if (
                len(parts) >= LISTED_MIN
                and all(w == w.lower() and _PHRASE.fullmatch(w) for w in parts)
                and any(vietnamese_phrase(w) for w in parts)
            ):
                found.append((node.lineno, parts))
    return sorted(found)


@pytest.mark.parametrize("path", READING, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_list_of_vietnamese_words_is_written_in_code(path: Path) -> None:
    written = word_lists(path)
    assert written == [], f"{path.name}: words for knowledge/lexicon/*.yaml: {written}"


_AFFIXES = frozenset({"startswith", "endswith"})


def affix_words(path: Path) -> list[tuple[int, str]]:
    """The Vietnamese words ``path`` looks for at the start or end of a text
    (``title.startswith("cap lai")``, ``which.endswith(("3", "ba"))``), with their line: a word
    with a Vietnamese letter, or folded, each of whose words the lexicon writes with marks."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _AFFIXES
            and node.args
        ):
            continue
        first = node.args[0]
        said = first.elts if isinstance(first, ast.Tuple) else [first]
        found.extend(
            (node.lineno, e.value)
            for e in said
            if isinstance(e, ast.Constant)
            and isinstance(e.value, str)
            and vietnamese_phrase(e.value)
        )
    return found


@pytest.mark.parametrize("path", READING, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_word_is_looked_for_at_a_texts_start_or_end_in_code(path: Path) -> None:
    written = affix_words(path)
    assert written == [], f"{path.name}: words for knowledge/lexicon/*.yaml: {written}"


def test_the_guard_finds_a_word_looked_for_at_a_texts_start_or_end(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        "def f(title, which, said, url):\n"
        '    if title.startswith("cap lai") or said.startswith("còn"):\n'
        '        return which.endswith(("3", "ba"))\n'
        '    return url.startswith(("+84", "https", "q"))\n',
        encoding="utf-8",
    )
    assert affix_words(module) == [(2, "cap lai"), (2, "còn"), (3, "ba")]


def test_answering_writes_no_vietnamese_word_in_a_regex() -> None:
    written = [(line, w) for line, text in regex_literals(ANSWERS) if (w := vietnamese_words(text))]
    assert written == [], f"answers.py: words for knowledge/lexicon/answers.yaml: {written}"


def test_the_guard_finds_a_list_of_words_written_in_code(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        '''"""Units: "ngày", "tháng", "năm"."""\n'''
        '_UNITS = ("ngay", "tuan", "thang")\n'
        '_TYPED = frozenset(["phường", "p."])\n'
        'WORDS = {"x": "nộp giấy, online, nộp trực tiếp tại bộ phận một cửa"}\n'
        'def f(t):\n    return t.startswith(("công an", "trực tuyến"))\n',
        encoding="utf-8",
    )
    assert word_lists(module) == [
        (2, ["ngay", "tuan", "thang"]),
        (3, ["phường", "p."]),
        (4, ["nộp giấy", "online", "nộp trực tiếp tại bộ phận một cửa"]),
        (6, ["công an", "trực tuyến"]),
    ]


def test_the_guard_leaves_sentences_names_and_marks(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        'SECTIONS = ("documents", "fees", "place")\n'
        'NO = ("Thôi, không cần", "Có, gặp người hỗ trợ")\n'
        'LINE = "Bạn ở phường, xã nào? Ghi kèm quận, huyện cũ nhé."\n'
        'MARKS = (",", ";", "")\n'
        'def f(n):\n    return f"Tại {n}, theo Nghị quyết, ngày, tháng"\n',
        encoding="utf-8",
    )
    assert word_lists(module) == []


# -- the map ---------------------------------------------------------------------------------------

_REGEX_SHAPED = re.compile(r"\\[bBsSdDwW]|\(\?")  # "\b", "\s", "(?:", "(?<!": a pattern's syntax


def patterns_written(path: Path) -> list[tuple[int, str]]:
    """The regular expressions ``path`` writes, with their line: those it hands to the ``re``
    module, and strings shaped like one ("\\btp\\b", "(?:vo|chong)") kept to compile later.
    Docstrings are sentences."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    shaped = [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and _REGEX_SHAPED.search(node.value)
    ]
    return sorted({*regex_literals(path), *shaped})


def test_the_map_writes_no_dictionary_of_words() -> None:
    written = word_lists(PLACES, keys=True)
    assert written == [], f"places.py: words for knowledge/lexicon/places.yaml: {written}"


def test_the_map_writes_no_word_in_a_regex() -> None:
    written = [(line, w) for line, text in patterns_written(PLACES) if (w := folded_words(text))]
    assert written == [], f"places.py: words for knowledge/lexicon/places.yaml: {written}"


def test_the_guard_finds_the_words_of_a_map_written_in_code(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        "import re\n"
        'ABROAD = frozenset(n.lower() for n in ["nước ngoài", "Mát-xcơva", "Tokyo"])\n'
        '_ALIASES = {"sai gon": "ho chi minh", "thua thien hue": "hue"}\n'
        '_SHORT = ((r"\\btp\\b\\.?", " thanh pho "), (r"\\bq\\.", " quan "))\n'
        '_RELATIVE = re.compile(r"(?<!nhà )(?:vợ|chồng)\\s+$")\n',
        encoding="utf-8",
    )
    assert word_lists(module, keys=True) == [
        (2, ["nước ngoài", "Mát-xcơva", "Tokyo"]),
        (3, ["sai gon", "thua thien hue"]),
    ]
    found = [(line, folded_words(text)) for line, text in patterns_written(module)]
    assert found == [(4, ["q"]), (4, ["tp"]), (5, ["vợ", "chồng"])]


def test_the_guard_leaves_a_map_that_reads_its_words(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        "import re\n"
        'SECTIONS = {"documents": 1, "fees": 2}\n'
        "def parts(named, words):\n"
        '    """Split at "\\b": "phường X, quận Y"."""\n'
        '    named = words.old_mark.sub("", named)\n'
        '    return re.split(r"[,;(]", named, maxsplit=1)\n',
        encoding="utf-8",
    )
    assert word_lists(module, keys=True) == []
    assert [(line, folded_words(text)) for line, text in patterns_written(module)] == [(6, [])]
