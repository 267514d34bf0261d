"""Dated facts: a fee in force for a period is quoted only then, and ``kb check`` watches ends."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from knowledge.schema import Procedure
from knowledge.validate import check_dated
from tests.knowledge.helpers import example

REDUCED_UNTIL = dt.date(2026, 12, 31)


def _fees(*items: dict[str, Any]) -> Procedure:
    data = example()
    data["fees"] = {"items": list(items), "legal_basis": ["Thông tư 59/2019/TT-BTC"]}
    return Procedure.model_validate(data)


def _change() -> Procedure:
    """A fee halved until the end of 2026, then back to the full amount."""
    return _fees(
        {"label": "Cấp đổi", "amount": 15000, "valid_until": REDUCED_UNTIL.isoformat()},
        {"label": "Cấp đổi", "amount": 30000, "valid_from": "2027-01-01"},
    )


def test_the_fee_quoted_depends_on_the_day() -> None:
    proc = _change()
    assert [f.amount for f in proc.as_of(dt.date(2026, 12, 6)).fees.items] == [15000]
    assert [f.amount for f in proc.as_of(dt.date(2027, 1, 15)).fees.items] == [30000]


def test_both_ends_are_inclusive() -> None:
    proc = _change()
    assert [f.amount for f in proc.as_of(REDUCED_UNTIL).fees.items] == [15000]
    assert [f.amount for f in proc.as_of(dt.date(2027, 1, 1)).fees.items] == [30000]


def test_undated_procedure_is_returned_as_is() -> None:
    proc = _fees({"label": "Lệ phí", "amount": 0})
    assert proc.as_of(dt.date(2030, 1, 1)) is proc


def test_an_end_before_the_start_is_refused() -> None:
    with pytest.raises(ValueError, match="valid_until"):
        _fees({"label": "x", "amount": 1, "valid_from": "2027-01-02", "valid_until": "2027-01-01"})


def test_check_warns_thirty_days_before_a_fact_ends() -> None:
    labelled = [("p.yaml", _change())]
    errors, warnings = check_dated(labelled, dt.date(2026, 12, 6))
    assert not errors
    assert [w.field for w in warnings] == ["fees.items[0] 'Cấp đổi'"]
    assert check_dated(labelled, dt.date(2026, 11, 1)) == ([], [])


def test_check_fails_when_no_fee_is_in_force() -> None:
    proc = _fees({"label": "Cấp đổi", "amount": 15000, "valid_until": "2026-12-31"})
    errors, _ = check_dated([("p.yaml", proc)], dt.date(2027, 1, 1))
    assert [e.field for e in errors] == ["fees.items"]
