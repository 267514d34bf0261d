"""Every dashboard page fits a 360-px phone: long option lists and wide tables scroll inside their
own box instead of widening the page (a volunteer or an admin on duty away from a desk), and a
box that scrolls is reached by keyboard (axe-core, WCAG 2.1 A/AA)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from tests.browser.axe import serious
from tests.browser.test_admin import chat, login

pytestmark = pytest.mark.browser

OpenPage = Callable[..., Page]
Accounts = dict[str, tuple[str, str]]
# Unmet in the knowledge base, and taught to no procedure by another browser test (the alias
# loop there teaches its own question, so the server these tests share answers it afterwards).
QUESTION = "xin phép nuôi ong mật trên sân thượng chung cư"
PAGES = [
    "/admin/inbox",
    "/admin/handoff",
    "/admin/callbacks",
    "/admin/stats",
    "/admin/knowledge",
    "/admin/knowledge/dang-ky-khai-sinh",
    "/admin/reports",
    "/admin/posters",
    "/admin/volunteers",
    "/admin/privacy",
    "/admin/audit",
    "/admin/users",
    "/admin/console",
]


def signed_in_on_a_phone(
    open_page: OpenPage, base_url: str, accounts: Accounts
) -> tuple[Page, list[str]]:
    """An admin signed in on a 360-px phone, and the pages to visit (an unmet request's too)."""
    chat(open_page(), base_url, "browser-phone-unmet-0123456789", QUESTION)  # an unmet request
    page = open_page(width=360, height=740)
    login(page, base_url, accounts, "admin")
    page.goto(f"{base_url}/admin/inbox")
    unmet = page.get_by_role("link", name=QUESTION).first.get_attribute("href")
    assert unmet
    return page, [*PAGES, unmet]


def overflow(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth")) - 360


def test_every_dashboard_page_fits_a_360_px_phone(
    open_page: OpenPage, base_url: str, accounts: Accounts
) -> None:
    page, paths = signed_in_on_a_phone(open_page, base_url, accounts)
    wider = {}
    for path in paths:
        page.goto(f"{base_url}{path}")
        if (extra := overflow(page)) > 0:
            wider[path] = extra
    assert not wider, f"pages wider than a 360-px phone (by px): {wider}"


def test_every_dashboard_page_passes_axe_on_a_phone(
    open_page: OpenPage, base_url: str, accounts: Accounts
) -> None:
    page, paths = signed_in_on_a_phone(open_page, base_url, accounts)
    found = {}
    for path in paths:
        page.goto(f"{base_url}{path}")
        if violations := serious(page):
            found[path] = violations
    assert not found, found
