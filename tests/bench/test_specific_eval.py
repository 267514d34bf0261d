"""The specific-question benchmark's judging, on made-up replies, and the shape of its data file."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from handlers import Button, Reply
from knowledge.base import KnowledgeBase
from knowledge.text import fold

ROOT = Path(__file__).resolve().parents[2]


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("specific_eval", ROOT / "bench/specific_eval.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = load_bench()
ROW = {"id": "x", "q": "q", "procedure": ["tach-ho"], "facts": ["18 tuổi"], "split": "dev"}
SECTIONS = [Button("Giấy tờ", "a:docs:tach-ho"), Button("Lệ phí", "a:fees:tach-ho")]
CARD_BUTTON = [Button("Xem toàn bộ", "a:card:tach-ho")]


def test_a_specific_answer_with_the_fact_counts() -> None:
    reply = Reply("📋 Tách hộ\nNgười từ đủ 18 tuoi.", tuple(SECTIONS + CARD_BUTTON))
    outcome = bench.judge(ROW, [reply], "tach-ho")
    assert outcome.fact and outcome.procedure and not outcome.card


def test_the_whole_card_does_not_count_even_when_it_holds_the_fact() -> None:
    reply = Reply("📋 Tách hộ\nNgười từ đủ 18 tuổi.", tuple(SECTIONS))
    outcome = bench.judge(ROW, [reply], "tach-ho")
    assert outcome.card and not outcome.fact


def test_another_procedure_does_not_count() -> None:
    reply = Reply("Người từ đủ 18 tuổi.", tuple(CARD_BUTTON))
    outcome = bench.judge(ROW, [reply], "dang-ky-thuong-tru")
    assert not outcome.procedure and not outcome.fact


def rows() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = bench.read(bench.DATA)
    return found


def test_the_check_block_is_rows_81_to_100_and_every_other_row_is_dev() -> None:
    splits = [r["split"] for r in rows()]
    assert len(splits) >= 100
    assert set(splits[80:100]) == {"check"}
    assert set(splits[:80] + splits[100:]) == {"dev"}


@pytest.mark.parametrize("row", rows(), ids=lambda r: str(r["id"]))
def test_each_fact_is_said_by_an_expected_procedure(kb: KnowledgeBase, row: dict[str, Any]) -> None:
    procedures = [kb.procedures[p] for p in row["procedure"]]
    text = " ".join(fold(p.model_dump_json()) for p in procedures)
    facts = row["facts"]
    assert isinstance(facts, list) and 1 <= len(facts) <= 3
    assert any(" ".join(fold(f).split()) in " ".join(text.split()) for f in facts)


def test_a_fact_split_across_two_lines_does_not_count() -> None:
    reply = Reply("⏳ Gia hạn tạm trú\nMỗi lần tối đa 02 năm", tuple(CARD_BUTTON))
    row = {**ROW, "procedure": ["gia-han-tam-tru"], "facts": ["tạm trú mới"]}
    assert not bench.judge(row, [reply], "gia-han-tam-tru").fact
