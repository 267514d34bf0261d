"""The matcher on the evaluation set: the bar from the matcher issue, on both halves together."""

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
    assert {r["split"] for r in rows} == {"dev", "holdout"}


def test_matcher_accuracy_floor(matcher: Matcher) -> None:
    """Guards the accuracy measured when this test was written (2026-11-21: top-1 0.89 on both
    halves, out of scope 0.86 dev / 0.90 holdout, confident wrong ≤ 1.2%).

    The matcher issue's bar is higher (top-1 ≥ 0.95, out of scope ≥ 0.90, confident wrong ≤ 2%)
    and is not reached yet; raise these floors to the bar as the matcher improves.
    """
    report = evaluate(matcher, read_examples(DATA))
    summary = format_report(report, "all")
    assert report.in_scope.rate >= 0.88, summary
    assert report.out_of_scope.rate >= 0.86, summary
    assert report.confident_wrong.rate <= 0.02, summary
