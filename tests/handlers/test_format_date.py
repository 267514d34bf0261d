"""Dates as citizens read them: ``dd/mm/yyyy``."""

from __future__ import annotations

import datetime as dt

from handlers.format import date


def test_day_and_month_have_two_digits() -> None:
    assert date(dt.date(2026, 1, 5)) == "05/01/2026"
    assert date(dt.date(2025, 12, 31)) == "31/12/2025"
