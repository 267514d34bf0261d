"""Print the matcher's accuracy on the evaluation set, per split and per kind of query.

.venv/bin/python bench/match_eval.py [--split dev|holdout|holdout2|holdout3|holdout4|all]
    [--failures N]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from knowledge.base import load
from knowledge.evaluation import evaluate, format_report, read_examples
from knowledge.matcher import Matcher

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "match_eval.jsonl"
SPLITS = ("dev", "holdout", "holdout2", "holdout3", "holdout4")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="all", choices=[*SPLITS, "all"])
    parser.add_argument("--failures", type=int, default=0, help="print the first N failures")
    args = parser.parse_args()
    matcher = Matcher.build(load().procedures.values())
    examples = read_examples(DATA)
    splits = list(SPLITS) if args.split == "all" else [args.split]
    for split in splits:
        report = evaluate(matcher, [e for e in examples if e.split == split])
        print(format_report(report, f"{split} ({DATA.name})"))
        for example, result in report.failures[: args.failures]:
            got = [(c.id, round(c.score, 2)) for c in result.candidates[:3]]
            print(f"  ✗ {example.query!r} expect={example.expect} → {result.outcome.value} {got}")
        print()
    if args.split == "all":  # what tests/knowledge/test_match_eval.py holds the floors to
        print(format_report(evaluate(matcher, examples), f"all splits ({DATA.name})"))


if __name__ == "__main__":
    main()
