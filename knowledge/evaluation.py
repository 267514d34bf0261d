"""Scoring the matcher on a labelled set (``tests/data/match_eval.jsonl``).

A query counts as *top-1 correct* when the matcher does not give up (outcome is not ``unmet``) and
its best candidate is the expected procedure. An out-of-scope query (``expect: null``) is correct
only when the outcome is ``unmet``. A *confident wrong answer* is an ``answer`` outcome naming
the wrong procedure, or naming any procedure for an out-of-scope query.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.matcher import Matcher, MatchResult, Outcome


@dataclass(frozen=True)
class Example:
    query: str
    expect: str | None
    tags: tuple[str, ...]
    split: str
    also: tuple[str, ...] = ()  # other procedures that answer the question as well


# the splits of ``tests/data/match_eval.jsonl``, in the order they are reported
SPLITS = (
    "dev",
    "holdout",
    "holdout2",
    "holdout3",
    "holdout4",
    "letters",
    "letters2",
    "letters3",
    "letters4",
    "letters5",
    "letters6",
    "letters7",
    "letters8",
    "letters9",
    "letters10",
)


def read_examples(path: Path) -> list[Example]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            rows.append(Example(obj["q"], obj["expect"], tuple(obj.get("tags", ())), obj["split"]))
    return rows


def real_part(row_id: str) -> str:
    """The part of the real questions a row belongs to: every third row (by the number in its
    id) is kept to ``check`` what was tuned on the others (``tune``), so that a gain on the
    tuning part can be told from a fit to its wording."""
    digits = re.sub(r"\D", "", row_id)
    return "check" if digits and int(digits) % 3 == 0 else "tune"


def read_real(path: Path) -> list[Example]:
    """Citizens' own questions: ``q``, ``expect`` (the procedures that answer it, any of them
    counts; none: out of scope) and ``kind`` (long, situation, short, aspect, out_of_scope).
    The split is the row's part (``real_part``)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            expect = [str(e) for e in obj["expect"]]
            kind = (str(obj["kind"]),) if obj.get("kind") else ()
            rows.append(
                Example(
                    obj["q"],
                    expect[0] if expect else None,
                    kind,
                    real_part(str(obj.get("id", ""))),
                    tuple(expect[1:]),
                )
            )
    return rows


@dataclass
class Tally:
    total: int = 0
    correct: int = 0

    @property
    def rate(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass
class Report:
    in_scope: Tally = field(default_factory=Tally)
    out_of_scope: Tally = field(default_factory=Tally)
    confident_wrong: Tally = field(default_factory=Tally)  # correct = number of confident wrongs
    clarify: Tally = field(default_factory=Tally)  # in-scope queries answered by clarify
    by_tag: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    failures: list[tuple[Example, MatchResult]] = field(default_factory=list)


def is_correct(example: Example, result: MatchResult) -> bool:
    if example.expect is None:
        return result.outcome is Outcome.UNMET
    best = result.best
    return (
        result.outcome is not Outcome.UNMET
        and best is not None
        and (best.id == example.expect or best.id in example.also)
    )


def kinds(example: Example) -> tuple[str, ...]:
    """The example's tags ("plain" if none), and "with_diacritics" unless "no_diacritics"."""
    tags = example.tags or ("plain",)
    return tags if "no_diacritics" in tags else (*tags, "with_diacritics")


def evaluate(matcher: Matcher, examples: Iterable[Example]) -> Report:
    report = Report()
    for example in examples:
        result = matcher.match(example.query)
        ok = is_correct(example, result)
        bucket = report.out_of_scope if example.expect is None else report.in_scope
        bucket.total += 1
        bucket.correct += ok
        report.confident_wrong.total += 1
        if result.outcome is Outcome.ANSWER and not ok:
            report.confident_wrong.correct += 1
        if example.expect is not None:
            report.clarify.total += 1
            report.clarify.correct += result.outcome is Outcome.CLARIFY
        for tag in kinds(example):
            report.by_tag[tag].total += 1
            report.by_tag[tag].correct += ok
        if not ok:
            report.failures.append((example, result))
    return report


def format_report(report: Report, title: str) -> str:
    rows = [
        ("top-1 (in scope)", report.in_scope),
        ("out of scope → unmet", report.out_of_scope),
        ("confident wrong answers", report.confident_wrong),
        ("in scope via clarify", report.clarify),
    ]
    lines = [f"== {title}"]
    lines += [f"{label:<25} {t.rate:6.1%}  ({t.correct}/{t.total})" for label, t in rows]
    lines += [
        "per kind (correct rate):",
    ]
    for tag, tally in sorted(report.by_tag.items()):
        lines.append(f"  {tag:<16} {tally.rate:6.1%}  ({tally.correct}/{tally.total})")
    return "\n".join(lines)
