"""The matcher on the evaluation set: the bar from the matcher issue, on all splits together."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from knowledge.base import KnowledgeBase
from knowledge.evaluation import SPLITS, evaluate, format_report, read_examples
from knowledge.matcher import Matcher

DATA = Path(__file__).resolve().parents[1] / "data" / "match_eval.jsonl"
LETTERS = "letters"  # the outsiders' letters splits: letters, letters2, …


def test_evaluation_set_meets_its_own_specification(kb: KnowledgeBase) -> None:
    rows = [
        json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    assert len(rows) >= 500
    per_id = Counter(r["expect"] for r in rows if r["expect"])
    assert set(per_id) <= set(kb.procedures), set(per_id) - set(kb.procedures)
    assert min(per_id[pid] for pid in kb.procedures) >= 4
    # the mix of the short questions; the outsiders' letters carry their own tags
    short = [r for r in rows if not r["split"].startswith(LETTERS)]
    tags = Counter(tag for r in short for tag in r["tags"])
    assert tags["no_diacritics"] >= 0.30 * len(short)
    assert tags["slang"] >= 0.15 * len(short)
    assert tags["typo"] >= 0.10 * len(short)
    assert tags["situation"] >= 0.10 * len(short)
    assert sum(r["expect"] is None for r in rows) >= 80
    assert {r["split"] for r in rows} == set(SPLITS)


def test_matcher_accuracy_floor(matcher: Matcher) -> None:
    """Holds the matcher to its bar on the splits of short questions together: top-1
    ≥ 0.95 in scope, ≥ 0.90 of out-of-scope questions unmet, ≤ 2% confident wrong answers.

    Measured when the first matcher work ended (all three splits were development data then): top-1
    0.978, out of scope 0.970, confident wrong 0.1%; per split dev 98.6/98.0/0.3, holdout
    96.6/95.9/0.0, holdout2 98.2/97.2/0.0. The floors are the bar, not these figures: a blind set
    reports the held-out accuracy. holdout3 was written blind (by someone who had not seen the
    matcher or the other splits) and first run after that work: 90.6/97.5/0.0. A third round
    fixed causes seen on all four splits (98.6/97.1/0.1 on them); holdout4, written blind the
    same way, was run once after it: 95.0/97.4/0.0.

    The outsiders' letters (splits ``letters``…) are held to their own floor below: they are
    measured against the bar for long letters and life situations (0.85), which the matcher has not
    reached (78.6% pooled over ``letters``–``letters6`` when ``letters6`` arrived); the floor
    keeps what was reached from slipping.
    """
    examples = read_examples(DATA)
    short = [e for e in examples if not e.split.startswith(LETTERS)]
    report = evaluate(matcher, short)
    summary = format_report(report, "all but the letters")
    assert report.in_scope.rate >= 0.95, summary
    assert report.out_of_scope.rate >= 0.90, summary
    assert report.confident_wrong.rate <= 0.02, summary
    letters = evaluate(matcher, [e for e in examples if e.split.startswith(LETTERS)])
    summary = format_report(letters, "letters")
    assert letters.in_scope.rate >= 0.75, summary
    assert letters.out_of_scope.rate >= 0.90, summary
    assert letters.confident_wrong.rate <= 0.02, summary
