"""What a text says is not so (``lexicon/negation.yaml``): the one reading of negation every
reader of a text shares.

A word said right after a negation ("không", "chưa", "chẳng phải", "không hề"), past its helper
words ("bị"), is denied, not told: "sổ đỏ không bị mất" tells no loss, "chưa bao giờ có sổ"
asks no "when", "sổ bị rách chứ không mất" and "không phải mất mà là hỏng" tell damage, not a
loss. A word said right after one of ``kept`` ("vẫn còn", "còn giữ") names what is still there:
"xã vẫn còn sổ hộ tịch" does not say the register is lost. A negation reaches no further than
its clause: in "có bị mất không, mất thì làm sao" the second "mất" is told.

The readers: the life events a text tells and the conditions of ``siblings.yaml``
(``knowledge/situations.py``) skip a part that begins on a denied word; the matcher drops a
denied ``befallen`` word (a loss or damage to a paper) with its negation
(``knowledge/normalize.py``); the question-word patterns of ``turns.yaml`` read
:meth:`Negation.unsaid` of a text; the answer words (``knowledge/answers.py``) read the word
right after a negation of one word with its denial.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from knowledge.text import fold, fold_word, has_diacritics, lower, tokens, unify_tones
from knowledge.yamlio import read_yaml

NEGATION_FILE = Path(__file__).parent / "lexicon" / "negation.yaml"

# the marks that end a clause; a negation's reach stops there
CLAUSE_RE = re.compile(r"[,.;:!?()\n]+")

Phrase = tuple[str, ...]  # words as spelt, lower case


def spelt(text: str) -> list[str]:
    """The words of a text as typed, lower case, tones placed alike."""
    return tokens(unify_tones(lower(text)))


def clauses(text: str) -> list[list[str]]:
    """The words of each clause of ``text`` as typed (:func:`spelt`); together, as many as the
    words of ``key(text)``."""
    return [words for part in CLAUSE_RE.split(text) if (words := spelt(part))]


@lru_cache(maxsize=1 << 14)
def same(word: str, want: str) -> bool:
    """Whether a word says ``want``: as spelt, or typed without diacritics ("chữa" is not
    "chưa", "chua" may be)."""
    return word == want or (not has_diacritics(word) and fold(word) == fold(want))


def by_first(phrases: Iterable[Phrase]) -> dict[str, tuple[Phrase, ...]]:
    """``phrases`` under their first word folded, each list in the given order: a word that says
    a phrase's first word (:func:`same`) folds as that word does, so a word is tried only
    against the phrases that may begin on it. An empty phrase says nothing."""
    found: dict[str, list[Phrase]] = {}
    for phrase in filter(None, phrases):
        found.setdefault(fold_word(phrase[0]), []).append(phrase)
    return {first: tuple(group) for first, group in found.items()}


def _openings(
    words: Sequence[str], by_word: Mapping[str, tuple[Phrase, ...]]
) -> list[tuple[int, tuple[Phrase, ...]]]:
    """The positions of ``words`` some phrase of ``by_word`` (:func:`by_first`) may begin at,
    in order, each with those phrases: most words of a letter begin none."""
    get = by_word.get
    return [(i, found) for i, word in enumerate(map(fold_word, words)) if (found := get(word))]


def starts_with(words: Sequence[str], i: int, phrase: Phrase) -> bool:
    """Whether ``words`` say ``phrase`` from position ``i``."""
    return len(words) - i >= len(phrase) and all(
        same(words[i + j], want) for j, want in enumerate(phrase)
    )


@dataclass(frozen=True)
class Negation:
    """The words that deny the word after them, those that say it is still there, the helper
    words a negation reaches through, and the words of what befalls a paper that the matcher
    drops once denied."""

    negations: tuple[Phrase, ...] = ()
    never: tuple[Phrase, ...] = ()  # "chưa bao giờ": a negation that holds a question's word
    kept: tuple[Phrase, ...] = ()
    through: frozenset[str] = frozenset()
    befallen: tuple[Phrase, ...] = ()

    @classmethod
    def load(cls, path: Path = NEGATION_FILE) -> Negation:
        data = read_yaml(path) or {}

        def phrases(name: str) -> tuple[Phrase, ...]:
            found = (tuple(spelt(str(p))) for p in data.get(name, ()) or ())
            # longest first: "không phải" is read before "không"
            return tuple(sorted((p for p in found if p), key=len, reverse=True))

        never = phrases("never")
        return cls(
            negations=tuple(sorted({*phrases("negations"), *never}, key=len, reverse=True)),
            never=never,
            kept=phrases("kept"),
            through=frozenset(w for p in phrases("through") for w in p),
            befallen=phrases("befallen"),
        )

    @cached_property
    def _negating(self) -> dict[str, tuple[Phrase, ...]]:
        """``negations`` by their first word (:func:`by_first`), longest first."""
        return by_first(self.negations)

    @cached_property
    def _denying(self) -> dict[str, tuple[Phrase, ...]]:
        """``negations`` then ``kept``, by their first word (:func:`by_first`)."""
        return by_first((*self.negations, *self.kept))

    @cached_property
    def _never(self) -> dict[str, tuple[Phrase, ...]]:
        """``never`` by their first word (:func:`by_first`), longest first."""
        return by_first(self.never)

    @cached_property
    def _through_folded(self) -> frozenset[str]:
        return frozenset(map(fold_word, self.through))

    def _helper(self, word: str) -> bool:
        """Whether ``word`` says one of ``through`` (:func:`same`): as spelt, or typed without
        diacritics as one of them folds."""
        return word in self.through or (
            fold_word(word) in self._through_folded and not has_diacritics(word)
        )

    def _reach(
        self, words: Sequence[str], i: int, openers: Sequence[Phrase]
    ) -> tuple[int, int] | None:
        """Where the first of ``openers`` said from ``i`` ends, and the word it denies (past the
        helper words), or None."""
        for phrase in openers:
            end = i + len(phrase)
            if starts_with(words, i, phrase):
                j = end
                while j < len(words) and self._helper(words[j]):
                    j += 1
                return (end, j) if j < len(words) else None
        return None

    def denied_in(self, words: Sequence[str]) -> set[int]:
        """The positions of one clause's ``words`` (as typed, or folded) that are denied: the
        helper words and the word right after a negation or a ``kept`` phrase."""
        out: set[int] = set()
        for i, openers in _openings(words, self._denying):
            reach = self._reach(words, i, openers)
            if reach is not None:
                out.update(range(reach[0], reach[1] + 1))
        return out

    def denied(self, parts: Iterable[Sequence[str]]) -> frozenset[int]:
        """The denied positions of a text read as its clauses' words (:func:`clauses`),
        counted across the clauses."""
        out: set[int] = set()
        start = 0
        for words in parts:
            out.update(start + i for i in self.denied_in(words))
            start += len(words)
        return frozenset(out)

    def untold(self, words: Sequence[str]) -> list[tuple[int, int]]:
        """The spans of one clause's ``words`` to drop: a negation, its helper words and
        the ``befallen`` phrase it denies ("không bị mất", "chứ không mất")."""
        spans: list[tuple[int, int]] = []
        past = 0  # the end of the span dropped last
        for i, openers in _openings(words, self._negating):
            if i < past:
                continue
            reach = self._reach(words, i, openers)
            if reach is not None:
                at = reach[1]
                size = next((len(p) for p in self.befallen if starts_with(words, at, p)), 0)
                if size:
                    spans.append((i, at + size))
                    past = at + size
        return spans

    def unsaid(self, text: str) -> str:
        """``key(text)`` without the ways of saying "never" (``never``): what a question-word
        pattern reads ("chưa bao giờ có sổ", "không khi nào" ask no "when"). Only these are
        taken out: "có được không bao lâu thì có" asks how long."""
        out: list[str] = []
        get = self._never.get
        for words in clauses(text):
            i = 0
            while i < len(words):
                word = fold_word(words[i])
                phrases = get(word, ())
                size = next((len(p) for p in phrases if starts_with(words, i, p)), 0)
                if size:
                    i += size
                    continue
                out.append(word)
                i += 1
        return " ".join(out)


@lru_cache(maxsize=1)
def default_negation() -> Negation:
    return Negation.load()
