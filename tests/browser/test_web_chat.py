"""The web chat page, as a citizen uses it, against the real server (see conftest)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

BOT = "#log .msg.bot:not(.error)"
TIMEOUT_MS = 15_000
PASSPORT = re.compile("hộ chiếu", re.IGNORECASE)
OpenPage = Callable[..., Page]


def bot_count(page: Page) -> int:
    return page.locator(BOT).count()


def wait_reply(page: Page, before: int) -> str:
    """Wait until bot messages beyond the first ``before`` arrived; return their text."""
    page.wait_for_function(
        """n => document.querySelectorAll('#log .msg.bot:not(.error)').length > n
               && document.getElementById('log').getAttribute('aria-busy') === 'false'""",
        arg=before,
        timeout=TIMEOUT_MS,
    )
    return "\n".join(page.locator(f"{BOT} .bubble").all_inner_texts()[before:])


def start(page: Page, base_url: str) -> tuple[dict[str, Any], str]:
    """Open the page; return the first /api/chat request body and the greeting text."""
    with page.expect_request("**/api/chat") as req:
        page.goto(f"{base_url}/")
    return req.value.post_data_json, wait_reply(page, 0)


def ask(page: Page, text: str) -> str:
    before = bot_count(page)
    box = page.get_by_label("Nhập câu hỏi của bạn")
    box.fill(text)
    box.press("Enter")
    expect(page.locator("#log .msg.me .bubble").last).to_have_text(text)
    reply = wait_reply(page, before)
    expect(box).to_be_focused()
    expect(box).to_have_value("")
    return reply


def test_page_loads_with_greeting_and_buttons(open_page: OpenPage, base_url: str) -> None:
    page = open_page()
    first, greeting = start(page, base_url)
    user = page.evaluate("localStorage.getItem('motcua.user')")
    assert first.pop("id") and first == {"user": user, "action": "start"}  # id: one per message
    assert user and len(user) >= 16
    assert greeting.strip()
    expect(page).to_have_title("motcua — Trợ lý thủ tục hành chính")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("#log")).to_have_attribute("aria-live", "polite")
    expect(page.locator(f"{BOT} button.choice").first).to_be_visible()
    expect(page.get_by_role("button", name="Làm lại")).to_be_visible()
    expect(page.locator("footer")).to_contain_text("motcua chỉ hướng dẫn")


def test_question_then_documents_button(open_page: OpenPage, base_url: str) -> None:
    page = open_page()
    start(page, base_url)
    assert PASSPORT.search(ask(page, "làm hộ chiếu hết bao nhiêu tiền"))

    before = bot_count(page)
    button = page.locator("#log button.choice", has_text=re.compile("giấy tờ", re.I)).last
    label = button.inner_text()
    button.click()
    expect(page.locator("#log .msg.me .bubble").last).to_have_text(label)
    docs = wait_reply(page, before)
    lines = [ln for ln in docs.splitlines() if ln.strip()]
    assert "•" in docs or len(lines) >= 3, docs
    assert re.search("giấy tờ|hồ sơ|tờ khai", docs, re.I), docs
    expect(page.get_by_label("Nhập câu hỏi của bạn")).to_be_focused()


def test_reload_keeps_user_and_context(open_page: OpenPage, base_url: str) -> None:
    page = open_page()
    start(page, base_url)
    user = page.evaluate("localStorage.getItem('motcua.user')")
    assert PASSPORT.search(ask(page, "làm hộ chiếu hết bao nhiêu tiền"))

    page.reload()
    expect(page.locator("#log")).to_have_attribute("aria-busy", "false")
    expect(page.locator(BOT).first).to_be_visible()
    assert page.evaluate("localStorage.getItem('motcua.user')") == user
    with page.expect_request("**/api/chat") as req:
        reply = ask(page, "mất mấy ngày?")
    sent = req.value.post_data_json
    assert sent.pop("id") and sent == {"user": user, "text": "mất mấy ngày?"}
    assert PASSPORT.search(reply), reply


def test_phone_width_has_no_horizontal_scroll(
    open_page: OpenPage, base_url: str, tmp_path: Path
) -> None:
    page = open_page(width=360, height=740)
    start(page, base_url)
    ask(page, "làm hộ chiếu hết bao nhiêu tiền")
    ask(page, "x" * 300 + " https://example.invalid/" + "a" * 200)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    for box in (b.bounding_box() for b in page.locator("#log button.choice").all()):
        assert box and box["height"] >= 40 and box["x"] >= 0 and box["x"] + box["width"] <= 360
    page.screenshot(path=tmp_path / "chat-360.png")


def test_reply_text_is_never_html(open_page: OpenPage, base_url: str) -> None:
    page = open_page()
    start(page, base_url)
    probe = "<img src=x onerror=alert(1)>"
    ask(page, probe)
    expect(page.locator("#log img")).to_have_count(0)
    assert page.locator("#log .msg.me .bubble").last.inner_text() == probe


def test_network_error_keeps_text_and_recovers(open_page: OpenPage, base_url: str) -> None:
    page = open_page()
    start(page, base_url)
    box = page.get_by_label("Nhập câu hỏi của bạn")
    page.route("**/api/chat", lambda route: route.fulfill(status=500, body="boom"))
    box.fill("làm hộ chiếu")
    box.press("Enter")
    expect(page.locator("#log .msg.error")).to_have_text("Không kết nối được, bạn thử lại nhé.")
    expect(box).to_have_value("làm hộ chiếu")
    expect(page.locator("#send")).to_be_enabled()

    page.unroute("**/api/chat")
    before = bot_count(page)
    box.press("Enter")
    assert PASSPORT.search(wait_reply(page, before))


def test_input_limit_and_counter(open_page: OpenPage, base_url: str) -> None:
    page = open_page()
    start(page, base_url)
    box = page.get_by_label("Nhập câu hỏi của bạn")
    expect(box).to_have_attribute("maxlength", "2000")
    expect(page.locator("#counter")).to_be_hidden()
    box.fill("a" * 1950)
    expect(page.locator("#counter")).to_have_text("1950/2000")


def test_a_long_reply_is_shown_from_its_title(open_page: OpenPage, base_url: str) -> None:
    page = open_page(width=360, height=640)
    start(page, base_url)
    ask(page, "đăng ký thường trú cần giấy tờ gì")
    title = page.locator(f"{BOT} .bubble").last
    box, log = title.bounding_box(), page.locator("#log").bounding_box()
    assert box and log and log["y"] <= box["y"] <= log["y"] + 40  # its start, not its end


def test_ticking_a_checklist_item_updates_the_list_in_place(
    open_page: OpenPage, base_url: str
) -> None:
    page = open_page()
    start(page, base_url)
    ask(page, "đăng ký khai sinh")
    page.locator("#log button.choice", has_text="Danh sách kiểm tra").last.click()
    expect(page.locator(f"{BOT} .bubble").last).to_contain_text("Danh sách kiểm tra")
    rows, mine = bot_count(page), page.locator("#log .msg.me").count()
    page.locator("#log button.choice", has_text="⬜ 1.").last.click()
    expect(page.locator("#log button.choice", has_text="✅ 1.")).to_have_count(1)
    assert bot_count(page) == rows and page.locator("#log .msg.me").count() == mine
