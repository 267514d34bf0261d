"""The volunteers' web console with a web-chat citizen, in Chromium against the real server: the
citizen asks for a person, a volunteer signed in to the console sees the ticket at once, claims
it from the keyboard and types; the citizen sees the words without typing; a second volunteer's
claim fails cleanly; the volunteer sends a procedure card and closes; the citizen rates. Then the
console's accessibility: axe-core (WCAG 2.1 A/AA) on a phone and a desk, and a 360-px width."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import REPO, page_factory, running_server
from tests.browser.test_web_chat import ask, start

pytestmark = pytest.mark.browser

OpenPage = Callable[..., Page]
BOT = "#log .msg.bot:not(.error) .bubble"
VOLUNTEERS = {"lan": "mat-khau-tnv-lan-1", "minh": "mat-khau-tnv-minh-1"}
LIVE_MS = 2000  # what "at once" means here: the bar's two seconds


@pytest.fixture(scope="module")
def console_server(
    chromium: Path, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("console-server")
    with running_server(request, tmp, RATE_LIMIT_PER_MINUTE="1000") as (url, env):
        add = [sys.executable, "-m", "bot", "users", "add"]
        for name, password in VOLUNTEERS.items():
            subprocess.run(
                [*add, name, "--role", "volunteer", "--password-stdin"],
                cwd=REPO,
                env=env,
                input=password + "\n",
                text=True,
                capture_output=True,
                timeout=120,
                check=True,
            )
        yield url


@pytest.fixture
def open_page(browser: Any, console_server: str) -> Iterator[OpenPage]:
    with page_factory(browser, console_server) as make:
        yield make


def sign_in(page: Page, base_url: str, name: str) -> None:
    page.goto(f"{base_url}/admin/console")
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu").fill(VOLUNTEERS[name])
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Bàn hỗ trợ trực tuyến")).to_be_visible()
    expect(page.locator("#duty-state")).to_have_text("Bạn đang nghỉ trực.")


def serious(page: Page) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations on the page."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    results = Axe().run(page, options=options)
    assert results.response["testEngine"]["name"] == "axe-core"  # it ran, on this page
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_a_citizen_and_a_volunteer_talk_through_the_console(
    open_page: OpenPage, console_server: str
) -> None:
    lan = open_page(width=1366, height=900)
    sign_in(lan, console_server, "lan")
    lan.get_by_role("button", name="Bắt đầu trực").click()
    expect(lan.locator("#duty-state")).to_have_text("Bạn đang trực.")

    minh = open_page(width=390, height=800)
    minh.route("**/admin/api/console/stream*", lambda route: route.abort())  # minh polls
    sign_in(minh, console_server, "minh")

    citizen = open_page()
    start(citizen, console_server)
    ask(citizen, "đăng ký thường trú cho con")
    assert "1 người đang trực" in ask(citizen, "gặp người hỗ trợ")

    ticket = lan.locator("#queue > li")
    expect(ticket).to_have_count(1, timeout=LIVE_MS)
    expect(ticket).to_contain_text("gặp người hỗ trợ")
    claim = ticket.get_by_role("button", name=re.compile(r"^Nhận hỗ trợ phiếu #\d+$"))
    number = (claim.text_content() or "").rsplit("#", 1)[1]

    stale = minh.get_by_role("button", name=f"Nhận hỗ trợ phiếu #{number}")
    expect(stale).to_be_visible(timeout=10_000)
    minh.route("**/admin/api/console/board*", lambda route: route.abort())  # keep it stale

    claim.focus()
    lan.keyboard.press("Enter")  # claimed from the keyboard
    expect(lan.locator("#chat-pane")).to_be_visible()
    greeting = "Tình nguyện viên lan đã nhận hỗ trợ bạn. Bạn cứ nhắn tiếp ở đây nhé."
    expect(citizen.locator(BOT).last).to_have_text(greeting, timeout=LIVE_MS)

    stale.click()
    expect(minh.get_by_role("alert")).to_have_text(f"Phiếu #{number} đã có người khác nhận rồi.")

    box = lan.get_by_label("Tin nhắn gửi người dân")
    box.fill("Chào bạn, mình là Lan, mình giúp bạn nhé")
    box.press("Enter")
    expect(citizen.locator(BOT).last).to_have_text(
        "🙋 Tình nguyện viên lan: Chào bạn, mình là Lan, mình giúp bạn nhé", timeout=LIVE_MS
    )
    expect(box).to_have_value("")

    citizen.get_by_label("Nhập câu hỏi của bạn").fill("mình cần làm gấp")
    citizen.get_by_label("Nhập câu hỏi của bạn").press("Enter")
    expect(lan.locator("#lines li.citizen").last).to_have_text(
        "Người dân: mình cần làm gấp", timeout=LIVE_MS
    )

    lan.get_by_label("Phần gửi").select_option("card")
    title = lan.get_by_label("Thủ tục").locator("option:checked").text_content() or ""
    lan.get_by_role("button", name="Gửi hướng dẫn").click()
    expect(citizen.locator(BOT).last).to_contain_text(f"📋 {title}", timeout=LIVE_MS)

    lan.get_by_role("button", name="Đóng phiếu và mời người dân đánh giá").click()
    expect(citizen.locator(BOT).last).to_contain_text("kết thúc hỗ trợ", timeout=LIVE_MS)
    expect(lan.locator("#queue > li")).to_have_count(0)
    citizen.locator("#log .msg.bot").last.get_by_role("button", name="👍").click()
    expect(citizen.locator(BOT).last).to_have_text("Cảm ơn bạn đã góp ý cho tổ hỗ trợ! 😊")


@pytest.mark.parametrize("width", [390, 1366])
def test_the_console_has_no_serious_accessibility_problem(
    open_page: OpenPage, console_server: str, width: int
) -> None:
    page = open_page(width=width, height=900)
    sign_in(page, console_server, "minh")
    citizen = open_page()
    start(citizen, console_server)
    ask(citizen, "gặp người hỗ trợ")
    expect(page.locator("#queue > li").first).to_be_visible(timeout=10_000)
    assert serious(page) == []


def test_the_console_fits_a_360_px_phone(open_page: OpenPage, console_server: str) -> None:
    page = open_page(width=360, height=740)
    sign_in(page, console_server, "minh")
    citizen = open_page()
    start(citizen, console_server)
    ask(citizen, "gặp người hỗ trợ")
    expect(page.locator("#queue > li").first).to_be_visible(timeout=10_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
