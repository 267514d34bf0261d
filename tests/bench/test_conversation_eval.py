"""The conversation benchmark's scoring, on a tiny dialogue with made-up replies, and the shape of
the dialogue file."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "conversation_eval", ROOT / "bench/conversation_eval.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = load_bench()
TITLES = {"dang-ky-khai-sinh": "Đăng ký khai sinh", "dang-ky-ket-hon": "Đăng ký kết hôn"}
DIALOGUE = {
    "id": "tiny",
    "split": "dev",
    "turns": [
        {"say": "khai sinh", "kind": "first", "expect": {"procedure": "dang-ky-khai-sinh"}},
        {"say": "bao nhiêu tiền", "kind": "aspect", "expect": {"any": ["mien phi"]}},
        {"say": "cảm ơn", "kind": "smalltalk", "expect": {"procedure": None, "none": ["Lỗi"]}},
    ],
}


def run(replies: list[list[dict[str, Any]]]) -> Any:
    queue = iter(replies)

    async def send(user: str, text: str) -> list[dict[str, Any]]:
        return next(queue)

    return asyncio.run(bench.score([DIALOGUE], send, TITLES))


def test_a_dialogue_whose_turns_all_hold_passes() -> None:
    report = run(
        [
            [{"text": "📋 Đăng ký khai sinh\n…", "buttons": []}],
            [
                {
                    "text": "Lệ phí: Miễn phí",
                    "buttons": [{"label": "x", "action": "a:docs:dang-ky-khai-sinh"}],
                }
            ],
            [{"text": "Không có gì ạ!", "buttons": []}],
        ]
    )
    assert report.dialogues_passed == 1 and sum(report.passed.values()) == 3
    assert not report.failures


def test_a_wrong_procedure_and_a_missing_word_fail_their_turns() -> None:
    report = run(
        [
            [{"text": "x", "buttons": [{"label": "y", "action": "up::dang-ky-ket-hon"}]}],
            [{"text": "Lệ phí: 20.000 đồng", "buttons": []}],
            [{"text": "Lỗi rồi", "buttons": []}],
        ]
    )
    assert report.dialogues_passed == 0 and sum(report.passed.values()) == 0
    assert len(report.failures) == 3 and "expected dang-ky-khai-sinh" in report.failures[0]


def test_comparisons_ignore_case_and_diacritics() -> None:
    assert bench.check({"all": ["MIỄN PHÍ"]}, [{"text": "mien phi", "buttons": []}], TITLES) == []


def test_the_dialogue_file_is_well_formed_and_large_enough() -> None:
    dialogues = bench.read_dialogues(bench.DATA)
    turns = [t for d in dialogues for t in d["turns"]]
    assert len(turns) >= 150 and {t["kind"] for t in turns} <= set(bench.KINDS)
    assert all(t["expect"] for t in turns)  # every turn can fail


def test_every_dialogue_file_names_each_dialogue_once() -> None:
    """A dialogue id said twice in a file would let a new dialogue hide behind an old one when
    files are merged or failures are read by id."""
    files = sorted((ROOT / "tests" / "data").glob("conversations*.jsonl"))
    assert files
    for path in files:
        ids = [d["id"] for d in bench.read_dialogues(path)]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        assert not repeated, f"{path.name}: {repeated}"
