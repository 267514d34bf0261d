"""Dictionary-driven normalisation of citizens' questions (and of the aliases they are matched to).

Pipeline, applied identically to queries and to knowledge-base phrases so both sides agree:

1. NFC, lower case, modern tone placement, punctuation/emoji dropped (:mod:`knowledge.text`);
2. aspect phrases ("hết bao nhiêu tiền", "cần giấy tờ gì") detected and removed;
3. abbreviations, slang, regional words and synonyms replaced by standard words
   (``lexicon/*.yaml``: "đánh rơi", "thất lạc" → "mất"; "ông ngoại" → "ông bà");
4. stop-phrases ("cho em hỏi", "ạ", "với") removed.

Phrases are matched on folded tokens (no diacritics), longest first, so "cccd", "CCCD" and "căn
cước công dân" meet. Each token keeps its accented spelling for re-ranking.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from knowledge.letter import LetterCues
from knowledge.negation import default_negation
from knowledge.once import Once
from knowledge.text import (
    canon_iy,
    fold,
    has_diacritics,
    lower,
    shape,
    tokens,
    tone,
    unify_tones,
)
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
    context: bool = False  # part of what the citizen already has or did ("đã có giấy khai sinh")
    topic: bool = False  # part of a topic the knowledge base does not cover ("con nuôi")
    told: bool = False  # in a sentence of a letter that tells the situation rather than asks


@dataclass(frozen=True)
class Normalized:
    tokens: tuple[Token, ...]
    aspects: tuple[Aspect, ...]  # in order of appearance, without repeats
    topics: tuple[str, ...] = ()  # uncovered topics named, folded and joined by "_" ("con_nuoi")
    # uncovered matters a covered procedure's name holds among more words, said as what is asked
    # ("ly hôn thì làm ở đâu"; not "đã ly hôn"): topics only when no procedure is found
    alone: tuple[str, ...] = ()

    @property
    def folded(self) -> str:
        return " ".join(t.folded for t in self.tokens)

    @property
    def aspect(self) -> Aspect | None:
        return self.aspects[0] if self.aspects else None


Phrase = tuple[str, ...]
KEEP = "keep"  # payload of a compound that is never removed as a stopword or aspect phrase


@lru_cache(maxsize=1 << 16)
def _syllable(accented: str) -> Token:
    """A syllable's token. Questions are varied but their syllables are few: a bounded cache of
    the folding pays on every question (a Token is immutable)."""
    return Token(canon_iy(fold(accented)), accented)


def _raw_tokens(text: str) -> list[Token]:
    return [_syllable(t) for t in tokens(unify_tones(lower(text)))]


_CLAUSE_RE = re.compile(r"[,.;:!?()\n]+")


_CLAUSE_PART_RE = re.compile(r"[^,.;:!?()\n]+[,.;:!?()\n]*")


def _clause_parts(text: str) -> list[tuple[str, list[Token]]]:
    """Each clause's text, with the marks that end it, and its tokens (:func:`_clauses`)."""
    return [(part, toks) for part in _CLAUSE_PART_RE.findall(text) if (toks := _raw_tokens(part))]


def _clauses(text: str) -> list[list[Token]]:
    """The tokens of each clause (text between punctuation marks)."""
    return [toks for part in _CLAUSE_RE.split(text) if (toks := _raw_tokens(part))]


@dataclass(frozen=True)
class Entry:
    """One dictionary phrase. ``accented_only`` entries match unaccented input only if they
    themselves have no diacritics: "đó" must not eat the "do" of "so do" (sổ đỏ)."""

    accented: tuple[str, ...]
    accented_only: bool
    payload: object

    def matches(self, toks: Sequence[Token]) -> bool:
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


class PhraseTable(dict[Phrase, list[Entry]]):
    """A table of phrases, compiled once into one regular expression over the folded words of a
    text (a trie of its phrases' characters, longer phrases tried first), so that a text is
    scanned in one pass whatever the number of phrases."""

    @cached_property
    def pattern(self) -> re.Pattern[str] | None:
        return _trie_pattern(" ".join(p) for p in self) if self else None

    @cached_property
    def heads(self) -> dict[str, int]:
        """The folded word each phrase starts with, and the most words such a phrase has."""
        out: dict[str, int] = {}
        for phrase in self:
            out[phrase[0]] = max(out.get(phrase[0], 0), len(phrase))
        return out

    @cached_property
    def sizes(self) -> dict[str, tuple[int, ...]]:
        """The folded word each phrase starts with, and how many words such phrases have, the
        most first: a scan tries only those."""
        sizes: dict[str, set[int]] = {}
        for phrase in self:
            sizes.setdefault(phrase[0], set()).add(len(phrase))
        return {head: tuple(sorted(found, reverse=True)) for head, found in sizes.items()}

    @cached_property
    def agreeing(self) -> dict[tuple[Phrase, Phrase], Entry | None]:
        """The entry of a phrase whose accents agree with a span of words (``_first_match``), by
        the phrase and the span's words as typed: remembered, as a text's spans are few
        spellings of few phrases (at most ``AGREEING_KEPT`` of them; a table is not changed once
        it is scanned, as :attr:`pattern` and :attr:`sizes` are not)."""
        return {}

    def __getstate__(self) -> dict[str, object]:
        """Everything but what scans remembered (:attr:`agreeing`)."""
        state = dict(self.__dict__)
        state.pop("agreeing", None)
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)


AGREEING_KEPT = 1 << 16  # spellings of phrases remembered per table
_UNSEEN = Entry((), False, None)  # a span whose agreeing entry is not remembered yet


class DenseTable(PhraseTable):
    """A table whose phrases a text says every few words (stop words, context words): it is
    scanned word by word, each word some phrase starts with tried in turn, which costs less
    there than searching the pattern again after each of many finds."""


_END = ""  # the key marking the end of a phrase in a trie of characters
_WORD_END = "(?![^ ])"  # a phrase ends where a word does


def _trie_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """One pattern matching, at a word's start, the longest of ``phrases`` (words joined by one
    space) that ends at a word's end."""
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[_END] = {}

    def pattern(node: dict[str, Any]) -> str:
        alts = [re.escape(char) + pattern(child) for char, child in node.items() if char]
        if _END in node:
            alts.append(_WORD_END)  # tried last: a longer phrase wins
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return re.compile("(?<![^ ])" + pattern(trie))


def _payloads(entries: list[Entry]) -> list[object]:
    return [e.payload for e in entries]


def _add(table: PhraseTable, text: str, accented_only: bool, payload: object) -> None:
    _add_tokens(table, _raw_tokens(text), accented_only, payload)


def _add_tokens(
    table: PhraseTable, toks: Sequence[Token], accented_only: bool, payload: object
) -> None:
    if toks:
        entry = Entry(tuple(t.accented for t in toks), accented_only, payload)
        table.setdefault(tuple(t.folded for t in toks), []).append(entry)


def _section(directory: Path, name: str, key: str) -> tuple[object, set[str]]:
    data = read_yaml(directory / name)
    only = {" ".join(tokens(lower(s))) for s in data.get("accented_only") or []}
    return data[key], only


BAND_WORDS = frozenset({"duoi", "du", "tren", "tu", "qua"})
_AGE_RE = re.compile(r"^(\d{1,3})t$")  # "85t": 85 tuổi


def _split_ages(toks: Sequence[Token]) -> list[Token]:
    """The tokens with each "85t" split in two (:func:`_split_age`); only a word that starts
    with a digit can be one."""
    return [t for tok in toks for t in (_split_age(tok) if tok.folded[:1].isdigit() else (tok,))]


def _split_age(tok: Token) -> list[Token]:
    found = _AGE_RE.match(tok.folded)
    if not found:
        return [tok]
    return [
        Token(found[1], found[1], tok.context, told=tok.told),
        Token("tuoi", "tuổi", tok.context, told=tok.told),
    ]


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
    stop: Table  # payload: None, or KEEP for a compound kept whole
    aspects: Table  # payload: Aspect, or KEEP
    longest: int
    ages: tuple[AgeBand, ...] = ()
    detail_ages: tuple[AgeBand, ...] = ()  # bands read only when answering (spell_out)
    abbreviations: Table = field(default_factory=dict)  # abbreviations and regional words only
    synonyms: Table = field(default_factory=dict)  # payload: tuple[Token, ...]; a second pass
    vague: frozenset[str] = frozenset()  # unaccented syllables both function and content word
    light: frozenset[str] = frozenset()  # folded syllables that say who, not what (bố, con, vợ)
    light_weight: float = 0.5
    markers: frozenset[str] = frozenset()  # features (syllable or "a_b") weighed at least...
    marker_weight: float = 0.0  # ...this, since they tell siblings apart
    telling: frozenset[str] = frozenset()  # the markers that tell on their own (not "mất")
    usual: frozenset[str] = frozenset()  # telling markers any procedure may be asked with
    same: Mapping[str, frozenset[str]] = field(default_factory=dict)  # marker -> its synonyms
    spelling: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # marker -> accented
    obtain: frozenset[str] = frozenset()  # words asking for a paper to be made ("làm", "đăng ký")
    death: frozenset[str] = frozenset()  # words of a death ("khai tử"): then "mất" is one too
    uncovered: Table = field(default_factory=dict)  # payload: None; topics the KB lacks
    # payload: None for a matter said alone, "story" or "after" for the words that make it the
    # citizen's story (uncovered.yaml's ``alone``)
    alone: Table = field(default_factory=dict)
    context: Table = field(default_factory=dict)  # payload: "before" | "after" | "until"
    copies: Table = field(default_factory=dict)  # payload: "verb" | "required" | "paper"
    copy_window: int = 4
    # payload: "asked" | "until"; what is asked whether it must be done or brought, once the
    # text has asked for something ("có cần xin giấy xác nhận độc thân không")
    means: Table = field(default_factory=dict)
    purpose_words: int = 2  # an asking clause naming at least this many words names a purpose
    letter: LetterCues | None = None  # how a letter's sentences are told apart
    capitalised: re.Pattern[str] | None = None  # "tại Anh": a country only by its capital

    def countries_by_capital(self, text: str) -> str:
        """A country whose name is an everyday word ("Anh": England, or an elder brother) is
        read as abroad only where it is typed with its capital after a word of where ("sinh
        sống tại Anh", "sang Anh"), and not before another capitalised word ("ở Anh Sơn")."""
        if self.capitalised is None or text[1:].islower():  # no capital past the first letter
            return text
        return self.capitalised.sub(lambda m: f"{m.group(1)} nước ngoài", text)

    @property
    def weight_only(self) -> frozenset[str]:
        """The markers that tell nothing on their own ("mất": a lost paper or a death)."""
        return self.markers - self.telling

    def synonyms_of(self, markers: Iterable[str]) -> frozenset[str]:
        """The markers with those of the same meaning ("làm lại": "cấp lại", "đăng ký lại")."""
        return frozenset(m for f in markers for m in self.same.get(f, (f,)))

    @cached_property
    def spelling_starts(self) -> frozenset[str]:
        """The folded words the markers of :attr:`spelling` start with."""
        return frozenset(feat.split("_")[0] for feat in self.spelling)

    def markers_said(
        self, folded: Sequence[str], accented: Sequence[str], pairs: Sequence[str] | None = None
    ) -> set[str]:
        """The markers a text says (its folded words, and each one's accented spelling), where
        its tones agree with theirs: "bộ đội" does not say "đổi", nor "đối với", nor "bằng lái"
        "cấp lại"; "doi", typed without accents, may. A marker that tells nothing on its own
        ("mất") is not said one or two words after a person word, nor in a text with a word of
        death: "bố mất", "mẹ vừa mất, xin mai táng" are deaths, "mất sổ đỏ" a loss. ``pairs``:
        the pairs of adjacent words ("a_b", the ``i``-th starting at word ``i``), when the
        caller has them."""
        said: set[str] = set()
        starts = self.spelling_starts
        at = [i for i, word in enumerate(folded) if word in starts]
        if not at:
            return said  # no marker starts with any of its words
        if pairs is None:
            pairs = [f"{a}_{b}" for a, b in itertools.pairwise(folded)]
        # a word of death, or a pair of them (a death word is one or two folded syllables)
        died = not self.death.isdisjoint(folded) or not self.death.isdisjoint(pairs)
        last = len(folded) - 1
        for i in at:
            for size in (1, 2):
                if size == 1:
                    feat = folded[i]
                elif i < last:
                    feat = pairs[i]
                else:
                    continue  # no pair starts at the last word
                want = self.spelling.get(feat)
                if not want or not all(
                    not has_diacritics(a)
                    or (tone(a) == tone(w) and shape(a) in (fold(a), shape(w)))
                    for a, w in zip(accented[i : i + size], want, strict=False)
                ):
                    continue
                if feat not in self.telling and (
                    died or not self.light.isdisjoint(folded[max(0, i - 2) : i])
                ):
                    continue  # "bố mất", "người nhà mất", "mất, làm khai tử": a death
                said.add(feat)
        return said

    @cached_property
    def stop_folded(self) -> frozenset[str]:
        """Single-syllable stopwords, folded: an unaccented "da", "con" may be one of them; and
        the syllables listed as vague ("nha": the particle, or nhà)."""
        single = {
            p[0] for p, entries in self.stop.items() if len(p) == 1 and None in _payloads(entries)
        }
        return frozenset(single) | self.vague

    def topic_name(self, phrase: str) -> str:
        """The name a question's topic is given when it names ``phrase`` of uncovered.yaml
        ("rút bhxh" and "rút bảo hiểm xã hội": "rut_bao_hiem_xa_hoi")."""
        toks = _replace(_replace(_raw_tokens(phrase), self.replacements), self.synonyms)
        return "_".join(t.folded for t in toks)

    def mark_topics(self, toks: list[Token]) -> tuple[list[Token], tuple[str, ...]]:
        """Flag the words of each phrase naming a topic the knowledge base does not cover, and
        name the topics found ("con_nuoi"). The words belong to the topic: "nhận con nuôi" does
        not also say "nhận con", and no stopword or aspect phrase is taken out of a topic ("thu
        hồi biển số")."""
        if not self.uncovered:
            return toks, ()
        out: list[Token] = []
        found: list[str] = []
        done = 0
        for start, end, entry in _spans(toks, self.uncovered):
            if entry.payload == KEEP:
                continue
            out.extend(toks[done:start])
            out.extend(_topical(t) for t in toks[start:end])
            name = "_".join(t.folded for t in toks[start:end])
            if name not in found:
                found.append(name)
            done = end
        out.extend(toks[done:])
        return out, tuple(found)

    @cached_property
    def alone_names(self) -> frozenset[str]:
        """The names of the matters said alone ("li_hon"), as :meth:`alone_topics` gives them."""
        return frozenset(
            "_".join(phrase) for phrase, entries in self.alone.items() if None in _payloads(entries)
        )

    def alone_topics(self, clauses: Iterable[Sequence[Token]]) -> tuple[str, ...]:
        """The matters of uncovered.yaml's ``alone`` said as what is asked, clause by clause
        (words read as a question's are, abbreviations and synonyms replaced): each opens its
        clause, after nothing but stopwords and words opening a question ("tiện hỏi"), with no
        word of the citizen's story before it ("đã", "không có") nor after it ("rồi"). "ly hôn
        thì làm ở đâu" and "còn lương hưu bao nhiêu" ask them; "e đã ly hôn 1 lần rồi", "mẹ tôi
        không có lương hưu" tell a story."""
        if not self.alone:
            return ()
        stop = self.stop_folded
        found: list[str] = []
        for clause in clauses:
            spans = _spans(clause, self.alone)
            kinds = {start: entry.payload for start, _, entry in spans}
            for start, end, entry in spans:
                if entry.payload is not None:
                    continue
                opening = {i for i, kind in kinds.items() if kind == "opening" and i < start}
                before = {t.folded for i, t in enumerate(clause[:start]) if i not in opening}
                if "story" in {kinds.get(i) for i in range(start)} or not before <= stop:
                    continue
                if "after" in {kinds.get(i) for i in range(end, len(clause))}:
                    continue
                name = "_".join(t.folded for t in clause[start:end])
                if name not in found:
                    found.append(name)
        return tuple(found)

    @classmethod
    def from_dir(cls, directory: Path = LEXICON_DIR) -> Lexicon:
        """One loader per file of ``directory``. Replacements first: the uncovered topics and
        the papers of copying are read as a question is, once abbreviations are expanded."""
        repl = _load_replacements(directory)
        abbreviations = PhraseTable({p: list(entries) for p, entries in repl.items()})
        stop, keep, vague = _load_stopphrases(directory)
        _load_places(directory, repl, stop)
        for phrase in keep:  # after the places: a compound wins over its parts
            _add(stop, phrase, False, KEEP)
        synonyms = _load_synonyms(directory)
        aspects = _load_aspects(directory, keep)
        uncovered = _load_uncovered(directory, repl, synonyms)
        alone = _load_alone(directory, repl, synonyms)
        context_data = read_yaml(directory / "context.yaml")
        context = _load_context(context_data)
        copies, copy_window = _load_copies(directory, repl)
        means, purpose_words = _load_means(context_data, repl)
        markers = _load_markers(directory)
        light, light_weight = _load_light(directory)
        tables = [repl, synonyms, stop, aspects, uncovered, alone, context, copies, means]
        return cls(
            replacements=repl,
            stop=stop,
            aspects=aspects,
            longest=max(len(p) for table in tables for p in table),
            ages=_load_ages(directory),
            detail_ages=_load_ages(directory, "details"),
            abbreviations=abbreviations,
            synonyms=synonyms,
            vague=vague,
            light=light,
            light_weight=light_weight,
            uncovered=uncovered,
            alone=alone,
            context=context,
            copies=copies,
            copy_window=copy_window,
            means=means,
            purpose_words=purpose_words,
            letter=LetterCues.from_file(directory / "letter.yaml"),
            capitalised=_load_capitalised(directory),
            **markers,
        )

    def mark_copied(self, toks: list[Token], spans: Sequence[Span] | None = None) -> list[Token]:
        """Flag as context the paper named just after a verb of copying ("photo công chứng
        cccd"): it is what is copied, not what is asked about; so is a paper asked about as
        one to bring, after what it is brought for ("cháu có cần mang theo giấy khai sinh").
        ``spans``: those of :attr:`copies` in ``toks``, when already found."""
        if not self.copies:
            return toks
        flags: list[bool] | None = None
        verb_end = -1  # the end of the last verb of copying
        for begin, end, entry in _spans(toks, self.copies) if spans is None else spans:
            kind = entry.payload
            if kind == "verb" or (kind == "required" and begin > 0):
                # whether a paper must be brought, asked after what it is brought for ("làm
                # hộ chiếu có cần mang giấy khai sinh không"); asked alone, it asks about the paper
                verb_end = end
            elif kind == "paper" and verb_end >= 0 and begin - verb_end < self.copy_window:
                flags = flags or [False] * len(toks)
                flags[begin:end] = [True] * (end - begin)
                verb_end = end  # "chứng thực cccd và giấy khai sinh": a list of papers
        if flags is None:
            return toks
        return [_in_context(t) if f else t for t, f in zip(toks, flags, strict=True)]

    def names_purpose(
        self,
        toks: Sequence[Token],
        accented: bool,
        marked: bool = False,
        means: Sequence[Span] | None = None,
    ) -> bool:
        """Whether a clause's words (``toks``, typed with diacritics when ``accented``) ask
        for something to be done: they say an asking phrase, or the clause ends with "?"
        (``marked``), a ``purpose`` word of ``means`` ("làm", "đăng ký", "xin"), and keep at
        least ``purpose_words`` words past the stop words and the aspects ("em muốn hỏi đăng ký
        kết hôn ở đâu"; not "xin hỏi hồ sơ gồm những gì", "thông tin trên có đúng không").
        Unaccented, its short forms spelt out are read: "duoc ko" asks as "duoc khong".
        ``means``: the spans of :attr:`means` in ``toks``, when already found."""
        cues = self.letter
        if cues is None:
            return False
        # the purpose word first: read off the spans, where asking is read by spelling the words
        # again; most clauses of a letter name none
        if means is None:
            means = _spans(toks, self.means)
        if not any(entry.payload == "purpose" for _, _, entry in means):
            return False
        said = " ".join(t.accented if accented else t.folded for t in toks)
        if not (marked or cues.asks(said)):
            return False
        kept, _ = _drop(_drop(list(toks), self.stop)[0], self.aspects)
        return len(kept) >= self.purpose_words

    def mark_means(
        self,
        clause: str,
        toks: list[Token],
        purposed: bool,
        spans: Sequence[Span] | None = None,
        copied: Sequence[Span] | None = None,
    ) -> list[Token]:
        """Flag as context the paper or step a clause asks must be had or done ("có cần xin
        giấy xác nhận độc thân không", "có phải về quê làm thủ tục cắt khẩu không") once the
        text has asked for something it names (``purposed``), or the clause did before the
        words that ask it: the need is the purpose, the paper is one of its means. From the
        first paper or step (a ``head`` of ``means``, a paper of ``copies``) after the asking
        words to an ``until`` word ("không", "hay") or the clause's end. Asked first, or after
        a story only ("ở trọ hai tháng rồi, có phải đăng ký tạm trú không"), the paper is what
        is asked about; so is what is no paper ("có bắt buộc xét nghiệm ADN không"). ``spans``
        and ``copied``: the spans of :attr:`means` and of :attr:`copies` in ``toks``, when
        already found."""
        if not self.means:
            return toks
        if spans is None:
            spans = _spans(toks, self.means)
        if not any(entry.payload == "asked" for _, _, entry in spans):
            return toks
        if copied is None:
            copied = _spans(toks, self.copies)
        heads = sorted(
            {b for b, _, entry in spans if entry.payload == "head"}
            | {b for b, _, entry in copied if entry.payload == "paper"}
        )
        ends = [b for b, _, entry in spans if entry.payload == "until"]
        flags: list[bool] | None = None
        for begin, end, entry in spans:
            if entry.payload != "asked" or not (
                purposed or (begin > 0 and self.names_purpose(toks[:begin], has_diacritics(clause)))
            ):
                continue
            purposed = True
            stop = next((b for b in ends if b >= end), len(toks))
            start = next((h for h in heads if end <= h < stop), stop)
            if start < stop:
                flags = flags or [False] * len(toks)
                flags[start:stop] = [True] * (stop - start)
        if flags is None:
            return toks
        return [_in_context(t) if f else t for t, f in zip(toks, flags, strict=True)]

    def mark_context(self, clause: list[Token]) -> list[Token]:
        """Flag the words of a clause that tell what the citizen already has or did.

        "đã có giấy khai sinh, giờ muốn nhận con": from a "before" marker ("đã có", "đang
        hưởng") up to a request word ("muốn", "xin", "giờ") or the clause's end; up to an "after"
        marker ("xong"), back to the clause's start or the last request word. A "place" phrase
        ("nơi đang tạm trú", "về quê") says where the citizen lives, not what they ask for: its
        own words only.
        """
        if not self.context:
            return clause
        flags = [False] * len(clause)
        open_span = False  # inside a "before" span
        last_stop = 0  # first word after the last request word
        done = 0
        for begin, end, entry in _spans(clause, self.context):
            if open_span:  # the words between the markers
                flags[done:begin] = [True] * (begin - done)
            done = end
            kind = entry.payload
            if kind == "until":
                open_span, last_stop = False, end
            elif kind == "place":
                flags[begin:end] = [True] * (end - begin)
            elif kind == "after":
                flags[last_stop:end] = [True] * (end - last_stop)
                open_span, last_stop = False, end
            elif kind == "before" or open_span:
                open_span = True
                flags[begin:end] = [True] * (end - begin)
        if open_span:
            flags[done:] = [True] * (len(clause) - done)
        if not any(flags):
            return clause
        return [_in_context(t) if f else t for t, f in zip(clause, flags, strict=True)]

    def short_forms(self, more: Mapping[str, str]) -> PhraseTable:
        """:attr:`abbreviations` with the short forms of ``more`` read before them (a reader's
        own: "hk" ending a question is "không" where the matcher reads "hộ khẩu"). A short form
        of ``more`` typed with diacritics meets only itself; one without them meets a word typed
        without a tone mark ("hong" meets "hông", not "hỏng")."""
        table = PhraseTable()
        for short, full in more.items():
            typed, meant = _raw_tokens(short), tuple(_raw_tokens(full))
            if typed and meant and tuple(typed) != meant:
                _add_tokens(table, typed, True, meant)
        for phrase, entries in self.abbreviations.items():
            table.setdefault(phrase, []).extend(entries)
        return table

    def expand_ages(
        self, toks: list[Token], bands: tuple[AgeBand, ...] | None = None
    ) -> list[Token]:
        """ "10 tuổi" → itself and the phrases of its bands (:attr:`ages` unless ``bands``);
        "5 tháng tuổi" counts as age 0."""
        bands = self.ages if bands is None else bands
        if not any(t.folded[:1].isdigit() for t in toks):
            return list(toks)  # an age is a word that starts with a digit ("10", "85t")
        out: list[Token] = []
        i = 0
        toks = _split_ages(toks)
        # only a number starts an age: the words between two numbers are copied as they are
        for number in [j for j, tok in enumerate(toks) if tok.folded.isdigit()]:
            if number < i:
                continue  # a word of the age just read
            out.extend(toks[i:number])
            i = number
            months = (
                i + 2 < len(toks) and toks[i + 1].folded == "thang" and toks[i + 2].folded == "tuoi"
            )
            banded = i > 0 and toks[i - 1].folded in BAND_WORDS  # "dưới 6 tuổi" says it
            if not banded and (months or (i + 1 < len(toks) and toks[i + 1].folded == "tuoi")):
                age = 0 if months else int(toks[i].folded)
                size = 3 if months else 2
                out.extend(toks[i : i + size])  # "40 tuổi" itself: "đổi căn cước khi đủ 40 tuổi"
                for band in bands:
                    if band.covers(age):
                        told = toks[i].told
                        out.extend(_told(t) if told else t for t in band.phrase)
                i += size
                continue
            out.append(toks[i])
            i += 1
        out.extend(toks[i:])
        return out


Span = tuple[int, int, Entry]


def _spans(toks: Sequence[Token], table: Table) -> list[Span]:
    """Greedy longest match, left to right: the (start, end, entry) of each phrase of ``table``
    found in ``toks``. One search of the table's pattern finds the next place where a phrase's
    folded words start; there the longest phrase whose accents agree is taken."""
    compiled = table if isinstance(table, PhraseTable) else PhraseTable(table)
    if isinstance(compiled, DenseTable):
        return _dense_spans(toks, compiled)
    pattern = compiled.pattern
    if pattern is None or not toks:
        return []
    folded = [t.folded for t in toks]
    if compiled.heads.keys().isdisjoint(folded):
        return []  # a phrase found starts on a word that is its first: most clauses hold none
    text = " ".join(folded)
    found: list[Span] = []
    get, last = compiled.get, len(toks)
    agreeing = compiled.agreeing
    accented: list[str] | None = None  # the words as typed, once a phrase is met
    at = 0
    counted, spaces = 0, 0  # the spaces before ``counted``: each hit starts past the one before
    while (hit := pattern.search(text, at)) is not None:
        spaces += text.count(" ", counted, hit.start())
        counted = hit.start()
        i = spaces  # the word the phrase starts at
        longest = hit.group().count(" ") + 1
        end = i + 1
        for size in range(longest, 0, -1):
            phrase = tuple(folded[i : i + size])
            entries = get(phrase)
            if not entries:
                continue
            if accented is None:
                accented = [t.accented for t in toks]
            entry = _agreeing(agreeing, phrase, accented, entries, toks, i, size)
            if entry is not None:
                found.append((i, i + size, entry))
                end = i + size
                break
        if end >= last:
            break
        if end == i + longest:
            at = hit.end() + 1
        else:  # a shorter phrase, or none: go on from the word after it
            at = hit.start() + sum(len(w) + 1 for w in folded[i:end])
    return found


def _dense_spans(toks: Sequence[Token], table: PhraseTable) -> list[Span]:
    """What :func:`_spans` finds, word by word: only the words some phrase starts with are
    tried; at each, the longest phrase whose accents agree is taken, and the scan goes on past
    it."""
    sizes = table.sizes
    folded = [t.folded for t in toks]
    found: list[Span] = []
    get, last, at = table.get, len(toks), 0
    agreeing = table.agreeing
    accented: list[str] | None = None  # the words as typed, once a phrase is met
    for i in [i for i, word in enumerate(folded) if word in sizes]:
        if i < at:  # inside the phrase found last
            continue
        for size in sizes[folded[i]]:
            if size > last - i:
                continue
            phrase = tuple(folded[i : i + size])
            entries = get(phrase)
            if not entries:
                continue
            if accented is None:
                accented = [t.accented for t in toks]
            entry = _agreeing(agreeing, phrase, accented, entries, toks, i, size)
            if entry is not None:
                found.append((i, i + size, entry))
                at = i + size
                break
    return found


def _agreeing(
    agreeing: dict[tuple[Phrase, Phrase], Entry | None],
    phrase: Phrase,
    accented: list[str],
    entries: list[Entry],
    toks: Sequence[Token],
    i: int,
    size: int,
) -> Entry | None:
    """The entry of ``phrase`` whose accents agree with the span ``toks[i : i + size]``,
    remembered in the table's ``agreeing`` memo (up to ``AGREEING_KEPT`` spellings)."""
    key = (phrase, tuple(accented[i : i + size]))
    entry = agreeing.get(key, _UNSEEN)
    if entry is _UNSEEN:
        entry = _first_match(entries, toks[i : i + size])
        if len(agreeing) < AGREEING_KEPT:
            agreeing[key] = entry
    return entry


def _first_match(entries: list[Entry], span: Sequence[Token]) -> Entry | None:
    """The first of ``entries`` whose accents agree with ``span``."""
    for entry in entries:
        if entry.matches(span):
            return entry
    return None


def _replace(toks: list[Token], table: Table) -> list[Token]:
    out: list[Token] = []
    done = 0
    for start, end, entry in _spans(toks, table):
        out.extend(toks[done:start])
        payload: tuple[Token, ...] = entry.payload  # type: ignore[assignment]
        span = toks[start:end]
        context, told = all(t.context for t in span), all(t.told for t in span)
        if context or told:
            payload = tuple(_flagged(t, context, told) for t in payload)
        out.extend(payload)
        done = end
    out.extend(toks[done:])
    return out


def _drop(toks: list[Token], table: Table) -> tuple[list[Token], list[object]]:
    """The words left once the phrases of ``table`` are taken out, and the payloads of those taken
    out in order. A phrase marked ``KEEP`` (a compound: "bản sao"), or inside a topic, stays."""
    kept: list[Token] = []
    taken: list[object] = []
    done = 0
    for start, end, entry in _spans(toks, table):
        span = toks[start:end]
        kept.extend(toks[done:start])
        if entry.payload == KEEP or any(t.topic for t in span):
            kept.extend(span)
        else:
            taken.append(entry.payload)
        done = end
    kept.extend(toks[done:])
    return kept, taken


# -- one loader per lexicon file ---------------------------------------------------------------


def _syllables(words: Iterable[object]) -> frozenset[str]:
    return frozenset(t.folded for word in words for t in _raw_tokens(str(word)))


def _pair(word: object) -> str:
    """A marker's feature, its last two syllables: "cấp lại" → "cap_lai", "đăng ký lại" →
    "ki_lai"."""
    return "_".join(t.folded for t in _raw_tokens(str(word))[-2:])


def _pairs(words: Iterable[object]) -> frozenset[str]:
    return frozenset(_pair(w) for w in words)


def _load_mapping(directory: Path, name: str, key: str, table: PhraseTable) -> None:
    mapping, only = _section(directory, name, key)
    assert isinstance(mapping, dict)
    for src, dst in mapping.items():
        norm = " ".join(tokens(lower(str(src))))
        _add(table, str(src), norm in only, tuple(_raw_tokens(str(dst))))


def _load_replacements(directory: Path) -> PhraseTable:
    """abbreviations.yaml, then regional.yaml: the first pass of replacements."""
    repl = PhraseTable()
    _load_mapping(directory, "abbreviations.yaml", "abbreviations", repl)
    _load_mapping(directory, "regional.yaml", "regional", repl)
    return repl


def _load_synonyms(directory: Path) -> PhraseTable:
    """synonyms.yaml: a second pass, which may meet what the first wrote."""
    synonyms = PhraseTable()
    _load_mapping(directory, "synonyms.yaml", "synonyms", synonyms)
    return synonyms


def _load_places(directory: Path, repl: PhraseTable, stop: PhraseTable) -> None:
    """places.yaml: a foreign country becomes "nước ngoài" (a replacement); a domestic place is
    dropped (a stopword)."""
    places = read_yaml(directory / "places.yaml")
    foreign = tuple(_raw_tokens("nước ngoài"))
    # A one-syllable name only with its diacritics: "hàn" is not "hạn", "pháp" not "tư pháp".
    # A name that is mostly a word of its own ("ý": "tự ý", "lưu ý") only after a word of where
    # or nationality ("sang Ý", "người Ý"), typed with its diacritics.
    only_after = {str(p) for p in places.get("only_after") or []}
    for place in places["foreign"]:
        if str(place) not in only_after:
            _add(repl, str(place), len(_raw_tokens(str(place))) == 1, foreign)
    for place in only_after:
        for where in [*(places.get("where") or []), "nước"]:
            said = _raw_tokens(f"{where} {place}")
            _add_tokens(repl, said, True, foreign if where == "nước" else (*said[:-1], *foreign))
    # Words that contain a country's name but are not about it ("tư pháp", "đồng ý"): they
    # map to themselves, and the longest match keeps them whole.
    for word in places.get("not_places") or []:
        _add(repl, str(word), False, tuple(_raw_tokens(str(word))))
    # After a word of where ("sinh bên nhật", "đi làm ở han"), a one-syllable name is a
    # country even without its diacritics, unless the pair is a word of its own.
    # A longer name after it is read whole ("người Hàn Quốc" is not "người Hàn" and "Quốc").
    one = {str(p) for p in places["foreign"] if len(_raw_tokens(str(p))) == 1}
    for place in places["foreign"]:
        country = _raw_tokens(str(place))
        if str(place) in (places.get("ambiguous_after") or []):
            continue
        if len(country) > 1 and " ".join(t.accented for t in country[:1]) not in one:
            continue
        for where in places.get("where") or []:
            said = [*_raw_tokens(str(where)), *country]
            if tuple(t.folded for t in said) not in repl:
                _add_tokens(repl, said, False, (*said[: -len(country)], *foreign))
    for place in places["domestic"]:
        _add(stop, str(place), len(_raw_tokens(str(place))) == 1, None)


_CAPITAL = "[A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ]"


def _load_capitalised(directory: Path) -> re.Pattern[str] | None:
    """places.yaml ``capitalised``: a word of where, then the name with its capital, not
    followed by another capitalised word."""
    places = read_yaml(directory / "places.yaml")
    names = [str(n) for n in places.get("capitalised") or []]
    where = [str(w) for w in places.get("where") or []]
    if not names or not where:
        return None
    said = "|".join(map(re.escape, where))
    name = "|".join(map(re.escape, names))
    return re.compile(rf"(?<!\w)((?i:{said}))[ \t]+(?:{name})(?![\w-])(?![ \t]+{_CAPITAL})")


def _load_stopphrases(directory: Path) -> tuple[PhraseTable, list[str], frozenset[str]]:
    """stopphrases.yaml: the stop table; the compounds kept whole ("bản sao", "thế chấp":
    content although each word alone may be a stopword or an aspect); the vague syllables."""
    data = read_yaml(directory / "stopphrases.yaml")
    only = {" ".join(tokens(lower(s))) for s in data.get("accented_only") or []}
    stop = DenseTable()
    for phrase in [*data["stopphrases"], *only]:
        _add(stop, str(phrase), " ".join(tokens(lower(str(phrase)))) in only, None)
    keep = [str(phrase) for phrase in data.get("keep") or []]
    return stop, keep, _syllables(data.get("vague") or [])


def _load_aspects(directory: Path, keep: Iterable[str]) -> PhraseTable:
    """aspects.yaml: the phrases asking for one section ("bao nhiêu tiền"), and the compounds
    that must not be read as one ("mai táng phí")."""
    aspects = PhraseTable()
    groups, _ = _section(directory, "aspects.yaml", "aspects")
    assert isinstance(groups, dict)
    for aspect_name, items in groups.items():
        for phrase in items:
            _add(aspects, str(phrase), False, Aspect(aspect_name))
    for phrase in keep:
        _add(aspects, phrase, False, KEEP)
    return aspects


def _load_uncovered(directory: Path, repl: PhraseTable, synonyms: PhraseTable) -> PhraseTable:
    """uncovered.yaml: topics the knowledge base lacks, read as a question is read once
    abbreviations and synonyms are replaced: "rút bhxh" meets "rút bảo hiểm xã hội", "xe bị
    trộm" meets "xe bị mất"."""
    uncovered = PhraseTable()
    topics, only = _section(directory, "uncovered.yaml", "uncovered")
    assert isinstance(topics, list)
    for phrase in topics:
        toks = _replace(_raw_tokens(str(phrase)), repl)
        toks = _replace(toks, synonyms)
        _add_tokens(uncovered, toks, " ".join(tokens(lower(str(phrase)))) in only, None)
    # Phrases that hold a topic's words but name what is covered ("cơ quan xuất nhập cảnh"
    # issues passports): the longest match keeps them whole, and no topic is found in them.
    for phrase in read_yaml(directory / "uncovered.yaml").get("not_topics") or []:
        toks = _replace(_replace(_raw_tokens(str(phrase)), repl), synonyms)
        _add_tokens(uncovered, toks, False, KEEP)
    return uncovered


def _load_alone(directory: Path, repl: PhraseTable, synonyms: PhraseTable) -> PhraseTable:
    """uncovered.yaml's ``alone``: the matters said alone (payload None), the words that may
    open a question before them ("opening"), and those of the citizen's story before ("story")
    and after ("after") them, read as a question is read."""
    alone = PhraseTable()
    data = read_yaml(directory / "uncovered.yaml").get("alone") or {}
    kinds = (("matters", None), ("opening", "opening"), ("story", "story"), ("after", "after"))
    for key, payload in kinds:
        for phrase in data.get(key) or []:
            toks = _replace(_replace(_raw_tokens(str(phrase)), repl), synonyms)
            _add_tokens(alone, toks, False, payload)
    return alone


def _load_context(data: dict[str, Any]) -> PhraseTable:
    """context.yaml (``data``): the words telling what the citizen already has or did, and
    where they live."""
    context = DenseTable()
    for kind in ("before", "after", "until", "place"):
        for phrase in data.get(kind) or ():
            _add(context, str(phrase), False, kind)
    return context


def _load_means(context: dict[str, Any], repl: PhraseTable) -> tuple[PhraseTable, int]:
    """context.yaml's ``means``: the words asking whether something must be done or brought,
    and those that end what they ask."""
    means = PhraseTable()
    data = context.get("means") or {}
    for kind in ("asked", "head", "until", "purpose"):
        for phrase in data.get(kind) or ():
            _add_tokens(means, _replace(_raw_tokens(str(phrase)), repl), False, kind)
    return means, int(data.get("purpose_words", 2))


def _load_copies(directory: Path, repl: PhraseTable) -> tuple[PhraseTable, int]:
    """copies.yaml: verbs of copying, words asking whether a paper must be brought, the papers
    they name, and how near they must be."""
    copies = PhraseTable()
    data = read_yaml(directory / "copies.yaml")
    for kind, key in (("verb", "verbs"), ("required", "required"), ("paper", "papers")):
        for phrase in data.get(key) or ():
            # a paper as a question names it once abbreviations are expanded ("cccd")
            toks = _replace(_raw_tokens(str(phrase)), repl)
            _add_tokens(copies, toks, False, kind)
    return copies, int(data["window"])


def _load_markers(directory: Path) -> dict[str, Any]:
    """markers.yaml: the Lexicon's fields about telling words."""
    data = read_yaml(directory / "markers.yaml")
    said = [*data["telling"], *data["weight_only"]]
    same: dict[str, frozenset[str]] = {}
    for group in data.get("same") or []:
        members = _pairs(group)
        for member in members:  # a word of two groups means what either means
            same[member] = same.get(member, frozenset()) | members
    return {
        "markers": _pairs(said),
        "marker_weight": float(data["weight"]),
        "telling": _pairs(data["telling"]),
        "usual": _pairs(data.get("usual") or []),
        "same": same,
        "spelling": {_pair(w): tuple(t.accented for t in _raw_tokens(str(w))[-2:]) for w in said},
        "obtain": _pairs(data.get("obtain") or []),
        "death": _pairs(data.get("death") or []),
    }


def _load_light(directory: Path) -> tuple[frozenset[str], float]:
    """light.yaml: person words, which say who rather than what, and their weight."""
    data = read_yaml(directory / "light.yaml")
    return _syllables(data["light"]), float(data["weight"])


def _load_ages(directory: Path, key: str = "bands") -> tuple[AgeBand, ...]:
    """ages.yaml: the bands an age in a question also names ("dưới 6 tuổi"); ``details``: those
    only an answer inside a procedure tells apart ("từ đủ 6 tuổi")."""
    return tuple(
        AgeBand(band.get("below"), band.get("at_least"), tuple(_raw_tokens(band["phrase"])))
        for band in read_yaml(directory / "ages.yaml").get(key) or ()
    )


@lru_cache(maxsize=1 << 16)
def _told(tok: Token) -> Token:
    """A token of a sentence that tells: remembered, as a letter's syllables are few (a Token is
    immutable)."""
    return dataclasses.replace(tok, told=True)


@lru_cache(maxsize=1 << 16)
def _in_context(tok: Token) -> Token:
    """A token of what the citizen already has or did: remembered, as :func:`_told`."""
    return dataclasses.replace(tok, context=True)


@lru_cache(maxsize=1 << 16)
def _topical(tok: Token) -> Token:
    """A token of an uncovered topic: remembered, as :func:`_told`."""
    return dataclasses.replace(tok, topic=True)


@lru_cache(maxsize=1 << 16)
def _flagged(tok: Token, context: bool, told: bool) -> Token:
    """A replacement's token with the flags of the words it replaces: remembered, as
    :func:`_told`."""
    return dataclasses.replace(tok, context=context, told=told)


def _untold(clause: list[Token]) -> list[Token]:
    """A clause without what it denies befell a paper, with the negation that denies it ("sổ
    đỏ không bị mất", "rách chứ không mất": ``knowledge/negation.py``)."""
    spans = default_negation().untold([t.accented for t in clause])
    if not spans:
        return clause
    gone = {i for start, end in spans for i in range(start, end)}
    return [t for i, t in enumerate(clause) if i not in gone]


def _tell(toks: list[Token]) -> list[Token]:
    return [_told(t) for t in toks]


def spell_out(
    text: str, lexicon: Lexicon | None = None, replacements: Table | None = None
) -> list[Token]:
    """The words of a text spelt out as the matcher first reads them: abbreviations, slang and
    regional words in standard words ("VN": "việt nam", "ko": "không"; ``replacements`` instead
    of the lexicon's :attr:`Lexicon.abbreviations`, such as :meth:`Lexicon.short_forms`), an age
    followed by the phrases of its bands ("9 tuổi": "dưới 14 tuổi", and the bands answers tell
    apart: "từ đủ 6 tuổi"). Unlike the matcher, a foreign country keeps its name: an answer must
    not take a faq about a birth abroad for "chồng người Hàn, con sinh ở Việt Nam". Phrases do
    not reach across punctuation."""
    lex = lexicon or default_lexicon()
    table = lex.abbreviations if replacements is None else replacements
    toks = [tok for clause in _clauses(text) for tok in _replace(clause, table)]
    bands = lex.ages + lex.detail_ages
    if not bands or not any(c.isdigit() for c in text):  # an age is said with a number
        return toks
    return lex.expand_ages(toks, bands)


def spelt_short(text: str) -> str:
    """``text`` with the short forms citizens type spelt out in standard words, clause by clause
    ("gks cua con ghi sai": "giấy khai sinh cua con ghi sai"), its clauses kept apart by a comma:
    what a rule of the lexicon reads. The text itself when it has no short form."""
    table = default_lexicon().abbreviations
    parts = _clauses(text)
    spelt = [_replace(toks, table) for toks in parts]
    if spelt == parts:
        return text
    return ", ".join(" ".join(t.accented for t in toks) for toks in spelt)


class Normalizer:
    SENTENCES_CACHE = 256  # the letters whose reading is remembered
    NORMALIZED_CACHE = 256  # the texts whose normalised form is remembered
    SENTENCE_CACHE = 256  # the sentences whose words, as first read, are remembered

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or default_lexicon()
        self.__post_init__()

    def __post_init__(self) -> None:
        # A letter is read again by the matcher's steps (its asking sentences alone) right
        # after it is normalised: its reading is remembered, a bounded cache. So is a text's
        # normalised form (immutable): a turn reads the text the matcher has just read.
        self._read = lru_cache(maxsize=self.SENTENCES_CACHE)(self._sentences)
        self._normalized = lru_cache(maxsize=self.NORMALIZED_CACHE)(self._normalize)
        # The asking sentences of a letter, matched on their own right after the letter, are
        # the letter's own sentences: their words, as first read, are read once.
        self._sentence_words = lru_cache(maxsize=self.SENTENCE_CACHE)(self._read_sentence)

    def __getstate__(self) -> dict[str, object]:
        """Everything but the caches of readings."""
        state = dict(self.__dict__)
        del state["_read"], state["_normalized"], state["_sentence_words"]
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.__post_init__()

    def sentences(self, text: str) -> list[tuple[str, bool]]:
        """The text to read, as (sentence, tells the situation) pairs. A letter of several
        sentences loses its greeting and sign-off; when it both asks and tells, the sentences
        that tell are flagged."""
        return list(self._read(text))

    def _sentences(self, text: str) -> tuple[tuple[str, bool], ...]:
        return tuple(self._read_sentences(text))

    def _read_sentences(self, text: str) -> list[tuple[str, bool]]:
        text = self.lexicon.countries_by_capital(text)
        cues = self.lexicon.letter
        if cues is None:
            return [(text, False)]
        text = cues.without_names(text)
        if not cues.several(text):
            return [(text, False)]
        read = cues.read(text)
        if len(read) < 2:
            return [(text, False)]
        asks = (
            len(read) >= cues.story_sentences
            and any(s.asks for s in read)
            and not all(s.asks for s in read)
        )
        return [(s.text, asks and not s.asks) for s in read]

    def _read_sentence(
        self, sentence: str, told: bool, purposed: bool = False
    ) -> tuple[tuple[Token, ...], bool]:
        """The words of one sentence as first read, clause by clause: without what a negation
        denies befell a paper, what the citizen already has marked, abbreviations spelt out,
        copies and the means asked about once a purpose is named (``purposed``: by a sentence
        before) marked; each flagged as telling the situation when ``told``. With them, whether
        a purpose is named by the end of the sentence."""
        lex = self.lexicon
        out: list[Token] = []
        for text, raw in _clause_parts(sentence):
            clause = _untold(raw)
            toks = _replace(lex.mark_context(_tell(clause) if told else clause), lex.replacements)
            # a scan reads only the words' spellings, which marking leaves as they are: the
            # clause's copies and means are each found once for every step that reads them
            copied = _spans(toks, lex.copies) if lex.copies else []
            means = _spans(toks, lex.means) if lex.means else []
            toks = lex.mark_means(text, lex.mark_copied(toks, copied), purposed, means, copied)
            purposed = purposed or (
                bool(lex.means)
                and lex.names_purpose(
                    toks, has_diacritics(text), text.rstrip().endswith("?"), means
                )
            )
            out.extend(toks)
        return tuple(out), purposed

    def _words(self, text: str) -> list[Token]:
        """The words of every sentence of ``text`` as first read (``_read_sentence``)."""
        out: list[Token] = []
        purposed = False
        for sentence, told in self.sentences(text):
            toks, purposed = self._sentence_words(sentence, told, purposed)
            out.extend(toks)
        return out

    def normalize(self, text: str, keep_stopwords: bool = False) -> Normalized:
        return self._normalized(text, keep_stopwords)

    def _normalize(self, text: str, keep_stopwords: bool) -> Normalized:
        lex = self.lexicon
        # Expand abbreviations first so "bn tiền" / "hs gì" become aspect phrases too; then
        # synonyms, which may meet what the first pass wrote ("cmnd 9 số"). A paper named after
        # a verb of copying is found once its abbreviation is expanded ("công chứng cccd").
        toks = self._words(text)
        expanded = _replace(toks, lex.synonyms)
        if lex.ages:
            expanded = lex.expand_ages(expanded)
        expanded, topics = lex.mark_topics(expanded)
        alone: tuple[str, ...] = ()
        if lex.alone and not topics:
            clauses = (
                _replace(_replace(c, lex.replacements), lex.synonyms) for c in _clauses(text)
            )
            alone = lex.alone_topics(clauses)
        kept, taken = _drop(expanded, lex.aspects)
        found: list[Aspect] = []
        for aspect in taken:
            if aspect not in found:
                found.append(aspect)  # type: ignore[arg-type]
        if not keep_stopwords:
            kept, _ = _drop(kept, lex.stop)
        return Normalized(tuple(kept), tuple(found), topics, alone)


_NORMALIZER: Once[Normalizer] = Once(lambda: Normalizer(Lexicon.from_dir()))


def default_normalizer() -> Normalizer:
    return _NORMALIZER.get()


def default_lexicon() -> Lexicon:
    return default_normalizer().lexicon


def use_normalizer(normalizer: Normalizer) -> None:
    """Make ``normalizer`` and its lexicon the process's defaults (the matcher's own, restored
    from the cache of :mod:`knowledge.cache`, so the lexicon is not read a second time)."""
    _NORMALIZER.use(normalizer)
