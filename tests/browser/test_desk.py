"""A ward enters its desk in the dashboard; a citizen of that ward asks the web chat about it."""

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
OTHER_WARD = "73"  # another ward of Hà Nội
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu")


def test_ward_admin_enters_saturday_morning_and_the_citizen_gets_it(
    open_page: OpenPage, base_url: str, accounts: Accounts
) -> None:
    page = open_page(width=1280, height=1200)
    login(page, base_url, accounts, "ward_admin")
    expect(page).to_have_url(re.compile("/admin/desk$"))
    expect(page.locator("main")).to_contain_text("Phường Hoàn Kiếm, Thành phố Hà Nội")
    page.get_by_label("Tên nơi tiếp nhận").fill("Trung tâm phục vụ hành chính công phường")
    page.get_by_label("Địa chỉ").fill("Số 1 phố Ví Dụ")
    page.get_by_label("Số điện thoại").fill("024 3825 0000")
    for day in WEEKDAYS:
        page.get_by_label(day, exact=True).fill("07:30-11:30, 13:30-17:00")
    page.get_by_label("Thứ Bảy", exact=True).fill("07:30-11:30")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".flash")).to_contain_text("Đã lưu nơi tiếp nhận")

    # A bad change is refused with its reason; what was saved stays.
    page.get_by_label("Thứ Hai", exact=True).fill("17:00-07:30")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".error")).to_contain_text("giờ mở cửa phải trước giờ đóng cửa")
    expect(page.get_by_label("Thứ Hai", exact=True)).to_have_value("17:00-07:30")

    citizen = open_page()
    start(citizen, base_url)
    assert "Phường Hoàn Kiếm" in ask(citizen, "tôi ở phường Hoàn Kiếm")
    answer = ask(citizen, "thứ 7 có làm việc không")
    assert "Thứ Bảy: có làm việc, 07:30–11:30" in answer
    assert "Số 1 phố Ví Dụ" in answer


@pytest.mark.parametrize("role", ["supervisor", "ward_admin"])
def test_another_wards_desk_cannot_be_edited(
    open_page: OpenPage, base_url: str, accounts: Accounts, role: str
) -> None:
    page = open_page(width=1280, height=900)
    login(page, base_url, accounts, role)
    if role == "supervisor":
        page.goto(f"{base_url}/admin/desk/{OTHER_WARD}")
        expect(page.get_by_label("Địa chỉ")).to_be_disabled()
        expect(page.get_by_role("button", name="Lưu")).to_have_count(0)
    else:
        page.goto(f"{base_url}/admin/desk")
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    form = {"csrf_token": token or "", "name": "X", "address": "Y", "hours_0": "07:30-11:30"}
    response = page.request.post(f"{base_url}/admin/desk/{OTHER_WARD}", form=form)
    assert response.status == 403
