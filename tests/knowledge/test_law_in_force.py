"""Facts follow the law in force on the day, mechanically checked across the knowledge base.

- A fee whose schedule Thông tư 117/2026/TT-BTC (Điều 1) waives or cuts for citizens with a
  VNeID level-2 account from 15/8/2026 to 28/2/2027 carries that period: on every day of it,
  an item in force cites the circular; after it, none does (from 1/3/2027 the original
  schedule applies again, Điều 2 khoản 1).
- A legal basis does not cite a text that was replaced, unless it names its replacement too
  ("Thông tư 155/2025/TT-BTC, thay Thông tư 60/2023/TT-BTC"): one-stop rules are Nghị định
  118/2025/NĐ-CP since 1/7/2025 (in place of Nghị định 61/2018/NĐ-CP and 107/2021/NĐ-CP); the
  schedules Thông tư 117/2026/TT-BTC names are Thông tư 155/2025/TT-BTC for vehicle
  registration (in place of Thông tư 60/2023/TT-BTC), Thông tư 154/2025/TT-BTC for driving
  licences (in place of Thông tư 37/2023/TT-BTC) and Thông tư 28/2026/TT-BTC for passports (in
  place of Thông tư 25/2021/TT-BTC).
"""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.loader import load_procedures
from knowledge.schema import Procedure
from knowledge.validate import legal_bases
from tests.knowledge.helpers import example

WAIVER = "117/2026/TT-BTC"
WAIVER_FROM, WAIVER_UNTIL = dt.date(2026, 8, 15), dt.date(2027, 2, 28)
# The schedules Thông tư 117/2026/TT-BTC, Điều 1 waives for the period (khoản 2 to 6 and 8).
WAIVED = (
    "281/2016/TT-BTC, Điều 4",  # copies of civil-status extracts
    "75/2022/TT-BTC",  # residence registration
    "73/2024/TT-BTC",  # ID card exchanged or re-issued
    "16/2025/TT-BTC",  # judicial record
    "154/2025/TT-BTC",  # driving licence exchanged or re-issued
    "28/2026/TT-BTC",  # passport
)
REPLACED = {
    "61/2018/NĐ-CP": "118/2025/NĐ-CP",
    "107/2021/NĐ-CP": "118/2025/NĐ-CP",
    "60/2023/TT-BTC": "155/2025/TT-BTC",
    "37/2023/TT-BTC": "154/2025/TT-BTC",
    "25/2021/TT-BTC": "28/2026/TT-BTC",
}


def _cites_waiver(proc: Procedure, on: dt.date) -> bool:
    return any(
        any(WAIVER in basis for basis in fee.legal_basis)
        for fee in proc.fees.items
        if fee.in_force(on)
    )


def waiver_gaps(proc: Procedure) -> list[str]:
    """Where a waived fee is quoted without its waiver, or a waiver outlives its period."""
    gaps: list[str] = []
    charged = [
        fee.label
        for fee in proc.fees.items
        if (fee.amount or 0) > 0 and any(s in b for b in fee.legal_basis for s in WAIVED)
    ]
    if charged:
        for day in (WAIVER_FROM, dt.date(2026, 12, 7), WAIVER_UNTIL):
            if not _cites_waiver(proc, day):
                gaps.append(f"{proc.id}: {charged[0]!r} quoted on {day} without {WAIVER}")
    for fee in proc.fees.items:
        if any(WAIVER in b for b in fee.legal_basis) and (
            fee.valid_until is None or fee.valid_until > WAIVER_UNTIL
        ):
            gaps.append(f"{proc.id}: {fee.label!r} cites {WAIVER} past {WAIVER_UNTIL}")
    return gaps


def replaced_citations(proc: Procedure) -> list[str]:
    return [
        f"{proc.id}: {path}: {item!r}"
        for path, item in legal_bases(proc)
        for old, new in REPLACED.items()
        if old in item and new not in item
    ]


@pytest.fixture(scope="module")
def procedures() -> list[Procedure]:
    loaded, problems = load_procedures()
    assert problems == []
    return [proc for _, proc in loaded]


def test_every_waived_fee_carries_its_waiver_and_no_waiver_outlives_it(
    procedures: list[Procedure],
) -> None:
    assert [gap for proc in procedures for gap in waiver_gaps(proc)] == []


def test_no_legal_basis_cites_a_replaced_text_alone(procedures: list[Procedure]) -> None:
    assert [hit for proc in procedures for hit in replaced_citations(proc)] == []


def _copy_fee(**extra: object) -> dict[str, object]:
    return {
        "label": "Bản sao trích lục (nếu xin thêm)",
        "amount": 8000,
        "unit": "bản",
        "legal_basis": ["Thông tư 281/2016/TT-BTC, Điều 4"],
        "verified": True,
        **extra,
    }


def _with_fees(*items: dict[str, object]) -> Procedure:
    data = example()
    data["fees"]["items"] = [*data["fees"]["items"], *items]
    return Procedure.model_validate(data)


def test_a_copy_fee_without_its_waiver_is_found() -> None:
    proc = _with_fees(_copy_fee())
    assert len(waiver_gaps(proc)) == 3


def test_a_copy_fee_with_its_waiver_for_the_period_passes() -> None:
    waiver = _copy_fee(
        label="Bản sao, nếu có tài khoản VNeID mức 2",
        amount=0,
        valid_from=WAIVER_FROM,
        valid_until=WAIVER_UNTIL,
        legal_basis=["Thông tư 117/2026/TT-BTC, Điều 1 khoản 2"],
    )
    assert waiver_gaps(_with_fees(_copy_fee(), waiver)) == []


def test_a_waiver_left_open_after_its_period_is_found() -> None:
    waiver = _copy_fee(
        label="Bản sao, nếu có tài khoản VNeID mức 2",
        amount=0,
        valid_from=WAIVER_FROM,
        legal_basis=["Thông tư 117/2026/TT-BTC, Điều 1 khoản 2"],
    )
    assert waiver_gaps(_with_fees(_copy_fee(), waiver)) == [
        f"{example()['id']}: 'Bản sao, nếu có tài khoản VNeID mức 2' cites {WAIVER} past "
        f"{WAIVER_UNTIL}"
    ]


def test_a_replaced_text_is_found_and_one_naming_its_replacement_is_not() -> None:
    data = example()
    data["where"]["legal_basis"] = ["Nghị định 61/2018/NĐ-CP, Điều 14"]
    data["result"]["legal_basis"] = ["Nghị định 118/2025/NĐ-CP (thay Nghị định 61/2018/NĐ-CP)"]
    hits = replaced_citations(Procedure.model_validate(data))
    assert len(hits) == 1 and "where.legal_basis[0]" in hits[0]
