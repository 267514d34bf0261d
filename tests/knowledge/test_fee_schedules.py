"""Fee items cite the schedule in force, not the Bộ Tài chính circulars it replaced.

Thông tư 117/2026/TT-BTC names the schedules its waivers apply to: for passports the one issued
with Thông tư 28/2026/TT-BTC (in place of Thông tư 25/2021/TT-BTC), for driving licences the one
issued with Thông tư 154/2025/TT-BTC (in place of Thông tư 37/2023/TT-BTC). A fee item citing
the replaced circular quotes an amount from a schedule no longer in force.
"""

from __future__ import annotations

from knowledge.loader import load_procedures
from knowledge.schema import Procedure
from knowledge.validate import legal_bases
from tests.knowledge.helpers import example

REPLACED = ("25/2021/TT-BTC", "37/2023/TT-BTC")


def _replaced_citations(proc: Procedure) -> list[str]:
    return [
        f"{proc.id}: {path}"
        for path, item in legal_bases(proc.fees)
        if any(number in item for number in REPLACED)
    ]


def test_no_fee_item_cites_a_replaced_schedule() -> None:
    procedures, problems = load_procedures()
    assert problems == []
    found = [hit for _, proc in procedures for hit in _replaced_citations(proc)]
    assert found == []


def test_a_fee_item_citing_a_replaced_schedule_is_found() -> None:
    data = example()
    data["fees"]["items"][0]["legal_basis"] = ["Thông tư 25/2021/TT-BTC, Biểu mức thu"]
    proc = Procedure.model_validate(data)
    assert _replaced_citations(proc) == [f"{proc.id}: items[0].legal_basis[0]"]
