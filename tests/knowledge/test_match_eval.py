"""The matcher on the evaluation set: the bar from the matcher issue, on all splits together."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase
from knowledge.evaluation import evaluate, format_report, read_examples
from knowledge.matcher import Matcher

DATA = Path(__file__).resolve().parents[1] / "data" / "match_eval.jsonl"


@pytest.fixture(scope="module")
def matcher(kb: KnowledgeBase) -> Matcher:
    return Matcher.build(kb.procedures.values())


def test_evaluation_set_meets_its_own_specification(kb: KnowledgeBase) -> None:
    rows = [
        json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    assert len(rows) >= 500
    per_id = Counter(r["expect"] for r in rows if r["expect"])
    assert set(per_id) <= set(kb.procedures), set(per_id) - set(kb.procedures)
    assert min(per_id[pid] for pid in kb.procedures) >= 4
    tags = Counter(tag for r in rows for tag in r["tags"])
    assert tags["no_diacritics"] >= 0.30 * len(rows)
    assert tags["slang"] >= 0.15 * len(rows)
    assert tags["typo"] >= 0.10 * len(rows)
    assert tags["situation"] >= 0.10 * len(rows)
    assert sum(r["expect"] is None for r in rows) >= 80
    assert {r["split"] for r in rows} == {"dev", "holdout", "holdout2"}


def test_matcher_accuracy_floor(matcher: Matcher) -> None:
    """Guards the accuracy measured on all three splits together when the matcher issue's work
    ended (top-1 0.972, out of scope 0.889, confident wrong 1.2%; per split: dev 99.3/98.0/0.6,
    holdout 94.4/89.8/0.7, holdout2 97.6/75.0/3.0 — holdout2 written before the work and first
    run at its end).

    The issue's bar is top-1 ≥ 0.95, out of scope ≥ 0.90, confident wrong ≤ 2%: top-1 and
    confident wrong meet it on the whole set, out of scope does not yet. Raise the out-of-scope
    floor to 0.90 when the matcher reaches it.
    """
    report = evaluate(matcher, read_examples(DATA))
    summary = format_report(report, "all")
    assert report.in_scope.rate >= 0.97, summary
    assert report.out_of_scope.rate >= 0.88, summary
    assert report.confident_wrong.rate <= 0.02, summary
