"""The same-day answer: a cut-off hour belongs only to a result that can be had the same day."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.base import load
from knowledge.problems import KnowledgeError
from tests.knowledge.helpers import example, write

NO_SAME_DAY = {
    "possible": False,
    "text": "Không có ngay trong ngày: thời hạn là 03 ngày làm việc kể từ khi nhận đủ hồ sơ.",
    "legal_basis": ["Luật Hộ tịch 2014, Điều 16"],
}


def test_a_result_not_had_the_same_day_loads_without_a_cutoff(tmp_path: Path) -> None:
    write(tmp_path / "procedures", "dang-ky-khai-sinh", example(same_day=NO_SAME_DAY))
    proc = load(tmp_path / "procedures", tmp_path / "localities").get("dang-ky-khai-sinh")
    assert proc is not None and proc.same_day is not None and proc.same_day.possible is False


def test_a_cutoff_hour_for_a_result_not_had_the_same_day_is_rejected(tmp_path: Path) -> None:
    write(
        tmp_path / "procedures",
        "dang-ky-khai-sinh",
        example(same_day={**NO_SAME_DAY, "cutoff": "15:00"}),
    )
    with pytest.raises(KnowledgeError) as info:
        load(tmp_path / "procedures", tmp_path / "localities")
    assert any(
        "same_day" in str(p) and "`possible` is false" in str(p) for p in info.value.problems
    )
