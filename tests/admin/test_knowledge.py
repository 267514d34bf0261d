"""The knowledge browser: procedures, verified flags, review dates, the stale filter."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.admin import knowledge
from tests.admin.conftest import Client, Dashboard


def listed(page: str) -> list[str]:
    return re.findall(r'<a href="/admin/knowledge/([a-z0-9-]+)">', page)


async def test_every_procedure_is_listed_with_its_sections(lite: Dashboard, admin: Client) -> None:
    page = await admin.page("/admin/knowledge")
    kb = lite.knowledge[0].current
    assert sorted(listed(page)) == sorted(kb.procedures)
    for label in ("Giấy tờ", "Lệ phí", "Thời hạn", "Nơi nộp", "Kết quả", "Trực tuyến"):
        assert f">{label}</th>" in page


async def test_stale_filter_shows_only_procedures_not_reviewed_for_a_year(
    lite: Dashboard, admin: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = lite.knowledge[0].current
    dates = sorted({p.reviewed_on for p in kb.procedures.values()})
    today = date(dates[-1].year + 1, dates[-1].month, dates[-1].day)  # newest is exactly 1 year old
    monkeypatch.setattr(knowledge, "local_today", lambda: today)
    cutoff = knowledge.stale_before(today)
    expected = sorted(pid for pid, p in kb.procedures.items() if p.reviewed_on < cutoff)
    assert sorted(listed(await admin.page("/admin/knowledge?stale=1"))) == expected
    monkeypatch.setattr(knowledge, "local_today", lambda: date(dates[-1].year + 2, 1, 1))
    assert sorted(listed(await admin.page("/admin/knowledge?stale=1"))) == sorted(kb.procedures)


async def test_search_and_group_filter(lite: Dashboard, admin: Client) -> None:
    page = await admin.page("/admin/knowledge?q=khai+sinh")
    assert "dang-ky-khai-sinh" in listed(page) and "dang-ky-ket-hon" not in listed(page)
    group = lite.knowledge[0].current.procedures["dang-ky-ket-hon"].group
    page = await admin.page(f"/admin/knowledge?group={group}")
    assert all(lite.knowledge[0].current.procedures[p].group == group for p in listed(page))


async def test_procedure_page_shows_learned_aliases(lite: Dashboard, admin: Client) -> None:
    await lite.alias_repo.add_alias("dang-ky-khai-sinh", "đón con chào đời", "binh")
    page = await admin.page("/admin/knowledge/dang-ky-khai-sinh")
    assert "đón con chào đời" in page and "binh" in page
    assert "đã xác minh" in page or "chưa xác minh" in page
    listing = await admin.page("/admin/knowledge")
    assert "1 cách hỏi học được" in listing


async def test_unknown_procedure_is_404(lite: Dashboard, admin: Client) -> None:
    assert (await admin.get("/admin/knowledge/khong-co")).status == 404
