"""A web-chat citizen talks to a volunteer, in Chromium, against the real server: the volunteer is
on the fake Telegram server (run in a thread beside the test); what they send appears on the page
without the citizen typing anything (the page's stream, ``GET /api/chat/stream``; it polls
``GET /api/chat/updates`` while the stream is down)."""

from __future__ import annotations

import asyncio
import itertools
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import REPO, page_factory, running_server
from tests.browser.test_web_chat import ask, start
from tests.channels.fake_telegram import FakeTelegram

pytestmark = pytest.mark.browser

T = TypeVar("T")
OpenPage = Callable[..., Page]
BOT = "#log .msg.bot:not(.error) .bubble"
VOLUNTEERS = itertools.count(9101)  # one fresh volunteer (Telegram chat id) per test
CODE_RE = re.compile(r"Mã mời cho .+: ([0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4})")


class ThreadedTelegram:
    """:class:`FakeTelegram` on its own event loop in a thread, driven from synchronous tests."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.fake: FakeTelegram = self.run(self._make())
        self.base_url = self.run(self.fake.start())

    @staticmethod
    async def _make() -> FakeTelegram:
        return FakeTelegram()

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 30) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def text(self, chat: int, text: str) -> None:
        self.loop.call_soon_threadsafe(self.fake.text, chat, text)

    def press(self, chat: int, data: str) -> None:
        self.loop.call_soon_threadsafe(self.fake.press, chat, data)

    def sent(self, chat: int, count: int, timeout: float = 15) -> list[dict[str, Any]]:
        """Wait until ``count`` messages went to ``chat``; all of them."""
        return self.run(self.fake.wait_sent(chat, count, timeout), timeout + 15)

    def close(self) -> None:
        self.run(self.fake.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()


@pytest.fixture(scope="module")
def telegram() -> Iterator[ThreadedTelegram]:
    fake = ThreadedTelegram()
    yield fake
    fake.close()


@pytest.fixture(scope="module")
def relay_server(
    chromium: Path,
    telegram: ThreadedTelegram,
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, dict[str, str]]]:
    """The real server with Telegram on the fake (polling); (URL, its environment)."""
    tmp = tmp_path_factory.mktemp("relay-server")
    with running_server(
        request,
        tmp,
        TELEGRAM_BOT_TOKEN=telegram.fake.token,
        TELEGRAM_API_BASE_URL=telegram.base_url,
        RATE_LIMIT_PER_MINUTE="1000",
    ) as running:
        yield running


@pytest.fixture
def relay_page(browser: Any, relay_server: tuple[str, dict[str, str]]) -> Iterator[OpenPage]:
    with page_factory(browser, relay_server[0]) as make:
        yield make


@pytest.fixture
def volunteer(telegram: ThreadedTelegram, relay_server: tuple[str, dict[str, str]]) -> int:
    """A volunteer invited with ``python -m bot volunteers invite`` and linked on Telegram."""
    done = subprocess.run(
        [sys.executable, "-m", "bot", "volunteers", "invite", "Anh"],
        cwd=REPO,
        env=relay_server[1],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    found = CODE_RE.search(done.stdout)
    assert found, done.stdout
    chat = next(VOLUNTEERS)
    telegram.text(chat, f"/tinhnguyen {found.group(1)}")
    assert "tình nguyện viên" in telegram.sent(chat, 1)[-1]["text"]
    return chat


def claim(telegram: ThreadedTelegram, chat: int, page: Page) -> None:
    """The citizen asks for a person on the page; the volunteer presses "Nhận hỗ trợ"."""
    assert "người đang trực" in ask(page, "gặp người hỗ trợ")
    notice = telegram.sent(chat, 2)[-1]
    [button] = [b for row in notice["reply_markup"]["inline_keyboard"] for b in row]
    assert button["text"] == "Nhận hỗ trợ"
    telegram.press(chat, button["callback_data"])
    assert "Bạn đã nhận phiếu" in telegram.sent(chat, 3)[-1]["text"]


def test_the_volunteers_message_appears_without_typing(
    relay_page: OpenPage,
    relay_server: tuple[str, dict[str, str]],
    telegram: ThreadedTelegram,
    volunteer: int,
) -> None:
    page = relay_page()
    start(page, relay_server[0])
    claim(telegram, volunteer, page)
    last = page.locator(BOT).last
    expect(last).to_have_text(
        "Tình nguyện viên Anh đã nhận hỗ trợ bạn. Bạn cứ nhắn tiếp ở đây nhé."
    )
    telegram.text(volunteer, "Chào chị, em là Anh, em giúp chị nhé")
    expect(last).to_have_text("🙋 Tình nguyện viên Anh: Chào chị, em là Anh, em giúp chị nhé")
    expect(page.get_by_label("Nhập câu hỏi của bạn")).to_have_value("")  # nobody typed


def test_the_citizens_reply_reaches_the_volunteer(
    relay_page: OpenPage,
    relay_server: tuple[str, dict[str, str]],
    telegram: ThreadedTelegram,
    volunteer: int,
) -> None:
    page = relay_page()
    start(page, relay_server[0])
    claim(telegram, volunteer, page)
    box = page.get_by_label("Nhập câu hỏi của bạn")
    box.fill("Con em 3 tuổi ạ")
    with page.expect_response("**/api/chat") as posted:
        box.press("Enter")
    assert posted.value.ok  # the server has taken the message; the relay may still be sending
    assert "Con em 3 tuổi ạ" in telegram.sent(volunteer, 4, timeout=60)[-1]["text"]


def test_closing_shows_the_feedback_buttons_and_a_click_answers(
    relay_page: OpenPage,
    relay_server: tuple[str, dict[str, str]],
    telegram: ThreadedTelegram,
    volunteer: int,
) -> None:
    page = relay_page()
    start(page, relay_server[0])
    claim(telegram, volunteer, page)
    telegram.text(volunteer, "/dong")
    expect(page.locator(BOT).last).to_contain_text("kết thúc hỗ trợ")
    page.get_by_role("button", name="👍").last.click()
    expect(page.locator(BOT).last).to_contain_text("Cảm ơn bạn đã góp ý cho tổ hỗ trợ")


def test_a_reload_does_not_show_a_pushed_message_twice(
    relay_page: OpenPage,
    relay_server: tuple[str, dict[str, str]],
    telegram: ThreadedTelegram,
    volunteer: int,
) -> None:
    page = relay_page()
    start(page, relay_server[0])
    claim(telegram, volunteer, page)
    claimed = page.locator(BOT, has_text="đã nhận hỗ trợ bạn")
    expect(claimed).to_have_count(1)
    with page.expect_response("**/api/chat/stream?*") as streamed:
        page.reload()
    assert streamed.value.ok and "after=0" not in streamed.value.url  # resumes after the claim
    telegram.text(volunteer, "Mình vẫn ở đây")  # the next push comes on the resumed stream
    expect(page.locator(BOT).last).to_have_text("🙋 Tình nguyện viên Anh: Mình vẫn ở đây")
    expect(claimed).to_have_count(1)  # restored from this browser's history, once
