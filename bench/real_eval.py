"""Score the matcher on citizens' own questions (a JSONL file: ``q``, ``url``, ``expect``: the
procedures that answer it, or [] when out of scope, ``kind``).

    .venv/bin/python bench/real_eval.py --file tests/data/real_questions.jsonl \
        [--part all|tune|check] [--failures N]

Prints top-1 on in-scope questions (any expected procedure, not given up), out-of-scope
rejection, confident wrong answers, the share answered by a clarify, and top-1 per kind.
``--part``: the two thirds of the rows to tune on, or the third kept to check (``real_part``).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.evalargs import REQUIRED, arguments  # noqa: E402
from knowledge.base import load  # noqa: E402
from knowledge.evaluation import evaluate, format_report, read_real  # noqa: E402
from knowledge.matcher import Matcher  # noqa: E402


def main() -> None:
    args = arguments(file=REQUIRED, select="part", choices=("all", "tune", "check"))
    matcher = Matcher.build(load().procedures.values())
    examples = [e for e in read_real(args.file) if args.part in ("all", e.split)]
    report = evaluate(matcher, examples)
    print(format_report(report, f"{args.file.name} ({args.part})"))
    for example, result in report.failures[: args.failures]:
        got = [(c.id, round(c.score, 2)) for c in result.candidates[:3]]
        want = [example.expect, *example.also] if example.expect else []
        print(f"  ✗ [{example.tags[0] if example.tags else ''}] {example.query[:160]!r}")
        print(f"      expect={want} → {result.outcome.value} {got}")


if __name__ == "__main__":
    main()
