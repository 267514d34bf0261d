"""Print the matcher's accuracy on the evaluation set, per split and per kind of query.

.venv/bin/python bench/match_eval.py
    [--split dev|holdout|holdout2|holdout3|holdout4|letters|letters2|letters3|letters4|all]
    [--failures N]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.evalargs import arguments  # noqa: E402
from knowledge.base import load  # noqa: E402
from knowledge.evaluation import SPLITS, evaluate, format_report, read_examples  # noqa: E402
from knowledge.matcher import Matcher  # noqa: E402

DATA = ROOT / "tests" / "data" / "match_eval.jsonl"


def main() -> None:
    args = arguments(file=None, choices=[*SPLITS, "all"])
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
