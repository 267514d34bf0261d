"""Read a letter like a person: drop the greeting and the sign-off, cut it into sentences, and
tell the sentences that ask from those that tell the situation (``lexicon/letter.yaml``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from knowledge.text import fold_word, has_diacritics, lower, tokens, unify_tones
from knowledge.yamlio import read_yaml

LETTER_FILE = Path(__file__).resolve().parent / "lexicon" / "letter.yaml"

# A sentence ends at . ? ! ; … followed by a space, or at a line break: "1.210.000", "TP.HCM" and
# "ANTD.VN" go on.
_SENTENCE_RE = re.compile(r"(?<=[.?!;…])(?=\s)|(?<=\n)")
_CLAUSE_RE = re.compile(r"(?<=[,:])")  # the end of a clause: after a comma or a colon
_BREAK_RE = re.compile(r"[.?!;…]\s|\n")
_WORD_RE = re.compile(r"[^\W\d_]+")
_GAP_RE = re.compile(r"[ \t]+")  # between two words of one name: spaces, no line break


@dataclass(frozen=True)
class Sentence:
    text: str
    asks: bool


def _folded(text: str) -> str:
    return " ".join(map(fold_word, tokens(lower(text))))


def _accented(text: str) -> str:
    return " ".join(tokens(unify_tones(lower(text))))


@lru_cache(maxsize=65536)
def _accented_word(word: str) -> str:
    """:func:`_accented` of one word, remembered: a letter's names are looked for word by word."""
    return _accented(word)


def _has(folded: str, phrases: re.Pattern[str] | None) -> bool:
    """Whether ``folded`` says one of the phrases of ``phrases`` (:func:`_any_of`)."""
    return phrases is not None and phrases.search(f" {folded} ") is not None


def _any_of(phrases: frozenset[str]) -> re.Pattern[str] | None:
    """One pattern finding any of ``phrases`` said whole, in words padded with spaces: a letter
    is searched once per clause, not once per phrase. None for no phrase."""
    if not phrases:
        return None
    return re.compile("|".join(re.escape(f" {p} ") for p in sorted(phrases)))


@dataclass(frozen=True)
class _Cues:
    """The asking phrases and those that say one yet ask nothing, as :meth:`LetterCues.asks`
    reads them: a pattern finding any asking phrase, a pattern telling whether a clause says a
    phrase that asks nothing, and each of those padded with spaces, in the order they are
    taken out."""

    asking: re.Pattern[str] | None
    not_said: re.Pattern[str] | None
    not_asking: tuple[str, ...]

    @classmethod
    def of(cls, asking: frozenset[str], not_asking: frozenset[str]) -> _Cues:
        return cls(_any_of(asking), _any_of(not_asking), tuple(f" {p} " for p in not_asking))


@dataclass(frozen=True)
class LetterCues:
    greetings: frozenset[str]
    signoffs: frozenset[str]
    asking: frozenset[str]
    asking_accented: frozenset[str] = frozenset()  # the same, as written: "hỏi" is not "hội"
    not_asking: frozenset[str] = frozenset()  # folded like an asking phrase, yet tell: "thu hồi"
    not_asking_accented: frozenset[str] = frozenset()  # the same, as written ("chưa làm gì")
    greeting_words: int = 6
    signoff_words: int = 14
    story_sentences: int = 3  # a letter tells a story apart from its question from this many
    surnames: frozenset[str] = frozenset()  # "nguyễn": before "Văn" or "Thị", a person's name
    middles: frozenset[str] = frozenset()  # "văn", "thị"
    titles: frozenset[str] = frozenset()  # "ông", "bà": before a capitalised word, a name
    not_names: frozenset[str] = frozenset()  # capitalised after a title, yet no name ("Mẹ")
    name_words: int = 4  # a name has at most this many syllables
    title_case: float = 0.75  # a text with this share of capitalised words is in title case

    @classmethod
    def from_file(cls, path: Path = LETTER_FILE) -> LetterCues:
        data = read_yaml(path)

        def phrases(key: str) -> frozenset[str]:
            return frozenset(_folded(str(p)) for p in data[key])

        def accented(key: str) -> frozenset[str]:
            return frozenset(_accented(str(p)) for p in data.get(key) or [])

        return cls(
            greetings=phrases("greetings"),
            signoffs=phrases("signoffs"),
            asking=phrases("asking"),
            asking_accented=frozenset(_accented(str(p)) for p in data["asking"]),
            not_asking=phrases("not_asking"),
            not_asking_accented=accented("not_asking"),
            greeting_words=int(data["greeting_words"]),
            surnames=accented("surnames"),
            middles=accented("middles"),
            titles=accented("titles"),
            not_names=accented("not_names"),
            signoff_words=int(data["signoff_words"]),
            story_sentences=int(data["story_sentences"]),
        )

    @cached_property
    def _signoffs(self) -> re.Pattern[str] | None:
        return _any_of(self.signoffs)

    @cached_property
    def _folded_cues(self) -> _Cues:
        """What :meth:`_asks` reads in a sentence typed without diacritics (:class:`_Cues`)."""
        return _Cues.of(self.asking, self.not_asking)

    @cached_property
    def _accented_cues(self) -> _Cues:
        """What :meth:`_asks` reads in a sentence typed with diacritics (:class:`_Cues`)."""
        return _Cues.of(self.asking_accented, self.not_asking_accented)

    def _greeting(self, folded: str) -> bool:
        words = folded.split()
        return 0 < len(words) <= self.greeting_words and any(
            folded == g or folded.startswith(g + " ") for g in self.greetings
        )

    @staticmethod
    def several(text: str) -> bool:
        """Whether the text may hold more than one sentence (most questions do not)."""
        return _BREAK_RE.search(text.strip()) is not None

    def _preamble(self, clause: str) -> bool:
        return clause.rstrip().endswith(":") and len(_folded(clause).split()) <= self.greeting_words

    def asks(self, sentence: str) -> bool:
        """Whether a clause of the sentence says an asking phrase: by its accented words when
        typed with diacritics ("xã hội", "lễ hội" do not say "hỏi"), else by its folded words,
        less the phrases that say one yet ask nothing (``not_asking``: "thu hoi" is "thu hồi",
        "chưa làm thủ tục gì cả" tells). A phrase does not run across a comma: "không nói
        được, không tự ăn" asks nothing."""
        accented = has_diacritics(sentence)
        cues = self._accented_cues if accented else self._folded_cues
        asking, not_said, not_asking = cues.asking, cues.not_said, cues.not_asking
        for clause in _CLAUSE_RE.split(sentence):
            words = f" {_accented(clause) if accented else _folded(clause)} "
            if not_said is not None and not_said.search(words):
                for padded in not_asking:
                    if padded in words:
                        words = words.replace(padded, " | ")
            if _has(words.strip(), asking):
                return True
        return False

    def without_names(self, text: str) -> str:
        """The text without the names of people it tells about ("bà Dương Thị Hồng Hạnh", "Ông
        Lực hỏi"): a name is no word of any procedure, and its syllables weigh as rare words
        would. A name is a surname, "Văn" or "Thị" and capitalised syllables, or the
        capitalised syllables after a title ("ông", "bà", "anh", "bạn"). A text in title case
        ("Cho Em Hỏi Thủ Tục") is left as it is: there capitals tell nothing."""
        if text[1:].islower():  # no capital past the first letter: no name (most questions)
            return text
        words = list(_WORD_RE.finditer(text))
        said = [w.group() for w in words]
        caps = [w[0].isupper() for w in said]
        if not words or sum(caps) >= self.title_case * len(words):
            return text
        low = list(map(_accented_word, said))

        def run(start: int) -> int:
            """The end of the capitalised syllables from ``start``, one name at most."""
            end = start
            while (
                end < len(words)
                and end - start < self.name_words
                and caps[end]
                and (
                    end == start
                    or _GAP_RE.fullmatch(text, words[end - 1].end(), words[end].start())
                )
            ):
                end += 1
            return end

        drop: list[tuple[int, int]] = []
        i = 0
        while i < len(words):
            end = i
            if (
                caps[i]
                and low[i] in self.surnames
                and i + 2 < len(words)
                and low[i + 1] in self.middles
            ):
                end = run(i)
                end = end if end >= i + 3 else i
            elif (
                low[i] in self.titles
                and i + 1 < len(words)
                and low[i + 1] not in self.not_names
                and _GAP_RE.fullmatch(text, words[i].end(), words[i + 1].start())
                and run(i + 1) > i + 1
            ):
                i, end = i + 1, run(i + 1)  # the title stays: "ông" says who
            if end > i:
                drop.append((words[i].start(), words[end - 1].end()))
                i = end
            else:
                i += 1
        if not drop:
            return text
        kept, last = [], 0
        for start, end in drop:
            kept.append(text[last:start])
            last = end
        kept.append(text[last:])
        return "".join(kept)

    def read(self, text: str) -> list[Sentence]:
        """The letter's sentences, greeting and sign-off dropped, each marked asking or not."""
        out: list[Sentence] = []
        for raw in _SENTENCE_RE.split(text):
            clauses = [c for c in _CLAUSE_RE.split(raw) if c.strip()]
            # "Kính chào luật sư, tôi…": the greeting is the sentence's first clause; so is a
            # short preamble before a colon ("Bạn đọc hỏi:").
            if clauses and (self._greeting(_folded(clauses[0])) or self._preamble(clauses[0])):
                clauses = clauses[1:]
            sentence = "".join(clauses).strip()
            folded = _folded(sentence)
            if not folded or self._greeting(folded):
                continue
            if len(folded.split()) <= self.signoff_words and _has(folded, self._signoffs):
                continue
            asks = sentence.rstrip().endswith("?") or self.asks(sentence)
            out.append(Sentence(sentence, asks))
        return out


@lru_cache(maxsize=1)
def default_cues() -> LetterCues:
    return LetterCues.from_file()
