"""Pure helpers of the dashboard: charts, CSV, YAML export, stale cut-off, Vietnam days."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import yaml

from bot.admin.charts import bars, columns
from bot.admin.context import safe_next
from bot.admin.csvout import csv_text
from bot.admin.knowledge import aliases_yaml, merged_aliases, stale_before
from bot.storage.alias_repo import AliasRow
from bot.storage.stats_repo import day_bounds, local_today
from knowledge.base import KnowledgeBase


def test_columns_chart_is_plain_svg_with_a_bar_per_value() -> None:
    svg = columns(["01/01", "02/01"], [("Tin nhắn", [3, 0], "s1"), ("Người", [1, 0], "s2")], "T")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("<rect") == 4 + 2  # bars + legend
    assert "<script" not in svg and "style=" not in svg


def test_chart_text_is_escaped() -> None:
    svg = bars([("<b>x</b>", 2)], "t")
    assert "<b>" not in svg and "&lt;b&gt;" in svg


def test_csv_neutralises_formulas_and_round_trips() -> None:
    text = csv_text(["a", "b"], [["=1+1", 3], ["Đăng ký khai sinh", None]])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["a", "b"], ["'=1+1", "3"], ["Đăng ký khai sinh", ""]]


def test_yaml_export_for_one_procedure_is_its_aliases_block(kb: KnowledgeBase) -> None:
    now = datetime.now(UTC)
    rows = [AliasRow(1, "dang-ky-khai-sinh", "giấy tờ khi đón con chào đời", "an", now)]
    text = aliases_yaml(rows, dict(kb.procedures), "dang-ky-khai-sinh")
    data = yaml.safe_load(text)
    assert list(data) == ["aliases"]
    assert data["aliases"][: len(kb.procedures["dang-ky-khai-sinh"].aliases)] == list(
        kb.procedures["dang-ky-khai-sinh"].aliases
    )
    assert data["aliases"][-1] == "giấy tờ khi đón con chào đời"


def test_yaml_export_of_everything_is_keyed_by_procedure(kb: KnowledgeBase) -> None:
    now = datetime.now(UTC)
    rows = [
        AliasRow(1, "dang-ky-khai-sinh", "đón con chào đời", "an", now),
        AliasRow(2, "huong-che-do-thai-san", "đi đẻ được bao nhiêu tiền", "an", now),
    ]
    data = yaml.safe_load(aliases_yaml(rows, dict(kb.procedures)))
    assert set(data) == {"dang-ky-khai-sinh", "huong-che-do-thai-san"}
    assert "đi đẻ được bao nhiêu tiền" in data["huong-che-do-thai-san"]["aliases"]


def test_merged_aliases_skip_what_the_file_has(kb: KnowledgeBase) -> None:
    proc = kb.procedures["dang-ky-khai-sinh"]
    merged = merged_aliases(proc, [proc.aliases[0].upper(), "mới"])
    assert merged == [*proc.aliases, "mới"]


def test_stale_means_not_reviewed_for_twelve_months() -> None:
    assert stale_before(date(2026, 11, 21)) == date(2025, 11, 21)
    assert stale_before(date(2028, 2, 29)) == date(2027, 2, 28)


def test_days_are_vietnam_days() -> None:
    start, end = day_bounds(date(2026, 1, 2), date(2026, 1, 2))
    assert start == datetime(2026, 1, 1, 17, tzinfo=UTC)
    assert end == datetime(2026, 1, 2, 17, tzinfo=UTC)
    assert local_today(datetime(2026, 1, 1, 18, tzinfo=UTC)) == date(2026, 1, 2)


def test_next_must_stay_inside_the_dashboard() -> None:
    assert safe_next("/admin/inbox?status=new", "/d") == "/admin/inbox?status=new"
    for bad in ("https://evil.example/", "//evil.example/admin/", "/static/x", "", None):
        assert safe_next(bad, "/d") == "/d"
