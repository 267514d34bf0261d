"""Review in the dashboard, in Chromium against the real server (see conftest): a reviewer
checks the sections a card vouches for and the citizen's card says so; a reported error takes
it back; a supervisor cannot review."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_admin import login
from tests.browser.test_web_chat import ask, start

pytestmark = pytest.mark.browser

OpenPage = Callable[..., Page]
Accounts = dict[str, tuple[str, str]]
PID = "dang-ky-ket-hon"
QUESTION = "đăng ký kết hôn"
CARD_SECTIONS = {"processing_time": "Thời hạn", "fees": "Lệ phí", "online": "Trực tuyến"}
SIGNER = "Nguyễn Thị Lan, công chức tư pháp"
CHECKED = re.compile(r"Đã kiểm tra ngày \d\d/\d\d/\d{4} bởi Nguyễn Thị Lan, công chức tư pháp")
# What sticks out to the right of the viewport (to say what to fix when the page is too wide).
WIDE = """[...document.querySelectorAll('main *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth)
    .slice(0, 5).map(e => e.tagName + '.' + e.className)"""


def card(citizen: Page) -> str:
    return ask(citizen, QUESTION)


def test_reviewer_checks_and_reports_and_the_card_follows(
    open_page: OpenPage, base_url: str, accounts: Accounts
) -> None:
    citizen = open_page()
    start(citizen, base_url)
    before = card(citizen)
    assert "Đăng ký kết hôn" in before and not CHECKED.search(before)

    page = open_page(width=360, height=800)  # a legal officer on a phone
    login(page, base_url, accounts, "reviewer")
    expect(page).to_have_url(re.compile("/admin/knowledge$"))
    page.get_by_role("link", name=re.compile("^Đăng ký kết hôn$")).first.click()
    expect(page.locator("h1")).to_contain_text("kết hôn")
    for name, label in CARD_SECTIONS.items():
        form = page.get_by_role("form", name=f"Đã kiểm tra — {label}", exact=True)
        form.get_by_label("Họ tên, chức danh").fill(SIGNER)
        form.get_by_role("button", name="Đã kiểm tra").click()
        expect(page.locator(".flash")).to_contain_text("Đã ghi nhận kiểm tra")
        expect(page.locator(f"#h-{name} .tag")).to_contain_text("đã kiểm tra")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    wide = page.evaluate(WIDE)
    assert overflow <= 0, f"page wider than a 360-px phone by {overflow}px {wide}"

    checked = card(citizen)
    assert CHECKED.search(checked), checked
    assert "chưa được xác minh" not in checked

    report = page.get_by_role("form", name="Báo sai — Lệ phí", exact=True)
    report.get_by_label("Điều chưa đúng").fill("Lệ phí cấp bản sao trích lục đã đổi")
    report.get_by_role("button", name="Báo sai").click()
    expect(page.locator(".flash")).to_contain_text("Đã ghi nhận báo sai")
    expect(page.locator("#h-fees .tag")).to_have_text("báo sai")
    page.get_by_role("link", name="Báo sai", exact=True).click()
    expect(page.locator("main table")).to_contain_text("Lệ phí cấp bản sao trích lục đã đổi")

    after = card(citizen)
    assert not CHECKED.search(after) and "chưa được xác minh" in after


def test_supervisor_cannot_review(open_page: OpenPage, base_url: str, accounts: Accounts) -> None:
    page = open_page(width=1280, height=900)
    login(page, base_url, accounts, "supervisor", f"/admin/knowledge/{PID}")
    expect(page.locator("h1")).to_contain_text("kết hôn")
    expect(page.get_by_role("heading", name="Kiểm tra từng phần")).to_be_visible()
    expect(page.get_by_role("button", name="Đã kiểm tra")).to_have_count(0)
    expect(page.get_by_role("button", name="Báo sai")).to_have_count(0)
    csrf = page.locator("input[name=csrf_token]").first.get_attribute("value") or ""
    response = page.request.post(
        f"{base_url}/admin/knowledge/{PID}/review/fees",
        form={"csrf_token": csrf, "op": "check", "version": "0", "against": "x", "signer": "x"},
    )
    assert response.status == 403
