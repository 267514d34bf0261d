"""The chat widget on a page of another origin, in Chromium, against the real server.

Three demo sites (``motcua widget-demo``) on their own ports stand in for wards' websites, each
with a hostile stylesheet and a strict CSP of its own: two are in ``WIDGET_ORIGINS`` (one opens
on a procedure), the third is not. The widget on an allowed site holds a conversation, by mouse
and by keyboard, untouched by the site's CSS and clean for axe-core; on the other site the
browser itself cannot call the chat API.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import serious
from tests.browser.conftest import CHROMIUM_ARGS, REPO, TIMEOUT_MS, _free_port, running_server

pytestmark = pytest.mark.browser

BUBBLE = "Hỏi thủ tục"
PANEL = "[data-motcua-widget] .panel"
BOT = "[data-motcua-widget] .msg.bot:not(.error) .text"
ERROR = "[data-motcua-widget] .msg.error .text"
OpenPage = Callable[..., Page]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return bool(resp.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def demo_site(port: int, server: str, *extra: str) -> Iterator[str]:
    """``motcua widget-demo`` on ``port``; its URL."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bot",
            "widget-demo",
            "--port",
            str(port),
            "--server",
            server,
            *extra,
        ],
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while not _answers(url + "/"):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"motcua widget-demo did not start on {url}")
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def sites(
    chromium: Path, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, str]]:
    """The server and three sites: "ward" and "procedure" allowed, "other" not."""
    ward, procedure, other = _free_port(), _free_port(), _free_port()
    allowed = f"http://127.0.0.1:{ward},http://127.0.0.1:{procedure}"
    with ExitStack() as stack:
        server, env = stack.enter_context(
            running_server(request, tmp_path_factory.mktemp("widget"), WIDGET_ORIGINS=allowed)
        )
        yield {
            "server": server,
            "database": env["DATABASE_URL"].removeprefix("sqlite+aiosqlite:///"),
            "ward": stack.enter_context(demo_site(ward, server)),
            "procedure": stack.enter_context(
                demo_site(procedure, server, "--procedure", "dang-ky-khai-sinh")
            ),
            "other": stack.enter_context(demo_site(other, server)),
        }


@pytest.fixture(scope="module")
def browser(chromium: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def open_site(browser: Any, sites: dict[str, str]) -> Iterator[OpenPage]:
    """``open_site(name)``: a fresh page on that demo site. Page errors, requests to anywhere
    but the server and the sites, and CSP violations (the site's own strict policy) fail the
    test."""
    expect.set_options(timeout=TIMEOUT_MS)
    problems: list[str] = []
    contexts: list[Any] = []
    known = tuple(sites.values())

    def guard(route: Any) -> None:
        if route.request.url.startswith(known):
            route.continue_()
        else:
            problems.append(f"request outside the test: {route.request.url}")
            route.abort()

    def console(message: Any) -> None:
        if "Content Security Policy" in message.text:
            problems.append(f"CSP: {message.text}")

    def make(name: str, width: int = 390, height: int = 800) -> Page:
        ctx = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
        contexts.append(ctx)
        ctx.set_default_timeout(TIMEOUT_MS)
        ctx.route("**/*", guard)
        page: Page = ctx.new_page()
        page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
        page.on("console", console)
        page.goto(sites[name] + "/")
        return page

    yield make
    for ctx in contexts:
        ctx.close()
    assert not problems, problems


def open_widget(page: Page) -> None:
    page.get_by_role("button", name=BUBBLE).click()
    expect(page.get_by_role("dialog", name="motcua")).to_be_visible()


def test_the_widget_holds_a_conversation_on_an_allowed_site(open_site: OpenPage) -> None:
    page = open_site("ward")
    open_widget(page)
    expect(page.locator(BOT).first).to_contain_text("Xin chào")
    page.get_by_label("Nhập câu hỏi của bạn").fill("làm giấy khai sinh cho con")
    page.keyboard.press("Enter")
    expect(page.locator(BOT).nth(1)).to_contain_text("khai sinh", ignore_case=True)
    page.locator("[data-motcua-widget] .msg.bot").last.locator(".choice").first.click()
    expect(page.locator(BOT)).to_have_count(3)
    assert serious(page) == []


def test_the_sites_css_cannot_reach_the_widget_nor_the_widget_the_site(
    open_site: OpenPage,
) -> None:
    page = open_site("ward")
    bubble = page.get_by_role("button", name=BUBBLE)
    style = bubble.evaluate(
        "b => { const s = getComputedStyle(b); return [s.backgroundColor, s.fontFamily]; }"
    )
    assert style[0] == "rgb(11, 92, 173)" and "Georgia" not in style[1]
    site_button = page.get_by_role("button", name="Nút của trang")
    assert site_button.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(204, 0, 0)"
    open_widget(page)
    panel = page.locator(PANEL)
    assert panel.evaluate("p => getComputedStyle(p).borderTopColor") != "rgb(0, 255, 0)"
    box = panel.bounding_box()
    assert box is not None and box["width"] <= 390 and box["height"] <= 800


def test_the_widget_is_used_by_keyboard(open_site: OpenPage) -> None:
    page = open_site("ward", width=1366, height=900)
    bubble = page.get_by_role("button", name=BUBBLE)
    for _ in range(4):  # the site's own button, then the widget's bubble
        page.keyboard.press("Tab")
        if bubble.evaluate("b => b.getRootNode().activeElement === b"):
            break
    assert bubble.evaluate("b => b.getRootNode().activeElement === b")
    page.keyboard.press("Enter")
    box = page.get_by_label("Nhập câu hỏi của bạn")
    expect(box).to_be_focused()
    expect(page.locator(BOT).first).to_contain_text("Xin chào")
    box.type("lệ phí đăng ký kết hôn")
    page.keyboard.press("Enter")
    expect(page.locator(BOT).nth(1)).to_contain_text("kết hôn", ignore_case=True)
    expect(box).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator(PANEL)).to_be_hidden()
    assert bubble.evaluate("b => b.getRootNode().activeElement === b")
    assert bubble.get_attribute("aria-expanded") == "false"
    assert serious(page) == []


def test_the_conversation_survives_a_page_change_on_the_site(open_site: OpenPage) -> None:
    page = open_site("ward")
    open_widget(page)
    expect(page.locator(BOT).first).to_contain_text("Xin chào")
    page.reload()
    open_widget(page)
    expect(page.locator(BOT).first).to_contain_text("Xin chào")
    expect(page.locator(BOT)).to_have_count(1)  # restored, not greeted again


def test_the_shared_chat_core_leaves_no_global_on_the_site(open_site: OpenPage) -> None:
    page = open_site("ward")
    open_widget(page)
    expect(page.locator(BOT).first).to_contain_text("Xin chào")
    assert page.evaluate("[typeof window.motcuaChat, typeof window.motcuaWidget]") == [
        "undefined",
        "object",
    ]


def test_a_data_procedure_opens_the_conversation_on_it(open_site: OpenPage) -> None:
    page = open_site("procedure")
    open_widget(page)
    expect(page.locator(BOT).first).to_contain_text("khai sinh", ignore_case=True)


def test_a_site_not_allowed_cannot_call_the_api_from_the_browser(
    open_site: OpenPage, sites: dict[str, str]
) -> None:
    page = open_site("other")
    open_widget(page)  # the script itself loads anywhere; the API answers allowed sites only
    expect(page.locator(ERROR)).to_contain_text("Không kết nối được")
    expect(page.locator(BOT)).to_have_count(0)
    outcome = page.evaluate(
        """server => fetch(server + "/api/chat", {
             method: "POST", headers: {"Content-Type": "application/json"},
             body: JSON.stringify({user: "x".repeat(30), action: "start"})
           }).then(r => "read " + r.status, e => "blocked " + e.name)""",
        sites["server"],
    )
    assert outcome == "blocked TypeError"
    simple = page.evaluate(
        """server => fetch(server + "/api/chat", {
             method: "POST", mode: "no-cors", headers: {"Content-Type": "text/plain"},
             body: JSON.stringify({user: "y".repeat(30), action: "start"})
           }).then(r => r.type)""",
        sites["server"],
    )
    assert simple == "opaque"  # sent, unreadable, and refused by the server (tests/web)


def test_a_volunteers_message_while_closed_is_flagged_on_the_bubble(
    open_site: OpenPage, sites: dict[str, str]
) -> None:
    page = open_site("ward")
    open_widget(page)
    expect(page.locator(BOT).first).to_contain_text("Xin chào")
    page.keyboard.press("Escape")
    user = page.evaluate("localStorage.getItem('motcua.widget.user')")
    with sqlite3.connect(sites["database"]) as db:  # what the relay stores for a web citizen
        db.execute(
            "INSERT INTO web_outbox (external_id, text, buttons, created_at)"
            " VALUES (?, ?, '[]', ?)",
            (user, "🙋 Tình nguyện viên Lan: Chào bạn", datetime.now(UTC).replace(tzinfo=None)),
        )
    bubble = page.get_by_role("button", name=BUBBLE)
    unread = page.locator("[data-motcua-widget] .unread")
    expect(unread).to_be_visible()
    expect(page.get_by_role("button", name=f"{BUBBLE} Tin mới")).to_be_visible()
    bubble.click()
    expect(page.locator(BOT).last).to_contain_text("Tình nguyện viên Lan: Chào bạn")
    expect(bubble).to_be_hidden()
    page.keyboard.press("Escape")
    expect(unread).to_be_hidden()
