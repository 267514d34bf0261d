"""Answering inside one procedure: which section a follow-up asks about, and which passages of the
procedure answer it.

- :class:`AnswerWords` reads ``lexicon/answers.yaml``: the words of each answer section ("ủy
  quyền", "có giá trị bao lâu"), words that name no procedure ("giấy tờ", "thủ tục"), stopwords
  and synonyms. Phrases match on folded words, longest first; a word typed with diacritics only
  meets a phrase word with the same ones ("muốn" is not "muộn"), an unaccented one meets any.
- :func:`passages` cuts a procedure into what can be quoted: the summary, each applicant and
  condition, each document with its "when", "note" and "where to get it", what is not required,
  each fee in force, time, place, result, online steps, notes, the answer fields and the
  questions-and-answers, each with its section and legal basis.
- :class:`PassageIndex` scores the passages of one procedure against a question with BM25 over
  words and pairs of words (document frequencies over the whole knowledge base), and tells how
  much of the question a passage covers; :meth:`PassageIndex.faq` finds a question-and-answer by
  its question variants.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import TypeVar
from unicodedata import combining, normalize

from knowledge.negation import default_negation
from knowledge.normalize import BAND_WORDS, AgeBand, PhraseTable, default_lexicon, spell_out
from knowledge.once import Once
from knowledge.schema import (
    DETAIL_FIELDS,
    Channel,
    Detail,
    Document,
    Faq,
    Fee,
    Procedure,
    Sourced,
)
from knowledge.text import (
    canon_iy,
    fold,
    has_diacritics,
    key,
    lower,
    tokens,
    unify_tones,
)
from knowledge.turns import pattern
from knowledge.yamlio import read_yaml

WORDS_FILE = Path(__file__).resolve().parent / "lexicon" / "answers.yaml"
TERMS_CACHE = 50_000  # texts whose terms are kept (passages, faq variants, recent questions)
K = TypeVar("K")
V = TypeVar("V")


def _remembered(store: dict[K, V], key: K, make: Callable[[], V]) -> V:
    """``store[key]``, made once; the store is emptied when it holds :data:`TERMS_CACHE` keys."""
    found = store.get(key)
    if found is None:
        if len(store) >= TERMS_CACHE:
            store.clear()
        found = store[key] = make()
    return found


@dataclass(frozen=True)
class Word:
    folded: str
    accented: str


@lru_cache(maxsize=65_536)
def _word(token: str) -> Word:
    """One token, folded once: every passage of the knowledge base says the same few thousand."""
    return Word(canon_iy(fold(token)), token)


def words(text: str) -> list[Word]:
    """A text's words spelt out, as the matcher first reads them
    (``knowledge.normalize.spell_out``): abbreviations, slang and regional words in standard
    words ("VN" → "việt nam", "bn" → "bao nhiêu", "zậy" → "vậy"), an age followed by the phrases
    of its bands ("9 tuổi": "dưới 14 tuổi", "từ đủ 6 tuổi"). Questions, passages, faq variants
    and the lexicon's own phrases are all read so."""
    return list(_words(text))


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[Word, ...]:
    """:func:`words`, once per text: a question is read by every step of its answer."""
    return tuple(_hours([_word(t.accented) for t in spell_out(text, replacements=_spelling())]))


@dataclass(frozen=True)
class FeeLeadWords:
    optional: tuple[str, ...]  # folded: a fee paid only by choice says one of these
    waiver: tuple[str, ...]  # folded: a fees note that says nothing is charged opens so


@lru_cache(maxsize=1)
def fee_lead_words() -> FeeLeadWords:
    """The ``fee_lead`` of ``answers.yaml``."""
    found = read_yaml(WORDS_FILE).get("fee_lead") or {}

    def read(name: str) -> tuple[str, ...]:
        return tuple(" ".join(fold(str(w)).split()) for w in found.get(name) or ())

    return FeeLeadWords(read("optional"), read("waiver"))


_HOUR = re.compile(r"(\d{1,2})(?:h|g)")


@dataclass(frozen=True)
class _HourWords:
    daytime: frozenset[str]  # folded: the parts of the day an hour may be said with
    afternoon: frozenset[str]  # those that add 12 ("4 giờ chiều" is "16 giờ")
    about: frozenset[str]  # words between a part of the day and its hour ("chiều tầm 4h")
    said: frozenset[str]  # the words after a number that make it an hour ("4 giờ")


@lru_cache(maxsize=1)
def _hour_words() -> _HourWords:
    """The ``hours`` of ``answers.yaml``."""
    found = read_yaml(WORDS_FILE).get("hours") or {}

    def read(name: str) -> frozenset[str]:
        return frozenset(fold(str(w)) for w in found.get(name) or ())

    return _HourWords(read("daytime"), read("afternoon"), read("about"), read("said"))


def _daytime_before(out: list[Word]) -> tuple[int, bool] | None:
    """Where the words just read say a part of the day, maybe with words of about around it
    ("buổi chiều tầm", "chiều lúc"), and whether it is an afternoon: the hour said next is of
    that part of the day, and those words are the hour's."""
    said = _hour_words()
    i = len(out) - 1
    while i >= 0 and out[i].folded in said.about:
        i -= 1
    if i < 0 or out[i].folded not in said.daytime:
        return None
    afternoon = out[i].folded in said.afternoon
    while i > 0 and out[i - 1].folded in said.about:
        i -= 1
    return i, afternoon


def _hours(ws: list[Word]) -> list[Word]:
    """An hour of the day as the guidance writes it ("nộp sau 15 giờ", "trước 8 giờ sáng"):
    "4h chiều", "4 g chiều", "4 giờ chiều" and "buổi chiều tầm 4h" are "16 giờ"; "8h sáng" is
    "8 giờ"."""
    said = _hour_words()
    out: list[Word] = []
    i = 0
    while i < len(ws):
        typed = _HOUR.fullmatch(ws[i].folded)
        spelt = ws[i].folded.isdecimal() and i + 1 < len(ws) and ws[i + 1].folded in said.said
        if not typed and not spelt:
            out.append(ws[i])
            i += 1
            continue
        hour = int(typed[1] if typed else ws[i].folded)
        i += 1 if typed else 2
        if i < len(ws) and ws[i].folded in said.daytime and hour <= 24:
            if ws[i].folded in said.afternoon and hour < 12:
                hour += 12
            i += 1
        elif (before := _daytime_before(out)) is not None and hour <= 24:
            at, afternoon = before
            del out[at:]
            if afternoon and hour < 12:
                hour += 12
        out += [_word(str(hour)), _word("giờ")]
    return out


_SPELLING: list[PhraseTable] = []  # read once, or restored with the answer words (use_words)


def _spelling() -> PhraseTable:
    """The short forms citizens type and what they stand for: the ``spelling`` of
    ``answers.yaml`` read before the matcher's abbreviations and regional words ("hk" ending a
    question is "không" here, "hộ khẩu" there)."""
    if not _SPELLING:
        _SPELLING[:] = [_read_spelling()]
    return _SPELLING[0]


def _read_spelling() -> PhraseTable:
    data = read_yaml(WORDS_FILE)
    spelling = data.get("spelling") or {}
    return default_lexicon().short_forms(
        {
            **_elsewhere(),
            **readings(data.get("readings") or {}),
            **{str(k): str(v) for k, v in spelling.items()},
        }
    )


def readings(table: Mapping[str, Mapping[str, Sequence[str]]]) -> dict[str, str]:
    """Short forms that read an unaccented word the way its neighbour says (``readings`` of
    ``answers.yaml``): "ban lai" is "bán lai", "nho can bo" is "nho cán bộ". The neighbour is
    kept as typed, so it still meets any spelling of itself."""
    out: dict[str, str] = {}
    for meant, sides in table.items():
        typed = fold(str(meant))
        read = " ".join(t.accented for t in spell_out(str(meant)))  # "cưới": "kết hôn"
        for after in sides.get("after") or ():
            out[f"{typed} {fold(str(after))}"] = f"{read} {fold(str(after))}"
        for before in sides.get("before") or ():
            out[f"{fold(str(before))} {typed}"] = f"{fold(str(before))} {read}"
    return out


ELSEWHERE = "nơi khác"
PLACES_FILE = WORDS_FILE.parent / "places.yaml"


def _elsewhere() -> dict[str, str]:
    """A province or city of the country (``places.yaml``, ``domestic``) is "nơi khác" to an
    answer: "nộp ở Long An được không" asks the place part as "nộp ở nơi khác được không" does,
    and no passage names the province. Typed without marks too, but a name of one syllable
    only with its marks ("Huế", not "huệ"). The country itself stays: "ở Việt Nam" tells a case
    from one abroad (``home``)."""
    places = read_yaml(PLACES_FILE)
    home = frozenset(fold(lower(str(p))) for p in places.get("home") or ())
    out: dict[str, str] = {}
    for place in places.get("domestic") or []:
        name = lower(str(place))
        if fold(name) in home:
            continue
        out[name] = ELSEWHERE
        if len(name.split()) > 1:
            out[fold(name)] = ELSEWHERE
    return out


def _typed(text: str) -> list[str]:
    """The words of a text as typed (nothing spelt out), folded."""
    return [canon_iy(fold(t)) for t in tokens(unify_tones(lower(text)))]


def _ages(ws: Sequence[Word]) -> tuple[set[int], list[tuple[int, int]]]:
    """An age the citizen states ("9 tuổi", not "dưới 14 tuổi"): its positions, and the spans of
    the phrases of its bands spelt out after it (:func:`words`), which say what it means for a
    procedure."""
    bands = {tuple(t.folded for t in band.phrase) for band in _age_bands()}
    typed: set[int] = set()
    spans: list[tuple[int, int]] = []
    for i in range(len(ws) - 1):
        if not (ws[i].folded.isdigit() and ws[i + 1].folded == "tuoi"):
            continue
        if i in typed or any(a <= i < b for a, b in spans):
            continue
        if i and ws[i - 1].folded in BAND_WORDS:
            continue
        typed.update((i, i + 1))
        at = i + 2
        while found := next((b for b in bands if _folded_at(ws, at)[: len(b)] == b), None):
            spans.append((at, at + len(found)))
            at += len(found)
    return typed, spans


def _folded_at(ws: Sequence[Word], at: int) -> tuple[str, ...]:
    return tuple(w.folded for w in ws[at : at + 4])


@lru_cache(maxsize=1)
def _age_bands() -> tuple[AgeBand, ...]:
    lex = default_lexicon()
    return lex.ages + lex.detail_ages


NUMBER = r"\d+"  # in a lexicon phrase: any number
NEGATED = "!"  # a retrieval term said denied: "!thanh" of "không thành"
_CLAUSES = re.compile(r"[,;.!?\n]+")
ANY_NUMBER = Word(NUMBER, NUMBER)


def _same(want: Word, got: Word) -> bool:
    """A lexicon word ``want`` meets a typed word ``got``: unaccented typing meets any spelling;
    typed with diacritics it meets the same spelling only ("nhà" is not the particle "nha")."""
    if want.folded == NUMBER:  # ANY_NUMBER, or its copy restored from the knowledge cache
        return got.folded.isdigit()
    if want.folded != got.folded:
        return False
    return not has_diacritics(got.accented) or want.accented == got.accented


@dataclass(frozen=True)
class Found:
    section: str
    start: int
    end: int


class _Node:
    """A word of a phrase trie: the words that may follow (by folded spelling) and the phrases
    that end here (the order they were added, their words, their payload)."""

    __slots__ = ("ends", "next")

    def __init__(self) -> None:
        self.next: dict[str, _Node] = {}
        self.ends: list[tuple[int, tuple[Word, ...], str]] = []


class PhraseSet:
    """Phrases (as word sequences) with a payload, matched longest first, then in the order
    they were added. A trie on the words' folded spellings: a lookup walks only the phrases
    that can still match, not every phrase with the same first word."""

    def __init__(self) -> None:
        self._root = _Node()
        self._added = 0

    def add(self, phrase: str, payload: str) -> None:
        parts = phrase.split(NUMBER)  # "quá \\d+ ngày": any number typed in its place
        ws = tuple(
            w for i, part in enumerate(parts) for w in ([ANY_NUMBER] if i else []) + words(part)
        )
        if not ws:
            return
        node = self._root
        for w in ws:
            node = node.next.setdefault(w.folded, _Node())
        node.ends.append((self._added, ws, payload))
        self._added += 1

    def __contains__(self, head: str) -> bool:
        """Whether some phrase starts with this folded word."""
        return head in self._root.next

    def at(self, ws: Sequence[Word], i: int) -> tuple[int, str] | None:
        """The longest phrase starting at word ``i``: (its length, payload)."""
        head = self._root.next.get(ws[i].folded)
        if head is None:
            return None
        best: tuple[int, int, str] | None = None  # (length, -order, payload)
        stack = [(head, i + 1)]
        while stack:
            node, j = stack.pop()
            n = j - i
            for order, phrase, payload in node.ends:
                if (best is None or (n, -order) > best[:2]) and all(
                    _same(p, w) for p, w in zip(phrase, ws[i:j], strict=True)
                ):
                    best = (n, -order, payload)
            if j < len(ws):
                folded = ws[j].folded
                for key_ in (folded, NUMBER) if folded.isdigit() else (folded,):
                    child = node.next.get(key_)
                    if child is not None:
                        stack.append((child, j + 1))
        return (best[0], best[2]) if best else None

    def scan(self, ws: Sequence[Word]) -> list[tuple[int, int, str]]:
        out: list[tuple[int, int, str]] = []
        i = 0
        while i < len(ws):
            hit = self.at(ws, i) if ws[i].folded in self._root.next else None
            if hit:
                out.append((i, i + hit[0], hit[1]))
                i += hit[0]
            else:
                i += 1
        return out


_CHOICE = re.compile(r"\(([^()]*)\)")
_CHOICE_MARKS = re.compile(r"[()|]|\\d\+")


def expand(phrase: str) -> list[str]:
    """ "(dẫn|đưa) (con|bé) theo" → every phrase it stands for; an empty choice ("(nay|)") may
    be left out."""
    parts = _CHOICE.split(phrase)
    choices = [[p] if i % 2 == 0 else p.split("|") for i, p in enumerate(parts)]
    return [" ".join("".join(c).split()) for c in itertools.product(*choices)]


_CLASS = re.compile(r"\{(\w+)\}")


def classed(phrase: str, classes: Mapping[str, Sequence[str]]) -> str:
    """ "{doing} hộ" → "(đi|làm|…) hộ": a class of ``answers.yaml`` (all the ways one thing is
    said) stands for a choice of its words."""

    def choice(found: re.Match[str]) -> str:
        if found.group(1) not in classes:
            raise ValueError(f"answers.yaml: no class {found.group(1)!r} in {phrase!r}")
        return "(" + "|".join(classes[found.group(1)]) + ")"

    return _CLASS.sub(choice, phrase)


def _cuts(start: int, end: int, kept: Sequence[tuple[int, int]]) -> bool:
    """Whether words ``start:end`` take part of a compound that is never section words ("làm
    hộ" of "làm hộ chiếu", "người nhà" alone); a phrase holding the whole compound and more
    stands ("nhờ người nhà làm")."""
    return any(
        start < b and a < end and not (start <= a and b <= end and end - start > b - a)
        for a, b in kept
    )


def _splits(start: int, end: int, whole: Sequence[tuple[int, int]]) -> bool:
    """Whether words ``start:end`` take part of a compound but not all of it ("nộp ho" of
    "nộp ho so"); a phrase holding the whole compound, or the compound alone, stands."""
    return any(start < b and a < end and not (start <= a and b <= end) for a, b in whole)


def _negation_words() -> tuple[Word, ...]:
    """The negations of one word of ``negation.yaml`` as :func:`words` spells them ("ko", "k",
    "hok" are "không"): the word right after one is read denied (:meth:`AnswerWords.denials`)."""
    single = sorted(phrase[0] for phrase in default_negation().negations if len(phrase) == 1)
    return tuple(dict.fromkeys(w for neg in single for w in words(neg)))


def _listed(phrases: Iterable[object]) -> str:
    """Phrases a passage is found by, as one text: "nộp giấy, đến nộp"."""
    return ", ".join(str(p) for p in phrases)


@dataclass
class AnswerWords:
    sections: PhraseSet = field(default_factory=PhraseSet)
    keep: PhraseSet = field(default_factory=PhraseSet)
    unsplit: PhraseSet = field(default_factory=PhraseSet)
    particular: PhraseSet = field(default_factory=PhraseSet)
    generic: PhraseSet = field(default_factory=PhraseSet)
    synonyms: PhraseSet = field(default_factory=PhraseSet)
    stopwords: dict[str, list[Word]] = field(default_factory=dict)
    fillers: PhraseSet = field(default_factory=PhraseSet)
    channels: PhraseSet = field(default_factory=PhraseSet)
    negations: tuple[Word, ...] = ()
    # folded words that, right after a negation, say nobody or nothing and pass the denial on:
    # "không ai biết" denies "biết"
    indefinites: frozenset[str] = frozenset()
    section_ids: tuple[str, ...] = ()
    # the retrieval terms of each section's own words ("xã", "nơi" of the place) and of the
    # people a citizen tells their case by ("bố", "nhà ngoại"): neither says what else is asked
    section_terms: dict[str, frozenset[str]] = field(default_factory=dict)
    people: frozenset[str] = frozenset()
    people_said: PhraseSet = field(default_factory=PhraseSet)  # the same, as phrases said
    # what a passage whose label is not searched is found by (``found_by``): a way of filing's
    # words, by the way; the deciding body's; the citizen's own deadline's
    channel_words: dict[Channel, str] = field(default_factory=dict)
    decides_words: str = ""
    deadline_words: str = ""
    # where a paper's name and a document's case are cut into what can be said alone (``clauses``)
    name_clauses: re.Pattern[str] = re.compile(r"$^")
    when_clauses: re.Pattern[str] = re.compile(r"$^")
    spelling: PhraseTable = field(default_factory=PhraseTable, repr=False, compare=False)
    # terms() of texts seen before: every passage and faq variant of the knowledge base is read
    # again for each question asked about its procedure. Bounded; emptied when full.
    _terms: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    _asked: dict[str, tuple[Found, ...]] = field(default_factory=dict, repr=False, compare=False)
    _content: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    _marked: dict[str, dict[str, frozenset[str]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _content_terms: dict[str, tuple[str, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def load(cls, path: Path = WORDS_FILE) -> AnswerWords:
        data = read_yaml(path)
        found = cls()
        classes = {str(k): [str(w) for w in v] for k, v in (data.get("classes") or {}).items()}
        for section, phrases in data["sections"].items():
            for phrase in phrases:
                for one in expand(classed(str(phrase), classes)):
                    found.sections.add(one, str(section))
        for phrase in data.get("keep", ()):
            for one in expand(str(phrase)):
                if len(words(one)) > 1:  # "em bé" spelt out is "con": no compound left
                    found.keep.add(one, "")
        for phrase in data.get("unsplit", ()):
            for one in expand(str(phrase)):
                found.unsplit.add(one, "")
        for phrase in data.get("particular", ()):
            for one in expand(str(phrase)):
                found.particular.add(one, "")
        for phrase in data["generic"]:
            found.generic.add(str(phrase), "")
        for group in data["synonyms"]:
            head = "_".join(_typed(str(group[0])))  # a name only: "cha", not the "bố" it reads as
            for phrase in group:
                found.synonyms.add(str(phrase), head)
        for stop in data["stopwords"]:
            for w in words(str(stop)):
                found.stopwords.setdefault(w.folded, []).append(w)
        for phrase in data.get("channels", ()):
            for one in expand(str(phrase)):
                found.channels.add(one, "")
        for phrase in data.get("fillers", ()):
            found.fillers.add(str(phrase), "")
        found.negations = _negation_words()
        found.indefinites = frozenset(fold(str(w)) for w in data.get("indefinites", ()))
        by = data["found_by"]
        found.channel_words = {Channel(c): _listed(said) for c, said in by["channel"].items()}
        found.decides_words = _listed(by["decides"])
        found.deadline_words = _listed(by["deadline"])
        found.name_clauses = pattern(data["clauses"]["name"], "clauses.name")
        found.when_clauses = pattern(data["clauses"]["when"], "clauses.when")
        found.section_ids = tuple(data["sections"])
        found.spelling = _spelling()  # what words() reads with: restored with the rest
        for section, phrases in data["sections"].items():
            said = {  # a class's words say who or what, not the section: left out
                w
                for phrase in phrases
                for w in _CHOICE_MARKS.sub(" ", _CLASS.sub(" ", str(phrase))).split()
            }
            found.section_terms[str(section)] = frozenset(
                t for w in said for t in found.terms(w) if "~" not in t
            )
        found.people = frozenset(
            t for phrase in data.get("people", ()) for t in found.terms(str(phrase)) if "~" not in t
        )
        for phrase in data.get("people", ()):
            for one in expand(str(phrase)):
                found.people_said.add(one, "")
        return found

    def past_people(self, text: str) -> str:
        """The text without the people a case is told by, as typed: "khai ở xã của bố hay xã
        của em" says "khai ở của hay của" beside them ("người mất" is one of them whole, "mất"
        alone is not)."""
        ws = words(text)
        said = {i for a, b, _ in self.people_said.scan(ws) for i in range(a, b)}
        return " ".join(w.accented for i, w in enumerate(ws) if i not in said)

    def beside(self, sections: Iterable[str]) -> frozenset[str]:
        """The terms that say nothing beyond the sections asked: their own words and the
        people a case is told by ("làm ở xã nhà ngoại hay ở phường nơi vợ chồng tôi đang ở"
        asks the place and nothing else)."""
        return self.people.union(*(self.section_terms.get(s, frozenset()) for s in sections))

    def phrase_terms(self, text: str) -> frozenset[str]:
        """The retrieval terms of the section words a question says ("chụp ảnh", "ủy quyền")."""
        ws = words(text)
        out: set[str] = set()
        for f in self.asked(text):
            terms = self.terms(" ".join(w.accented for w in ws[f.start : f.end]))
            whole = [t for t in terms if "~" in t or "_" in t]  # a phrase is held as a whole
            out.update(whole or terms)
        return frozenset(out)

    def asked_terms(self, text: str) -> frozenset[str]:
        """Every retrieval term of the words that ask for a part ("mất phí": "mat", "le_phi")."""
        ws = words(text)
        out: set[str] = set()
        for f in self.asked(text):
            out.update(self.terms(" ".join(w.accented for w in ws[f.start : f.end])))
        return frozenset(out)

    def particular_terms(self, text: str) -> frozenset[str]:
        """The retrieval terms of the words that ask for one particular thing of a part ("bưu
        điện" of the result, "thứ 7" of the place): an answer must say them."""
        ws = words(text)
        out: set[str] = set()
        for a, b, _ in self.particular.scan(ws):
            out.update(self.terms(" ".join(w.accented for w in ws[a:b])))
        return frozenset(t for t in out if "~" not in t or len(out) == 1)

    def asked(self, text: str) -> list[Found]:
        """The sections a question asks about, in order of appearance."""
        known = _remembered(self._asked, text, lambda: tuple(self._read_asked(text)))
        return list(known)

    def _read_asked(self, text: str) -> list[Found]:
        ws = words(text)
        kept = [(a, b) for a, b, _ in self.keep.scan(ws)]
        whole = [(a, b) for a, b, _ in self.unsplit.scan(ws)]
        return [
            Found(s, a, b)
            for a, b, s in self.sections.scan(ws)
            if not _cuts(a, b, kept) and not _splits(a, b, whole)
        ]

    def only_channel(self, text: str) -> bool:
        """Whether the text names a way of filing and nothing else ("còn nộp trực tiếp thì
        sao", "thế online"): words that name nothing aside, no part asked beside it."""
        ws = words(text)
        said = {i for a, b, _ in self.channels.scan(ws) for i in range(a, b)}
        if not said:
            return False
        if any(not said.issuperset(range(f.start, f.end)) for f in self.asked(text)):
            return False  # "nộp trực tiếp cần giấy gì" asks the papers
        idle = said | {i for a, b, _ in self.generic.scan(ws) for i in range(a, b)}
        return all(
            i in idle or any(_same(s, w) for s in self.stopwords.get(w.folded, ()))
            for i, w in enumerate(ws)
        )

    def content(self, text: str) -> list[str]:
        """The folded words left once section words and words that name nothing are removed:
        empty for "giấy tờ cần gì", "hết bao nhiêu tiền ạ", "thế còn cái này thì sao"."""
        known = _remembered(self._content, text, lambda: tuple(self._read_content(text)))
        return list(known)

    def _read_content(self, text: str) -> list[str]:
        return [w.folded for w in self._content_words(text)]

    def content_text(self, text: str) -> str:
        """:meth:`content` as typed (diacritics kept), for matching it again."""
        return " ".join(w.accented for w in self._content_words(text))

    def _content_words(self, text: str) -> list[Word]:
        """The words of :meth:`content`; the bands spelt out after an age are not among them
        (what the citizen said is the age)."""
        ws = words(text)
        drop = self._dropped(text, ws) | _spelt_bands(ws)
        return [w for i, w in enumerate(ws) if i not in drop]

    def _dropped(self, text: str, ws: list[Word]) -> set[int]:
        """The positions of the words that ask for a part or name nothing."""
        drop: set[int] = set()
        for found in self.asked(text):
            drop.update(range(found.start, found.end))
        kept = {i for a, b, _ in self.keep.scan(ws) for i in range(a, b)}
        for a, b, _ in self.generic.scan(ws):
            drop.update(i for i in range(a, b) if i not in kept)
        return drop

    def content_terms(self, text: str) -> list[str]:
        """The retrieval terms of the question's own words: read on the whole question exactly
        as :meth:`terms` reads it (same synonyms, same stopwords, diacritics kept), then those
        made only of words that ask for a part or name nothing are left out, and so is a single
        word spelt like a stopword once folded ("bán" like "bạn", "thẻ" like "thể": too weak to
        make a question specific). So a phrase of one meaning stays whole ("ở nhờ", though "ở"
        alone names nothing; "can cuoc" is "căn cước" though "can" alone may be "cần"), and a
        question said as written holds every one of its own words. An age the citizen states
        and the bands spelt out after it are not own words (see :meth:`age_bands`)."""
        known = _remembered(
            self._content_terms, text, lambda: tuple(self._read_content_terms(text))
        )
        return list(known)

    def _read_content_terms(self, text: str) -> list[str]:
        ws = words(text)
        typed, bands = _ages(ws)
        drop = self._dropped(text, ws) | typed | {i for a, b in bands for i in range(a, b)}
        return [
            term
            for term, start, end in self._units(ws)
            if term
            and not drop.issuperset(range(start, end))
            and not (end - start == 1 and term in self.stopwords)
        ]

    def age_bands(self, text: str) -> list[str]:
        """The phrases of the bands of an age the question states ("con 9 tuổi": "dưới 14
        tuổi", "từ đủ 6 tuổi")."""
        ws = words(text)
        return [" ".join(w.accented for w in ws[a:b]) for a, b in _ages(ws)[1]]

    def terms(self, text: str) -> list[str]:
        """Retrieval terms: synonyms read as one meaning, stopwords dropped, then each word and
        each pair of neighbouring words ("o_nho")."""
        known = _remembered(
            self._terms, text, lambda: (*self._read_terms(words(text)), *self.denials(text))
        )
        return list(known)

    def said_terms(self, text: str) -> frozenset[str]:
        """:meth:`terms` of what the text says, without the bands spelt out after an age: two
        questions alike in words are not made alike by the same age."""
        ws = words(text)
        spelt = _spelt_bands(ws)
        if not spelt:
            return frozenset(self.terms(text))
        said = self._read_terms(ws, lambda start: start not in spelt)
        return frozenset((*said, *self.denials(text)))

    def _read_terms(
        self, ws: list[Word], keep: Callable[[int], bool] = lambda _: True
    ) -> list[str]:
        units = [term for term, start, _ in self._units(ws) if keep(start)]
        out = [u for u in units if u]
        out += [f"{a}~{b}" for a, b in itertools.pairwise(units) if a and b]
        return out

    def marked(self, text: str) -> dict[str, frozenset[str]]:
        """The terms of the words a text types with diacritics, each with its spellings (see
        :func:`spelt`): "tính" of "tính thế nào" is not the "tỉnh" a passage says, nor "yếu" of
        "già yếu" the "yêu" of "yêu cầu". A word read as a synonym, a stopword or unaccented
        meets any spelling."""
        return _remembered(self._marked, text, lambda: self._read_marked(text))

    def _read_marked(self, text: str) -> dict[str, frozenset[str]]:
        out: dict[str, set[str]] = {}
        ws = words(text)
        for term, start, end in self._units(ws):
            word = ws[start]
            if term and end == start + 1 and term == word.folded and has_diacritics(word.accented):
                out.setdefault(term, set()).add(spelt(word))
        return {t: frozenset(v) for t, v in out.items()}

    def denials(self, text: str) -> list[str]:
        """The terms a text says denied, as :data:`NEGATED` and the term ("!thanh" of "hòa giải
        không thành"): the word right after a negation, in the same clause ("được không. Ở
        nhờ…" denies nothing), or past a word that says nobody or nothing ("không ai biết"
        denies "biết", not "ai")."""
        out: list[str] = []
        negations = {neg.folded for neg in self.negations}
        for clause in _CLAUSES.split(text):
            ws = words(clause)
            if not any(w.folded in negations for w in ws):
                continue  # no word a negation could be: nothing denied, no need to read it
            read = self._units(ws)
            for i, (_, before, _) in enumerate(read[:-1]):
                if not any(_same(neg, ws[before]) for neg in self.negations):
                    continue
                at = i + 1
                while at + 1 < len(read) and read[at][0] in self.indefinites:
                    at += 1
                if read[at][0]:
                    out.append(NEGATED + read[at][0])
        return out

    def _units(self, ws: list[Word]) -> list[tuple[str, int, int]]:
        """The meanings of a text in order, each with the words it spans: a synonym read as the
        first phrase of its group, any other word folded, a stopword or a filler as "" (it still
        separates pairs). A synonym that would cut a compound is not read."""
        units: list[tuple[str, int, int]] = []
        kept: list[tuple[int, int]] | None = None
        i = 0
        while i < len(ws):
            word = ws[i]
            hit = self.synonyms.at(ws, i) if word.folded in self.synonyms else None
            if hit:
                kept = [(a, b) for a, b, _ in self.keep.scan(ws)] if kept is None else kept
                if _cuts(i, i + hit[0], kept):  # "làm hộ" of "làm hộ chiếu" is not "ủy quyền"
                    hit = None
            if hit:
                units.append((hit[1], i, i + hit[0]))
                i += hit[0]
                continue
            idle = self.fillers.at(ws, i) if word.folded in self.fillers else None
            if idle and i and ws[i - 1].folded.isdigit():
                idle = None  # "nộp sau 15 giờ thì …": the hour, not "giờ thì" of talk
            if idle and idle[0] == 1 and not has_diacritics(word.accented):
                idle = None  # one word only with its marks: "lỡ", not "lo" (to take care of)
            if idle:  # "bây giờ": one stopword
                units.append(("", i, i + idle[0]))
                i += idle[0]
                continue
            stops = self.stopwords.get(word.folded)
            keep = not stops or not any(_same(s, word) for s in stops)
            units.append((word.folded if keep else "", i, i + 1))
            i += 1
        return units


def spelt(word: Word) -> str:
    """A word with its marks, whatever the way it was typed: folded (i and y alike), then its
    marks of tone and of letter shape ("tinh" and "tỉnh" apart, "ký" and "kí" alike)."""
    marks = "".join(ch for ch in normalize("NFD", word.accented) if combining(ch))
    return f"{word.folded}{marks}{'đ' if 'đ' in word.accented else ''}"


ANY_SPELLING = "*"  # a word of a text typed without any marks: it may be any spelling


def spellings(*texts: str) -> dict[str, frozenset[str]]:
    """Each folded word of the texts with the ways they spell it; the words of a text typed
    without any marks (a question variant "mot nguoi dung ten may ho") with any spelling."""
    out: dict[str, set[str]] = {}
    for text in texts:
        marked = has_diacritics(text)
        for word in words(text):
            out.setdefault(word.folded, set()).add(spelt(word) if marked else ANY_SPELLING)
    return {w: frozenset(v) for w, v in out.items()}


def _spelt_bands(ws: Sequence[Word]) -> set[int]:
    """The positions of the bands spelt out after an age the citizen states."""
    return {i for a, b in _ages(ws)[1] for i in range(a, b)}


ABROAD_PLACE = "nước ngoài"  # what ``lexicon/places.yaml`` reads every foreign place as
ABROAD = frozenset(key(ABROAD_PLACE).split())  # its words, folded


@lru_cache(maxsize=4096)
def abroad(text: str) -> str:
    """The text with each foreign country or nationality read as "nước ngoài", as the matcher
    reads it (``lexicon/places.yaml``): "bên Úc" is "bên nước ngoài"."""
    lex = default_lexicon()
    return " ".join(t.accented for t in spell_out(text, lex, replacements=lex.replacements))


_WORDS: Once[AnswerWords] = Once(AnswerWords.load)


def default_words() -> AnswerWords:
    """The process's answer words: read from ``answers.yaml`` on first use, or the ones
    :func:`use_words` installed (restored from the knowledge cache)."""
    return _WORDS.get()


def use_words(found: AnswerWords) -> None:
    """Make ``found`` the process's answer words and its spelling table what :func:`words`
    reads with (see :func:`read_words`)."""
    _WORDS.use(found)
    if found.spelling:
        _SPELLING[:] = [found.spelling]


def read_words(procs: Iterable[Procedure]) -> AnswerWords:
    """The answer words, with the retrieval terms of every passage of these procedures already
    read (the most of building their :class:`PassageIndex`): kept in the knowledge cache, so
    that a start restores them and its first question does not wait for them."""
    found = AnswerWords.load()
    PassageIndex(procs, found)
    return found


# --- passages --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    section: str  # the answer section it belongs to ("documents", "proxy", "faq"...)
    label: str  # what it is, for the reply: "Giấy tờ", "Điều kiện"; "": the section's label
    text: str  # what the citizen reads
    basis: tuple[str, ...] = ()
    verified: bool = True
    search: str = ""  # extra text it is found by (a faq's question variants)


def _doc_text(doc: Document) -> str:
    text = doc.name + (f" — {doc.form}" if doc.form else "")
    if doc.when:
        text += f". Khi nào cần: {doc.when}"
    if doc.note:
        text += f". Lưu ý: {doc.note}"
    if doc.obtain:
        text += f". Lấy ở: {doc.obtain}"
    return text


def detail_text(detail: Detail) -> str:
    extra = getattr(detail, "renew", None)
    return detail.text + (f" {extra}" if extra else "")


PAPER_WORDS_MIN = 2  # a paper's name must be this many words to be recognised as said
PAPER_REACH = 3  # words between a word of getting and the paper's name, either side ("do ai cấp")


@lru_cache(maxsize=1)
def _getting() -> frozenset[str]:
    """The ``getting`` of ``answers.yaml``, folded: words that ask where a paper is got."""
    return frozenset(key(str(w)) for w in read_yaml(WORDS_FILE).get("getting") or ())


def gets(question: str, name: str) -> bool:
    """Whether the question asks to get what ``name`` (folded words) names, a word of getting
    right before it ("xin giấy xác nhận tình trạng hôn nhân …")."""
    said = key(question).split()
    words = name.split()
    getting = _getting()
    for at in range(1, len(said) - len(words) + 1):
        if said[at : at + len(words)] == words and (
            said[at - 1] in getting or " ".join(said[max(0, at - 2) : at]) in getting
        ):
            return True
    return False


def paper_to_get(proc: Procedure, question: str) -> Document | None:
    """The paper of the procedure whose getting the question asks ("bà mất ở nhà thì lấy giấy
    báo tử ở đâu", "giấy chứng sinh xin ở đâu"): one that says where it is got (``obtain``),
    its name said next to a word of getting. The longest name said wins."""
    said = key(question).split()
    getting = _getting()
    clauses = default_words().name_clauses
    best: tuple[int, Document] | None = None
    for doc in proc.documents.items:
        if not doc.obtain:
            continue
        for clause in clauses.split(doc.name):
            name = key(clause).split()
            if len(name) < PAPER_WORDS_MIN or (best and len(name) <= best[0]):
                continue
            if not default_words().content(clause):
                continue  # "giấy tờ" of "Giấy tờ, tài liệu …" names no paper in particular
            for at in range(len(said) - len(name) + 1):
                if said[at : at + len(name)] != name:
                    continue
                near = said[max(0, at - PAPER_REACH) : at]
                near += said[at + len(name) : at + len(name) + PAPER_REACH]
                if any(w in getting for w in near) or any(
                    f"{a} {b}" in getting for a, b in itertools.pairwise(near)
                ):
                    best = (len(name), doc)
                    break
    return best[1] if best else None


WHEN_WORDS_MIN = 3  # a document's case must be this many words to be recognised as told


def when_told(proc: Procedure, question: str, denials: Iterable[str]) -> list[str]:
    """The passages' texts of the procedure's documents whose case (their "Khi nào cần") the
    question states word for word ("không có giấy chứng sinh"), not denied by the word before
    it (``denials``, folded: "không" before "có giấy chứng sinh" tells the opposite case)."""
    return [_doc_text(doc) for doc in docs_told(proc, question, denials)]


def docs_told(proc: Procedure, question: str, denials: Iterable[str]) -> list[Document]:
    """The documents of :func:`when_told` themselves."""
    said = f" {key(question)} "
    denied = frozenset(denials)
    clauses = default_words().when_clauses
    out: list[Document] = []
    for doc in proc.documents.items:
        for clause in clauses.split(doc.when or ""):
            case = key(clause)
            at = said.find(f" {case} ")
            if len(case.split()) < WHEN_WORDS_MIN or at < 0:
                continue
            before = said[:at].split()
            if not before or before[-1] not in denied:
                out.append(doc)
                break
    return out


def passages(
    proc: Procedure, today: dt.date | None = None, vocab: AnswerWords | None = None
) -> list[Passage]:
    """Every passage of a procedure that can answer a question, fees not in force left out;
    ``vocab``'s words (else the process's) find those whose label is not searched."""
    out: list[Passage] = []
    found_by = vocab or default_words()

    def add(section: str, label: str, text: str | None, src: Sourced | None, **kw: str) -> None:
        if text:
            basis = tuple(src.legal_basis) if src else tuple(proc.legal_basis)
            verified = src.verified if src else proc.verified
            out.append(Passage(section, label, text, basis, verified, **kw))

    docs, fees, pt = proc.documents, proc.fees, proc.processing_time
    add("card", "Tóm tắt", proc.summary, None)
    for who in proc.applicants:
        add("eligibility", "Ai được làm", who, docs)
    for cond in proc.conditions:
        add("eligibility", "Điều kiện", cond, docs)
    for doc in docs.items:
        add("documents", "Giấy tờ", _doc_text(doc), docs)
    for item in docs.not_required:
        add("documents", "Không cần nộp", item, docs)
    add("documents", "Giấy tờ", docs.note, docs)
    for fee in fees.items:
        if today is None or fee.in_force(today):
            from_fee = Sourced(legal_basis=fee.legal_basis, verified=fee.verified)
            add("fees", "Lệ phí", f"{fee.label}: {fee_amount(fee)}" + _tail(fee.note), from_fee)
    for fee in fees.items:  # what filing online or by post costs, where it differs
        if today is None or fee.in_force(today):
            from_fee = Sourced(legal_basis=fee.legal_basis, verified=fee.verified)
            for channel, amount in ((ONLINE, fee.amount_online), (POST, fee.amount_post)):
                if amount is not None:
                    text = f"{fee.label}, {CHANNEL[channel].lower()}: {_money(amount)}"
                    add(
                        "fees",
                        f"Lệ phí — {CHANNEL[channel].lower()}",
                        text,
                        from_fee,
                        **{"search": found_by.channel_words[channel]},
                    )
    for item in fees.exemptions:
        add("fees", "Miễn, giảm", item, fees)
    add("fees", "Lệ phí", fees.note, fees)
    add("time", "Thời gian", pt.text, pt)
    for entry in pt.by_channel:  # "nộp online thì mất bao lâu": the time of that channel
        label = f"Thời gian — {CHANNEL[entry.channel].lower()}"
        add("time", label, entry.text, pt, search=found_by.channel_words[entry.channel])
    add("time", "Thời hạn bạn cần làm", pt.citizen_deadline, pt, search=found_by.deadline_words)
    add("time", "Thời gian", pt.note, pt)
    for office in proc.where.offices:
        add("place", "Nơi nộp", office, proc.where)
    add("place", "Nơi nộp", proc.where.note, proc.where)
    decides = found_by.decides_words
    add("place", "Cơ quan giải quyết", proc.agency.decides, proc.where, search=decides)
    for item in proc.result.items:
        add("result", "Kết quả", item, proc.result)
    add("result", "Kết quả", proc.result.note, proc.result)
    for step in proc.online.steps:
        add("online", "Nộp trực tuyến", step, proc.online)
    add("online", "Nộp trực tuyến", proc.online.note, proc.online)
    for name in DETAIL_FIELDS:  # labelled by the answer section of the same name
        detail = getattr(proc, name, None)
        if isinstance(detail, Detail):
            add(name, "", detail_text(detail), detail)
    for note in proc.notes:
        add("card", "Lưu ý", note, None)
    for faq in proc.faq:  # labelled by the question it answers: "Có." alone says nothing
        src = Sourced(legal_basis=faq.legal_basis, verified=faq.verified)
        add("faq", faq_question(faq), faq.answer, src, search=" . ".join(faq.questions))
    return out


def faq_question(faq: Faq) -> str:
    """The question a faq answers, as its editors wrote it (the first variant with diacritics),
    with its question mark."""
    written = next((q for q in faq.questions if has_diacritics(q)), faq.questions[0]).strip()
    written = written[:1].upper() + written[1:]
    return written if written.endswith("?") else written + "?"


ONLINE, POST = Channel.ONLINE, Channel.POST
CHANNEL = {
    Channel.DIRECT: "Nộp trực tiếp",
    Channel.ONLINE: "Nộp trực tuyến",
    Channel.POST: "Gửi qua bưu chính",
}


def _tail(note: str | None) -> str:
    return f". {note}" if note else ""


def _money(amount: int) -> str:
    return "miễn phí" if amount == 0 else f"{amount:,}".replace(",", ".") + " đồng"


def fee_amount(fee: Fee) -> str:
    if fee.amount is None:
        return fee.amount_text or ""
    money = _money(fee.amount)
    if fee.amount_max is not None:
        money = f"từ {money} đến {_money(fee.amount_max)}"
    return money + (f"/{fee.unit}" if fee.amount and fee.unit else "")


# --- scoring ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float  # BM25
    coverage: float  # share of the question's weight the passage holds (0..1)
    specific: float  # share of the weight of the question's own words (not the procedure's
    # name, not section words) the passage holds; 1.0 when the question has none
    own: int = 0  # how many of those words it holds
    terms: frozenset[str] = frozenset()  # the passage's retrieval terms


NAMED_ALIKE = 0.85  # a question's closeness to a variant that reads as it, however named
PART_UNSAID = 0.85  # a faq variant's weight when the question asks a part the variant does not


@dataclass(frozen=True)
class _Scored:
    """A procedure's passages on a day, ready to score: each one's terms, and for each term the
    passages holding it with what it adds to their BM25 score."""

    passages: list[Passage]
    terms: list[frozenset[str]]
    postings: dict[str, list[tuple[int, float]]]
    spellings: list[dict[str, frozenset[str]]]  # each passage's words with their spellings


@dataclass(frozen=True)
class _Variant:
    """A question variant of a procedure's faq: the parts it asks about, its own words."""

    faq: Faq
    text: str
    parts: frozenset[str]
    own: frozenset[str]


PAIR_WEIGHT = 1.5  # a pair of words says more than either word alone
K1, B = 1.2, 0.6


class PassageIndex:
    """Document frequencies of retrieval terms over every passage of a knowledge base."""

    def __init__(self, procs: Iterable[Procedure], vocab: AnswerWords | None = None) -> None:
        self.words = vocab or default_words()
        df: Counter[str] = Counter()
        total = 0
        lengths = 0
        for proc in procs:
            for p in passages(proc, vocab=self.words):
                terms = set(self.words.terms(p.text + " " + p.search))
                df.update(terms)
                total += 1
                lengths += len(terms)
        self.df, self.total = df, max(total, 1)
        self.avg = lengths / self.total if total else 1.0
        self._names: dict[str, frozenset[str]] = {}
        # Per knowledge base, so per procedure object: its passages on a day, ready to score.
        self._scored: dict[tuple[str, dt.date | None], _Scored] = {}
        self._have: dict[str, Counter[str]] = {}
        self._vocab: dict[tuple[str, dt.date | None], frozenset[str]] = {}
        self._idf: dict[str, float] = {}
        self._norms: dict[str, tuple[frozenset[str], float]] = {}
        self._variants: dict[tuple[str, bool], list[_Variant]] = {}
        self._name_words: dict[str, frozenset[str]] = {}
        self._ages_told: dict[str, str] = {}
        self._faqs: dict[tuple[str, str], tuple[tuple[Faq, float] | None]] = {}

    def _scored_of(self, proc: Procedure, today: dt.date | None) -> _Scored:
        return _remembered(self._scored, (proc.id, today), lambda: self._score(proc, today))

    def _score(self, proc: Procedure, today: dt.date | None) -> _Scored:
        found = passages(proc, today, self.words)
        have = [self._terms_of(p) for p in found]
        norms = [K1 * (1 - B + B * (sum(h.values()) or 1) / self.avg) for h in have]
        postings: dict[str, list[tuple[int, float]]] = {}
        for i, terms in enumerate(have):
            for term, tf in terms.items():
                part = self.idf(term) * tf * (K1 + 1) / (tf + norms[i])  # its BM25 share
                postings.setdefault(term, []).append((i, part))
        spelt = [spellings(p.text, *p.search.split(" . ")) for p in found]
        return _Scored(found, [frozenset(h) for h in have], postings, spelt)

    def _terms_of(self, passage: Passage) -> Counter[str]:
        text = passage.text + " " + passage.search
        return _remembered(self._have, text, lambda: Counter(self.words.terms(text)))

    def vocabulary(self, proc: Procedure, today: dt.date | None = None) -> frozenset[str]:
        """Every retrieval term of the procedure's passages."""
        return _remembered(
            self._vocab,
            (proc.id, today),
            lambda: frozenset[str]().union(*self._scored_of(proc, today).terms),
        )

    def terms_of(self, text: str) -> frozenset[str]:
        """The retrieval terms of a text shown to the citizen (a section's reply)."""
        have: Counter[str] = _remembered(self._have, text, lambda: Counter(self.words.terms(text)))
        return frozenset(have)

    def idf(self, term: str) -> float:
        return _remembered(self._idf, term, lambda: self._read_idf(term))

    def held(self, terms: Iterable[str]) -> list[str]:
        """The terms, without a denial no passage of the knowledge base says: "!chong" of "…
        được không, chồng …" is the question's ending before another clause, and would only
        weigh the question down."""
        return [t for t in terms if not t.startswith(NEGATED) or t in self.df]

    def _read_idf(self, term: str) -> float:
        n = self.df.get(term, 0)
        weight = math.log(1 + (self.total - n + 0.5) / (n + 0.5))
        return weight * (PAIR_WEIGHT if "~" in term else 1.0)

    def name_terms(self, proc: Procedure) -> frozenset[str]:
        """The words that name the procedure (its names and aliases): they do not make a
        question specific."""
        if proc.id not in self._names:
            text = " . ".join([proc.name, proc.title, *proc.aliases])
            self._names[proc.id] = frozenset(self.words.terms(text))
        return self._names[proc.id]

    def name_share(self, proc: Procedure, question: str) -> float:
        """The share of the question's weight in words that name the procedure (0..1); the
        words that ask for a part ("mất phí") name none."""
        asked = set(self.held(self.words.terms(question))) - self.words.asked_terms(question)
        total = sum(self.idf(t) for t in asked)
        named = sum(self.idf(t) for t in asked & self.name_terms(proc))
        return named / total if total else 0.0

    def search(
        self,
        proc: Procedure,
        question: str,
        today: dt.date | None = None,
        *,
        spelt_alike: bool = True,
    ) -> list[Hit]:
        """The procedure's passages that share words with the question, best first; with
        ``spelt_alike`` (the default), a word typed with its marks only where a passage spells
        it alike."""
        own = set(self.specifics(proc, question))
        if self.name_words(proc) >= ABROAD:  # "bên Úc": "bên nước ngoài", as its passages say
            question = abroad(question)
        asked = Counter(self.held(self.words.terms(question)))
        if not asked:
            return []
        own_total = sum(self.idf(t) for t in own)
        total = sum(self.idf(t) for t in asked)
        scored = self._scored_of(proc, today)
        marked = self.words.marked(question) if spelt_alike else {}
        scores: dict[int, float] = {}
        covered: dict[int, float] = {}
        unmet: dict[int, set[str]] = {}
        for term in asked:  # only the passages that hold a word of the question
            idf = self.idf(term)
            typed = [(w, marked[w]) for w in term.split("~") if w in marked]
            for i, part in scored.postings.get(term, ()):
                spelt = scored.spellings[i]
                if any(
                    w in spelt and ANY_SPELLING not in spelt[w] and not spelt[w] & ways
                    for w, ways in typed
                ):
                    unmet.setdefault(i, set()).add(term)  # "tỉnh" for "tính": another word
                    continue
                scores[i] = scores.get(i, 0.0) + part
                covered[i] = covered.get(i, 0.0) + idf
        hits: list[Hit] = []
        for i in sorted(scores):
            score, have = scores[i], scored.terms[i]
            if i in unmet:
                have = have - unmet[i]
            if score > 0:
                held = [t for t in own if t in have]
                specific = sum(self.idf(t) for t in held) / own_total if own_total else 1.0
                share = covered[i] / total if total else 0.0
                hit = Hit(scored.passages[i], score, share, specific, len(held), have)
                hits.append(hit)
        hits.sort(key=lambda h: -h.score)
        return hits

    def name_words(self, proc: Procedure) -> frozenset[str]:
        """:meth:`name_terms` and each word of the names on its own, also inside a phrase read as
        one ("bằng" of "bằng lái", "thẻ" of "thẻ căn cước"): a question saying them says nothing
        beyond the procedure."""
        return _remembered(
            self._name_words,
            proc.id,
            lambda: (
                self.name_terms(proc)
                | {w.folded for name in (proc.name, proc.title, *proc.aliases) for w in words(name)}
            ),
        )

    def specifics(self, proc: Procedure, question: str) -> list[str]:
        """Words of the question that are neither the procedure's name nor section words. For a
        procedure whose name says a foreign element, a country named is that element ("giấy tờ
        bên Úc" of a marriage with a foreigner: "bên nước ngoài")."""
        names = self.name_words(proc)
        if names >= ABROAD:
            question = abroad(question)
        own = [t for t in self.words.content_terms(question) if t not in names]
        told = self.ages_told(proc)
        for band in self.words.age_bands(question):  # "9 tuổi": "từ đủ 6 tuổi" where it matters
            if f" {key(band)} " in told:
                own += [t for t in self.words.terms(band) if "~" not in t]
        return list(dict.fromkeys(own))

    def ages_told(self, proc: Procedure) -> str:
        """The age bands the procedure's guidance tells apart (beyond the one in its name),
        folded, each between spaces: its rules that depend on age."""
        return _remembered(self._ages_told, proc.id, lambda: self._read_ages_told(proc))

    def _read_ages_told(self, proc: Procedure) -> str:
        said = " " + " ".join(key(p.text) for p in passages(proc, vocab=self.words)) + " "
        name = f" {key(proc.name)} {key(proc.title)} "
        phrases = (key(" ".join(t.accented for t in band.phrase)) for band in _age_bands())
        return " ".join(f" {k} " for k in phrases if f" {k} " in said and f" {k} " not in name)

    def opposite(self, proc: Procedure, question: str, text: str) -> bool:
        """Whether the question and a text say the same word, one denying it and the other not
        ("hòa giải không thành", "hòa giải thành rồi"); the procedure's own name is left aside
        ("chưa đăng ký kết hôn" tells the case of "Đăng ký kết hôn", not what is asked)."""
        one, other = self._weighed(question)[0], self._weighed(text)[0]
        names = self.name_words(proc)

        def denied_only(a: frozenset[str], b: frozenset[str]) -> bool:
            return any(
                t.startswith(NEGATED) and t[1:] not in names and t[1:] in b and t not in b
                for t in a
            )

        return denied_only(one, other) or denied_only(other, one)

    def similarity(self, question: str, variant: str) -> float:
        """Cosine similarity of two questions' weighted terms (0..1)."""
        (asked, asked_norm), (terms, norm) = self._weighed(question), self._weighed(variant)
        if not asked or not terms:
            return 0.0
        shared = sum(self.idf(t) ** 2 for t in asked & terms)
        norm = asked_norm * norm
        return shared / norm if norm else 0.0

    def _parts(self, text: str) -> set[str]:
        return {found.section for found in self.words.asked(text)}

    def _alike(self, question: str, variant: str) -> bool:
        """Whether a question that says nothing beyond the procedure's names and parts reads
        as the variant: the same terms, or every term of the variant and little more ("đất ông
        bà để lại không có giấy tờ có làm sổ đỏ được không": its words all name the procedure,
        yet it asks the one thing the variant does; a bare name says less than any variant)."""
        if self._same(question, variant):
            return True
        says_all = self._weighed(variant)[0] <= self._weighed(question)[0]
        return says_all and self.similarity(question, variant) >= NAMED_ALIKE

    def _same(self, question: str, variant: str) -> bool:
        """Whether two texts read alike: the same terms."""
        return self._weighed(question)[0] == self._weighed(variant)[0]

    def _weighed(self, text: str) -> tuple[frozenset[str], float]:
        """A text's terms and the length of their weights (for cosines), once per text."""
        return _remembered(self._norms, text, lambda: self._read_weighed(text))

    def _read_weighed(self, text: str) -> tuple[frozenset[str], float]:
        terms = frozenset(self.held(self.words.said_terms(text)))
        return terms, math.sqrt(sum(self.idf(t) ** 2 for t in terms))

    def _variants_of(self, proc: Procedure, plain: bool) -> list[_Variant]:
        """The faq's question variants read as a question typed with (``plain``: without)
        diacritics is read: a question without marks meets the variants without theirs, so
        the same letters give the same words on both sides ("bo sung" is "bổ sung" or "bố")."""
        return _remembered(
            self._variants, (proc.id, plain), lambda: self._read_variants(proc, plain)
        )

    def _read_variants(self, proc: Procedure, plain: bool) -> list[_Variant]:
        return [
            _Variant(
                f,
                text,
                frozenset(found.section for found in self.words.asked(text)),
                frozenset(self.specifics(proc, text)),
            )
            for f in proc.faq
            for text in (fold(v) if plain else v for v in f.questions)
        ]

    def faq(self, proc: Procedure, question: str) -> tuple[Faq, float] | None:
        """The question-and-answer whose variants are closest to the question, with their
        similarity.

        A variant about other parts than the question ("hết bao nhiêu tiền" when the question
        asks "cần giấy tờ gì") is not a candidate, however many other words they share. When the
        question asks nothing beyond the procedure's name and its parts ("mất mấy ngày", "thế
        còn hộ chiếu thì sao": the part asked, or the card, answers that), only a variant it
        says as written is: the same parts and the same terms. Variants that read alike are
        told apart by the words they share with the question as typed.

        Read once per procedure and text: a first message asks it of the same procedure to find
        the one that owns the question, whether the matcher's answer answers it, and to plan
        the answer.
        """
        return _remembered(
            self._faqs, (proc.id, question), lambda: (self._read_faq(proc, question),)
        )[0]

    def _read_faq(self, proc: Procedure, question: str) -> tuple[Faq, float] | None:
        specifics = self.specifics(proc, question)
        named_only = not specifics
        parts = self._parts(question)
        # the question's own words read as a variant's are ("ở nhờ": "nhờ" once "ở" is set aside)
        said = {*self.words.terms(question), *specifics}
        typed = frozenset(_typed(question))
        best: tuple[float, float, Faq] | None = None
        for v in self._variants_of(proc, not has_diacritics(question)):
            if parts and v.parts and not parts & v.parts:
                continue
            # a variant's own words are all said: "làm hộ chiếu cho con cần gì" is not the
            # answer to "làm hộ chiếu cần giấy tờ gì"
            if not v.own <= said:
                continue
            if self.opposite(proc, question, v.text):
                continue  # "hòa giải không thành thì sao" is not "hòa giải thành rồi thì sao"
            if named_only and (v.own or v.parts != parts or not self._alike(question, v.text)):
                continue
            similarity = self.similarity(question, v.text)
            if parts and (not v.parts or v.parts - parts):
                # a variant that asks no part answers a question asking one ("nộp ở đâu") less,
                # and so does one asking a part beyond it ("bản sao giấy khai sinh bao lâu thì
                # có" for "xin thêm bản sao giấy khai sinh": the time)
                similarity *= PART_UNSAID
            said_as = frozenset(_typed(v.text))
            shared = len(typed & said_as) / len(typed | said_as)
            # alike up to rounding: the sums of weights run in the order of a set
            if best is None or (round(similarity, 9), shared) > (round(best[0], 9), best[1]):
                best = (similarity, shared, v.faq)
        return (best[2], best[0]) if best else None


# --- the kind of fact a question asks -------------------------------------------------------


@dataclass(frozen=True)
class Wanted:
    """The kind of fact a question asks for: an amount of money ("mỗi tháng được bao nhiêu"), a
    length of time ("được nghỉ mấy tháng", with the unit said) or an age ("bao nhiêu tuổi")."""

    kind: str  # MONEY, DURATION, AGE or HOUR
    unit: str = ""  # of a duration, folded ("thang"); "" when any unit answers ("bao lâu")


MONEY, DURATION, AGE, HOUR = "money", "duration", "age", "hour"


@dataclass(frozen=True)
class _FactWords:
    """The ``facts`` of ``answers.yaml``: the kind of fact asked, and whether a text states it."""

    asks_age: re.Pattern[str]  # "bao nhiêu tuổi"
    asks_money: re.Pattern[str]  # "bao nhiêu tiền", "được hưởng bao nhiêu"
    asks_duration: re.Pattern[str]  # "bao lâu", "mấy ngày": its unit in group 1
    duration_fact: re.Pattern[str]  # "trong 03 tháng": a number of a unit a length is asked in
    hour_fact: re.Pattern[str]  # "nộp sau 15 giờ", not "8 giờ làm việc"
    money_fact: re.Pattern[str]  # "50.000 đồng", "10 lần mức lương cơ sở"
    nothing_paid: re.Pattern[str]  # "miễn phí", "không thu"
    age_fact: re.Pattern[str]  # "18 tuổi"


@lru_cache(maxsize=1)
def _fact_words() -> _FactWords:
    found = read_yaml(WORDS_FILE).get("facts") or {}
    return _FactWords(
        **{f.name: pattern(found.get(f.name) or {}, f.name) for f in fields(_FactWords)}
    )


_PERCENT = re.compile(r"\d\s*%")


def fact_asked(question: str) -> Wanted | None:
    """The kind of fact the question asks for, read on its words spelt out and folded ("dc bn"
    is "được bao nhiêu")."""
    said = " ".join(w.folded for w in words(question))
    facts = _fact_words()
    if facts.asks_age.search(said):
        return Wanted(AGE)
    if facts.asks_money.search(said):
        return Wanted(MONEY)
    found = facts.asks_duration.search(said)
    if found:
        return Wanted(DURATION, found[1] or "")
    # an hour of the day told ("nộp chiều tầm 4h thì bao giờ lấy"): the rule that names an hour
    # (a same-day cut-off) answers it
    return Wanted(HOUR) if facts.hour_fact.search(said) else None


def holds(want: Wanted, text: str, *, figure: bool = False) -> bool:
    """Whether a text states a fact of the kind wanted: a sum, a share or a multiple of a base
    amount, or that nothing is paid (not with ``figure``: "thẻ BHYT miễn phí" beside a benefit
    does not say how much it is); a number of the unit asked (any unit for "bao lâu"); a number
    of years of age; an hour of the day."""
    said = key(text)
    facts = _fact_words()
    if want.kind == MONEY:
        if not figure and facts.nothing_paid.search(said):
            return True
        return bool(facts.money_fact.search(said) or _PERCENT.search(text))
    if want.kind == AGE:
        return bool(facts.age_fact.search(said))
    if want.kind == HOUR:
        return bool(facts.hour_fact.search(said))
    if not want.unit:
        return facts.duration_fact.search(said) is not None
    return re.search(rf"\b\d+ (?:{want.unit})\b", said) is not None


_INDEXES: dict[int, tuple[object, Future[PassageIndex]]] = {}
_INDEXES_LOCK = threading.Lock()


def _held(procs: Mapping[str, Procedure]) -> tuple[Future[PassageIndex], bool]:
    """The index of this knowledge base, built or being built, and whether the caller is the
    one to build it (it was not known yet)."""
    with _INDEXES_LOCK:
        held = _INDEXES.get(id(procs))
        if held is not None and held[0] is procs:
            return held[1], False
        future: Future[PassageIndex] = Future()
        if len(_INDEXES) >= 4:
            _INDEXES.clear()
        _INDEXES[id(procs)] = (procs, future)
        return future, True


def _build(procs: Mapping[str, Procedure], future: Future[PassageIndex]) -> None:
    try:
        future.set_result(PassageIndex(procs.values()))
    except BaseException as exc:
        with _INDEXES_LOCK:  # the next question tries again
            if _INDEXES.get(id(procs), (None, None))[1] is future:
                del _INDEXES[id(procs)]
        future.set_exception(exc)


def prepare(procs: Mapping[str, Procedure]) -> Future[PassageIndex]:
    """Start building the index of a knowledge base in a thread, once (~0.6 s of CPU): when it
    is loaded or changes, so that no question pays for it. Done when the index is ready."""
    future, mine = _held(procs)
    if mine:
        thread = threading.Thread(
            target=_build, args=(procs, future), name="passage-index", daemon=True
        )
        thread.start()
    return future


def index_for(procs: Mapping[str, Procedure]) -> PassageIndex:
    """One index per knowledge base (the mapping of its procedures): the one :func:`prepare`
    built (waiting for it if still under way), or built here on first use."""
    future, mine = _held(procs)
    if mine:
        _build(procs, future)
    return future.result()
