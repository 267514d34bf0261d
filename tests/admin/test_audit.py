"""The audit log: every action with who and when; admins read it, also as CSV."""

from __future__ import annotations

import csv
import io

from tests.admin.conftest import Client, Dashboard


async def test_login_and_actions_are_in_the_log(lite: Dashboard, admin: Client) -> None:
    await admin.chat("c1", "giấy phép karaoke")
    [row] = await lite.storage.unmet_requests()
    await admin.page("/admin/inbox")
    await admin.post("/admin/inbox/act", {"ids": str(row.id), "action": "reviewed"})
    page = await admin.page("/admin/audit")
    assert "unmet.reviewed" in page and "login" in page
    entries, total = await lite.audit_log.audit_entries(user_name="an")
    assert total == 2 and [e.action for e in entries] == ["unmet.reviewed", "login"]
    assert entries[0].at.tzinfo is not None


async def test_audit_filters_by_action(lite: Dashboard, admin: Client) -> None:
    await lite.audit_log.audit("binh", "unmet.ignore", "unmet:1", ids=[1])
    page = await admin.page("/admin/audit?action=unmet.ignore")
    assert "binh" in page and ">login<" not in page


async def test_audit_csv_parses(lite: Dashboard, admin: Client) -> None:
    await lite.audit_log.audit("binh", "unmet.note", "unmet:1", note="=HYPERLINK(x)")
    response = await admin.get("/admin/audit.csv")
    rows = list(csv.reader(io.StringIO((await response.read()).decode("utf-8-sig"))))
    assert rows[0] == ["thời điểm", "người dùng", "hành động", "đối tượng", "chi tiết"]
    assert {r[2] for r in rows[1:]} == {"login", "unmet.note"}


async def test_logout_is_audited(lite: Dashboard, admin: Client) -> None:
    await admin.page("/admin/inbox")
    await admin.post("/admin/logout")
    entries, _ = await lite.audit_log.audit_entries(action="logout")
    assert [e.user_name for e in entries] == ["an"]
