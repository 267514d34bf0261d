"""Life situations that lead to procedures (``lexicon/situations.yaml``), sibling procedures
letters confuse (``lexicon/siblings.yaml``) and the domestic procedures a foreign element rules
out (``lexicon/foreign.yaml``)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from knowledge.negation import Negation, clauses, default_negation
from knowledge.normalize import (
    LEXICON_DIR,
    Normalizer,
    PhraseTable,
    Token,
    _add_tokens,
    _spans,
    spelt_short,
)
from knowledge.text import fold, fold_word, has_diacritics, key, lower, tokens, unify_tones
from knowledge.yamlio import read_yaml

NEAR = 5  # the words that may come between the parts of a phrase written "sổ … mất"

Said = tuple[tuple[str, ...], ...]  # a phrase's parts, each its folded words


def said_phrase(phrase: str) -> Said:
    """A lexicon phrase as :func:`says` looks for it: "sổ … không còn" → its two parts."""
    return tuple(tuple(key(part).split()) for part in phrase.split("…") if key(part))


@lru_cache(maxsize=4096)
def said_words(phrase: Said) -> frozenset[str]:
    """The folded words a text must hold to say ``phrase`` (:func:`says`): many phrases are
    looked for in one text, and most of them lack a word of it."""
    return frozenset(word for part in phrase for word in part)


def positions(words: Sequence[str]) -> dict[str, list[int]]:
    """Where each of ``words`` stands: :func:`says` tries a part only where its first word does."""
    where: dict[str, list[int]] = {word: [] for word in words}  # in order of first saying
    for i, word in enumerate(words):
        where[word].append(i)
    return where


class Worded:
    """A text's folded words and where each stands (:func:`positions`), its clauses' words as
    typed and its words folded and as typed (:func:`typed_words`), each read when a rule first
    asks: the rules read on one text share them (:meth:`Preference.states`,
    :meth:`Situations.events`)."""

    __slots__ = ("_clauses", "_denied", "_read", "_typed", "_words", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._words: list[str] | None = None
        self._read: tuple[list[str], dict[str, list[int]]] | None = None
        self._denied: frozenset[int] | None = None
        self._clauses: list[list[str]] | None = None
        self._typed: list[Word] | None = None

    @property
    def clauses(self) -> list[list[str]]:
        """The words of each of its clauses as typed (``knowledge/negation.py``)."""
        if self._clauses is None:
            self._clauses = clauses(self.text)
        return self._clauses

    @property
    def typed(self) -> list[Word]:
        """:func:`typed_words` of the text, read from its clauses: a clause ends on marks no
        word holds, so the clauses' words in turn are the text's."""
        if self._typed is None:
            self._typed = [_typed_word(w) for part in self.clauses for w in part]
        return self._typed

    @property
    def denied(self) -> frozenset[int]:
        """The positions of its words a negation denies, read clause by clause
        (``knowledge/negation.py``)."""
        if self._denied is None:
            parts = self.clauses
            if sum(map(len, parts)) != len(self.words):
                parts = [self.words]
            self._denied = default_negation().denied(parts)
        return self._denied

    @property
    def words(self) -> list[str]:
        """Its folded words (``key``): where each stands is read only when a rule asks
        (:meth:`read`); the life events need only which words it holds."""
        if self._words is None:
            self._words = key(self.text).split()
        return self._words

    def read(self) -> tuple[list[str], dict[str, list[int]]]:
        """Its folded words and where each stands (:func:`positions`)."""
        if self._read is None:
            self._read = (self.words, positions(self.words))
        return self._read


def says(
    words: Sequence[str],
    phrase: Said,
    starts: Mapping[str, Sequence[int]] | None = None,
    denied: AbstractSet[int] = frozenset(),
) -> bool:
    """Whether folded ``words`` say ``phrase``: its parts in order, each beginning at most
    :data:`NEAR` words after the one before ends ("sổ cũng bị lũ cuốn mất" says "sổ … mất").
    ``starts``: :func:`positions` of ``words``, when several phrases are looked for in one
    text. A part that begins on a ``denied`` position (``knowledge/negation.py``) is not said:
    "sổ hộ tịch không bị mất" does not say "sổ … mất"."""
    where = positions(words) if starts is None else starts

    def from_(start: int, parts: Said, limit: int) -> bool:
        if not parts:
            return True
        part, size = parts[0], len(parts[0])
        last = min(len(words) - size, limit)
        return any(
            start <= i <= last
            and tuple(words[i : i + size]) == part
            and i not in denied
            and from_(i + size, parts[1:], i + size + NEAR)
            for i in where.get(part[0], ())
        )

    return bool(phrase) and from_(0, phrase, len(words))


Word = tuple[str, str | None]  # a word folded, and as typed when typed with diacritics


def typed_phrase(phrase: str) -> Said:
    """A lexicon phrase as :func:`tells` looks for it: its parts, each its words with their
    diacritics ("hàng xóm … lấn sang")."""
    parts = (tuple(tokens(unify_tones(lower(part)))) for part in phrase.split("…"))
    return tuple(part for part in parts if part)


@lru_cache(maxsize=1 << 16)
def _typed_word(word: str) -> Word:
    """One word folded and, when typed with diacritics, as typed: remembered, as a letter's
    words are few whatever its length."""
    return (fold(word), word if has_diacritics(word) else None)


def typed_words(text: str) -> list[Word]:
    """The words of a text, each folded and, when typed with diacritics, as typed."""
    return [_typed_word(w) for w in tokens(unify_tones(lower(text)))]


def word_starts(
    words: Sequence[Word], among: AbstractSet[str] | None = None
) -> dict[str, list[int]]:
    """Where each folded word of ``words`` stands (each of ``among`` only, when given):
    :func:`tells` tries a part only there."""
    starts: dict[str, list[int]] = {}
    for i, (folded, _) in enumerate(words):
        if among is None or folded in among:
            starts.setdefault(folded, []).append(i)
    return starts


def tells(
    words: Sequence[Word],
    phrase: Said,
    near: int = NEAR,
    starts: Mapping[str, Sequence[int]] | None = None,
    negations: Sequence[tuple[str, ...]] = (),
    denied: AbstractSet[int] | None = None,
) -> bool:
    """Whether ``words`` say ``phrase`` as :func:`says` reads it, its parts at most ``near``
    words apart, a word typed with diacritics only as the phrase spells it: "lần sang" is not
    "lấn sang", "lan sang" may be. ``starts``: :func:`word_starts` of ``words``, when several
    phrases are looked for in one text. A part said right after one of ``negations`` (folded
    words) is denied, not told: "sổ đỏ không bị mất" does not say "sổ đỏ … bị mất", "chưa có
    giấy xác nhận" does not say "có giấy xác nhận". ``denied``: the positions a negation denies,
    read by :class:`knowledge.negation.Negation` (then ``negations`` is not read)."""
    where = word_starts(words) if starts is None else starts
    if denied is None:
        folded = [w[0] for w in words]
        denied = Negation(negations=tuple(negations)).denied([folded]) if negations else set()

    def same(word: Word, want: str) -> bool:
        return word[1] == want if word[1] is not None else word[0] == fold_word(want)

    def from_(start: int, parts: Said, limit: int) -> bool:
        if not parts:
            return True
        part, size = parts[0], len(parts[0])
        last = min(len(words) - size, limit)
        return any(
            start <= i <= last
            and all(same(words[i + j], want) for j, want in enumerate(part))
            and i not in denied
            and from_(i + size, parts[1:], i + size + near)
            for i in where.get(fold_word(part[0]), ())
        )

    return bool(phrase) and from_(0, phrase, len(words))


@dataclass(frozen=True)
class Event:
    """A life event a text may tell anywhere (``told`` in ``lexicon/situations.yaml``): its
    phrase (:func:`typed_phrase`), the folded words it needs, its procedures, and how many
    words may come between its parts (a person named in one sentence, what befell them in the
    next: "ông tôi là thương binh… nay ông mới mất")."""

    phrase: Said
    needed: frozenset[str]
    offer: tuple[str, ...]
    near: int = NEAR


def _anchor(events: Sequence[Event]) -> dict[str, tuple[int, ...]]:
    """Each event's index under the word it needs that fewest events need."""
    uses = Counter(word for event in events for word in event.needed)
    anchored: dict[str, list[int]] = {}
    for i, event in enumerate(events):
        if event.needed:
            word = min(event.needed, key=lambda w: (uses[w], w))
            anchored.setdefault(word, []).append(i)
    return {word: tuple(indexes) for word, indexes in anchored.items()}


@dataclass(frozen=True)
class Preference:
    """A sibling answered before others when a message leaves the choice open: when the message
    says one of ``when`` (if any are listed), unless it says one of ``unless`` (phrases read as
    :func:`said_phrase` reads them)."""

    over: frozenset[str]
    unless: tuple[Said, ...] = ()
    when: tuple[Said, ...] = ()

    def holds(self, text: str) -> bool:
        """Whether the rule holds of ``text``, its short forms spelt out ("gks" is read "giấy
        khai sinh")."""
        worded = Worded(spelt_short(text))
        return self.states(*worded.read(), worded.denied)

    def states(
        self,
        words: Sequence[str],
        starts: Mapping[str, Sequence[int]],
        denied: AbstractSet[int] | None = None,
    ) -> bool:
        """:meth:`holds` of a text's folded ``words``, their :func:`positions` and the
        positions a negation denies (``Worded.denied``; read from ``words`` when not given):
        "xã vẫn còn sổ hộ tịch" says no register lost."""
        if denied is None:
            denied = default_negation().denied([words])
        if self.when and not any(says(words, p, starts, denied) for p in self.when):
            return False
        return not any(says(words, p, starts, denied) for p in self.unless)


@dataclass(frozen=True)
class Situations:
    table: PhraseTable = field(default_factory=PhraseTable)  # payload: tuple of procedure ids
    siblings: Mapping[str, frozenset[str]] = field(default_factory=dict)
    foreign: tuple[str, ...] = ()  # the folded words that say a foreign element, once read
    domestic: Mapping[str, str | None] = field(default_factory=dict)  # -> its foreign sibling
    preferred: Mapping[str, tuple[Preference, ...]] = field(default_factory=dict)  # -> before
    abroad: frozenset[str] = frozenset()  # procedures only a foreign element leads to
    # phrases read on the words as typed (see :func:`says`), each with the procedures it leads to
    said: tuple[tuple[Said, tuple[str, ...]], ...] = ()
    # per procedure: its siblings and the procedures a preference settles with it
    related: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # life events read on the words as typed anywhere in a text, its story included (see
    # :meth:`events`; parts as :func:`typed_phrase` reads them), each with its procedures
    told: tuple[Event, ...] = ()
    # each event under the folded word it needs that fewest events need: the events a text may
    # tell are found from its words
    anchored: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    # what says an event is long past, and the procedures that only follow one at once
    long_ago: tuple[Said, ...] = ()
    recent: frozenset[str] = frozenset()
    # what says a paper is lacking ("không có"), its folded words: see :meth:`only_lacking`
    lacking: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def from_dir(cls, normalizer: Normalizer, directory: Path = LEXICON_DIR) -> Situations:
        table = PhraseTable()
        said: list[tuple[Said, tuple[str, ...]]] = []
        told: list[Event] = []
        lexicon = read_yaml(directory / "situations.yaml")
        past = lexicon.get("long_ago", {})
        for item in lexicon["situations"]:
            offer = tuple(str(pid) for pid in item["offer"])
            for phrase in item.get("phrases", ()):
                toks = normalizer.normalize(str(phrase)).tokens
                _add_tokens(table, [Token(t.folded, t.accented) for t in toks], False, offer)
            said.extend((said_phrase(str(phrase)), offer) for phrase in item.get("said", ()))
            near = int(item.get("near", NEAR))
            for phrase in item.get("told", ()):
                parts = typed_phrase(str(phrase))
                needed = frozenset(fold(w) for part in parts for w in part)
                told.append(Event(parts, needed, offer, near))
        siblings: dict[str, frozenset[str]] = {}
        kin = read_yaml(directory / "siblings.yaml")
        for group in kin["siblings"]:
            for pid in group:
                siblings[str(pid)] = siblings.get(str(pid), frozenset()) | {
                    str(other) for other in group if other != pid
                }
        preferred: dict[str, tuple[Preference, ...]] = {}
        for item in kin.get("preferred", ()):
            rule = Preference(
                frozenset(str(other) for other in item["over"]),
                tuple(said_phrase(str(phrase)) for phrase in item.get("unless", ())),
                tuple(said_phrase(str(phrase)) for phrase in item.get("when", ())),
            )
            answer = str(item["answer"])
            preferred[answer] = (*preferred.get(answer, ()), rule)
        data = read_yaml(directory / "foreign.yaml")
        signal = tuple(t.folded for t in normalizer.normalize(str(data["signal"])).tokens)
        domestic = {
            str(pid): (str(other) if other else None) for pid, other in data["domestic"].items()
        }
        abroad = frozenset(
            {sib for sib in domestic.values() if sib} | {str(pid) for pid in data["abroad"]}
        )
        pairs: dict[str, set[str]] = {pid: set(kin) for pid, kin in siblings.items()}
        for answer, rules in preferred.items():
            for rule in rules:
                pairs.setdefault(answer, set()).update(rule.over)
                for other in rule.over:
                    pairs.setdefault(other, set()).add(answer)
        related = {pid: frozenset(kin) for pid, kin in pairs.items()}
        return cls(
            table,
            siblings,
            signal,
            domestic,
            preferred,
            abroad,
            tuple(said),
            related,
            tuple(told),
            _anchor(told),
            tuple(said_phrase(str(phrase)) for phrase in past.get("phrases", ())),
            frozenset(str(pid) for pid in past.get("recent", ())),
            tuple(tuple(key(str(p)).split()) for p in lexicon.get("lacking", ()) if key(str(p))),
        )

    def timely(self, offer: Sequence[str], text: str) -> list[str]:
        """``offer`` without the procedures that follow an event at once when ``text`` says it
        is long past ("bố tôi mất từ năm 2010": the death's registration, not the linked filing
        of a recent death)."""
        if not self.recent.intersection(offer):
            return list(offer)
        words = key(text).split()
        starts = positions(words)
        if not any(says(words, phrase, starts) for phrase in self.long_ago):
            return list(offer)
        return [pid for pid in offer if pid not in self.recent]

    def only_lacking(self, text: str, words: Sequence[str]) -> bool:
        """Whether every mention of ``words`` (folded) in ``text`` comes right after a phrase
        saying it is lacking ("không có giấy chứng sinh"): the paper is then the circumstance of
        what is asked, not what is asked for."""
        want, size, found = list(words), len(words), False
        for sentence in re.split(r"[.?!;\n]", text):
            folded = key(sentence).split()
            for i in range(len(folded) - size + 1):
                if folded[i : i + size] == want:
                    found = True
                    if not any(tuple(folded[max(0, i - len(p)) : i]) == p for p in self.lacking):
                        return False
        return found

    def foreign_element(self, toks: Sequence[Token]) -> bool:
        """Whether the words of a text, as read, say a party is abroad or of another nationality
        ("lấy chồng người Hàn Quốc", "sinh sống tại Đài Loan")."""
        want = self.foreign
        if not want:
            return False
        folded = [t.folded for t in toks]
        size = len(want)
        return any(
            tuple(folded[i : i + size]) == want for i, word in enumerate(folded) if word == want[0]
        )

    def offered(self, toks: Sequence[Token], typed: str = "") -> tuple[str, ...]:
        """The procedures the situations named by ``toks`` lead to, in order, without repeats;
        then those of the phrases ``typed`` says in the words the reading drops ("không bán
        nữa", "đóng cửa luôn": a negation, an adverb of for good)."""
        out: list[str] = []
        for _, _, entry in _spans(toks, self.table):
            out.extend(pid for pid in entry.payload if pid not in out)  # type: ignore[attr-defined]
        if typed and self.said:
            words = key(typed).split()
            starts = positions(words)
            present = starts.keys()
            needed, anchored, always = self._said_index
            # the phrases whose rarest word the text holds (and any that need no word), in order
            maybe = sorted(
                [*always, *(i for word in present & anchored.keys() for i in anchored[word])]
            )
            for i in maybe:
                phrase, offer = self.said[i]
                if present >= needed[i] and says(words, phrase, starts):
                    out.extend(pid for pid in offer if pid not in out)
        return tuple(out)

    @cached_property
    def _needs(self) -> tuple[frozenset[str], ...]:
        """The folded words each event of ``told`` needs, by its index: read for each event a
        letter's words may tell (:meth:`events`)."""
        return tuple(event.needed for event in self.told)

    @cached_property
    def _said_index(
        self,
    ) -> tuple[tuple[frozenset[str], ...], dict[str, tuple[int, ...]], tuple[int, ...]]:
        """For :meth:`offered`, built once: the words each phrase of ``said`` needs
        (:func:`said_words`), each phrase under the word it needs that fewest phrases need, and
        the phrases that need none. A text says few of them: only those whose word it holds are
        looked for."""
        needed = tuple(said_words(phrase) for phrase, _ in self.said)
        uses = Counter(word for words in needed for word in words)
        anchored: dict[str, list[int]] = {}
        for i, words in enumerate(needed):
            if words:
                anchored.setdefault(min(words, key=lambda w: (uses[w], w)), []).append(i)
        always = tuple(i for i, words in enumerate(needed) if not words)
        return needed, {w: tuple(ids) for w, ids in anchored.items()}, always

    def events(
        self, text: str, naming: Iterable[frozenset[str]] = (), worded: Worded | None = None
    ) -> tuple[str, ...]:
        """The procedures the life events a text tells lead to, in order, without repeats: read
        on its words as typed, anywhere, the story of a letter included ("giấy kết hôn … bị
        thất lạc", "hàng xóm … lấn sang"): what happened says what is needed even when the
        question only asks "tôi phải làm gì". With ``naming`` (the folded words of the
        uncovered topics a text asks about: "nhập học"), only the events whose own words name
        every one of them: "nhập học … hộ khẩu" is a residence confirmation for the school, a
        narrower thing than the enrolment the topic is. ``worded``: the text's words
        (:class:`Worded`), when already read."""
        if not self.told:
            return ()
        worded = Worded(text) if worded is None else worded
        present = frozenset(worded.words)
        anchored, needs = self.anchored, self._needs
        topics = tuple(naming)
        maybe = sorted(
            [
                i
                for word in present & anchored.keys()
                for i in anchored[word]
                if needs[i] <= present and (not topics or all(w <= needs[i] for w in topics))
            ]
        )
        if not maybe:
            return ()
        words = worded.typed
        # where the words these events need stand (the first word of each part is one)
        starts = word_starts(words, frozenset().union(*(self.told[i].needed for i in maybe)))
        # what a negation denies (``knowledge/negation.py``), read clause by clause
        if len(worded.words) == len(words):
            denied = worded.denied
        else:
            denied = default_negation().denied([[w[1] or w[0] for w in words]])
        out: list[str] = []
        for i in maybe:
            event = self.told[i]
            if tells(words, event.phrase, event.near, starts, denied=denied):
                out.extend(pid for pid in event.offer if pid not in out)
        return tuple(out)
