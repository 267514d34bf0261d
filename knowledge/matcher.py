"""Match a citizen's question to a procedure: ``answer``, ``clarify`` or ``unmet``.

Score of a procedure = the best of its phrases, where a phrase scores by the geometric mean of
*recall* (how much of the phrase's weight the question covers: it names the procedure) and
*precision* (how much of the question's weight is explained — mostly by the procedure's whole
vocabulary, a little by the phrase itself). Words of the question that the knowledge base has never
seen keep a weight of their own, so "đăng ký doanh nghiệp" is not explained by "đăng ký hộ kinh
doanh". Then the penalties, each a share of the score kept:

- *what it is about*: a procedure's core is the words several of its phrases share ("bằng lái",
  "thế chấp"), not the words of one situation ("ví" in "bị trộm ví mất bằng lái") nor those of
  every procedure ("đăng ký", "giấy"). A question that shares a phrase's situation but hardly
  names the core ("mất ví") is not about that procedure: the matcher does not fill in the object;
- *uncovered topics* (``lexicon/uncovered.yaml``: "visa", "con nuôi"): a question naming one
  scores low against every procedure it does not name in full and mostly by core words, unless
  one of the procedure's own phrases names the topic too ("lý lịch tư pháp xin visa");
- *telling words* (``lexicon/markers.yaml``: "cấp lại", "xóa", "hỏng"; "mất" where nothing else
  tells), both ways: a phrase carrying one matches a question saying none of them weakly ("làm
  căn cước cho con 16 tuổi" is the first issue, not "mất căn cước"), unless the question only
  names what its best candidates share ("căn cước"), when all are offered; and a question saying
  one that no phrase of a procedure says is not about it ("cấp lại giấy phép bán lẻ thuốc lá" is
  not the first licence, which is all the knowledge base has).

A syllable typed with another tone than a phrase gives it earns little from that phrase
(``off_tone``: "giá vàng" is not "báo tạm vắng"), unless the pair around it matches too.

Query words weigh by rarity in the knowledge base, except person words, numbers and unaccented
function words (light), what the citizen already has or did ("đã có giấy khai sinh": context),
and the story a letter tells around its question (``lexicon/letter.yaml``).

Then, per procedure: a life event told anywhere, or else a life situation named in a short
question, leads to its procedures (``lexicon/situations.yaml``); a foreign element said anywhere
turns the domestic procedure of a pair into its foreign sibling (``lexicon/foreign.yaml``); the
decision answers a clear leader, offers a letter's clear leader even with a low score, and the
best of a letter that asks a part of it (where, what fee) by its core words
(``_asks_its_part``), asks about close siblings (``lexicon/siblings.yaml``) and gives up when
nothing fits. Beside the phrases, the whole text of each procedure (``knowledge/body.py``) orders
the two best when they score close (``_tell_apart``), and a letter's weak best whose whole text
reads best of all is offered (``_reads_best``). ``match`` is the pipeline: ``read`` the
question, ``_score_phrases`` (through ``PHRASE_STEPS``), ``_procedure_scores``, ``_tell_apart``,
``_offer_events``, ``_offer_situations``, ``_rule_out_domestic``, ``_rule_out_abroad``,
``_decide``.
"""

from __future__ import annotations

import heapq
import itertools
import math
import operator
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache, lru_cache
from typing import NamedTuple

from knowledge.body import BodyIndex, BodyWeights
from knowledge.index import TOPIC, Feature, PhraseIndex, features, is_light, topic_features
from knowledge.normalize import (
    BAND_WORDS,
    Aspect,
    Normalized,
    Normalizer,
    Token,
    default_normalizer,
)
from knowledge.schema import Procedure
from knowledge.situations import Situations, Worded
from knowledge.spelling import repair
from knowledge.text import fold, has_diacritics, lower, tokens, tone

# the words a paper's name begins with ("giấy khai sinh", "sổ đỏ", "thẻ bảo hiểm"), and the
# words after them that name papers in general ("giấy tờ")
PAPER_HEADS = frozenset({"giay", "so", "bang", "the", "ban"})
GENERIC_PAPERS = frozenset({"to", "va", "cua", "cho"})
_NOT_NAMING = PAPER_HEADS | GENERIC_PAPERS  # words after a paper's head that name no paper
CODE_RE = re.compile(r"(?<![\d.])(\d\.\d{6})(?![\d])")


def word_pairs(folded: Sequence[str]) -> list[Feature]:
    """The pairs of adjacent words of a text ("khai_sinh"), the ``i``-th starting at word ``i``:
    built once per question and shared by the steps that read pairs."""
    return [f"{a}_{b}" for a, b in itertools.pairwise(folded)]


def _context_features(
    folded: Sequence[str], in_context: Sequence[bool], pairs: Sequence[Feature] | None = None
) -> set[Feature]:
    """Features found only among the words of context (a pair: both of its words). ``pairs``:
    the text's ``word_pairs``, when already built."""
    if not any(in_context):
        return set()  # most questions: nothing is context
    if pairs is None:
        pairs = word_pairs(folded)
    ctx = {tok for tok, flag in zip(folded, in_context, strict=True) if flag}
    main = {tok for tok, flag in zip(folded, in_context, strict=True) if not flag}
    both = [a and b for a, b in itertools.pairwise(in_context)]
    ctx.update(pair for pair, flag in zip(pairs, both, strict=True) if flag)
    main.update(pair for pair, flag in zip(pairs, both, strict=True) if not flag)
    return ctx - main


class Outcome(StrEnum):
    ANSWER = "answer"
    CLARIFY = "clarify"
    UNMET = "unmet"


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    score: float
    phrase: str
    coverage: float = 1.0  # share of the query's weight the procedure's vocabulary explains


@dataclass(frozen=True)
class MatchResult:
    query: str
    outcome: Outcome
    aspect: Aspect | None
    candidates: tuple[Candidate, ...]
    normalized: str = ""
    topics: tuple[str, ...] = ()  # uncovered topics named ("li_hon"), those asked about first
    unrelated: bool = False  # given up on a text that names nothing the knowledge base knows

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None

    def to_json(self, top: int = 5) -> dict[str, object]:
        return {
            "query": self.query,
            "outcome": self.outcome.value,
            "aspect": self.aspect.value if self.aspect else None,
            "results": [
                {"id": c.id, "name": c.name, "score": round(c.score, 4)}
                for c in self.candidates[:top]
            ],
        }


@dataclass(frozen=True)
class MatchConfig:
    answer_min: float = 0.55  # a confident answer needs at least this score...
    margin: float = 0.12  # ...and this lead over the runner-up
    unmet_below: float = 0.44  # below this nothing is offered...
    lead_min: float = 0.36  # ...unless the best scores at least this, leads the runner-up by
    lead_ratio: float = 1.3  # this factor, its vocabulary explains this share of the question
    lead_coverage: float = 0.5  # and the question names no uncovered topic: then it is offered
    clarify_band: float = 0.15  # candidates within this distance of the best are offered
    unknown_weight: float = 1.0  # weight of a query syllable the knowledge base never uses
    unknown_pair_weight: float = 0.6  # weight of an unseen pair of known syllables
    topic_weight: float = 2.2  # weight of a topic the knowledge base does not cover ("visa")...
    topic_penalty: float = 0.5  # ...and the share of its score a procedure not about it keeps,
    full_recall: float = 0.8  # unless the question names the procedure in full (and by its core)
    marker_penalty: float = 0.6  # share kept by a phrase none of whose telling words is asked
    min_recall: float = 0.3  # a question covering less of every phrase of a procedure weighs less
    context_share: float = 0.3  # weight kept by what the citizen already has or did
    told_share: float = 0.35  # weight kept by the words of a letter's sentences that only tell
    told_min_ask: float = 2.0  # ...when its asking sentences weigh at least this themselves
    letter_min: float = 0.27  # a letter's best is offered from this score...
    letter_ratio: float = 1.3  # ...when it leads the runner-up by this factor
    far_letter_min: float = 0.18  # ...or from this score when it leads the runner-up by...
    far_letter_ratio: float = 1.5  # ...this factor: a long story lowers every score, not the lead
    faint_letter_min: float = 0.1  # ...or from this score when it leads the runner-up by this
    faint_letter_ratio: float = 2.0  # factor and the letter names its core by a pair of words
    alone_min: float = 0.25  # a letter's best from this score is looked up by its asking part
    part_min: float = 0.3  # a letter's best from this score is offered when it asks a part of
    # it and names its core in what it asks, naming no uncovered topic (``_asks_its_part``)
    long_words: int = 10  # a message of at least this many words that asks no uncovered topic...
    long_min: float = 0.33  # ...has its best offered from this score...
    long_ratio: float = 1.3  # ...when it leads the runner-up by this factor
    wide_min: float = 0.3  # ...or from this score when it leads the runner-up by...
    wide_ratio: float = 2.0  # ...this factor: far ahead of every other procedure
    situation_score: float = 0.5  # a procedure a named life situation leads to scores this...
    situation_step: float = 0.01  # ...less this for each procedure offered before it
    situation_max_words: int = 16  # in a question (or a letter's asking part) of at most this
    said_max_words: int = 40  # ...or this for a situation said in parts ("không … nữa")
    event_score: float = 0.45  # a procedure a life event told anywhere leads to scores this
    purpose_words: int = 4  # an uncovered topic this many words after "để" is a purpose
    sibling_share: float = 0.45  # a sibling scoring this share of the best is asked about
    foreign_penalty: float = 0.5  # share kept by a domestic procedure when a text is foreign,
    foreign_near: float = 0.5  # looked for when one scores at least this share of the best
    alone_penalty: float = 0.25  # ...or this when the knowledge base lacks its foreign sibling
    foreign_inherit: float = 1.0  # a foreign sibling scores at least this share of its domestic's
    abroad_penalty: float = 0.5  # share kept by a procedure only a foreign element leads to
    age_penalty: float = 0.5  # share kept by a procedure whose name's age rule the age said fails
    age_share: float = 1.0  # an age weighs at most this share of what else the question names
    unrelated_below: float = 0.12  # given up with a best below this: not about any procedure
    phrase_precision_share: float = 0.1  # of the query explained: by the phrase vs the procedure
    mistoned_credit: float = 0.25  # credit of a syllable typed with a tone the KB never uses
    accent_share: float = 0.08  # re-ranking by exact accented syllables when the query has them
    max_postings: int = 80  # read at most this head of a feature's (lightest-first) postings
    max_phrases: int = 30  # phrases fully scored per query
    cache_size: int = 1024  # results kept for texts asked again (a turn rerun, a repeated question)
    max_features: int = 12  # the question's heaviest features that look phrases up
    repeat_boost: float = 2.0  # ...a pair said more than once counting this many times its weight
    core_min: int = 2  # a procedure's core: words of at least this many of its phrases...
    core_max_df: float = 0.2  # ...and of at most this share of all procedures
    object_share: float = 0.3  # a question naming less of the core than this share of the
    object_recall: float = 0.8  # content it shares with a phrase, and less of the phrase...
    object_penalty: float = 0.6  # ...keeps this share
    named_share: float = 0.5  # a topic is outweighed when this share of the phrase matched is core
    unsaid_penalty: float = 0.6  # share kept when the question says a telling word it never says
    stated_near: float = 0.6  # a procedure whose telling condition a text states, scoring this
    stated_penalty: float = 0.5  # share of the best sibling it is told from, takes that score and
    # the siblings keep this share of theirs, when the better of the two scores at least
    stated_min: float = 0.36  # this: a text so weakly about both says nothing of either
    # the whole text of each procedure (``knowledge/body.py``), read against a long message:
    body_band: float = 0.6  # a runner-up scoring this share of the best, whose text says...
    body_margin: float = 12.0  # ...this much more of the message than the best's, takes its place
    body_told: float = 0.35  # weight of the words only a letter's story says, read whole
    body_words: int = 16  # a message of this many words, or a letter, has its two best reordered
    agreed_min: float = 0.15  # a letter's best that reads best of all is offered from this...
    agreed_ratio: float = 1.05  # ...when it leads the runner-up by this factor
    body_named: float = 2.0  # weight of a name, short name or alias in the whole text...
    body_asked: float = 2.0  # ...of a question variant of its ``faq``
    body_text: float = 1.0  # ...and of the rest of what it says
    body_features: int = 24  # a message's rarest features read against the whole text
    body_postings: int = 24  # procedures read per feature, those it adds most to first


@dataclass(frozen=True)
class Query:
    """A question read for scoring."""

    shown: str  # the normalised question, topics included
    weights: Mapping[Feature, float]  # what each feature of the question weighs
    credit: Mapping[Feature, float]  # what a phrase having it earns
    total: float  # sum of the weights
    topics: frozenset[Feature]  # uncovered topics named ("visa")
    asked: frozenset[Feature]  # credited features outside what the citizen already has or did
    said: frozenset[Feature]  # telling words asked for ("cấp lại")
    said_any: frozenset[Feature]  # telling words said anywhere, with their synonyms
    accented: frozenset[str]  # the question's syllables typed with diacritics
    typed_tones: Mapping[str, str] = field(default_factory=dict)  # folded -> tone as typed
    letter: bool = False  # a letter whose sentences that tell are told apart from those that ask
    named_topic: bool = False  # an uncovered topic is named, if only in the story of a letter
    told: frozenset[Feature] = frozenset()  # the features only a letter's story says
    repeated: frozenset[Feature] = frozenset()  # pairs said more than once ("kết hôn" twice)
    # telling words said only right before a paper, each with the words naming that paper
    # ("mất giấy khai sinh": "mất" → khai, sinh)
    tied: Mapping[Feature, frozenset[Feature]] = field(default_factory=dict)


class PhraseHit(NamedTuple):
    """One phrase meeting the question (a named tuple: one is made per phrase scored, and a
    frozen dataclass costs several times as much to make)."""

    index: int  # type: ignore[assignment]  # of the phrase in the index (not tuple.index)
    procedure_id: str
    hits: frozenset[Feature]  # the question's credited features the phrase has
    matched: float  # their credit
    recall: float  # share of the phrase's weight the question covers
    named: float  # credit of the question naming the procedure's core


@dataclass
class Tally:
    """Per procedure, while phrases are scored."""

    best: dict[str, tuple[float, float, str]] = field(default_factory=dict)  # score, bag, phrase
    told: dict[str, float] = field(default_factory=dict)  # best with untold phrases lowered
    bags: dict[str, float] = field(default_factory=dict)  # share of the question its words explain
    named: dict[str, float] = field(default_factory=dict)  # credit of the question naming its core
    recall: dict[str, float] = field(default_factory=dict)  # of its best phrase


# -- scoring steps: each returns the share of a score kept (1.0: no change) -------------------


def short_recall(m: Matcher, q: Query, hit: PhraseHit) -> float:
    """A word or two of a long name: hardly this procedure."""
    floor = m.config.min_recall
    return hit.recall / floor if hit.recall < floor else 1.0


def unnamed_object(m: Matcher, q: Query, hit: PhraseHit) -> float:
    """The question shares the words of a situation with one phrase ("mất ví" and "bị trộm ví
    mất bằng lái") but hardly names what the procedure is about; or shares no content word but
    an age ("17 tuổi … đăng ký" with "đủ 17 tuổi đăng ký nghĩa vụ quân sự": a boy of 17 drawn
    into drugs is not about military service)."""
    cfg = m.config
    if hit.recall >= cfg.object_recall:
        return 1.0
    contentful = hit.hits & m._contentful
    if hit.named < cfg.object_share * math.fsum(map(q.credit.__getitem__, contentful)):
        return cfg.object_penalty
    if contentful and all(_says_age(f) for f in contentful):
        return cfg.object_penalty  # the age is all it names
    return 1.0


def other_topic(m: Matcher, q: Query, hit: PhraseHit) -> float:
    """The question names a topic this procedure is not about. Unless it is this very phrase,
    topic and all (an alias learned from such a question), or it names the procedure in full and
    by its core ("chấm dứt hộ kinh doanh có cần quyết toán thuế" keeps it; "bán xe" does not
    outweigh "thu hồi biển số"), or names its core and the procedure is one whose phrases name
    the topic too ("lý lịch tư pháp xin visa")."""
    cfg, topics = m.config, q.topics
    if not topics:
        return 1.0
    phrase = m.index.phrases[hit.index]
    if hit.recall >= cfg.full_recall and topics <= phrase.features:
        return 1.0
    if hit.named >= cfg.named_share * hit.matched and (
        hit.recall >= cfg.full_recall or topics <= m._bags.get(hit.procedure_id, frozenset())
    ):
        return 1.0
    return cfg.topic_penalty


def untold(m: Matcher, q: Query, hit: PhraseHit) -> float:
    """A phrase carrying a telling word the question does not say: "hủy giấy phép kinh doanh" is
    not "làm giấy phép…". Applied to the procedure's second score (see ``_offer_all``). A
    telling word the question says only of another paper, named right after it, is not said
    of this phrase's: "thất lạc giấy khai sinh, giờ làm căn cước" loses no identity card."""
    marks = m._marks[hit.index]
    if not marks:
        return 1.0
    said = marks & q.said_any
    if not said:
        return m.config.marker_penalty
    if q.tied and all(mark in q.tied for mark in said):
        papers = frozenset().union(*(q.tied[mark] for mark in said))
        if papers.isdisjoint(m.index.phrases[hit.index].features):
            return m.config.marker_penalty
    return 1.0


def tied_markers(
    folded: Sequence[str], said: AbstractSet[str], pairs: Sequence[Feature] | None = None
) -> dict[Feature, frozenset[str]]:
    """The telling words ``said`` whose every saying comes right before a paper ("mất giấy khai
    sinh", "cấp lại thẻ bảo hiểm"), each with the words that name that paper; a word said once
    on its own ("mất ví") or before papers in general ("mất giấy tờ") is not tied. ``pairs``:
    the text's ``word_pairs``, when already built."""
    tied: dict[Feature, set[str]] = {}
    free: set[str] = set()
    if not said:
        return {}
    if pairs is None:
        pairs = word_pairs(folded)
    last = len(folded) - 1
    for i, word in enumerate(folded):
        for size in (1, 2):
            if size == 1:
                feat = word
            elif i < last:
                feat = pairs[i]
            else:
                continue  # no pair starts at the last word
            if feat not in said:
                continue
            head = i + size
            named = folded[head + 1 : head + 3]
            if (
                head < len(folded)
                and folded[head] in PAPER_HEADS
                and named
                and named[0] not in _NOT_NAMING
            ):
                tied.setdefault(feat, set()).update(named)
                continue
            free.add(feat)
    return {feat: frozenset(words) for feat, words in tied.items() if feat not in free}


def off_tone(m: Matcher, q: Query, index: int, hits: AbstractSet[Feature]) -> float:
    """The credit a phrase does not earn for a syllable the question types with another tone
    than the phrase gives it ("vàng" is not the "vắng" of "báo tạm vắng", though "biển vàng"
    makes "vàng" a known spelling), unless the syllable is met within a pair the phrase has
    too ("khai tủ" is "khai tử" mistyped)."""
    if not q.typed_tones:
        return 0.0
    typed = q.typed_tones
    # by the phrase's hits, not the question's syllables: a letter types hundreds; the hits the
    # question types with a tone at all are found in one intersection (most phrases: none)
    toned = typed.keys() & hits
    if not toned:
        return 0.0
    tones = m._tones[index]
    off = {f for f in toned if f in tones and tones[f] != typed[f]}
    if not off:
        return 0.0
    paired = {part for f in hits if "_" in f for part in f.split("_")}
    off -= paired
    keep = 1 - m.config.mistoned_credit
    return math.fsum(q.credit[f] * keep for f in off)


def accent_agreement(
    m: Matcher, q: Query, procedure_id: str, known: AbstractSet[str] | None = None
) -> float:
    """Re-ranking by the share of the question's accented syllables the procedure uses.
    ``known``: those of them some procedure uses (``PhraseIndex.accented_all``), when already
    found: a letter types many the knowledge base never does, and they agree with none."""
    cfg = m.config
    vocab = m.index.accented_vocab.get(procedure_id, frozenset())
    agree = len((q.accented if known is None else known) & vocab) / len(q.accented)
    return 1 - cfg.accent_share + cfg.accent_share * agree


_AGE_SAID = re.compile(r"\b(\d{1,3})\s*tuoi\b")
_AGE_RULE = re.compile(r"\b(duoi|tu du|tu|tren)\s+(\d{1,3})\s*tuoi\b")


@lru_cache(maxsize=1 << 16)
def _says_age(feature: Feature) -> bool:
    """A feature of an age ("17_tuoi", "du_14", "tu_du"): who asks, not what is asked for.
    Remembered: a phrase's words are asked about again for every question that meets it."""
    parts = feature.split("_")
    return "tuoi" in parts or all(p.isdigit() or p in BAND_WORDS for p in parts)


@lru_cache(maxsize=1 << 16)
def _age_word(feature: Feature) -> bool:
    """A feature that only says an age: "tuổi", a number, "18_tuoi", "du_18", "tu_du", or a band
    word ("du", "tu"; see ``weigh_age`` for when that one is an age). Remembered: a letter's
    hundreds of features are asked in turn, and questions share most of them."""
    return all(p == "tuoi" or p.isdigit() or p in BAND_WORDS for p in feature.split("_"))


def _age_features(features: Iterable[Feature]) -> list[Feature]:
    """The features that only say an age (``_age_word``), in their order."""
    return list(filter(_age_word, features))


def weigh_age(weights: dict[Feature, float], credit: dict[Feature, float], share: float) -> None:
    """An age says who asks, not what is asked for: its words ("chưa đủ 18 tuổi") weigh at most
    ``share`` of what the question names besides ("kết hôn"), so that an age a few procedures'
    phrases happen to say does not outweigh the need. A question that names nothing else keeps
    its age as it is: the age is all it asks about."""
    if "tuoi" not in weights:
        return
    aged = _age_features(weights)
    pairs = [f.split("_") for f in aged if "_" in f]
    # a band word on its own is also "tư", "tử", "dự": an age only beside a number or "tuổi"
    banded = {w for pair in pairs for w in pair if any(p == "tuoi" or p.isdigit() for p in pair)}
    ages = [f for f in aged if "_" in f or f == "tuoi" or f.isdigit() or f in banded]
    said = math.fsum(weights[f] for f in ages)
    rest = math.fsum(w for f, w in credit.items() if f not in ages)
    if rest <= 0 or said <= share * rest:
        return
    keep = share * rest / said
    for f in ages:
        weights[f] *= keep
        if f in credit:
            credit[f] *= keep


def ages_said(text: str) -> list[int]:
    """The ages a text states ("con 15 tuổi" → [15]); a rule's own "dưới 14 tuổi" is no age."""
    folded = fold(text)
    if "tuoi" not in folded:
        return []  # every age is said with "tuổi"
    rules = {m.start(2) for m in _AGE_RULE.finditer(folded)}
    return [int(m.group(1)) for m in _AGE_SAID.finditer(folded) if m.start(1) not in rules]


def age_rule(name: str) -> tuple[str, int] | None:
    """The age rule a procedure's name holds: ("duoi", 14) for "… dưới 14 tuổi"."""
    found = _AGE_RULE.search(fold(name))
    return (found.group(1), int(found.group(2))) if found else None


def age_fits(age: int, rule: tuple[str, int]) -> bool:
    bound, limit = rule
    if bound == "duoi":
        return age < limit
    if bound == "tren":
        return age > limit
    return age >= limit  # "từ", "từ đủ"


class Lazy:
    """A yes-or-no worked out once, when first asked (whether a text says a foreign element)."""

    __slots__ = ("_get", "_value")

    def __init__(self, get: Callable[[], bool]) -> None:
        self._get: Callable[[], bool] | None = get
        self._value = False

    def __call__(self) -> bool:
        if self._get is not None:
            self._value, self._get = self._get(), None
        return self._value


def only_as_purpose(text: str, words: Sequence[str], reach: int) -> bool:
    """Whether every mention of ``words`` (folded) in ``text`` is a purpose: at most ``reach``
    words after "để" in its sentence ("muốn có giấy tờ tùy thân để đi làm, học nghề"). Read on
    the words as typed: unaccented, "de" may be "đề" ("đề nghị") and tells nothing."""
    found = False
    for sentence in re.split(r"[.?!;\n]", text):
        typed = tokens(lower(sentence))
        folded = [fold(t) for t in typed]
        for i in range(len(folded) - len(words) + 1):
            if folded[i : i + len(words)] == list(words):
                found = True
                if "để" not in typed[max(0, i - reach) : i]:
                    return False
    return found


def heaviest_first(acc: Mapping[int, float], n: int) -> list[int]:
    """The ``n`` keys of ``acc`` of the largest values, the heaviest first and the smallest key
    among equals. The ``n``-th largest value is found by sorting the values alone (floats, in
    C); only the pairs reaching it are sorted as (value, -key): a letter gathers hundreds."""
    if len(acc) > n:
        cut = sorted(acc.values(), reverse=True)[n - 1]
        pairs = [(value, -key) for key, value in acc.items() if value >= cut]
    else:
        pairs = list(zip(acc.values(), map(operator.neg, acc), strict=True))
    pairs.sort(reverse=True)
    return [-negated for _, negated in pairs[:n]]


def heaviest_pairs(
    counted: Sequence[float], features: Iterable[Feature], n: int
) -> list[tuple[float, Feature]]:
    """The ``n`` largest (weight, feature) pairs of ``counted`` (the weights) and ``features``
    (in the same order), the largest first, as ``heapq.nlargest`` gives them. The ``n``-th
    largest weight is found by sorting the weights alone (floats, in C); only the pairs reaching
    it are made and sorted: a letter has hundreds of features."""
    if n <= 0:
        return []
    if len(counted) > n:
        cut = sorted(counted, reverse=True)[n - 1]
        pairs = [(w, f) for w, f in zip(counted, features, strict=True) if w >= cut]
    else:
        pairs = list(zip(counted, features, strict=True))
    pairs.sort(reverse=True)
    return pairs[:n]


def leads(best: float, runner_up: float, floor: float, ratio: float) -> bool:
    """Whether the best scores at least ``floor`` and ``ratio`` times the runner-up."""
    return best >= floor and best >= ratio * runner_up


Step = Callable[["Matcher", Query, PhraseHit], float]
PHRASE_STEPS: tuple[Step, ...] = (short_recall, unnamed_object, other_topic)


@dataclass
class Matcher:
    index: PhraseIndex
    normalizer: Normalizer = field(default_factory=default_normalizer)
    config: MatchConfig = field(default_factory=MatchConfig)
    codes: Mapping[str, str] = field(default_factory=dict)
    situations: Situations = field(default_factory=Situations)
    _repairs: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _bags: dict[str, frozenset[Feature]] = field(default_factory=dict, repr=False)
    _stop_folded: frozenset[str] = field(default_factory=frozenset, repr=False)
    _marks: tuple[frozenset[Feature], ...] = field(default=(), repr=False)  # per phrase
    _tones: tuple[Mapping[str, str], ...] = field(default=(), repr=False)  # per phrase
    _core: dict[str, frozenset[Feature]] = field(default_factory=dict, repr=False)
    _contentful: frozenset[Feature] = field(default_factory=frozenset, repr=False)
    _unusual: frozenset[Feature] = field(default_factory=frozenset, repr=False)
    _says: dict[str, frozenset[Feature]] = field(default_factory=dict, repr=False)
    _ages: dict[str, tuple[str, int]] = field(default_factory=dict, repr=False)  # name's age rule
    body: BodyIndex | None = field(default=None, repr=False)  # what each procedure says, whole
    _recent: Callable[[str, int], MatchResult] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # A bounded cache of results: a text is matched again within a turn (is it a new
        # question?) and when a turn reruns; a result is immutable.
        self._recent = lru_cache(maxsize=self.config.cache_size)(self._match)

    def __getstate__(self) -> dict[str, object]:
        """Everything but the cache of results (kept between starts: :mod:`knowledge.cache`)."""
        state = dict(self.__dict__)
        del state["_recent"]
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.__post_init__()

    @classmethod
    def build(
        cls,
        procedures: Iterable[Procedure],
        learned: Mapping[str, Sequence[str]] | None = None,
        config: MatchConfig | None = None,
        normalizer: Normalizer | None = None,
    ) -> Matcher:
        procs = list(procedures)
        norm = normalizer or default_normalizer()
        codes = {c.national: p.id for p in procs for c in p.codes}
        cfg = config or MatchConfig()
        index = PhraseIndex.build(procs, norm, learned)
        matcher = cls(index, norm, cfg, codes, Situations.from_dir(norm))
        bags: dict[str, set[Feature]] = {}
        for phrase in matcher.index.phrases:
            bags.setdefault(phrase.procedure_id, set()).update(phrase.features)
        matcher._bags = {pid: frozenset(b) for pid, b in bags.items()}
        # A phrase that says how its procedure differs from its siblings ("cấp lại", "nước
        # ngoài"; "mất" where nothing else does) needs one of those words in the question; and
        # a question saying a telling word needs a procedure one of whose phrases says it.
        lexicon = norm.lexicon
        matcher._unusual = lexicon.markers - lexicon.usual
        marks: list[frozenset[Feature]] = []
        says: dict[str, set[Feature]] = {}
        for phrase in matcher.index.phrases:
            found = lexicon.markers_said(phrase.folded, phrase.accented)
            # what tells the phrase apart: its telling words ("cấp lại", "hỏng"), else "mất"
            marks.append(lexicon.synonyms_of(found - lexicon.weight_only or found))
            says.setdefault(phrase.procedure_id, set()).update(
                lexicon.synonyms_of(found & matcher._unusual)
            )
        matcher._marks = tuple(marks)
        matcher._tones = tuple(
            {
                f: tone(a)
                for f, a in zip(phrase.folded, phrase.accented, strict=True)
                if has_diacritics(a)
            }
            for phrase in matcher.index.phrases
        )
        matcher._stop_folded = norm.lexicon.stop_folded
        matcher._core = matcher._core_features()
        matcher._says = {pid: frozenset(found) for pid, found in says.items()}
        matcher._ages = {p.id: rule for p in procs if (rule := age_rule(p.name)) is not None}
        matcher.body = BodyIndex.build(
            procs,
            norm,
            BodyWeights(named=cfg.body_named, asked=cfg.body_asked, body=cfg.body_text),
            folded={phrase.text: phrase.folded for phrase in index.phrases},
        )
        return matcher

    def _core_features(self) -> dict[str, frozenset[Feature]]:
        """What names each procedure, its core: the content words several of its phrases share
        ("bằng lái", "khai sinh", "thế chấp"), not the words of one situation ("ví" in "bị trộm
        ví mất bằng lái"). Content words (kept in ``_contentful``) are neither the words of many
        procedures ("đăng ký", "giấy"), nor telling words ("mất", "cấp lại"), nor person words."""
        cfg, idf, lexicon = self.config, self.index.idf, self.normalizer.lexicon
        common = math.log(1 + 1 / cfg.core_max_df)  # the idf of a word of that share
        phrases: dict[str, list[frozenset[Feature]]] = {}
        for phrase in self.index.phrases:
            phrases.setdefault(phrase.procedure_id, []).append(phrase.features)
        self._contentful = frozenset(
            f
            for f, weight in idf.items()
            if weight >= common
            and not f.startswith(TOPIC)
            and f not in lexicon.markers
            and not is_light(f, lexicon.light)
        )
        core: dict[str, frozenset[Feature]] = {}
        for pid, feature_sets in phrases.items():
            counts = Counter(f for feats in feature_sets for f in feats)
            core[pid] = frozenset(
                f for f, count in counts.items() if count >= cfg.core_min and f in self._contentful
            )
        return core

    # -- query side -------------------------------------------------------------------------
    def _repair(self, token: str) -> tuple[str, ...]:
        cached = self._repairs.get(token)
        if cached is None:
            cached = repair(token, self.index.idf, self.index.vocabulary)
            if len(self._repairs) < 50_000:
                self._repairs[token] = cached
        return cached

    def _query_weights(
        self,
        folded: Sequence[str],
        mistoned: AbstractSet[str],
        vague: AbstractSet[str],
        topics: AbstractSet[Feature],
        context: AbstractSet[Feature] = frozenset(),
        pairs: Sequence[Feature] | None = None,
    ) -> tuple[dict[Feature, float], dict[Feature, float]]:
        """Weights of the query's features, and the credit each earns when a phrase has it.

        A syllable typed with a tone the knowledge base never gives it ("tắm" where the KB only
        has "tạm") is probably another word: it keeps its weight but earns little credit. A
        syllable typed without accents that may be a function word ("de": để or đề) weighs
        little on its own; its pairs ("di chuc") keep their weight. Person words weigh little, and
        so does what the citizen already has or did (``context``). ``pairs``: the text's
        ``word_pairs``, when already built.
        """
        cfg, idf = self.config, self.index.idf
        light, light_weight = self.normalizer.lexicon.light, self.normalizer.lexicon.light_weight
        weights: dict[Feature, float] = {}
        credit: dict[Feature, float] = {}
        for feat in sorted(topics):
            weights[feat] = max(idf.get(feat, 0.0), cfg.topic_weight)
            if feat in idf:
                credit[feat] = weights[feat]
        if pairs is None:
            feats = features(folded)
        else:  # as ``features`` builds them
            feats = set(folded)
            feats.update(pairs)
        # the words that are person words or numbers: a word holds no "_", so a feature is
        # light (``is_light``) when each of its words is one of these
        light_words = {w for w in set(folded) if w in light or w.isdigit()}
        for feat in feats:
            known = idf.get(feat)
            if known is not None:
                if feat in vague:
                    known = min(known, light_weight)
                weights[feat] = known
                off = bool(mistoned) and any(part in mistoned for part in feat.split("_"))
                credit[feat] = known * (cfg.mistoned_credit if off else 1.0)
            elif "_" not in feat:
                if feat in light_words or feat in vague:
                    weights[feat] = light_weight  # a number the KB never uses says little
                else:
                    weights[feat] = cfg.unknown_weight
            else:
                parts = feat.split("_")
                if not all(part in light_words for part in parts) and all(
                    part in idf for part in parts
                ):
                    weights[feat] = cfg.unknown_pair_weight
        for feat in context & weights.keys():
            weights[feat] *= cfg.context_share
            if feat in credit:
                credit[feat] *= cfg.context_share
        return weights, credit

    def _weigh_told(
        self,
        weights: dict[Feature, float],
        credit: dict[Feature, float],
        told: AbstractSet[Feature],
    ) -> None:
        """A letter that asks about something and tells its story around it: the words only
        the story says weigh less, so that the story's names, places and feelings do not drown
        what is asked. Unless the asking sentences hardly name anything themselves ("thủ tục
        thế nào?"): then the story is the question."""
        cfg = self.config
        if math.fsum(w for f, w in credit.items() if f not in told) < cfg.told_min_ask:
            return
        for feat in told & weights.keys():
            weights[feat] *= cfg.told_share
            if feat in credit:
                credit[feat] *= cfg.told_share

    def _slips(self, folded: Sequence[str], mistoned: AbstractSet[str]) -> set[str]:
        """The syllables typed with a tone the knowledge base never gives them that make, with a
        well-typed neighbour, a pair it knows: "khai tủ" is "khai tử" mistyped, not another word."""
        idf = self.index.idf
        slips: set[str] = set()
        for i, tok in enumerate(folded):
            if tok not in mistoned:
                continue
            before = folded[i - 1] if i else ""
            after = folded[i + 1] if i + 1 < len(folded) else ""
            if (before and before not in mistoned and f"{before}_{tok}" in idf) or (
                after and after not in mistoned and f"{tok}_{after}" in idf
            ):
                slips.add(tok)
        return slips

    # -- scoring ----------------------------------------------------------------------------
    def _gather(
        self, qweights: Mapping[Feature, float], repeated: AbstractSet[Feature] = frozenset()
    ) -> list[int]:
        """The phrases worth scoring: those sharing the question's heaviest features. A pair the
        text says more than once counts ``repeat_boost`` times: what a letter repeats is what it
        is about, while its story brings many rare words once each ("dân tộc", "lễ hội", "biên
        giới" around "kết hôn" said twice)."""
        acc: dict[int, float] = {}
        get = acc.get
        postings, cfg = self.index.postings, self.config
        boost = cfg.repeat_boost
        # (weight counted, feature) pairs: no two alike, so the order is the features' own
        counted = (
            [w * boost if f in repeated else w for f, w in qweights.items()]
            if repeated
            else list(qweights.values())
        )
        repeat = itertools.repeat
        for _, feat in heaviest_pairs(counted, qweights, cfg.max_features):
            post = postings.get(feat)
            if post:
                # acc[i] = acc.get(i, 0.0) + w for each phrase of the head in turn, in C (each
                # pair is made once the one before is stored; a head holds no phrase twice)
                head = post[: cfg.max_postings]
                summed = map(operator.add, map(get, head, repeat(0.0)), repeat(qweights[feat]))
                acc.update(zip(head, summed, strict=True))
        return heaviest_first(acc, cfg.max_phrases)

    def _combine(self, recall: float, precision: float, bag_precision: float) -> float:
        share = self.config.phrase_precision_share
        return math.sqrt(recall * (share * precision + (1 - share) * bag_precision))

    def match(self, text: str, top: int = 5) -> MatchResult:
        return self._recent(text, top)

    def _match(self, text: str, top: int) -> MatchResult:
        """The pipeline: read the question, score the phrases that share its heaviest words
        (each through ``PHRASE_STEPS``), keep each procedure's best, apply the procedure-wide
        steps, decide."""
        norm = self.normalizer.normalize(text)
        by_code = self._match_code(text)
        if by_code is not None:
            return MatchResult(text, Outcome.ANSWER, norm.aspect, (by_code,), norm.folded)
        query = self.read(norm)
        asked = [n for n in norm.topics if TOPIC + n in query.topics]
        topics = (*asked, *(n for n in norm.topics if n not in asked))
        if query.total <= 0:
            topics = topics or norm.alone
            return MatchResult(
                text, Outcome.UNMET, norm.aspect, (), query.shown, topics, not topics
            )
        tally = self._score_phrases(query)
        scores = self._procedure_scores(query, tally)
        # the message's features some procedure's whole text says, weighed once for both readers
        weighed = cache(lambda: self._body_weighed(norm, query))
        reordered = self._tell_apart(norm, query, scores, weighed)
        worded = Worded(text)  # its folded words, read once for every rule that reads them
        told = self._offer_events(scores, text, query.topics, topic_features(norm), worded)
        if not query.topics and not told:
            self._offer_situations(norm, scores, text)
        foreign = Lazy(lambda: self.situations.foreign_element(norm.tokens))
        lacking = self._rule_out_domestic(scores, foreign)
        self._rule_out_abroad(scores, foreign, tally.recall)
        self._rule_out_by_age(text, scores)
        stated = self._stated_condition(text, scores, worded)
        scored = [
            Candidate(pid, self.index.names[pid], min(score, 1.0), phrase, coverage)
            for pid, score in scores.items()
            for _, coverage, phrase in (tally.best.get(pid, (0.0, 1.0, "")),)
        ]
        scored.sort(key=lambda c: (-c.score, c.id))
        # a topic the best procedure's own phrases name is, in a letter that tells what it is
        # for, part of that procedure, no service it lacks ("xin visa" of a criminal record
        # extract); a short question naming it ("thương binh") may still ask for the service
        own = query.letter and query.named_topic and self._topics_its_own(scored, norm, query)
        named_topic = query.named_topic and not own
        outcome = self._decide(
            scored,
            named_topic,
            query.letter,
            long=len(norm.tokens) >= self.config.long_words and not query.topics,
            named=bool(scored) and self._names_core(query, scored[0].id),
            agreed=Lazy(
                lambda: bool(scored) and self._reads_best(norm, query, scored[0].id, weighed)
            ),
        )
        if (
            outcome is Outcome.UNMET
            and scored
            and scored[0].id in stated
            and scored[0].score >= self.config.lead_min
            and not named_topic
        ):
            # the text states what tells its best from the siblings it was weighed against
            outcome = Outcome.CLARIFY
        if outcome is Outcome.ANSWER and stated.get(scored[0].id, False):
            # first only by the lead of a sibling it took: offered, the choice said by the text
            outcome = Outcome.CLARIFY
        if (
            outcome is Outcome.UNMET
            and not self._lacking_and_weak(lacking, scored)
            and (
                # a part of the best asked by its core words is read off this reading; only
                # else are the asking sentences matched again on their own
                self._asks_its_part(query, norm, scored)
                or (query.letter and self._asked_alone(text, scored))
            )
        ):
            outcome = Outcome.CLARIFY
        if lacking and outcome is Outcome.CLARIFY and scored[0].score < self.config.unmet_below:
            # what the text is about needs a foreign procedure the knowledge base lacks, and
            # what is left is weak: nothing it has is worth offering
            outcome = Outcome.UNMET
        if outcome is Outcome.ANSWER and (
            lacking or scored[0].id == reordered or self._close_siblings(scored, text, worded)
        ):
            # what the text was about needs a foreign sibling the knowledge base lacks
            outcome = Outcome.CLARIFY
        if (
            norm.alone
            and not topics
            and (
                outcome is Outcome.UNMET
                or (
                    outcome is Outcome.CLARIFY
                    and scored[0].score < self.config.unmet_below
                    and not query.letter
                    and len(norm.tokens) < self.config.long_words
                )
            )
        ):
            # "ly hôn thì làm ở đâu", "lương hưu thì lãnh ở đâu": a matter asked that no
            # procedure is found for, or, in a short question, only weakly by the words of the
            # matter itself, though a procedure's name holds them ("Ghi chú ly hôn ở nước
            # ngoài"); a letter's story says more than the matter
            outcome, topics = Outcome.UNMET, norm.alone
        unrelated = (
            outcome is Outcome.UNMET
            and not topics
            and (not scored or scored[0].score < self.config.unrelated_below)
        )
        return MatchResult(
            text, outcome, norm.aspect, tuple(scored[:top]), query.shown, topics, unrelated
        )

    def read(self, norm: Normalized) -> Query:
        """The question as the scoring steps see it: its words (spelling repaired), what each
        weighs and earns, what it tells and what the citizen already has."""
        folded: list[str] = []
        shown: list[str] = []  # the normalised question, topics included
        spelled: list[str] = []  # the accented spelling of each of ``folded``
        in_context: list[bool] = []
        in_told: list[bool] = []
        mistoned: set[str] = set()
        vague: set[str] = set()
        tones = self.index.tones
        idf = self.index.idf
        repairs = self._repairs  # each word's spelling, as ``_repair`` remembers it
        topics = topic_features(norm)
        # A topic only the story of a letter names ("sau khi ly hôn, tôi muốn đổi họ cho con")
        # is not what it asks about.
        asked_words = {t.folded for t in norm.tokens if t.topic and not t.told}
        asked_topics = frozenset(
            f for f in topics if not asked_words.isdisjoint(f[len(TOPIC) :].split("_"))
        )
        marked: list[Token] = []  # the tokens typed with diacritics, topics aside
        for tok in norm.tokens:
            if tok.topic:
                shown.append(tok.folded)
                continue
            accented = has_diacritics(tok.accented)
            if accented:
                marked.append(tok)
            elif tok.folded in self._stop_folded:
                if tok.folded not in idf:
                    continue  # an unaccented function word ("da", "con") the KB never uses
                vague.add(tok.folded)
            parts = repairs.get(tok.folded) or self._repair(tok.folded)
            if len(parts) == 1 and parts[0] == tok.folded:  # most words: spelt as the KB does
                folded.append(tok.folded)
                shown.append(tok.folded)
                spelled.append(tok.accented)
                in_context.append(tok.context)
                in_told.append(tok.told)
            else:
                folded.extend(parts)
                shown.extend(parts)
                spelled.extend(parts)
                in_context.extend([tok.context] * len(parts))
                in_told.extend([tok.told] * len(parts))
            if accented:
                known_tones = tones.get(tok.folded)
                if known_tones and tone(tok.accented) not in known_tones:
                    mistoned.add(tok.folded)
        if mistoned:
            mistoned -= self._slips(folded, mistoned)
        pairs = word_pairs(folded)  # built once, read by every step below
        context = _context_features(folded, in_context, pairs)
        qweights, credit = self._query_weights(folded, mistoned, vague, topics, context, pairs)
        letter = any(in_told)
        told = _context_features(folded, in_told, pairs) if letter else set()
        if letter:
            self._weigh_told(qweights, credit, told)
        weigh_age(qweights, credit, self.config.age_share)
        # what the question asks for
        asked = frozenset(credit.keys() - context) if context else frozenset(credit)
        lexicon = self.normalizer.lexicon
        said_all = lexicon.markers_said(folded, spelled, pairs)
        counts = Counter(pairs)
        return Query(
            tied=tied_markers(folded, said_all, pairs),
            repeated=frozenset(f for f, n in counts.items() if n > 1),
            shown=" ".join(shown),
            weights=qweights,
            credit=credit,
            total=math.fsum(qweights.values()),
            topics=asked_topics,
            letter=letter,
            named_topic=bool(topics),
            told=frozenset(told),
            asked=asked,
            said=frozenset(said_all & asked),
            said_any=lexicon.synonyms_of(said_all),
            accented=frozenset(t.accented for t in marked),
            typed_tones={t.folded: tone(t.accented) for t in marked if t.folded not in mistoned},
        )

    def _score_phrases(self, query: Query) -> Tally:
        """Score each gathered phrase (recall and precision, then ``PHRASE_STEPS``), keeping each
        procedure's best, and its best once phrases lacking a telling word are lowered."""
        tally = Tally()
        credit, credited = query.credit, frozenset(query.credit)
        earned = credit.__getitem__
        phrases, steps = self.index.phrases, PHRASE_STEPS
        # what the loop reads for each phrase, looked up once (a letter scores thirty phrases)
        fsum, total, asked, combine = math.fsum, query.total, query.asked, self._combine
        bag_of, core_of, nothing = self._bags.get, self._core.get, frozenset[Feature]()
        bags, named, best = tally.bags, tally.named, tally.best
        told, recall = tally.told, tally.recall
        typed, marks = query.typed_tones.keys(), self._marks
        for i in self._gather(query.weights, query.repeated):
            phrase = phrases[i]
            hits = credited & phrase.features
            matched = fsum(map(earned, hits))
            if not typed.isdisjoint(hits):  # else no syllable of it is typed off its tone
                matched -= off_tone(self, query, i, hits)
            if matched <= 0:
                continue
            pid = phrase.procedure_id
            bag_precision = bags.get(pid)
            if bag_precision is None:
                bag_precision = fsum(map(earned, credited & bag_of(pid, nothing))) / total
                bags[pid] = bag_precision
                named[pid] = fsum(map(earned, core_of(pid, nothing) & asked))
            hit = PhraseHit(i, pid, hits, matched, matched / phrase.weight, named[pid])
            score = combine(hit.recall, matched / total, bag_precision)
            for step in steps:
                score *= step(self, query, hit)
            if score > best.get(pid, (0.0,))[0]:
                best[pid] = (score, bag_precision, phrase.text)
                recall[pid] = hit.recall
            if marks[i]:  # else it carries no telling word to lack
                score *= untold(self, query, hit)
            told[pid] = max(told.get(pid, 0.0), score)
        return tally

    def _procedure_scores(self, query: Query, tally: Tally) -> dict[str, float]:
        """Each procedure's score from its best phrase: re-ranked by the accented syllables it
        shares with the question; the phrases lacking a telling word lowered unless the question
        tells no sibling apart; lowered if it never says a telling word the question says."""
        scores: dict[str, float] = {}
        told = tally.told
        known = query.accented & self.index.accented_all
        for pid, (score, _, _) in tally.best.items():
            if query.accented:
                accent = accent_agreement(self, query, pid, known)
                score *= accent
                told[pid] *= accent
            scores[pid] = score
        if not self._offer_all(scores, query.weights.keys()):
            scores = told
        self._keep_to_what_is_asked(scores, query.said)
        return scores

    def _body_weighed(self, norm: Normalized, query: Query) -> dict[Feature, float]:
        """The features of a message some procedure's whole text says, with their weights
        (``BodyIndex.weigh``; the words only a letter's story says weigh ``body_told``)."""
        assert self.body is not None
        light = self.normalizer.lexicon.light
        return self.body.weigh(norm.tokens, light, query.told, self.config.body_told)

    def _tell_apart(
        self,
        norm: Normalized,
        query: Query,
        scores: dict[str, float],
        weighed: Callable[[], dict[Feature, float]] | None = None,
    ) -> str:
        """The two best candidates of a letter, or of a message of at least ``body_words`` words,
        told apart by the whole text of each procedure (:class:`~knowledge.body.BodyIndex`): a
        letter's words live in what a procedure says of whom and when, not only in its name.
        When the runner-up scores at least ``body_band`` of the best and its text says more of
        the message than the best's by ``body_margin`` (``BodyIndex.tells_apart``; the words
        only a letter's story says weigh ``body_told``), the two change places and scores, and
        the one put first is returned ("" for none): the reading orders close candidates, it
        adds no certainty, so that one is offered, never answered. A shorter question names
        what it asks (a word or two of a body's text, "về quê", "chỗ cũ", tell nothing): its
        phrases order it."""
        cfg, body = self.config, self.body
        if body is None or len(scores) < 2:
            return ""
        if not query.letter and len(norm.tokens) < cfg.body_words:
            return ""
        first, second = heapq.nsmallest(2, scores, key=lambda pid: (-scores[pid], pid))
        if scores[second] < cfg.body_band * scores[first]:
            return ""
        feats = weighed() if weighed else self._body_weighed(norm, query)
        if body.tells_apart(feats, first, second) <= cfg.body_margin:
            return ""
        scores[first], scores[second] = scores[second], scores[first]
        return second

    def _reads_best(
        self,
        norm: Normalized,
        query: Query,
        procedure_id: str,
        weighed: Callable[[], dict[Feature, float]] | None = None,
    ) -> bool:
        """Whether, of every procedure's whole text, that of ``procedure_id`` reads best by BM25
        against a long message or a letter (``BodyIndex.best_read``): the phrases and the whole
        text agree on it. A short question names what it asks: its phrases alone say it."""
        cfg, body = self.config, self.body
        if body is None or (not query.letter and len(norm.tokens) < cfg.long_words):
            return False
        feats = weighed() if weighed else self._body_weighed(norm, query)
        return body.best_read(feats, cfg.body_features, cfg.body_postings) == procedure_id

    def _offer_situations(self, norm: Normalized, scores: dict[str, float], text: str) -> None:
        """A life situation named in what is asked ("mất ví, mất hết giấy tờ") leads to its
        procedures in order (căn cước first), in a short question or the asking sentences of a
        letter, when no uncovered topic is asked about: each scores at least
        ``situation_score``, a little less for each one before it, so they are offered together
        unless one is named well enough to be answered; a filing that follows the situation at
        once is not offered when the text says it is long past (``Situations.timely``). Not
        called when a life event is told (``_offer_events``)."""
        asked = [t for t in norm.tokens if not t.told and not t.topic]
        if len(asked) > self.config.said_max_words:
            return  # a long story names situations in passing
        typed = " ".join(s for s, told in self.normalizer.sentences(text) if not told)
        if len(asked) > self.config.situation_max_words:
            asked = []  # a phrase of a few words says it in passing; one typed in parts does not
        situations = self.situations.timely(self.situations.offered(asked, typed), text)
        offered = [pid for pid in situations if pid in self.index.names]
        cfg = self.config
        for rank, pid in enumerate(offered):
            floor = cfg.situation_score - rank * cfg.situation_step
            scores[pid] = max(scores.get(pid, 0.0), floor)

    def _offer_events(
        self,
        scores: dict[str, float],
        text: str,
        topics: AbstractSet[Feature] = frozenset(),
        named: AbstractSet[Feature] = frozenset(),
        worded: Worded | None = None,
    ) -> bool:
        """A life event told anywhere in a text, its story included ("giấy kết hôn … bị thất
        lạc", "hàng xóm xây tường lấn sang"), leads to its procedures: each scores at least
        ``event_score``, a little less for each one before it. That is offered, never answered
        on its own (below ``answer_min``): a letter's story says what happened, its question may
        still ask for something else, and the two best are offered together. A question about
        an uncovered topic (``topics``) is led only by an event that names the topic itself
        ("nhà trường yêu cầu … hộ khẩu" when asking about "nhập học"), unless the topic is only
        said as the purpose of what is asked (``only_as_purpose``: "chưa có giấy khai sinh …
        muốn có giấy tờ để đi làm, học nghề") or as a paper the citizen lacks
        (``Situations.only_lacking``: "không có giấy chứng sinh thì phải làm sao"). A paper an
        uncovered topic named anywhere (``named``) names after a procedure's core ("thẻ tạm
        trú") leads no event to that procedure. Whether one was told is returned: an event says
        more than the situation its words may name ("nghỉ … khi vợ sinh" is the father's
        benefit, not the papers of the birth "vợ sinh con" leads to), so situations are offered
        only when no event is told. ``worded``: the text's words, when already read."""
        cfg = self.config
        naming = [
            frozenset(f[len(TOPIC) :].split("_"))
            for f in topics
            if not only_as_purpose(text, f[len(TOPIC) :].split("_"), cfg.purpose_words)
            and not self.situations.only_lacking(text, f[len(TOPIC) :].split("_"))
        ]
        # a paper an uncovered topic names after the procedure's core ("thẻ tạm trú": "tạm
        # trú") is another paper of the same field: the events its words tell are not the
        # procedure's ("thẻ tạm trú … sắp hết hạn" is no extension of a temporary residence)
        narrower = {
            f"{a}_{b}"
            for t in named
            if (words := t[len(TOPIC) :].split("_"))[0] in PAPER_HEADS
            for a, b in itertools.pairwise(words[1:])
        }
        offered = [
            pid
            for pid in self.situations.events(text, naming, worded)
            if pid in self.index.names and self._core.get(pid, frozenset()).isdisjoint(narrower)
        ]
        for rank, pid in enumerate(offered):
            floor = cfg.event_score - rank * cfg.situation_step
            scores[pid] = max(scores.get(pid, 0.0), floor)
        return bool(offered)

    def _rule_out_domestic(self, scores: dict[str, float], foreign: Lazy) -> bool:
        """A text that says a foreign element, if only in its story ("lấy chồng người Hàn
        Quốc… nhận cháu làm con nuôi"), is hardly about the domestic procedure of a pair
        (``lexicon/foreign.yaml``): it keeps ``foreign_penalty`` of its score, and
        ``alone_penalty`` when the knowledge base lacks the foreign sibling (an adoption from
        abroad): then nothing it has is the answer, and whether it led is returned. What the
        text says of the domestic procedure it says of its foreign sibling: the sibling scores
        at least ``foreign_inherit`` of the domestic's score ("chưa có giấy khai sinh" told of
        a baby born in Korea is the birth registration with a foreign element), unless a
        procedure lacking its foreign sibling is as near the top: then the text is about that."""
        pairs = self.situations.domestic
        domestic = pairs.keys() & scores.keys()
        if not domestic:
            return False
        cfg = self.config
        top = max(scores.values())
        near = cfg.foreign_near * top
        if not (any(scores[pid] >= near for pid in domestic) and foreign()):
            return False
        lacking = any(not pairs[pid] and scores[pid] >= near for pid in domestic)
        for pid in domestic:
            sibling = pairs[pid]
            if sibling and not lacking and scores[pid] >= near and sibling in self.index.names:
                scores[sibling] = max(scores.get(sibling, 0.0), cfg.foreign_inherit * scores[pid])
            scores[pid] *= cfg.foreign_penalty if sibling else cfg.alone_penalty
        return lacking

    def _rule_out_abroad(
        self, scores: dict[str, float], foreign: Lazy, recall: Mapping[str, float]
    ) -> None:
        """A text that says no foreign element anywhere ("tôi ly hôn, con theo hộ khẩu mẹ") is
        hardly about a procedure only a foreign element leads to (the recording of a divorce
        abroad, a foreign sibling; ``lexicon/foreign.yaml``): it keeps ``abroad_penalty`` of its
        score, unless the question names it in full ("ghi chú kết hôn lệ phí bao nhiêu")."""
        cfg = self.config
        near = cfg.foreign_near * max(scores.values(), default=0.0)
        abroad = [
            pid
            for pid in self.situations.abroad & scores.keys()
            if scores[pid] >= near and recall.get(pid, 0.0) < cfg.full_recall
        ]
        if abroad and not foreign():
            for pid in abroad:
                scores[pid] *= cfg.abroad_penalty

    def _stated_condition(
        self, text: str, scores: dict[str, float], worded: Worded | None = None
    ) -> dict[str, bool]:
        """A text that states, anywhere, the condition telling a procedure from its siblings (a
        rule of ``preferred`` with ``when`` in ``lexicon/siblings.yaml``: "giấy khai sinh chỉ
        có tên mẹ" is a birth registered already, the father to be recognised) is about that
        procedure rather than those: when one of them leads and it scores at least
        ``stated_near`` of that lead, it takes that score and they keep ``stated_penalty`` of
        theirs; when it leads itself, it is chosen as it stands, its siblings still offered
        beside it (the choice is the handlers', by the same rule). A third procedure leading
        is left alone: the condition
        tells two siblings apart, not what the text is about; so is a pair the text is hardly
        about (the better under ``stated_min``: a letter about wages that says "chuyển đi" is
        no move of a military registration). The procedures so chosen are
        returned, each with whether it took the lead of another (then it is offered, not
        answered, on the condition alone). ``worded``: the text's words, when already read."""
        cfg, chosen = self.config, dict[str, bool]()
        lead = max(scores.values(), default=0.0)
        worded = worded or Worded(text)
        for pid, rules in self.situations.preferred.items():
            if pid not in scores:
                continue
            for rule in rules:
                over = [o for o in rule.over if o in scores] if rule.when else []
                if not over:
                    continue
                top = max(scores[o] for o in over)
                better = max(top, scores[pid])
                if better < lead or better < cfg.stated_min or scores[pid] < cfg.stated_near * top:
                    continue
                if not rule.states(*worded.read(), worded.denied):
                    continue
                lifted = scores[pid] < top
                chosen[pid] = chosen.get(pid, False) or lifted
                if lifted:
                    scores[pid] = top
                    for o in over:
                        scores[o] *= cfg.stated_penalty
        return chosen

    def _rule_out_by_age(self, text: str, scores: dict[str, float]) -> None:
        """A question that says an age ("làm căn cước cho con 15 tuổi") is hardly about a
        procedure whose name holds an age rule that age fails ("… dưới 14 tuổi"): it keeps
        ``age_penalty`` of its score."""
        said = ages_said(text)
        if not said:
            return
        for pid, rule in self._ages.items():
            if pid in scores and not any(age_fits(age, rule) for age in said):
                scores[pid] *= self.config.age_penalty

    def _lacking_and_weak(self, lacking: bool, scored: Sequence[Candidate]) -> bool:
        """Whether what the text is about needs a foreign procedure the knowledge base lacks
        and its best is under ``unmet_below``: then it is not offered whatever its asking
        sentences alone say, and they need not be matched."""
        return lacking and bool(scored) and scored[0].score < self.config.unmet_below

    def _asked_alone(self, text: str, scored: Sequence[Candidate]) -> bool:
        """Whether a letter given up on asks, in its asking sentences alone, what would be
        answered, and by the letter's own best ("Tôi phải làm gì để được nhận trợ cấp BHXH một
        lần?" after a story of contracts and a withheld insurance book): its story lowered every
        score, not the lead. Then the best is offered; so it is when the asking sentences alone
        offer it at least ``unmet_below`` and ``wide_ratio`` times any other procedure: what the
        letter asks and what it tells agree on it ("chứng thực chữ ký trong giấy ủy quyền" after
        a story of a lawsuit)."""
        if not scored or scored[0].score < self.config.alone_min:
            return False
        asking = " ".join(s for s, told in self.normalizer.sentences(text) if not told)
        if not asking or asking == text:
            return False
        alone = self.match(asking)
        if alone.best is None or alone.best.id != scored[0].id:
            return False
        if alone.outcome is Outcome.ANSWER:
            return True
        # offered, not answered, alone: it must stand far ahead of every other procedure there
        cfg, rest = self.config, alone.candidates[1:]
        return alone.outcome is Outcome.CLARIFY and leads(
            alone.best.score, rest[0].score if rest else 0.0, cfg.unmet_below, cfg.wide_ratio
        )

    def _asks_its_part(self, query: Query, norm: Normalized, scored: Sequence[Candidate]) -> bool:
        """Whether a letter given up on asks a part of its best procedure (where, what it costs,
        which papers, how long: ``lexicon/aspects.yaml``) and names that procedure's core by a
        pair of words in its asking sentences, not only in its story ("Có xin được bản sao ở
        đây hay online không, phí bao nhiêu?" after a story of a marriage certificate left at
        home), and names no uncovered topic anywhere: a citizen asking how to do what the
        procedure does, whose story lowered every score. An out-of-scope letter rarely asks a
        procedure's part by its core words (it asks what it is owed, or how a dispute is
        settled). A text whose sentences are not told apart (no story) has nothing to tell its
        asking part by, and is left to ``_decide``. Then the best is offered from
        ``part_min``."""
        if (
            not scored
            or scored[0].score < self.config.part_min
            or not query.letter
            or norm.aspect is None
            or query.named_topic
        ):
            return False
        core = self._core.get(scored[0].id, frozenset())
        return any("_" in f and f in query.credit and f not in query.told for f in core)

    def _close_siblings(
        self, scored: Sequence[Candidate], text: str = "", worded: Worded | None = None
    ) -> list[Candidate]:
        """The candidates that are siblings of the best which letters confuse with it
        (``lexicon/siblings.yaml``), or that a condition ``text`` says puts before it (a
        ``preferred`` rule with ``when``: a pension told of the deceased puts the insurance's
        funeral allowance before the one filing of the death), and score near enough to be
        asked about; the choice is then settled by the same rule. ``worded``: the text's words,
        when already read."""
        if not scored:
            return []
        worded = worded or Worded(text)
        best = scored[0]
        siblings = self.situations.siblings.get(best.id, frozenset())
        floor = self.config.sibling_share * best.score
        return [
            c
            for c in scored[1:]
            if c.score >= floor and (c.id in siblings or self._said_before(c.id, best.id, worded))
        ]

    def _said_before(self, pid: str, best_id: str, worded: Worded) -> bool:
        """Whether a ``preferred`` rule that names its condition (``when``) puts ``pid`` before
        ``best_id`` for the text ``worded`` reads."""
        return bool(worded.text) and any(
            rule.when and best_id in rule.over and rule.states(*worded.read(), worded.denied)
            for rule in self.situations.preferred.get(pid, ())
        )

    def _offer_all(self, scores: Mapping[str, float], asked: AbstractSet[Feature]) -> bool:
        """Whether to keep the phrases that need a telling word the question lacks ("mất căn
        cước" for "căn cước"): when the question only names what the two best candidates share
        and asks for no paper to be made ("làm", "đăng ký"), it tells no sibling apart, and all stay
        on offer. A letter names hundreds of words: the first one not shared settles it."""
        top = heapq.nlargest(2, scores, key=scores.__getitem__)
        if len(top) < 2 or not self.normalizer.lexicon.obtain.isdisjoint(asked):
            return False
        shared = frozenset.intersection(*(self._bags.get(pid, frozenset()) for pid in top))
        return all(f in shared for f in asked if "_" not in f and not f.startswith(TOPIC))

    def _keep_to_what_is_asked(self, scores: dict[str, float], said: AbstractSet[Feature]) -> None:
        """Lower the procedures none of whose phrases says a telling word the question says:
        "cấp lại giấy phép bán lẻ thuốc lá" is not the first licence, "xóa đăng ký thế chấp" not
        the registration. The knowledge base may lack the procedure asked for; then nothing
        it has should be answered with confidence."""
        said = said & self._unusual
        if not said:
            return
        for pid in scores:
            if not said <= self._says.get(pid, frozenset()):
                scores[pid] *= self.config.unsaid_penalty

    def _match_code(self, text: str) -> Candidate | None:
        for code in CODE_RE.findall(text):
            pid = self.codes.get(code)
            if pid:
                return Candidate(pid, self.index.names[pid], 1.0, code)
        return None

    def _decide(
        self,
        scored: list[Candidate],
        uncovered: bool = False,
        letter: bool = False,
        long: bool = False,
        named: bool = False,
        agreed: Callable[[], bool] = bool,
    ) -> Outcome:
        """``answer`` when the best is sure and well ahead, ``unmet`` when it is weak, else
        ``clarify``. A weak best that stands well clear of the rest ("khai tủ", typed with the
        wrong tone; a long situation only partly in the aliases' words) is still offered when
        its procedure's vocabulary explains most of the question, unless the question names a
        topic the knowledge base does not cover; so is the clear leader of a letter, and of a
        long message that asks about no uncovered topic (``long``): its many words of the
        citizen's own lower every score, not the lead. A letter's very weak best is offered
        only far ahead and when the letter names it (``named``, see ``_names_core``)."""
        cfg = self.config
        if not scored:
            return Outcome.UNMET
        best = scored[0].score
        runner_up = scored[1].score if len(scored) > 1 else 0.0
        if best < cfg.unmet_below and (
            uncovered
            or best < cfg.lead_min
            or best < cfg.lead_ratio * runner_up
            or scored[0].coverage < cfg.lead_coverage
        ):
            if (
                letter
                and not uncovered
                and (
                    leads(best, runner_up, cfg.letter_min, cfg.letter_ratio)
                    or leads(best, runner_up, cfg.far_letter_min, cfg.far_letter_ratio)
                    or (
                        named
                        and leads(best, runner_up, cfg.faint_letter_min, cfg.faint_letter_ratio)
                    )
                    or (leads(best, runner_up, cfg.agreed_min, cfg.agreed_ratio) and agreed())
                )
            ):
                # A letter's story explains little of a procedure's words, but what it asks
                # points at one procedure well ahead of the rest: offer it. The lower its
                # score, the further ahead it must stand.
                return Outcome.CLARIFY
            # A related procedure close behind (a sibling, or one the lexicon settles against
            # it: the mediation beside the settlement of a land dispute) splits what the
            # message says between the two, not its lead over the rest.
            apart = self._unrelated_runner_up(scored)
            if long and (
                leads(best, apart, cfg.long_min, cfg.long_ratio)
                or leads(best, apart, cfg.wide_min, cfg.wide_ratio)
            ):
                return Outcome.CLARIFY
            return Outcome.UNMET
        if best >= cfg.answer_min and best - runner_up >= cfg.margin:
            return Outcome.ANSWER
        return Outcome.CLARIFY

    def names_topics(self, procedure_id: str, topics: Iterable[str]) -> bool:
        """Whether every uncovered topic given ("thue_thu_nhap_ca_nhan") is named by a phrase of
        the procedure or by a paper it asks for or a charge it makes (the income tax of a
        transfer of land), or, a matter said alone, by its words in a phrase ("ly hôn" of "Ghi
        chú ly hôn ở nước ngoài"): then the topic may be a part of what it does."""
        named = set(topics)
        bag = self._bags.get(procedure_id, frozenset())
        parts = self.body.topics.get(procedure_id, frozenset()) if self.body is not None else ()
        alone = self.normalizer.lexicon.alone_names
        # a matter said alone ("li_hon") is named by its words in the procedure's phrases
        # ("Ghi chú ly hôn ở nước ngoài"): the pair of adjacent words it is
        return all(
            TOPIC + name in bag or name in parts or (name in alone and name in bag)
            for name in named
        )

    def _topics_its_own(self, scored: Sequence[Candidate], norm: Normalized, query: Query) -> bool:
        """Whether every uncovered topic the text names is named by a phrase of its best
        procedure too ("xin lý lịch tư pháp để xin visa"), or by a paper it asks for or a charge
        it makes (the hospital's birth certificate of a birth, the income tax of a transfer of
        land) that the letter asks about: then the topic may be a part of what the procedure
        does, not a service the knowledge base lacks. A paper the story says the citizen holds
        ("gia đình có bằng Tổ quốc ghi công") asks for nothing."""
        if not scored or not norm.topics:
            return False
        best = scored[0].id
        if topic_features(norm) <= self._bags.get(best, frozenset()):
            return True
        parts = self.body.topics.get(best, frozenset()) if self.body is not None else frozenset()
        return bool(query.topics) and set(norm.topics) <= parts

    def _names_core(self, query: Query, procedure_id: str) -> bool:
        """Whether the question says a pair of words of the procedure's core ("kết hôn",
        "kinh doanh"), if only in its story: a letter that names what the procedure is about,
        not one that shares a word or two of it by chance ("xe" in a story of a fine)."""
        core = self._core.get(procedure_id, frozenset())
        return any("_" in f and query.credit.get(f, 0.0) > 0 for f in core)

    def _unrelated_runner_up(self, scored: Sequence[Candidate]) -> float:
        """The best score after the first among the procedures not related to the first (its
        siblings and those a preference settles against it, ``lexicon/siblings.yaml``)."""
        related = self.situations.related.get(scored[0].id, frozenset())
        return next((c.score for c in scored[1:] if c.id not in related), 0.0)

    def clarify_options(self, result: MatchResult, limit: int = 3) -> list[Candidate]:
        """Candidates worth offering when the outcome is ``clarify``: those close to the best,
        and its close siblings."""
        if not result.candidates:
            return []
        best = result.candidates[0].score
        floor = max(min(self.config.unmet_below, best), best - self.config.clarify_band)
        close = [c for c in result.candidates if c.score >= floor]
        worded = Worded(result.query)
        siblings = [
            c
            for c in self._close_siblings(result.candidates, result.query, worded)
            if c not in close
        ]
        offered = [*close[:1], *siblings, *close[1:]]
        beside = self._preferred_beside(result, offered, worded)
        return [*offered[:1], *beside, *offered[1:]][:limit]

    def _preferred_beside(
        self, result: MatchResult, offered: Sequence[Candidate], worded: Worded | None = None
    ) -> list[Candidate]:
        """The candidates within the clarify band of the best, though below the floor of what is
        offered, that a preference the message says puts before one offered (``preferred`` in
        ``lexicon/siblings.yaml``: a birth registered already is recognised, not registered
        again): the choice between them is settled by the message, so both are in it."""
        ids = {c.id for c in offered}
        worded = worded or Worded(result.query)
        band = result.candidates[0].score - self.config.clarify_band
        preferred = self.situations.preferred
        return [
            c
            for c in result.candidates[1:]
            if c.id not in ids
            and c.score >= band
            and any(
                rule.over & ids and rule.states(*worded.read(), worded.denied)
                for rule in preferred.get(c.id, ())
            )
        ]
