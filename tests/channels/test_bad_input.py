"""Webhooks with a lone surrogate or a NUL in an id, a text or a button: a message is answered
with its text cleaned; an update whose sender cannot be stored is acknowledged and dropped, with
a log line; the citizens around it are answered as usual. At capacity a webhook answers 503 so
that the platform delivers the update again later."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.channels import test_zalo_bot as zb
from tests.channels import test_zalo_oa as oa
from tests.channels.fake_zalo import FakeZaloOA
from tests.channels.telegram_harness import TelegramRig

CHAT = 5151
BAD_TEXTS = {"surrogate": "khai sinh\ud800 cho con", "nul": "khai sinh\x00 cho con"}
CLEANED = {"surrogate": "khai sinh\ufffd cho con", "nul": "khai sinh cho con"}


async def incoming(runtime: object, channel: str, user: str) -> list[str]:
    storage = runtime.storage  # type: ignore[attr-defined]
    found = await storage.user(channel, user)
    return [m.text for m in await storage.messages_for(found) if m.direction == "in"]


# --- Telegram -----------------------------------------------------------------------------------


@pytest.fixture
async def telegram(
    tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> AsyncIterator[TelegramRig]:
    rig = await TelegramRig.open(tmp_path, knowledge, mode="webhook")
    yield rig
    await rig.close()


@pytest.mark.parametrize("case", sorted(BAD_TEXTS))
async def test_telegram_text_with_a_bad_character_is_answered_and_kept(
    telegram: TelegramRig, case: str
) -> None:
    assert await telegram.fake.deliver(telegram.fake.text(CHAT, BAD_TEXTS[case])) == 200
    [card] = await telegram.fake.wait_sent(CHAT, 1)
    assert "Đăng ký khai sinh" in card["text"]
    assert await incoming(telegram.runtime, "telegram", str(CHAT)) == [CLEANED[case]]


async def test_telegram_button_with_a_lone_surrogate_is_answered(telegram: TelegramRig) -> None:
    assert await telegram.fake.deliver(telegram.fake.press(CHAT, "a:fees:\ud800")) == 200
    [answer] = await telegram.fake.wait_sent(CHAT, 1)
    assert answer["text"].strip()
    assert await telegram.fake.deliver(telegram.fake.text(CHAT + 1, "khai sinh")) == 200
    assert "Đăng ký khai sinh" in (await telegram.fake.wait_sent(CHAT + 1, 1))[0]["text"]


# --- Zalo Bot -----------------------------------------------------------------------------------


@pytest.mark.parametrize("chat", ["c\ud800", "c\x00", "c\x1b"])
async def test_zalo_bot_drops_an_update_from_an_unusable_chat_id(
    tmp_path: Path, chat: str, caplog: pytest.LogCaptureFixture
) -> None:
    async with zb.rig(tmp_path, mode="webhook") as r:
        raw = json.dumps(zb.update(chat, "khai sinh")).encode()  # ASCII: "\ud800" escaped
        with caplog.at_level(logging.WARNING, logger="motcua.zalo.bot"):
            assert await r.deliver(None, raw=raw) == 200
        assert r.channel.jobs.pending == 0
        assert "without a usable chat id dropped" in caplog.text
        assert "Đăng ký khai sinh" in await r.say("c1", "khai sinh")  # others go on


@pytest.mark.parametrize("case", sorted(BAD_TEXTS))
async def test_zalo_bot_text_with_a_bad_character_is_answered_and_kept(
    tmp_path: Path, case: str
) -> None:
    async with zb.rig(tmp_path, mode="webhook") as r:
        raw = json.dumps(zb.update("c2", BAD_TEXTS[case])).encode()

        async def send() -> None:
            assert await r.deliver(None, raw=raw) == 200

        assert "Đăng ký khai sinh" in "\n".join(await r.turn("c2", send))
        assert await incoming(r.runtime, "zalo", "c2") == [CLEANED[case]]


# --- Zalo OA ------------------------------------------------------------------------------------


@pytest.fixture
async def fake_oa() -> AsyncIterator[FakeZaloOA]:
    server = FakeZaloOA(oa.APP_ID, oa.APP_SECRET, access="access-0", refresh="refresh-0")
    await server.start()
    yield server
    await server.close()


@pytest.mark.parametrize("user", ["u\ud800", "u\x00"])
async def test_zalo_oa_drops_an_event_from_an_unusable_sender(
    tmp_path: Path, fake_oa: FakeZaloOA, user: str, caplog: pytest.LogCaptureFixture
) -> None:
    async with oa.rig(f"sqlite:///{tmp_path / 'oa.db'}", fake_oa) as r:
        raw = json.dumps(oa.event(user, "khai sinh")).encode()
        with caplog.at_level(logging.WARNING, logger="motcua.zalo"):
            assert await r.post(None, raw=raw) == 200
        assert r.channel.jobs.pending == 0
        assert "without a usable sender id dropped" in caplog.text
        assert "Đăng ký khai sinh" in (await r.say("u1", "khai sinh"))[0]["text"]


async def test_zalo_oa_text_with_a_lone_surrogate_is_answered_and_kept(
    tmp_path: Path, fake_oa: FakeZaloOA
) -> None:
    async with oa.rig(f"sqlite:///{tmp_path / 'oa.db'}", fake_oa) as r:
        raw = json.dumps(oa.event("u3", BAD_TEXTS["surrogate"])).encode()
        assert await r.post(None, raw=raw) == 200
        sent = await fake_oa.wait_for(lambda: fake_oa.sent("u3") or None)
        assert "Đăng ký khai sinh" in sent[0]["text"]
        assert await incoming(r.runtime, "zalo_oa", "u3") == [CLEANED["surrogate"]]


# --- at capacity ----------------------------------------------------------------------------------


async def test_a_webhook_at_capacity_answers_503_so_the_platform_retries(tmp_path: Path) -> None:
    async with zb.rig(tmp_path, mode="webhook") as r:
        r.runtime.service.max_in_flight = 0
        assert await r.deliver(zb.update("c4", "khai sinh")) == 503
        assert r.channel.jobs.pending == 0
        r.runtime.service.max_in_flight = 100
        assert "Đăng ký khai sinh" in await r.say("c4", "khai sinh")


async def test_telegram_webhook_at_capacity_answers_503(telegram: TelegramRig) -> None:
    telegram.runtime.service.max_in_flight = 0
    assert await telegram.fake.deliver(telegram.fake.text(CHAT, "khai sinh")) == 503
    telegram.runtime.service.max_in_flight = 100
    assert await telegram.fake.deliver(telegram.fake.text(CHAT, "khai sinh")) == 200
    assert "Đăng ký khai sinh" in (await telegram.fake.wait_sent(CHAT, 1))[0]["text"]
