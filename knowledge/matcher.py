"""Match a citizen's question to a procedure: ``answer``, ``clarify`` or ``unmet``.

Score of a procedure = the best of its phrases, where a phrase scores by how much of the phrase's
weight the query covers (recall) and how much of the query's weight the phrase explains
(precision). Words of the query that the knowledge base has never seen keep a weight of their own,
so "đăng ký doanh nghiệp" is not explained by "đăng ký hộ kinh doanh" and ends as ``unmet``.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from knowledge.index import Feature, Phrase, PhraseIndex, features
from knowledge.normalize import Aspect, Normalizer, default_normalizer
from knowledge.schema import Procedure
from knowledge.spelling import repair
from knowledge.text import has_diacritics, tone

CODE_RE = re.compile(r"(?<![\d.])(\d\.\d{6})(?![\d])")


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
    unmet_below: float = 0.45  # below this nothing is offered
    clarify_band: float = 0.15  # candidates within this distance of the best are offered
    unknown_weight: float = 2.2  # weight of a query syllable the knowledge base never uses
    unknown_pair_weight: float = 0.6  # weight of an unseen pair of known syllables
    beta: float = 3.0  # F-beta: >1 favours recall of the phrase, <1 precision of the query
    bag_share: float = 0.5  # share of the score from the procedure's whole vocabulary
    mistoned_credit: float = 0.25  # credit of a syllable typed with a tone the KB never uses
    accent_share: float = 0.08  # re-ranking by exact accented syllables when the query has them
    max_postings: int = 250  # read at most this head of a feature's (lightest-first) postings
    max_phrases: int = 40  # phrases fully scored per query


@dataclass
class Matcher:
    index: PhraseIndex
    normalizer: Normalizer = field(default_factory=default_normalizer)
    config: MatchConfig = field(default_factory=MatchConfig)
    codes: Mapping[str, str] = field(default_factory=dict)
    _repairs: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _bags: dict[str, frozenset[Feature]] = field(default_factory=dict, repr=False)
    _stop_folded: frozenset[str] = field(default_factory=frozenset, repr=False)

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
        matcher = cls(PhraseIndex.build(procs, norm, learned), norm, config or MatchConfig(), codes)
        bags: dict[str, set[Feature]] = {}
        for phrase in matcher.index.phrases:
            bags.setdefault(phrase.procedure_id, set()).update(phrase.features)
        matcher._bags = {pid: frozenset(b) for pid, b in bags.items()}
        matcher._stop_folded = norm.lexicon.stop_folded
        return matcher

    # -- query side -------------------------------------------------------------------------
    def _repair(self, token: str) -> tuple[str, ...]:
        cached = self._repairs.get(token)
        if cached is None:
            cached = repair(token, self.index.idf, self.index.vocabulary)
            if len(self._repairs) < 50_000:
                self._repairs[token] = cached
        return cached

    def _query_weights(
        self, folded: Sequence[str], mistoned: set[str]
    ) -> tuple[dict[Feature, float], dict[Feature, float]]:
        """Weights of the query's features, and the credit each earns when a phrase has it.

        A syllable typed with a tone the knowledge base never gives it ("tắm" where the KB only
        has "tạm") is probably another word: it keeps its weight but earns little credit.
        """
        cfg, idf = self.config, self.index.idf
        weights: dict[Feature, float] = {}
        credit: dict[Feature, float] = {}
        for feat in features(folded):
            known = idf.get(feat)
            if known is not None:
                weights[feat] = known
                off = any(part in mistoned for part in feat.split("_"))
                credit[feat] = known * (cfg.mistoned_credit if off else 1.0)
            elif "_" not in feat:
                weights[feat] = cfg.unknown_weight
            elif all(part in idf for part in feat.split("_")):
                weights[feat] = cfg.unknown_pair_weight
        return weights, credit

    # -- scoring ----------------------------------------------------------------------------
    def _gather(self, qweights: Mapping[Feature, float]) -> list[int]:
        acc: dict[int, float] = {}
        get = acc.get
        postings, cfg = self.index.postings, self.config
        for feat, w in qweights.items():
            post = postings.get(feat)
            if post:
                for i in post[: cfg.max_postings]:
                    acc[i] = get(i, 0.0) + w
        return heapq.nlargest(cfg.max_phrases, acc, key=acc.__getitem__)

    def _phrase_score(
        self, phrase: Phrase, credit: Mapping[Feature, float], qtotal: float
    ) -> float:
        matched = sum(w for f, w in credit.items() if f in phrase.features)
        if matched <= 0:
            return 0.0
        recall, precision = matched / phrase.weight, matched / qtotal
        b2 = self.config.beta**2
        return (1 + b2) * precision * recall / (b2 * precision + recall)

    def match(self, text: str, top: int = 5) -> MatchResult:
        norm = self.normalizer.normalize(text)
        by_code = self._match_code(text)
        if by_code is not None:
            return MatchResult(text, Outcome.ANSWER, norm.aspect, (by_code,), norm.folded)
        folded: list[str] = []
        mistoned: set[str] = set()
        tones = self.index.tones
        idf = self.index.idf
        for tok in norm.tokens:
            if tok.folded not in idf and tok.folded in self._stop_folded:
                continue  # an unaccented function word ("da", "con") the KB never uses
            parts = self._repair(tok.folded)
            folded.extend(parts)
            known_tones = tones.get(tok.folded)
            if (
                known_tones
                and has_diacritics(tok.accented)
                and tone(tok.accented) not in known_tones
            ):
                mistoned.add(tok.folded)
        qweights, credit = self._query_weights(folded, mistoned)
        qtotal = sum(qweights.values())
        if qtotal <= 0:
            return MatchResult(text, Outcome.UNMET, norm.aspect, (), " ".join(folded))
        best: dict[str, tuple[float, str]] = {}
        for i in self._gather(qweights):
            phrase = self.index.phrases[i]
            score = self._phrase_score(phrase, credit, qtotal)
            if score > best.get(phrase.procedure_id, (0.0, ""))[0]:
                best[phrase.procedure_id] = (score, phrase.text)
        accented = {t.accented for t in norm.tokens if has_diacritics(t.accented)}
        cfg = self.config
        scored: list[Candidate] = []
        for pid, (phrase_score, phrase_text) in best.items():
            bag = self._bags.get(pid, frozenset())
            bag_precision = sum(w for f, w in credit.items() if f in bag) / qtotal
            score = (
                1 - cfg.bag_share
            ) * phrase_score + cfg.bag_share * bag_precision * phrase_score**0.5
            if accented:
                agree = len(accented & self.index.accented_vocab.get(pid, frozenset())) / len(
                    accented
                )
                score *= 1 - cfg.accent_share + cfg.accent_share * agree
            scored.append(
                Candidate(pid, self.index.names[pid], min(score, 1.0), phrase_text, bag_precision)
            )
        scored.sort(key=lambda c: (-c.score, c.id))
        return MatchResult(
            text, self._decide(scored), norm.aspect, tuple(scored[:top]), " ".join(folded)
        )

    def _match_code(self, text: str) -> Candidate | None:
        for code in CODE_RE.findall(text):
            pid = self.codes.get(code)
            if pid:
                return Candidate(pid, self.index.names[pid], 1.0, code)
        return None

    def _decide(self, scored: list[Candidate]) -> Outcome:
        cfg = self.config
        if not scored or scored[0].score < cfg.unmet_below:
            return Outcome.UNMET
        runner_up = scored[1].score if len(scored) > 1 else 0.0
        if scored[0].score >= cfg.answer_min and scored[0].score - runner_up >= cfg.margin:
            return Outcome.ANSWER
        return Outcome.CLARIFY

    def clarify_options(self, result: MatchResult, limit: int = 3) -> list[Candidate]:
        """Candidates worth offering when the outcome is ``clarify``."""
        if not result.candidates:
            return []
        floor = max(self.config.unmet_below, result.candidates[0].score - self.config.clarify_band)
        return [c for c in result.candidates if c.score >= floor][:limit]
