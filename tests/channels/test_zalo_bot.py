"""Zalo Bot API channel end to end: the real channel and service against :class:`FakeZaloBot`.

Polling and webhook walkthroughs answer with numbered options; the citizen's "1", "2"... pick
them. Failure paths: wrong secret, malformed bodies, duplicates, 5xx, timeouts, long answers.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select

from bot.channels.registry import channel_status, configured_channels
from bot.channels.zalo_bot import ZaloBotChannel, parse_update
from bot.channels.zalo_common import Backoff
from bot.config import Settings
from bot.http.server import create_app
from bot.runtime import Runtime
from bot.storage.models import Message
from handlers.events import Kind
from tests.channels.fake_zalo import HANG, Call, FakeZaloBot, knowledge
from tests.dbs import BACKENDS, fresh_database

PROMPT = "Trả lời bằng số để chọn."
FAST = Backoff(attempts=3, first=0.01, longest=0.05)
PUBLIC = "https://phuong.example/motcua"
SERIAL = itertools.count(1)


def update(
    chat: str,
    text: str = "",
    *,
    event: str = "message.text.received",
    message_id: str | None = None,
    wrapped: bool = False,
) -> dict[str, Any]:
    message = {
        "message_id": message_id or f"m{next(SERIAL)}",
        "date": 1750316131602,
        "chat": {"id": chat, "chat_type": "PRIVATE"},
        "from": {"id": chat, "display_name": "Công dân", "is_bot": False},
        "text": text,
    }
    body = {"event_name": event, "message": message}
    return {"ok": True, "result": body} if wrapped else body


@dataclass
class Rig:
    fake: FakeZaloBot
    runtime: Runtime
    channel: ZaloBotChannel
    client: TestClient[Any, Any] | None = None
    posted: list[int] = field(default_factory=list)

    async def deliver(self, body: Any, secret: str | None = "", raw: bytes | None = None) -> int:
        """POST to the webhook as Zalo does; ``""`` means the right secret, None no header."""
        assert self.client is not None
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Bot-Api-Secret-Token"] = secret or self.channel.secret
        kwargs: dict[str, Any] = {"data": raw} if raw is not None else {"json": body}
        response = await self.client.post(self.channel.webhook_path, headers=headers, **kwargs)
        self.posted.append(response.status)
        return response.status

    async def turn(
        self, chat: str, send: Callable[[], Awaitable[Any]], ends: str = PROMPT
    ) -> list[str]:
        """Send, then wait for this chat's new messages up to one ending with ``ends``."""
        before = len(self.fake.texts(chat))
        await send()

        def arrived() -> list[str] | None:
            new = self.fake.texts(chat)[before:]
            return new if new and new[-1].endswith(ends) else None

        return await self.fake.wait_for(arrived)

    async def say(self, chat: str, text: str, ends: str = PROMPT) -> str:
        """Say ``text`` the way the channel's mode receives it; the answer, joined."""

        async def send() -> None:
            if self.channel.mode == "polling":
                self.fake.push({"ok": True, "result": update(chat, text)})
            else:
                assert await self.deliver(update(chat, text)) == 200

        return "\n".join(await self.turn(chat, send, ends))


@asynccontextmanager
async def rig(tmp_path: Path, mode: str = "polling", **channel_args: Any) -> AsyncIterator[Rig]:
    fake = FakeZaloBot()
    await fake.start()
    store, matcher = knowledge()
    async with fresh_database("sqlite", tmp_path) as url:
        runtime = await Runtime.open(Settings(database_url=url), store, matcher)
        args: dict[str, Any] = {"poll_timeout": 1, "backoff": FAST, "timeout": 2.0}
        channel = ZaloBotChannel(
            runtime.service,
            fake.token,
            base_url=fake.url,
            mode=mode,  # type: ignore[arg-type]
            public_url=PUBLIC,
            **(args | channel_args),
        )
        the_rig = Rig(fake, runtime, channel)
        if mode == "webhook":
            app = create_app(runtime.service)
            channel.mount(app)
            the_rig.client = TestClient(TestServer(app))
            await the_rig.client.start_server()
        try:
            await channel.start()
            yield the_rig
        finally:
            await channel.stop()
            if the_rig.client is not None:
                await the_rig.client.close()
            await runtime.close()
            await fake.close()


def sends(r: Rig) -> list[Call]:
    return [c for c in r.fake.calls if c.key == "sendMessage"]


def option(text: str, label: str) -> str:
    """The number the menu in ``text`` gives the option containing ``label``."""
    found = re.search(rf"^(\d+)\. [^\n]*{re.escape(label)}", text, re.MULTILINE)
    assert found, f"no option {label!r} in {text!r}"
    return found.group(1)


async def test_polling_walkthrough_with_numbered_options(tmp_path: Path) -> None:
    async with rig(tmp_path) as r:
        greeting = await r.say("c1", "/start")
        assert "Xin chào" in greeting and "\n1. Khai sinh, kết hôn, khai tử\n" in greeting
        topic = await r.say("c1", option(greeting, "Khai sinh, kết hôn"))
        assert "chọn thủ tục bạn cần" in topic
        card = await r.say("c1", option(topic, "Đăng ký khai sinh"))
        assert card.startswith("📋 Đăng ký khai sinh")
        fees = await r.say("c1", option(card, "Lệ phí"))
        assert fees.startswith("💰 Lệ phí — Đăng ký khai sinh")
        methods = [c.key for c in r.fake.calls]
        assert methods[0] == "deleteWebhook" and "getUpdates" in methods


async def test_polling_shows_typing_before_the_answer(tmp_path: Path) -> None:
    async with rig(tmp_path) as r:
        await r.say("c1", "/start")
        sends = [c for c in r.fake.calls if c.key in ("sendChatAction", "sendMessage")]
        assert sends[0].key == "sendChatAction"
        assert sends[0].body == {"chat_id": "c1", "action": "typing"}


async def test_webhook_walkthrough_registers_and_answers(tmp_path: Path) -> None:
    async with rig(tmp_path, mode="webhook") as r:
        assert r.fake.webhook == {
            "url": PUBLIC + r.channel.webhook_path,
            "secret_token": r.channel.secret,
        }
        before = len(r.fake.texts("c1"))
        assert await r.deliver(update("c1", "/start", wrapped=True)) == 200  # wrapped form
        greeting = "\n".join(await r.fake.wait_for(lambda: r.fake.texts("c1")[before:]))
        topic = await r.say("c1", option(greeting, "Căn cước"))  # flat form from here on
        assert "chọn thủ tục bạn cần" in topic
        card = await r.say("c1", option(topic, "Cấp lại thẻ căn cước"))
        assert "Cấp lại thẻ căn cước" in card.splitlines()[0]


async def test_webhook_path_is_stable_and_reveals_no_secret(tmp_path: Path) -> None:
    async with rig(tmp_path, mode="webhook") as r:
        path = r.channel.webhook_path
        assert re.fullmatch(r"/zalo/bot/[0-9a-f]{16}", path)
        token = r.fake.token
        assert token not in path and token.split(":")[1] not in r.channel.secret
        assert r.channel.secret[:16] not in path
        again = ZaloBotChannel(r.runtime.service, token, mode="webhook")
        assert (again.webhook_path, again.secret) == (path, r.channel.secret)


@pytest.mark.parametrize("secret", [None, "wrong-secret-value"])
async def test_wrong_or_missing_secret_is_rejected_and_nothing_processed(
    tmp_path: Path, secret: str | None
) -> None:
    async with rig(tmp_path, mode="webhook") as r:
        status = await r.deliver(update("c1", "lam giay khai sinh cho con"), secret=secret)
        assert status == (401 if secret is None else 403)
        assert r.channel.jobs.pending == 0
        await r.say("c1", "/start")  # a genuine update afterwards is answered...
        user = await r.runtime.storage.user("zalo", "c1")
        logged = [m.text for m in await r.runtime.storage.messages_for(user) if m.direction == "in"]
        assert logged == ["/start"]  # ...and the rejected one never reached the service


@pytest.mark.parametrize("raw", [b"{not json", b"[1, 2]", b'"text"', b"\xff\xfe"])
async def test_malformed_body_is_400_never_500(tmp_path: Path, raw: bytes) -> None:
    async with rig(tmp_path, mode="webhook") as r:
        assert await r.deliver(None, raw=raw) == 400
        assert r.channel.jobs.pending == 0


async def test_unknown_events_are_acknowledged_and_ignored(tmp_path: Path) -> None:
    async with rig(tmp_path, mode="webhook") as r:
        assert await r.deliver({"event_name": "user.follow", "follower": {"id": "c1"}}) == 200
        assert (
            await r.deliver({"ok": True, "result": {"event_name": "message.text.received"}}) == 200
        )
        await r.say("c1", "/start")
        assert len(r.fake.texts("c1")) == 1


async def test_duplicate_message_id_is_answered_once(tmp_path: Path) -> None:
    async with rig(tmp_path, mode="webhook") as r:
        first = update("c1", "/start", message_id="dup-1")
        assert await r.deliver(first) == 200
        assert await r.deliver({"ok": True, "result": first}) == 200  # redelivered, other shape
        await r.fake.wait_for(lambda: r.fake.texts("c1"))
        await r.say("c1", "/start")
        assert len(r.fake.texts("c1")) == 2


async def test_webhook_acknowledges_before_answering(tmp_path: Path) -> None:
    async with rig(tmp_path, mode="webhook", timeout=0.5) as r:
        r.fake.fail("sendChatAction", HANG)  # the answer is stuck behind a slow typing call
        assert await r.deliver(update("c1", "/start")) == 200
        assert r.fake.texts("c1") == [] and r.channel.jobs.pending == 1
        await r.fake.wait_for(lambda: r.fake.texts("c1"))  # typing timed out; answer went on


async def test_one_citizens_messages_are_answered_in_order(tmp_path: Path) -> None:
    async with rig(tmp_path, mode="webhook") as r:
        assert await r.deliver(update("c1", "/start")) == 200
        assert await r.deliver(update("c1", "1")) == 200  # "1" of the greeting's menu
        assert await r.deliver(update("c2", "/start")) == 200
        texts = await r.fake.wait_for(lambda: len(r.fake.texts("c1")) == 2 and r.fake.texts("c1"))
        assert texts[0].startswith("Xin chào") and "chọn thủ tục bạn cần" in texts[1]
        await r.fake.wait_for(lambda: r.fake.texts("c2"))


async def test_long_answer_arrives_split_within_2000(tmp_path: Path) -> None:
    async with rig(tmp_path) as r:
        card = await r.say("c1", "đăng ký thường trú")
        before = len(r.fake.texts("c1"))
        await r.say("c1", option(card, "Giấy tờ"))
        parts = r.fake.texts("c1")[before:]
        assert len(parts) >= 2 and all(0 < len(p) <= 2000 for p in parts)
        assert sum(map(len, parts)) > 2000
        assert parts[0].startswith("📄 Giấy tờ cần chuẩn bị")


async def test_non_text_message_gets_a_polite_text_reply(tmp_path: Path) -> None:
    async with rig(tmp_path, mode="webhook") as r:
        sticker = update("c1", event="message.sticker.received")
        [reply] = await r.turn("c1", lambda: r.deliver(sticker), ends="")
        assert "nhãn dán" in reply


async def test_send_5xx_is_retried_until_delivered(tmp_path: Path) -> None:
    async with rig(tmp_path) as r:
        r.fake.fail("sendMessage", 503, times=2)
        assert "Xin chào" in await r.say("c1", "/start")
        assert [c.status for c in sends(r)] == [503, 503, 200]


async def test_send_timeout_is_retried(tmp_path: Path) -> None:
    async with rig(tmp_path, timeout=0.3) as r:
        r.fake.fail("sendMessage", HANG)
        assert "Xin chào" in await r.say("c1", "/start")


async def test_send_gives_up_after_bounded_retries_and_keeps_running(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with rig(tmp_path) as r:
        r.fake.fail("sendMessage", 503, times=FAST.attempts)
        r.fake.push(update("c1", "/start"))
        await r.fake.wait_for(lambda: len(sends(r)) == FAST.attempts)
        assert "Xin chào" in await r.say("c1", "/start")  # answered after the first gave up
        assert "reply to chat c1 not sent" in caplog.text
        assert [c.status for c in sends(r)] == [503] * FAST.attempts + [200]


async def test_polling_recovers_from_getupdates_errors(tmp_path: Path) -> None:
    async with rig(tmp_path) as r:
        r.fake.fail("getUpdates", 502, times=FAST.attempts + 1)  # one full give-up, then one
        assert "Xin chào" in await r.say("c1", "/start")


async def test_logs_hold_no_token_and_no_citizen_text(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with rig(tmp_path) as r:
        r.fake.fail("sendMessage", 500)
        r.fake.fail("getUpdates", 503)
        await r.say("c1", "làm căn cước cho con số 0912345678")
    ours = [rec for rec in caplog.records if rec.name != "aiohttp.access"]  # the fake's own log
    assert not any("fake-bot-secret" in rec.getMessage() for rec in ours)
    informative = [rec.getMessage() for rec in ours if rec.levelno >= logging.INFO]
    assert not any("0912345678" in line or "căn cước cho con" in line for line in informative)


async def test_webhook_mode_needs_a_public_url(tmp_path: Path) -> None:
    fake = FakeZaloBot()
    await fake.start()
    store, matcher = knowledge()
    try:
        async with fresh_database("sqlite", tmp_path) as url:
            runtime = await Runtime.open(Settings(database_url=url), store, matcher)
            channel = ZaloBotChannel(runtime.service, fake.token, base_url=fake.url, mode="webhook")
            with pytest.raises(ValueError, match="ZALO_PUBLIC_URL"):
                await channel.start()
            await channel.stop()
            await runtime.close()
    finally:
        await fake.close()


def test_parse_update_accepts_flat_and_wrapped_bodies() -> None:
    flat = update("c9", "xin chào", message_id="abc")
    for body in (flat, {"ok": True, "result": flat}):
        parsed = parse_update(body)
        assert parsed is not None
        assert (parsed.message_id, parsed.chat_id) == ("abc", "c9")
        assert (parsed.incoming.kind, parsed.incoming.text) == (Kind.TEXT, "xin chào")
        assert parsed.incoming.channel == "zalo" and parsed.incoming.user == "c9"


@pytest.mark.parametrize(
    "body",
    [
        None,
        [],
        {"ok": True, "result": None},
        {"event_name": "message.text.received"},
        {"event_name": "message.text.received", "message": {"text": "no chat"}},
        {"event_name": "user.follow", "message": {"chat": {"id": "c1"}}},
    ],
)
def test_parse_update_ignores_what_is_not_a_message(body: Any) -> None:
    assert parse_update(body) is None


async def test_registry_starts_the_bot_when_its_token_is_set(tmp_path: Path) -> None:
    store, matcher = knowledge()
    async with fresh_database("sqlite", tmp_path) as url:
        settings = Settings(database_url=url, zalo_bot_token="1:abc", zalo_mode="webhook")
        runtime = await Runtime.open(settings, store, matcher)
        try:
            [_web_chat, channel] = configured_channels(settings, runtime.service)
            assert isinstance(channel, ZaloBotChannel) and channel.mode == "webhook"
            assert "  Zalo: bật" in channel_status(settings)
        finally:
            await runtime.close()


async def test_a_large_body_is_read_whole(tmp_path: Path) -> None:
    async with rig(tmp_path, mode="webhook") as r:
        huge = update("c1", "làm giấy khai sinh cho con " + "rất gấp " * 40_000)  # ~330 KB
        assert await r.deliver(huge) == 200
        [reply] = await r.fake.wait_for(lambda: r.fake.texts("c1"))
        assert "chỉ đọc phần đầu" in reply


async def test_a_body_over_1_mb_is_413(tmp_path: Path) -> None:
    async with rig(tmp_path, mode="webhook") as r:
        assert await r.deliver(update("c1", "x" * (1 << 20))) == 413
        assert r.channel.jobs.pending == 0


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_delivery_repeated_to_another_instance_is_answered_once(
    tmp_path: Path, backend: str
) -> None:
    """Two instances on one database behind a load balancer: Zalo delivers a message to one,
    misses its 200 and delivers it again to the other. One answer, one stored message."""
    fake = FakeZaloBot()
    await fake.start()
    store, matcher = knowledge()
    async with fresh_database(backend, tmp_path) as url, contextlib.AsyncExitStack() as stack:
        stack.push_async_callback(fake.close)
        instances = []
        for _ in range(2):
            runtime = await Runtime.open(Settings(database_url=url), store, matcher)
            stack.push_async_callback(runtime.close)
            channel = ZaloBotChannel(
                runtime.service, fake.token, base_url=fake.url, mode="webhook", public_url=PUBLIC,
                poll_timeout=1, backoff=FAST, timeout=2.0,
            )  # fmt: skip
            app = create_app(runtime.service)
            channel.mount(app)
            client = TestClient(TestServer(app))
            await client.start_server()
            stack.push_async_callback(client.close)
            await channel.start()
            stack.push_async_callback(channel.stop)
            instances.append((runtime, channel, client))
        repeated = update("c1", "/start", message_id="dup-across")
        for _, channel, client in instances:
            headers = {"X-Bot-Api-Secret-Token": channel.secret}
            response = await client.post(channel.webhook_path, headers=headers, json=repeated)
            assert response.status == 200
        for _, channel, _ in instances:
            await channel.jobs.drain(timeout=10)
        assert len(fake.texts("c1")) == 1
        runtime = instances[0][0]
        async with runtime.service.storage.engine.connect() as connection:
            stored = await connection.scalar(
                select(func.count()).select_from(Message).where(Message.direction == "in")
            )
        assert stored == 1
