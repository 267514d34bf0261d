"""Weighted phrase index over procedure names and aliases.

Each phrase (name, short name, alias — from the files or learned at run time) is normalised and
turned into *features*: its syllables and adjacent-syllable pairs ("khai", "khai sinh"). A feature's
weight is its inverse document frequency over procedures, so the distinctive words of a procedure
("nước ngoài", "trích lục", "đổi") outweigh the common ones ("đăng ký", "cấp", "giấy"). An inverted
index from feature to phrases lets a query look only at phrases that share its rarer features.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from knowledge.normalize import Normalized, Normalizer, Token
from knowledge.schema import Procedure
from knowledge.text import has_diacritics, tone

Feature = str


def named_texts(proc: Procedure) -> list[str]:
    """What a procedure is called: its name, short name and aliases."""
    return [proc.name, *([proc.short_name] if proc.short_name else []), *proc.aliases]


def features(tokens: Sequence[str]) -> set[Feature]:
    """Unigrams and bigrams of folded tokens; bigrams are written "a_b"."""
    feats = set(tokens)
    feats.update(f"{a}_{b}" for a, b in itertools.pairwise(tokens))
    return feats


TOPIC = "#"  # prefix of a feature naming a topic the knowledge base does not cover


def topic_features(norm: Normalized) -> set[Feature]:
    """One feature per uncovered topic named ("#cong_ty"): heavy, since no procedure explains it
    unless one of its own phrases names it too ("lý lịch tư pháp xin visa"). The topic's words
    make no features of their own: "nhận con nuôi" does not say "nhận con"."""
    return {TOPIC + name for name in norm.topics}


def is_light(feat: Feature, light: frozenset[str]) -> bool:
    """A syllable, or a pair of syllables, that only says who the question is about; or a
    number ("10"), which says something only next to another word ("mức 2", "14 tuổi")."""
    return not feat.startswith(TOPIC) and all(
        part in light or part.isdigit() for part in feat.split("_")
    )


@dataclass(frozen=True)
class Phrase:
    procedure_id: str
    text: str
    folded: tuple[str, ...]
    accented: tuple[str, ...]  # the accented spelling of each of ``folded``
    features: frozenset[Feature]
    weight: float  # sum of feature weights


@dataclass(frozen=True)
class PhraseIndex:
    phrases: tuple[Phrase, ...]
    idf: Mapping[Feature, float]
    postings: Mapping[Feature, tuple[int, ...]]
    vocabulary: tuple[str, ...]  # folded syllables, for typo repair
    names: Mapping[str, str]  # procedure id -> display name
    accented_vocab: Mapping[str, frozenset[str]]  # procedure id -> accented syllables
    n_procedures: int
    tones: Mapping[str, frozenset[str]]  # folded syllable -> tone marks it carries in the KB

    @cached_property
    def accented_all(self) -> frozenset[str]:
        """The accented syllables of every procedure: a question's others agree with none."""
        return frozenset().union(*self.accented_vocab.values())

    @classmethod
    def build(
        cls,
        procedures: Iterable[Procedure],
        normalizer: Normalizer,
        learned: Mapping[str, Sequence[str]] | None = None,
    ) -> PhraseIndex:
        lexicon = normalizer.lexicon
        raw: list[tuple[str, str, tuple[Token, ...], frozenset[Feature]]] = []
        names: dict[str, str] = {}
        for proc in procedures:
            names[proc.id] = proc.title
            for text in [*named_texts(proc), *(learned or {}).get(proc.id, ())]:
                norm = normalizer.normalize(text)
                toks = tuple(t for t in norm.tokens if not t.topic)
                found = features([t.folded for t in toks]) | topic_features(norm)
                if found:
                    raw.append((proc.id, text, toks, frozenset(found)))
        doc_freq: dict[Feature, set[str]] = {}
        accented: dict[str, set[str]] = {}
        tones: dict[str, set[str]] = {}
        for pid, _, toks, feats in raw:
            for feat in feats:
                doc_freq.setdefault(feat, set()).add(pid)
            accented.setdefault(pid, set()).update(t.accented for t in toks)
            for t in toks:
                if has_diacritics(t.accented):
                    tones.setdefault(t.folded, set()).add(tone(t.accented))
        n = max(len(names), 1)
        idf = {f: math.log(1 + n / len(ids)) for f, ids in doc_freq.items()}
        for feat in idf:
            if is_light(feat, lexicon.light):
                idf[feat] = min(idf[feat], lexicon.light_weight)
            elif feat in lexicon.markers:
                idf[feat] = max(idf[feat], lexicon.marker_weight)
        phrases: list[Phrase] = []
        postings: dict[Feature, list[int]] = {}
        for pid, text, toks, feats in raw:
            folded = tuple(t.folded for t in toks)
            for feat in feats:
                postings.setdefault(feat, []).append(len(phrases))
            phrases.append(
                Phrase(
                    pid,
                    text,
                    folded,
                    tuple(t.accented for t in toks),
                    feats,
                    math.fsum(idf[f] for f in feats),
                )
            )
        vocabulary = tuple(sorted({f for f in idf if "_" not in f and not f.startswith(TOPIC)}))

        # Lightest (shortest, most specific) phrases first: a query reading only the head of a
        # long posting list still meets the phrases it can match best.
        def lightest_first(ids: list[int]) -> tuple[int, ...]:
            return tuple(sorted(ids, key=lambda i: phrases[i].weight))

        return cls(
            phrases=tuple(phrases),
            idf=idf,
            postings={f: lightest_first(ids) for f, ids in postings.items()},
            vocabulary=vocabulary,
            names=names,
            accented_vocab={pid: frozenset(v) for pid, v in accented.items()},
            n_procedures=n,
            tones={k: frozenset(v) for k, v in tones.items()},
        )
