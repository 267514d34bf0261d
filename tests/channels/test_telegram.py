"""The Telegram channel end to end: PTB's real client against a local fake Bot API server."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from sqlalchemy import func, select

from bot.channels.telegram import TelegramChannel, TelegramSettings
from bot.http.server import create_app
from bot.runtime import Runtime
from bot.storage.models import Message
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.channels.telegram_harness import SECRET, TelegramRig, free_port

CHAT = 4242


@pytest.fixture
async def polling(
    tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> AsyncIterator[TelegramRig]:
    rig = await TelegramRig.open(tmp_path, knowledge)
    yield rig
    await rig.close()


@pytest.fixture
async def webhook(
    tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> AsyncIterator[TelegramRig]:
    rig = await TelegramRig.open(tmp_path, knowledge, mode="webhook")
    yield rig
    await rig.close()


def buttons(message: dict) -> list[dict]:
    markup = message.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


def button(message: dict, label_part: str) -> str:
    for b in buttons(message):
        if label_part in b["text"]:
            return str(b["callback_data"])
    raise AssertionError(f"no button {label_part!r} in {[b['text'] for b in buttons(message)]}")


async def test_start_sets_vietnamese_commands_and_polls(polling: TelegramRig) -> None:
    methods = [c.method for c in polling.fake.calls]
    assert methods[:1] == ["getMe"] and "deleteWebhook" in methods
    [commands] = [c.params["commands"] for c in polling.fake.calls if c.method == "setMyCommands"]
    assert {c["command"] for c in commands} == {
        "start",
        "help",
        "huy",
        "nguoi",
        "dulieu",
        "xoadulieu",
    }
    assert any(c["description"] == "Gặp người hỗ trợ" for c in commands)


async def test_polling_conversation_with_buttons(polling: TelegramRig) -> None:
    fake = polling.fake
    fake.text(CHAT, "/start")
    [greeting] = await fake.wait_sent(CHAT, 1)
    assert "Xin chào" in greeting["text"] and greeting["parse_mode"] == "HTML"
    fake.press(CHAT, button(greeting, "Căn cước, VNeID"))
    sent = await fake.wait_sent(CHAT, 2)
    assert any(c.method == "answerCallbackQuery" for c in fake.calls)
    fake.press(CHAT, button(sent[-1], "hộ chiếu"))
    sent = await fake.wait_sent(CHAT, 3)
    assert sent[-1]["text"].startswith("<b>📋 Làm hộ chiếu")
    fake.press(CHAT, button(sent[-1], "Lệ phí"))
    sent = await fake.wait_sent(CHAT, 4)
    assert sent[-1]["text"].startswith("<b>💰 Lệ phí") and "đồng" in sent[-1]["text"]
    fake.text(CHAT, "mất mấy ngày?")
    sent = await fake.wait_sent(CHAT, 5)
    assert sent[-1]["text"].startswith("<b>⏱ Thời gian — Làm hộ chiếu")


async def test_deep_link_opens_the_procedure(polling: TelegramRig) -> None:
    polling.fake.text(CHAT, "/start dang-ky-khai-sinh")
    sent = await polling.fake.wait_sent(CHAT, 2)
    assert "<b>📋 Đăng ký khai sinh</b>" in sent[-1]["text"]


async def test_one_chat_in_order_while_another_chat_proceeds(polling: TelegramRig) -> None:
    fake = polling.fake
    for text in ("đăng ký kết hôn", "hết bao nhiêu tiền", "mất mấy ngày", "cần giấy tờ gì"):
        fake.text(CHAT, text)
    fake.text(777, "đăng ký tạm trú")
    sent = await fake.wait_sent(CHAT, 4)
    heads = [m["text"][3:5] for m in sent]
    assert [m["text"].split("\n")[0][3:4] for m in sent] == ["📋", "💰", "⏱", "📄"], heads
    assert "tạm trú" in (await fake.wait_sent(777, 1))[0]["text"].lower()


async def test_sticker_gets_a_hint_edited_message_and_groups_are_ignored(
    polling: TelegramRig,
) -> None:
    fake = polling.fake
    fake.edited(CHAT, "sửa lại tin nhắn")
    fake.text(-100, "làm khai sinh", chat_type="supergroup")
    fake.text(-101, "/start", chat_type="group")
    fake.sticker(CHAT)
    [hint] = await fake.wait_sent(CHAT, 1)
    assert "chữ" in hint["text"]
    [private_only] = await fake.wait_sent(-101, 1)
    assert "tin nhắn riêng" in private_only["text"]
    await asyncio.sleep(0.3)
    assert fake.sent(-100) == [] and len(fake.sent(CHAT)) == 1


async def test_429_burst_loses_no_reply(polling: TelegramRig) -> None:
    fake = polling.fake
    fake.fail("sendMessage", 429, retry_after=1, times=3)
    chats = [501, 502, 503, 504, 505]
    for chat in chats:
        fake.text(chat, "đăng ký kết hôn")
    for chat in chats:
        [card] = await fake.wait_sent(chat, 1, timeout=30)
        assert "Đăng ký kết hôn" in card["text"]
    assert not fake.failures["sendMessage"]


async def test_server_error_and_timeout_are_retried(
    tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> None:
    rig = await TelegramRig.open(tmp_path, knowledge, timeout=0.5, retry_backoff=0.05)
    try:
        rig.fake.fail("sendMessage", 502)
        rig.fake.fail("sendMessage", 504, delay=1.5)  # longer than the client's timeout
        rig.fake.text(CHAT, "đăng ký kết hôn")
        [card] = await rig.fake.wait_sent(CHAT, 1, timeout=20)
        assert "Đăng ký kết hôn" in card["text"]
    finally:
        await rig.close()


async def test_webhook_with_the_right_secret_answers(webhook: TelegramRig) -> None:
    fake = webhook.fake
    assert fake.webhook and fake.webhook["secret_token"] == SECRET
    assert (
        fake.webhook["url"].startswith("http://127.0.0.1:") and "/telegram/" in fake.webhook["url"]
    )
    status = await fake.deliver(fake.text(CHAT, "lam giay khai sinh cho con"))
    assert status == 200
    [card] = await fake.wait_sent(CHAT, 1)
    assert "Đăng ký khai sinh" in card["text"]
    status = await fake.deliver(fake.press(CHAT, button(card, "Lệ phí")))
    assert status == 200
    assert (await fake.wait_sent(CHAT, 2))[-1]["text"].startswith("<b>💰 Lệ phí")


async def test_webhook_update_delivered_again_is_answered_once(webhook: TelegramRig) -> None:
    # Telegram delivers an update again when it did not see our 200 (a lost response)
    fake = webhook.fake
    update = fake.text(CHAT, "đăng ký kết hôn")
    assert await fake.deliver(update) == 200
    await fake.wait_sent(CHAT, 1)
    assert await fake.deliver(update) == 200
    assert await fake.deliver(fake.text(CHAT, "lệ phí bao nhiêu")) == 200
    sent = await fake.wait_sent(CHAT, 2)
    await asyncio.sleep(0.3)
    assert len(fake.sent(CHAT)) == 2 and "Lệ phí" in sent[1]["text"]


@pytest.mark.parametrize("secret", ["wrong-secret", ""])
async def test_webhook_with_a_wrong_or_missing_secret_is_refused(
    webhook: TelegramRig, secret: str
) -> None:
    status = await webhook.fake.deliver(webhook.fake.text(CHAT, "đăng ký kết hôn"), secret=secret)
    assert status == 403
    await asyncio.sleep(0.3)
    assert webhook.fake.sent(CHAT) == []


@pytest.mark.parametrize("body", [b"{not json", b"[1,2]", b'"x"', b"\xff", b'{"update_id": "x"}'])
async def test_webhook_malformed_update_is_400(webhook: TelegramRig, body: bytes) -> None:
    import aiohttp

    assert webhook.fake.webhook
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
    async with (
        aiohttp.ClientSession() as session,
        session.post(webhook.fake.webhook["url"], data=body, headers=headers) as response,
    ):
        assert response.status == 400


def _big_procedure(tmp_path: Path) -> tuple[KnowledgeStore, LiveMatcher]:
    """A knowledge base with one procedure whose document list runs past 4096 characters and
    whose texts hold HTML-special characters, written as YAML like any other procedure."""
    import yaml

    source = Path("knowledge/procedures/dang-ky-ket-hon.yaml")
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data.update(
        id="thu-tuc-dai",
        name="Thủ tục <thử> & dài",
        short_name="Thủ tục <thử> & dài",
        linked=[],
        related=[],
        codes=[],
    )
    data["aliases"] = ["thủ tục rất dài", "thủ tục dài", "tt dài", "thử dài", "mẫu dài"]
    data["documents"]["items"] = [
        {
            "name": f"Giấy tờ số {i} <bản> & phụ lục kèm theo, ghi rõ họ tên và chữ ký của người "
            "khai, nộp kèm bản sao có chứng thực",
            "kind": "ban_chinh",
        }
        for i in range(1, 60)
    ]
    procedures, localities = tmp_path / "procedures", tmp_path / "localities"
    procedures.mkdir()
    localities.mkdir()
    (procedures / "thu-tuc-dai.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    store = KnowledgeStore(procedures, localities)
    return store, LiveMatcher(store)


async def test_reply_longer_than_4096_is_split_and_html_escaped(tmp_path: Path) -> None:
    rig = await TelegramRig.open(tmp_path, _big_procedure(tmp_path))
    try:
        fake = rig.fake
        fake.text(CHAT, "thủ tục rất dài")
        [card] = await fake.wait_sent(CHAT, 1)
        assert "&lt;thử&gt; &amp; dài" in card["text"]
        fake.press(CHAT, button(card, "Giấy tờ"))
        sent = await fake.wait_sent(CHAT, 3)
        while not buttons(sent[-1]):  # the parts arrive one by one; the last carries buttons
            sent = await fake.wait_sent(CHAT, len(sent) + 1)
        parts = sent[1:]
        assert len(parts) >= 2  # the fake refuses anything over 4096 or with broken entities
        assert all(not buttons(p) for p in parts[:-1]) and buttons(parts[-1])
        assert "Giấy tờ số 59" in parts[-1]["text"] or "Giấy tờ số 59" in parts[-2]["text"]
    finally:
        await rig.close()


async def test_motcua_run_starts_telegram_when_the_token_is_set(tmp_path: Path) -> None:
    import os
    import signal
    import sys

    from tests.channels.fake_telegram import FakeTelegram
    from tests.channels.telegram_harness import free_port

    fake = FakeTelegram()
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_API_BASE_URL": await fake.start(),
        "PORT": str(free_port()),
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'run.db'}",
    }
    env.pop("ZALO_BOT_TOKEN", None)
    server = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, stdout=asyncio.subprocess.PIPE
    )
    try:
        assert server.stdout is not None
        banner = (await asyncio.wait_for(server.stdout.read(300), 30)).decode()
        assert "Telegram: bật" in banner or "motcua đang chạy" in banner
        fake.text(CHAT, "đăng ký kết hôn")
        [card] = await fake.wait_sent(CHAT, 1, timeout=30)
        assert "Đăng ký kết hôn" in card["text"]
    finally:
        server.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(server.wait(), 30) == 0
        await fake.stop()


async def test_an_update_delivered_again_to_another_instance_is_answered_once(
    webhook: TelegramRig, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> None:
    """Telegram missed the first instance's 200 and delivers the update again; the load
    balancer sends it to a second instance on the same database, which has not seen it."""
    fake, settings = webhook.fake, webhook.runtime.settings
    update = fake.text(CHAT, "đăng ký kết hôn")
    assert await fake.deliver(update) == 200
    await fake.wait_sent(CHAT, 1)
    store, matcher = knowledge
    other = await Runtime.open(settings, store, matcher)
    channel = TelegramChannel(settings.section(TelegramSettings), other.service, timeout=2.0)
    app = create_app(other.service)
    channel.mount(app)
    server = TestServer(app, host="127.0.0.1", port=free_port())
    await server.start_server()
    try:
        await channel.start()
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        async with aiohttp.ClientSession() as session:
            url = f"http://127.0.0.1:{server.port}{channel.path}"
            async with session.post(url, json=update, headers=headers) as response:
                assert response.status == 200
        await asyncio.sleep(0.5)
        assert len(fake.sent(CHAT)) == 1
        async with other.service.storage.engine.connect() as connection:
            stored = await connection.scalar(
                select(func.count()).select_from(Message).where(Message.direction == "in")
            )
        assert stored == 1
    finally:
        await channel.stop()
        await server.close()
        await other.close()
