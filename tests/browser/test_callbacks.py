"""A call-back in Chromium against the real server: a web-chat citizen with nobody on duty leaves
a number; an admin sees it on the dashboard's call-back page and marks it called; the number is
in none of the server's logs and none of the CSV exports."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import serious
from tests.browser.conftest import SERVER_LOGS
from tests.browser.test_admin import login
from tests.browser.test_web_chat import ask, start, wait_reply

pytestmark = pytest.mark.browser

OpenPage = Callable[..., Page]
Accounts = dict[str, tuple[str, str]]
TYPED = "0987 654 321"
TRACES = ("0987654321", "987 654", "987654", "654 321")


def test_a_number_left_in_the_web_chat_reaches_the_dashboard_and_nothing_else(
    open_page: OpenPage, base_url: str, accounts: Accounts, request: pytest.FixtureRequest
) -> None:
    citizen = open_page()
    start(citizen, base_url)
    answer = ask(citizen, "/nguoi")
    assert "chưa có tình nguyện viên nào đang trực" in answer
    assert "liên hệ sau" not in answer
    before = citizen.locator("#log .msg.bot:not(.error)").count()
    citizen.get_by_role("button", name="📞 Để lại số để được gọi lại").last.click()
    assert "Bạn muốn được gọi lại vào lúc nào?" in wait_reply(citizen, before)
    before = citizen.locator("#log .msg.bot:not(.error)").count()
    citizen.get_by_role("button", name="Buổi chiều").last.click()
    assert "số được xóa sau 30 ngày" in wait_reply(citizen, before)
    assert "gọi lại số có đuôi 321 vào buổi chiều" in ask(citizen, TYPED)

    admin = open_page(width=1366, height=900)
    login(admin, base_url, accounts, "admin", "/admin/callbacks")
    row = admin.locator("tbody tr", has=admin.locator('a[href="tel:0987654321"]'))
    expect(row).to_contain_text("Buổi chiều")
    assert serious(admin) == []
    row.get_by_label("Trạng thái yêu cầu").select_option(label="Đã gọi")
    row.get_by_role("button", name="Lưu").click()
    expect(admin.get_by_role("status")).to_contain_text("Đã cập nhật trạng thái gọi lại")
    expect(
        admin.locator("tbody tr", has=admin.locator('a[href="tel:0987654321"]'))
    ).to_contain_text("quan-tri")
    admin.set_viewport_size({"width": 390, "height": 800})
    assert serious(admin) == []

    exports = [admin.request.get(f"{base_url}/admin/audit.csv").text()]
    for table in ("daily", "procedures", "channels", "localities", "unmet"):
        response = admin.request.get(f"{base_url}/admin/stats.csv?table={table}")
        if response.ok:
            exports.append(response.text())
    assert "callback.status" in exports[0]
    logs = [
        p.read_text(encoding="utf-8", errors="replace") for p in request.config.stash[SERVER_LOGS]
    ]
    assert any("call-back #" in text for text in logs)
    for text in exports + logs:
        assert not any(trace in text for trace in TRACES)
