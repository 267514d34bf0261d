"""Dictionary-driven normalisation of citizens' questions (and of the aliases they are matched to).

Pipeline, applied identically to queries and to knowledge-base phrases so both sides agree:

1. NFC, lower case, modern tone placement, punctuation/emoji dropped (:mod:`knowledge.text`);
2. aspect phrases ("hết bao nhiêu tiền", "cần giấy tờ gì") detected and removed;
3. abbreviations, slang and regional words replaced by standard words (``lexicon/*.yaml``);
4. stop-phrases ("cho em hỏi", "ạ", "với") removed.

Phrases are matched on folded tokens (no diacritics), longest first, so "cccd", "CCCD" and "căn
cước công dân" meet. Each token keeps its accented spelling for re-ranking.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from knowledge.text import canon_iy, fold, has_diacritics, lower, tokens, tone, unify_tones
from knowledge.yamlio import read_yaml

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"


class Aspect(StrEnum):
    FEES = "fees"
    DOCUMENTS = "documents"
    TIME = "time"
    PLACE = "place"
    ONLINE = "online"
    ELIGIBILITY = "eligibility"
    FORMS = "forms"


@dataclass(frozen=True)
class Token:
    folded: str
    accented: str


@dataclass(frozen=True)
class Normalized:
    tokens: tuple[Token, ...]
    aspects: tuple[Aspect, ...]  # in order of appearance, without repeats

    @property
    def folded(self) -> str:
        return " ".join(t.folded for t in self.tokens)

    @property
    def aspect(self) -> Aspect | None:
        return self.aspects[0] if self.aspects else None


Phrase = tuple[str, ...]


def _raw_tokens(text: str) -> list[Token]:
    accented = tokens(unify_tones(lower(text)))
    return [Token(canon_iy(fold(t)), t) for t in accented]


@dataclass(frozen=True)
class Entry:
    """One dictionary phrase. ``accented_only`` entries match unaccented input only if they
    themselves have no diacritics: "đó" must not eat the "do" of "so do" (sổ đỏ)."""

    accented: tuple[str, ...]
    accented_only: bool
    payload: object

    def matches(self, toks: list[Token]) -> bool:
        for want, tok in zip(self.accented, toks, strict=True):
            if want == tok.accented:
                continue
            if not has_diacritics(want):
                if tone(tok.accented):  # "ca" (công an) must not swallow "cả"
                    return False
                continue
            if self.accented_only or has_diacritics(tok.accented):
                return False
        return True


Table = Mapping[Phrase, list[Entry]]


def _add(table: dict[Phrase, list[Entry]], text: str, accented_only: bool, payload: object) -> None:
    toks = _raw_tokens(text)
    if toks:
        entry = Entry(tuple(t.accented for t in toks), accented_only, payload)
        table.setdefault(tuple(t.folded for t in toks), []).append(entry)


def _section(directory: Path, name: str, key: str) -> tuple[object, set[str]]:
    data = read_yaml(directory / name)
    only = {" ".join(tokens(lower(s))) for s in data.get("accented_only") or []}
    return data[key], only


@dataclass(frozen=True)
class AgeBand:
    below: int | None
    at_least: int | None
    phrase: tuple[Token, ...]

    def covers(self, age: int) -> bool:
        return (self.below is None or age < self.below) and (
            self.at_least is None or age >= self.at_least
        )


@dataclass(frozen=True)
class Lexicon:
    replacements: Table  # payload: tuple[Token, ...]
    stop: Table  # payload: None
    aspects: Table  # payload: Aspect
    longest: int
    ages: tuple[AgeBand, ...] = ()

    @property
    def stop_folded(self) -> frozenset[str]:
        """Single-syllable stopwords, folded: an unaccented "da", "con" may be one of them."""
        return frozenset(p[0] for p in self.stop if len(p) == 1)

    @classmethod
    def from_dir(cls, directory: Path = LEXICON_DIR) -> Lexicon:
        repl: dict[Phrase, list[Entry]] = {}
        for name, key in (("abbreviations.yaml", "abbreviations"), ("regional.yaml", "regional")):
            mapping, only = _section(directory, name, key)
            assert isinstance(mapping, dict)
            for src, dst in mapping.items():
                norm = " ".join(tokens(lower(str(src))))
                _add(repl, str(src), norm in only, tuple(_raw_tokens(str(dst))))
        places = read_yaml(directory / "places.yaml")
        foreign = tuple(_raw_tokens("nước ngoài"))
        # A one-syllable name only with its diacritics: "hàn" is not "hạn", "pháp" not "tư pháp".
        for place in places["foreign"]:
            _add(repl, str(place), len(_raw_tokens(str(place))) == 1, foreign)
        stop: dict[Phrase, list[Entry]] = {}
        phrases, only = _section(directory, "stopphrases.yaml", "stopphrases")
        assert isinstance(phrases, list)
        for phrase in [*phrases, *only]:
            _add(stop, str(phrase), " ".join(tokens(lower(str(phrase)))) in only, None)
        for place in places["domestic"]:
            _add(stop, str(place), len(_raw_tokens(str(place))) == 1, None)
        aspects: dict[Phrase, list[Entry]] = {}
        groups, _ = _section(directory, "aspects.yaml", "aspects")
        assert isinstance(groups, dict)
        for aspect_name, items in groups.items():
            for phrase in items:
                _add(aspects, str(phrase), False, Aspect(aspect_name))
        longest = max(len(p) for p in [*repl, *stop, *aspects])
        ages = tuple(
            AgeBand(band.get("below"), band.get("at_least"), tuple(_raw_tokens(band["phrase"])))
            for band in read_yaml(directory / "ages.yaml")["bands"]
        )
        return cls(repl, stop, aspects, longest, ages)

    def expand_ages(self, toks: list[Token]) -> list[Token]:
        """ "10 tuổi" → the phrases of its bands; "5 tháng tuổi" counts as age 0."""
        out: list[Token] = []
        i = 0
        while i < len(toks):
            months = (
                i + 2 < len(toks) and toks[i + 1].folded == "thang" and toks[i + 2].folded == "tuoi"
            )
            if toks[i].folded.isdigit() and (
                months or (i + 1 < len(toks) and toks[i + 1].folded == "tuoi")
            ):
                age = 0 if months else int(toks[i].folded)
                for band in self.ages:
                    if band.covers(age):
                        out.extend(band.phrase)
                i += 3 if months else 2
                continue
            out.append(toks[i])
            i += 1
        return out


def _scan(toks: list[Token], table: Table, longest: int) -> Iterable[tuple[int, int, Entry | None]]:
    """Greedy longest match: yields (start, end, entry), entry None for an unmatched token."""
    i = 0
    while i < len(toks):
        for size in range(min(longest, len(toks) - i), 0, -1):
            span = toks[i : i + size]
            entries = table.get(tuple(t.folded for t in span))
            entry = next((e for e in entries or () if e.matches(span)), None)
            if entry is not None:
                yield i, i + size, entry
                i += size
                break
        else:
            yield i, i + 1, None
            i += 1


class Normalizer:
    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or default_lexicon()

    def normalize(self, text: str, keep_stopwords: bool = False) -> Normalized:
        lex = self.lexicon
        toks = _raw_tokens(text)
        # Expand abbreviations first so "bn tiền" / "hs gì" become aspect phrases too.
        expanded: list[Token] = []
        for start, end, entry in _scan(toks, lex.replacements, lex.longest):
            expanded.extend(entry.payload if entry else toks[start:end])  # type: ignore[arg-type]
        if lex.ages:
            expanded = lex.expand_ages(expanded)
        found: list[Aspect] = []
        kept: list[Token] = []
        for start, end, entry in _scan(expanded, lex.aspects, lex.longest):
            if entry is None:
                kept.extend(expanded[start:end])
            elif entry.payload not in found:
                found.append(entry.payload)  # type: ignore[arg-type]
        if not keep_stopwords:
            kept = [
                tok
                for start, end, entry in _scan(kept, lex.stop, lex.longest)
                if entry is None
                for tok in kept[start:end]
            ]
        return Normalized(tuple(kept), tuple(found))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon.from_dir()


@lru_cache(maxsize=1)
def default_normalizer() -> Normalizer:
    return Normalizer()
