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

from knowledge.normalize import Normalizer, Token
from knowledge.schema import Procedure
from knowledge.text import has_diacritics, tone

Feature = str


def features(tokens: Sequence[str]) -> set[Feature]:
    """Unigrams and bigrams of folded tokens; bigrams are written "a_b"."""
    feats = set(tokens)
    feats.update(f"{a}_{b}" for a, b in itertools.pairwise(tokens))
    return feats


@dataclass(frozen=True)
class Phrase:
    procedure_id: str
    text: str
    folded: tuple[str, ...]
    accented: frozenset[str]
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

    @classmethod
    def build(
        cls,
        procedures: Iterable[Procedure],
        normalizer: Normalizer,
        learned: Mapping[str, Sequence[str]] | None = None,
    ) -> PhraseIndex:
        raw: list[tuple[str, str, tuple[Token, ...]]] = []
        names: dict[str, str] = {}
        for proc in procedures:
            names[proc.id] = proc.title
            texts = [proc.name, *([proc.short_name] if proc.short_name else []), *proc.aliases]
            for text in [*texts, *(learned or {}).get(proc.id, ())]:
                toks = normalizer.normalize(text).tokens
                if toks:
                    raw.append((proc.id, text, toks))
        doc_freq: dict[Feature, set[str]] = {}
        accented: dict[str, set[str]] = {}
        tones: dict[str, set[str]] = {}
        for pid, _, toks in raw:
            for feat in features([t.folded for t in toks]):
                doc_freq.setdefault(feat, set()).add(pid)
            accented.setdefault(pid, set()).update(t.accented for t in toks)
            for t in toks:
                if has_diacritics(t.accented):
                    tones.setdefault(t.folded, set()).add(tone(t.accented))
        n = max(len(names), 1)
        idf = {f: math.log(1 + n / len(ids)) for f, ids in doc_freq.items()}
        phrases: list[Phrase] = []
        postings: dict[Feature, list[int]] = {}
        for pid, text, toks in raw:
            folded = tuple(t.folded for t in toks)
            feats = frozenset(features(folded))
            for feat in feats:
                postings.setdefault(feat, []).append(len(phrases))
            phrases.append(
                Phrase(
                    pid,
                    text,
                    folded,
                    frozenset(t.accented for t in toks),
                    feats,
                    sum(idf[f] for f in feats),
                )
            )
        vocabulary = tuple(sorted({f for f in idf if "_" not in f}))

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
