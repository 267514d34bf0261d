"""Zalo in the handoff, end to end: the real Telegram, Zalo Bot and Zalo OA channels on one
service, against their fakes. A Zalo citizen (Bot or OA) is relayed with a Telegram volunteer; a
volunteer linked on Zalo claims by answering the notice's number. Zalo has no buttons, so options
are answered with "1", "2"… (for pushed messages too: :mod:`bot.handoff.pushed`)."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.channels.telegram import TelegramChannel, TelegramSettings
from bot.channels.zalo_bot import ZaloBotChannel
from bot.channels.zalo_common import Backoff
from bot.channels.zalo_oa import ZaloOAChannel
from bot.config import Settings
from bot.handoff.repo import HandoffRepo
from bot.http.server import create_app
from bot.runtime import Runtime
from bot.storage.oa_tokens import OATokenStore
from tests.channels.fake_telegram import FakeTelegram
from tests.channels.fake_zalo import FakeZaloBot, FakeZaloOA, knowledge
from tests.channels.test_zalo_bot import update as bot_update
from tests.channels.test_zalo_oa import APP_ID, APP_SECRET, OA_KEY, mac
from tests.channels.test_zalo_oa import event as oa_event
from tests.rows import feedback_rows

FAST = Backoff(attempts=2, first=0.01, longest=0.05)
ANH = 9101  # a volunteer on Telegram
TG_CITIZEN = 9001
ZALO_CITIZEN, OA_CITIZEN, ZALO_VOLUNTEER = "zc-1", "oa-1", "zv-1"


@dataclass
class Rig:
    telegram: FakeTelegram
    bot: FakeZaloBot
    oa: FakeZaloOA
    runtime: Runtime
    oa_channel: ZaloOAChannel
    client: TestClient[Any, Any]

    # --- Telegram -------------------------------------------------------------------------
    async def telegram_got(self, chat: int, count: int) -> dict[str, Any]:
        return (await self.telegram.wait_sent(chat, count))[-1]

    async def link_on_telegram(self, chat: int, name: str) -> None:
        code = await HandoffRepo(self.runtime.storage.engine).invite(name)
        before = len(self.telegram.sent(chat))
        self.telegram.text(chat, f"/tinhnguyen {code}")
        assert "tình nguyện viên" in (await self.telegram_got(chat, before + 1))["text"]

    # --- Zalo Bot -------------------------------------------------------------------------
    async def wait_bot(self, chat: str, before: int, check: Callable[[str], bool]) -> str:
        def arrived() -> str | None:
            new = self.bot.texts(chat)[before:]
            return next((t for t in new if check(t)), None)

        return await self.bot.wait_for(arrived)

    def bot_says(self, chat: str, text: str) -> int:
        before = len(self.bot.texts(chat))
        self.bot.push({"ok": True, "result": bot_update(chat, text)})
        return before

    # --- Zalo OA --------------------------------------------------------------------------
    async def oa_says(self, user: str, text: str) -> int:
        before = len(self.oa.sent(user))
        raw = json.dumps(oa_event(user, text), ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json", "X-ZEvent-Signature": mac(raw)}
        response = await self.client.post(self.oa_channel.webhook_path, data=raw, headers=headers)
        assert response.status == 200
        return before

    async def wait_oa(
        self, user: str, before: int, check: Callable[[dict[str, Any]], bool]
    ) -> dict[str, Any]:
        def arrived() -> dict[str, Any] | None:
            return next((m for m in self.oa.sent(user)[before:] if check(m)), None)

        return await self.oa.wait_for(arrived)


@pytest.fixture
async def rig(tmp_path: Path) -> AsyncIterator[Rig]:
    telegram, bot = FakeTelegram(), FakeZaloBot()
    oa = FakeZaloOA(APP_ID, APP_SECRET, access="access-0", refresh="refresh-0")
    base = await telegram.start()
    await bot.start()
    await oa.start()
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'zalo-handoff.db'}",
        telegram_bot_token=telegram.token,
        telegram_api_base_url=base,
        rate_limit_per_minute=1000,
    )
    store, matcher = knowledge()
    runtime = await Runtime.open(settings, store, matcher)
    service = runtime.service
    tg = TelegramChannel(settings.section(TelegramSettings), service, timeout=2.0)
    zalo = ZaloBotChannel(
        service, bot.token, base_url=bot.url, poll_timeout=1, backoff=FAST, timeout=2.0
    )
    oa_channel = ZaloOAChannel(
        service,
        OATokenStore(runtime.storage.engine),
        app_id=APP_ID,
        secret_key=OA_KEY,
        app_secret=APP_SECRET,
        access_token="access-0",
        refresh_token="refresh-0",
        api_base_url=oa.url,
        oauth_base_url=oa.url,
        backoff=FAST,
        timeout=2.0,
    )
    app = create_app(service)
    oa_channel.mount(app)
    client = TestClient(TestServer(app))
    await client.start_server()
    channels = [tg, zalo, oa_channel]
    for channel in channels:
        await channel.start()
    try:
        yield Rig(telegram, bot, oa, runtime, oa_channel, client)
    finally:
        for channel in reversed(channels):
            await channel.stop()
        await client.close()
        await runtime.close()
        for fake in (oa, bot):
            await fake.close()
        await telegram.stop()


def claim_button(message: dict[str, Any]) -> str:
    [button] = [b for row in message["reply_markup"]["inline_keyboard"] for b in row]
    assert button["text"] == "Nhận hỗ trợ"
    return str(button["callback_data"])


# --- a citizen on the Zalo Bot, a volunteer on Telegram ---------------------------------------


async def zalo_citizen_claimed(r: Rig) -> None:
    await r.link_on_telegram(ANH, "Anh")
    before = r.bot_says(ZALO_CITIZEN, "gặp người hỗ trợ")
    await r.wait_bot(ZALO_CITIZEN, before, lambda t: "1 người đang trực" in t)
    notice = await r.telegram_got(ANH, 2)
    assert "Phiếu #" in notice["text"] and "(zalo)" in notice["text"]
    before = len(r.bot.texts(ZALO_CITIZEN))
    r.telegram.press(ANH, claim_button(notice))
    assert "Bạn đã nhận phiếu" in (await r.telegram_got(ANH, 3))["text"]
    await r.wait_bot(ZALO_CITIZEN, before, lambda t: "Tình nguyện viên Anh đã nhận hỗ trợ" in t)


async def test_the_zalo_bot_channel_can_push(rig: Rig) -> None:
    assert rig.runtime.service.outbound.can_push("zalo")


async def test_a_zalo_citizen_is_told_who_claimed(rig: Rig) -> None:
    await zalo_citizen_claimed(rig)


async def test_a_zalo_citizens_words_reach_the_volunteer_masked(rig: Rig) -> None:
    await zalo_citizen_claimed(rig)
    rig.bot_says(ZALO_CITIZEN, "con em 3 tuổi, sđt em 0912345678")
    relayed = (await rig.telegram_got(ANH, 4))["text"]
    assert "con em 3 tuổi" in relayed and "0912345678" not in relayed


async def test_the_volunteers_words_reach_the_zalo_citizen(rig: Rig) -> None:
    await zalo_citizen_claimed(rig)
    before = len(rig.bot.texts(ZALO_CITIZEN))
    rig.telegram.text(ANH, "Chào chị, em gửi hướng dẫn ngay ạ")
    text = await rig.wait_bot(ZALO_CITIZEN, before, lambda t: "Chào chị" in t)
    assert text == "🙋 Tình nguyện viên Anh: Chào chị, em gửi hướng dẫn ngay ạ"


async def test_closing_asks_the_zalo_citizen_who_answers_by_number(rig: Rig) -> None:
    await zalo_citizen_claimed(rig)
    before = len(rig.bot.texts(ZALO_CITIZEN))
    rig.telegram.text(ANH, "/dong")
    question = await rig.wait_bot(ZALO_CITIZEN, before, lambda t: "kết thúc hỗ trợ" in t)
    assert question.endswith("\n\n1. 👍\n2. 👎\nTrả lời bằng số để chọn.")
    before = rig.bot_says(ZALO_CITIZEN, "1")
    await rig.wait_bot(ZALO_CITIZEN, before, lambda t: "Cảm ơn bạn đã góp ý" in t)
    [feedback] = await feedback_rows(rig.runtime.storage)
    assert feedback.positive and feedback.channel == "zalo"


async def test_after_the_feedback_the_numbers_are_the_bots_again(rig: Rig) -> None:
    await zalo_citizen_claimed(rig)
    before = len(rig.bot.texts(ZALO_CITIZEN))
    rig.telegram.text(ANH, "/dong")
    await rig.wait_bot(ZALO_CITIZEN, before, lambda t: "kết thúc hỗ trợ" in t)
    await rig.wait_bot(ZALO_CITIZEN, rig.bot_says(ZALO_CITIZEN, "2"), lambda t: "Cảm ơn" in t)
    greeting = rig.bot_says(ZALO_CITIZEN, "/start")
    await rig.wait_bot(ZALO_CITIZEN, greeting, lambda t: "1. Khai sinh, kết hôn, khai tử" in t)
    topic = rig.bot_says(ZALO_CITIZEN, "1")
    await rig.wait_bot(ZALO_CITIZEN, topic, lambda t: "chọn thủ tục bạn cần" in t)
    assert len(await feedback_rows(rig.runtime.storage)) == 1


# --- a citizen on the Zalo OA -----------------------------------------------------------------


async def oa_citizen_claimed(r: Rig) -> None:
    await r.link_on_telegram(ANH, "Anh")
    before = await r.oa_says(OA_CITIZEN, "gặp người hỗ trợ")
    await r.wait_oa(OA_CITIZEN, before, lambda m: "1 người đang trực" in m["text"])
    notice = await r.telegram_got(ANH, 2)
    assert "(zalo_oa)" in notice["text"]
    before = len(r.oa.sent(OA_CITIZEN))
    r.telegram.press(ANH, claim_button(notice))
    assert "Bạn đã nhận phiếu" in (await r.telegram_got(ANH, 3))["text"]
    await r.wait_oa(OA_CITIZEN, before, lambda m: "Anh đã nhận hỗ trợ" in m["text"])


async def test_the_oa_channel_registers_its_sender_when_it_starts(tmp_path: Path) -> None:
    store, matcher = knowledge()
    runtime = await Runtime.open(
        Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'oa.db'}"), store, matcher
    )
    oa = FakeZaloOA(APP_ID, APP_SECRET, access="access-0", refresh="refresh-0")
    await oa.start()
    channel = ZaloOAChannel(
        runtime.service,
        OATokenStore(runtime.storage.engine),
        app_id=APP_ID,
        secret_key=OA_KEY,
        app_secret=APP_SECRET,
        refresh_token="refresh-0",
        api_base_url=oa.url,
        oauth_base_url=oa.url,
    )
    try:
        assert not runtime.service.outbound.can_push("zalo_oa")
        await channel.start()
        assert runtime.service.outbound.can_push("zalo_oa")
    finally:
        await channel.stop()
        await runtime.close()
        await oa.close()


async def test_an_oa_citizen_is_relayed_both_ways(rig: Rig) -> None:
    await oa_citizen_claimed(rig)
    await rig.oa_says(OA_CITIZEN, "em cần làm cho con ạ")
    assert "em cần làm cho con ạ" in (await rig.telegram_got(ANH, 4))["text"]
    before = len(rig.oa.sent(OA_CITIZEN))
    rig.telegram.text(ANH, "Dạ, chị chờ em chút")
    message = await rig.wait_oa(OA_CITIZEN, before, lambda m: "chị chờ em" in m["text"])
    assert message["text"] == "🙋 Tình nguyện viên Anh: Dạ, chị chờ em chút"
    pushes = [c.body["recipient"] for c in rig.oa.answered("cs")]
    assert {"user_id": OA_CITIZEN} in pushes  # pushed to the user id: there is no message to name


async def test_closing_asks_the_oa_citizen_with_buttons_and_a_tap_answers(rig: Rig) -> None:
    await oa_citizen_claimed(rig)
    before = len(rig.oa.sent(OA_CITIZEN))
    rig.telegram.text(ANH, "/dong")
    question = await rig.wait_oa(OA_CITIZEN, before, lambda m: "kết thúc hỗ trợ" in m["text"])
    buttons = question["attachment"]["payload"]["buttons"]
    assert [(b["title"], b["payload"]) for b in buttons] == [("1. 👍", "1"), ("2. 👎", "2")]
    before = await rig.oa_says(OA_CITIZEN, "2")  # what tapping "2. 👎" sends back
    await rig.wait_oa(OA_CITIZEN, before, lambda m: "Cảm ơn bạn đã góp ý" in m["text"])
    [feedback] = await feedback_rows(rig.runtime.storage)
    assert not feedback.positive and feedback.channel == "zalo_oa"


async def test_a_refused_oa_push_is_logged_and_the_volunteer_carries_on(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    await oa_citizen_claimed(rig)
    rig.oa.refuse(-230)  # the reply window has closed
    with caplog.at_level(logging.WARNING, logger="motcua.zalo.oa"):
        rig.telegram.text(ANH, "Chị còn đó không ạ?")
        await rig.oa.wait_for(lambda: [c for c in rig.oa.calls if c.body.get("error") == -230])
        rig.telegram.text(ANH, "/dong")
        assert "Đã đóng phiếu" in (await rig.telegram_got(ANH, 4))["text"]
    assert "reply window closed for user oa-1" in caplog.text


# --- a volunteer on Zalo ----------------------------------------------------------------------


async def test_a_volunteer_links_on_zalo_and_claims_by_answering_1(rig: Rig) -> None:
    code = await HandoffRepo(rig.runtime.storage.engine).invite("Bình")
    before = rig.bot_says(ZALO_VOLUNTEER, f"/tinhnguyen {code}")
    await rig.wait_bot(ZALO_VOLUNTEER, before, lambda t: "Chào Bình!" in t)
    before = len(rig.bot.texts(ZALO_VOLUNTEER))
    rig.telegram.text(TG_CITIZEN, "gặp người hỗ trợ")
    notice = await rig.wait_bot(ZALO_VOLUNTEER, before, lambda t: "Phiếu #" in t)
    assert notice.endswith("\n\n1. Nhận hỗ trợ\nTrả lời bằng số để chọn.")
    assert "người đang trực" in (await rig.telegram_got(TG_CITIZEN, 1))["text"]
    before = rig.bot_says(ZALO_VOLUNTEER, "1")
    await rig.wait_bot(ZALO_VOLUNTEER, before, lambda t: t.startswith("Bạn đã nhận phiếu"))
    assert "Bình đã nhận hỗ trợ" in (await rig.telegram_got(TG_CITIZEN, 2))["text"]
    [ticket] = await HandoffRepo(rig.runtime.storage.engine).queue()
    assert ticket.status == "claimed"


async def test_after_claiming_a_zalo_volunteers_1_goes_to_the_citizen(rig: Rig) -> None:
    code = await HandoffRepo(rig.runtime.storage.engine).invite("Bình")
    await rig.wait_bot(
        ZALO_VOLUNTEER, rig.bot_says(ZALO_VOLUNTEER, f"/tinhnguyen {code}"), lambda t: "Bình" in t
    )
    before = len(rig.bot.texts(ZALO_VOLUNTEER))
    rig.telegram.text(TG_CITIZEN, "gặp người hỗ trợ")
    await rig.wait_bot(ZALO_VOLUNTEER, before, lambda t: "Phiếu #" in t)
    await rig.telegram_got(TG_CITIZEN, 1)  # "… người đang trực"
    claimed = rig.bot_says(ZALO_VOLUNTEER, "1")
    await rig.wait_bot(ZALO_VOLUNTEER, claimed, lambda t: t.startswith("Bạn đã nhận phiếu"))
    assert "Bình đã nhận hỗ trợ" in (await rig.telegram_got(TG_CITIZEN, 2))["text"]
    rig.bot_says(ZALO_VOLUNTEER, "1")  # now plain text for the citizen, not a second claim
    assert (await rig.telegram_got(TG_CITIZEN, 3))["text"] == "🙋 Tình nguyện viên Bình: 1"
