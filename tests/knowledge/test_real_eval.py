"""Scoring a file of citizens' own questions: any expected procedure counts, [] is out of scope."""

from __future__ import annotations

import json
from pathlib import Path

from knowledge.evaluation import Example, is_correct, read_real
from knowledge.matcher import Candidate, MatchResult, Outcome


def result(outcome: Outcome, *ids: str) -> MatchResult:
    return MatchResult("q", outcome, None, tuple(Candidate(i, i, 0.5, "") for i in ids))


def write(tmp_path: Path, *rows: dict[str, object]) -> Path:
    path = tmp_path / "real.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def test_a_row_reads_as_an_example_with_its_alternatives(tmp_path: Path) -> None:
    path = write(tmp_path, {"q": "a", "url": "u", "expect": ["x", "y"], "kind": "long"})
    assert read_real(path) == [Example("a", "x", ("long",), "tune", ("y",))]


def test_every_third_row_is_kept_to_check(tmp_path: Path) -> None:
    rows = [{"id": f"r{n:04d}", "q": "a", "expect": [], "kind": "short"} for n in (1, 2, 3, 6)]
    path = write(tmp_path, *rows)
    assert [e.split for e in read_real(path)] == ["tune", "tune", "check", "check"]


def test_an_empty_expect_is_out_of_scope(tmp_path: Path) -> None:
    path = write(tmp_path, {"q": "a", "url": "u", "expect": [], "kind": "out_of_scope"})
    assert read_real(path)[0].expect is None


def test_any_expected_procedure_counts() -> None:
    example = Example("q", "x", (), "real", ("y",))
    assert is_correct(example, result(Outcome.CLARIFY, "y", "x"))


def test_another_procedure_does_not_count() -> None:
    example = Example("q", "x", (), "real", ("y",))
    assert not is_correct(example, result(Outcome.ANSWER, "z", "x"))


def test_giving_up_does_not_count_even_with_the_right_leader() -> None:
    example = Example("q", "x", (), "real")
    assert not is_correct(example, result(Outcome.UNMET, "x"))
