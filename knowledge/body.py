"""What each procedure says, read as one text: a second signal beside the phrase index.

A citizen's letter tells a situation in words that live outside a procedure's name and aliases:
in its summary, who may apply, its conditions, the papers and when each is needed, the questions
citizens ask about it (``faq``) and what it says of coming in person, filing for someone else or
filing late ("bà nội 77 tuổi, không có lương hưu" is said by the applicants of the social pension,
not by its name). :class:`BodyIndex` reads a message against that whole text, by the same
features as the phrase index (normalised syllables and adjacent pairs, with the lexicon's
synonyms), in two ways:

- ``tells_apart``: what the message says that one of two procedures says and the other does not,
  weighed by rarity: two siblings share most of their text, and what only one says tells them
  apart;
- ``best_read``: the procedure that reads best by BM25, names, aliases and the questions of its
  ``faq`` counting more than the body text.

Everything a message needs is computed once, when the index is built: each feature's postings
hold what it adds to each procedure's BM25 score, the procedures it adds most to first, so a
message reads the head of the postings of its heaviest features only.
"""

from __future__ import annotations

import math
import operator
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from knowledge.index import Feature, features, named_texts
from knowledge.normalize import Normalizer, Token
from knowledge.schema import Procedure


@dataclass(frozen=True)
class BodyWeights:
    """How much a feature counts by where a procedure says it, and the BM25 constants."""

    named: float = 2.0  # its name, short name and aliases
    asked: float = 2.0  # the question variants of its ``faq``
    body: float = 1.0  # everything else it says of who, when and with what
    k1: float = 1.2  # how fast repeating a feature stops adding to a procedure's score
    b: float = 0.75  # how much a long procedure's score is lowered for its length


def procedure_texts(proc: Procedure, weights: BodyWeights) -> list[tuple[str, float]]:
    """The texts of a procedure that say what it is for and whom, each with its weight."""
    named = named_texts(proc)
    asked = [q for faq in proc.faq for q in faq.questions]
    body = [proc.summary, *proc.applicants, *proc.conditions]
    for doc in proc.documents.items:
        body.append(doc.name)
        if doc.when:
            body.append(doc.when)
    for detail in (proc.in_person, proc.proxy, proc.late):
        if detail is not None:
            body.append(detail.text)
    return [
        *((t, weights.named) for t in named),
        *((t, weights.asked) for t in asked),
        *((t, weights.body) for t in body),
    ]


def parts_texts(proc: Procedure) -> list[str]:
    """The papers a procedure asks for and what it charges: a service the knowledge base lacks
    that one of them names ("giấy chứng sinh", "thuế thu nhập cá nhân") is a part of it."""
    return [*(doc.name for doc in proc.documents.items), *(fee.label for fee in proc.fees.items)]


def text_features(tokens: Sequence[Token], light: frozenset[str]) -> set[Feature]:
    """The features a text is read by: its syllables and adjacent pairs, uncovered topics and
    syllables that only say who (person words) or a number left out; pairs keep them
    ("bà nội", "77 tuổi")."""
    return folded_features([t.folded for t in tokens if not t.topic], light)


def folded_features(folded: Sequence[str], light: frozenset[str]) -> set[Feature]:
    """:func:`text_features` of a text's folded words, uncovered topics left out (a phrase's
    ``folded`` in the phrase index)."""
    return {f for f in features(folded) if "_" in f or not (f in light or f.isdigit())}


@dataclass(frozen=True)
class BodyIndex:
    ids: tuple[str, ...]  # procedure ids, by position
    # feature -> (positions, what it adds to each), what it adds most first
    postings: Mapping[Feature, tuple[array[int], array[float]]]
    idf: Mapping[Feature, float]
    said: Mapping[str, frozenset[Feature]]  # procedure id -> every feature its text says
    # procedure id -> the uncovered topics its papers and charges name (``parts_texts``)
    topics: Mapping[str, frozenset[str]]

    @classmethod
    def build(
        cls,
        procedures: Iterable[Procedure],
        normalizer: Normalizer,
        weights: BodyWeights | None = None,
        folded: Mapping[str, Sequence[str]] | None = None,
    ) -> BodyIndex:
        """``folded``: the folded words of texts already read, uncovered topics left out (the
        phrases of the phrase index): a procedure's names are not normalised a second time."""
        w = weights or BodyWeights()
        light = normalizer.lexicon.light
        known = folded or {}
        read: dict[str, tuple[Feature, ...]] = {}  # text -> its features (procedures share texts)
        named: dict[str, tuple[str, ...]] = {}  # a text -> the uncovered topics it names
        ids: list[str] = []
        # each procedure's features and how much each counts there, as a tuple and an array:
        # a thousand procedures say hundreds of features each, and dicts of floats weigh more
        counts: list[tuple[tuple[Feature, ...], array[float]]] = []
        lengths: list[float] = []
        # procedures copying one another's text (a synthetic base) share one set, made once
        shared: dict[frozenset[Feature], frozenset[Feature]] = {}
        said: dict[str, frozenset[Feature]] = {}
        topics: dict[str, frozenset[str]] = {}
        for proc in procedures:
            tf: dict[Feature, float] = {}
            its_topics: set[str] = set()
            for text, weight in procedure_texts(proc, w):
                found = read.get(text)
                if found is None:
                    words = known.get(text)
                    if words is not None:
                        found = tuple(folded_features(words, light))
                    else:
                        reading = normalizer.normalize(text)
                        found = tuple(text_features(reading.tokens, light))
                        named[text] = reading.topics  # a paper's name is read once for both
                    read[text] = found
                for feat in found:
                    tf[feat] = tf.get(feat, 0.0) + weight
            for text in parts_texts(proc):
                if text not in named:
                    named[text] = normalizer.normalize(text).topics
                its_topics.update(named[text])
            ids.append(proc.id)
            whole = frozenset(tf)  # made from the dict, its table sized to it at once
            said[proc.id] = shared.setdefault(whole, whole)
            counts.append((tuple(tf), array("d", tf.values())))
            lengths.append(math.fsum(tf.values()))
            topics[proc.id] = frozenset(its_topics)
        n = max(len(ids), 1)
        average = math.fsum(lengths) / n or 1.0
        doc_freq: dict[Feature, int] = {}
        for feats, _ in counts:
            for feat in feats:
                doc_freq[feat] = doc_freq.get(feat, 0) + 1
        idf = {f: math.log(1 + (n - df + 0.5) / (df + 0.5)) for f, df in doc_freq.items()}
        positions: dict[Feature, array[int]] = {f: array("i") for f in idf}
        added: dict[Feature, array[float]] = {f: array("d") for f in idf}
        for pos, ((feats, tf_of), length) in enumerate(zip(counts, lengths, strict=True)):
            norm = w.k1 * (1 - w.b + w.b * length / average)
            for feat, count in zip(feats, tf_of, strict=True):
                positions[feat].append(pos)
                added[feat].append(idf[feat] * count * (w.k1 + 1) / (count + norm))
        heads: dict[Feature, tuple[array[int], array[float]]] = {}
        for feat, adds in added.items():
            order = sorted(range(len(adds)), key=adds.__getitem__, reverse=True)
            heads[feat] = (
                array("i", map(positions[feat].__getitem__, order)),
                array("d", map(adds.__getitem__, order)),
            )
        return cls(ids=tuple(ids), postings=heads, idf=idf, said=said, topics=topics)

    def weigh(
        self, tokens: Sequence[Token], light: frozenset[str], told: Iterable[Feature], share: float
    ) -> dict[Feature, float]:
        """The features of a message some procedure's text says, each with its weight: 1, or
        ``share`` for those only the story of a letter says (``told``)."""
        idf, told = self.idf, frozenset(told)
        return {f: share if f in told else 1.0 for f in text_features(tokens, light) if f in idf}

    def tells_apart(self, feats: Mapping[Feature, float], first: str, other: str) -> float:
        """How much more of the message ``feats`` (its features some text says, each with its
        weight) the text of ``other`` says than that of ``first``: the weight and rarity of the
        features only ``other`` says, less those of the features only ``first`` says. What both
        say tells nothing between them, and neither does what neither says."""
        said_first = self.said.get(first, frozenset())
        said_other = self.said.get(other, frozenset())
        idf, apart = self.idf, 0.0
        for feat, weight in feats.items():
            in_first, in_other = feat in said_first, feat in said_other
            if in_first != in_other:
                apart += weight * idf[feat] if in_other else -weight * idf[feat]
        return apart

    def best_read(
        self, feats: Mapping[Feature, float], max_features: int, max_postings: int
    ) -> str:
        """The procedure that reads best by BM25 against the message ``feats``, read by its
        ``max_features`` heaviest features (by weight and rarity) and the first
        ``max_postings`` procedures of each; "" when none says any of them."""
        idf = self.idf
        weighed = list(map(operator.mul, map(idf.__getitem__, feats), feats.values()))
        if len(weighed) > max_features:  # the cut found by sorting floats alone, in C
            cut = sorted(weighed, reverse=True)[max_features - 1]
            chosen = [
                (f, w) for f, w, k in zip(feats, feats.values(), weighed, strict=True) if k >= cut
            ]
        else:
            chosen = list(feats.items())
        acc: dict[int, float] = {}
        get = acc.get
        for feat, weight in chosen:
            positions, adds = self.postings[feat]
            for pos, add in zip(positions[:max_postings], adds[:max_postings], strict=True):
                acc[pos] = get(pos, 0.0) + weight * add
        if not acc:
            return ""
        return self.ids[max(acc, key=lambda pos: (acc[pos], -pos))]
