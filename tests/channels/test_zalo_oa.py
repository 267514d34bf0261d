"""Zalo OA channel end to end: signed webhooks into the real service, replies and token refresh
against :class:`FakeZaloOA`. Token persistence runs on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.channels.registry import channel_status, configured_channels
from bot.channels.zalo_common import Backoff
from bot.channels.zalo_oa import ZaloOAChannel
from bot.channels.zalo_oa_tokens import OATokenManager
from bot.channels.zalo_oa_wire import parse_event, render
from bot.config import Settings
from bot.http.server import create_app
from bot.runtime import Runtime
from bot.storage.oa_tokens import OATokenStore
from handlers.events import Button, Kind, Reply
from tests.channels.fake_zalo import HANG, Call, FakeZaloOA, knowledge
from tests.dbs import BACKENDS, fresh_database

APP_ID, OA_KEY, APP_SECRET = "4321987654321", "oa-secret-key-XYZ", "app-secret-ABC"
PROMPT = "Trả lời bằng số để chọn."
FAST = Backoff(attempts=3, first=0.01, longest=0.05)


SERIAL = itertools.count(1)


def event(user: str, text: str = "", name: str = "user_send_text", n: int = 0) -> dict[str, Any]:
    """A webhook body; its msg_id is "<user>:<n>" (the fake reads the user back from it)."""
    serial = next(SERIAL)
    return {
        "app_id": APP_ID,
        "user_id_by_app": f"app-{user}",
        "event_name": name,
        "timestamp": str(1_750_316_131_602 + serial),
        "sender": {"id": user},
        "recipient": {"id": "579745863508352884"},
        "message": {"msg_id": f"{user}:{n or serial}", "text": text},
    }


def mac(raw: bytes, app_id: str = APP_ID, key: str = OA_KEY) -> str:
    """The documented formula, computed here independently of the channel's code."""
    timestamp = json.loads(raw)["timestamp"]
    signed = app_id.encode() + raw + timestamp.encode() + key.encode()
    return "mac=" + hashlib.sha256(signed).hexdigest()


def turn_over(messages: list[dict[str, Any]]) -> bool:
    """A turn ends with its buttons: as an attachment, or as numbered options."""
    last = messages[-1] if messages else {"text": ""}
    return "attachment" in last or last["text"].endswith(PROMPT)


@dataclass
class Rig:
    fake: FakeZaloOA
    runtime: Runtime
    channel: ZaloOAChannel
    client: TestClient[Any, Any]
    statuses: list[int] = field(default_factory=list)

    async def post(self, body: Any, signature: str | None = "", raw: bytes | None = None) -> int:
        raw = raw if raw is not None else json.dumps(body, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json"}
        if signature is not None:
            headers["X-ZEvent-Signature"] = signature or mac(raw)
        response = await self.client.post(self.channel.webhook_path, data=raw, headers=headers)
        self.statuses.append(response.status)
        return response.status

    async def say(self, user: str, text: str) -> list[dict[str, Any]]:
        before = len(self.fake.sent(user))
        assert await self.post(event(user, text)) == 200

        def arrived() -> list[dict[str, Any]] | None:
            new = self.fake.sent(user)[before:]
            return new if turn_over(new) else None

        return await self.fake.wait_for(arrived)


@asynccontextmanager
async def rig(
    url: str, fake: FakeZaloOA, refresh: str = "refresh-0", **channel_args: Any
) -> AsyncIterator[Rig]:
    """The motcua app with an OA channel on ``url``; closing it is a full stop (a "restart")."""
    store, matcher = knowledge()
    runtime = await Runtime.open(Settings(database_url=url), store, matcher)
    channel = ZaloOAChannel(
        runtime.service,
        OATokenStore(runtime.storage.engine),
        app_id=APP_ID,
        secret_key=OA_KEY,
        app_secret=APP_SECRET,
        access_token="access-0",
        refresh_token=refresh,
        api_base_url=fake.url,
        oauth_base_url=fake.url,
        **({"backoff": FAST, "timeout": 2.0} | channel_args),
    )
    app = create_app(runtime.service)
    channel.mount(app)
    client = TestClient(TestServer(app))
    await client.start_server()
    try:
        await channel.start()
        yield Rig(fake, runtime, channel, client)
    finally:
        await channel.stop()
        await client.close()
        await runtime.close()


@pytest.fixture
async def fake() -> AsyncIterator[FakeZaloOA]:
    server = FakeZaloOA(APP_ID, APP_SECRET, access="access-0", refresh="refresh-0")
    await server.start()
    yield server
    await server.close()


@pytest.fixture
async def sqlite_url(tmp_path: Path) -> AsyncIterator[str]:
    async with fresh_database("sqlite", tmp_path) as url:
        yield url


@pytest.fixture(params=BACKENDS)
async def any_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    async with fresh_database(request.param, tmp_path) as url:
        yield url


async def stored_refresh_token(r: Rig) -> str | None:
    return await OATokenStore(r.runtime.storage.engine).refresh_token(APP_ID)


# --- conversation ---------------------------------------------------------------------------


async def test_buttons_that_fit_are_query_show_and_their_number_picks_them(
    fake: FakeZaloOA, sqlite_url: str
) -> None:
    async with rig(sqlite_url, fake) as r:
        [clarify] = await r.say("u1", "căn cước")  # bare name: several procedures
        buttons = clarify["attachment"]["payload"]["buttons"]
        assert clarify["attachment"]["type"] == "template" and 2 <= len(buttons) <= 5
        assert all(b["type"] == "oa.query.show" for b in buttons)
        assert [b["payload"] for b in buttons] == [str(i) for i in range(1, len(buttons) + 1)]
        first = buttons[0]["title"]
        assert first.startswith("1. ") and PROMPT not in clarify["text"]
        card = await r.say("u1", "1")  # what tapping the first button sends back
        assert first.removeprefix("1. ").split(" (")[0] in card[0]["text"].splitlines()[0]


async def test_menus_with_more_buttons_than_fit_become_numbered_text(
    fake: FakeZaloOA, sqlite_url: str
) -> None:
    async with rig(sqlite_url, fake) as r:
        [greeting] = await r.say("u1", "/start")
        assert "attachment" not in greeting
        assert "\n1. Khai sinh, kết hôn, khai tử\n" in greeting["text"]
        [topic] = await r.say("u1", "1")
        assert "chọn thủ tục bạn cần" in topic["text"]


async def test_long_answer_arrives_split_within_2000(fake: FakeZaloOA, sqlite_url: str) -> None:
    async with rig(sqlite_url, fake) as r:
        await r.say("u1", "đăng ký thường trú")
        parts = [m["text"] for m in await r.say("u1", "1")]  # 1 = the documents to prepare
        assert len(parts) >= 2 and all(0 < len(p) <= 2000 for p in parts)
        assert sum(map(len, parts)) > 2000 and parts[0].startswith("📄 Giấy tờ cần chuẩn bị")


async def test_replies_name_the_citizens_message(fake: FakeZaloOA, sqlite_url: str) -> None:
    async with rig(sqlite_url, fake) as r:
        assert await r.post(event("u1", "/start", n=41)) == 200
        [call] = await fake.wait_for(lambda: fake.answered("cs"))
        assert call.body["recipient"] == {"message_id": "u1:41"}
        assert call.headers["access_token"] == "access-0"


async def test_recipient_falls_back_to_user_id_when_message_id_is_refused(
    fake: FakeZaloOA, sqlite_url: str
) -> None:
    fake.refuse_message_id_recipient = True
    async with rig(sqlite_url, fake) as r:
        await r.say("u1", "/start")
        recipients = [c.body["recipient"] for c in fake.answered("cs")]
        assert recipients[0].keys() == {"message_id"} and recipients[-1] == {"user_id": "u1"}


# --- webhook checks -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signature", "status"),
    [(None, 401), ("mac=" + "0" * 64, 403), ("sha256=abc", 403), ("mac=", 403)],
)
async def test_bad_or_missing_signature_is_rejected_and_nothing_processed(
    fake: FakeZaloOA, sqlite_url: str, signature: str | None, status: int
) -> None:
    async with rig(sqlite_url, fake) as r:
        assert await r.post(event("u1", "lam giay khai sinh"), signature=signature) == status
        assert r.channel.jobs.pending == 0
        await r.say("u1", "/start")
        user = await r.runtime.storage.user("zalo_oa", "u1")
        logged = [m.text for m in await r.runtime.storage.messages_for(user) if m.direction == "in"]
        assert logged == ["/start"]


async def test_signature_for_another_app_or_key_is_rejected(
    fake: FakeZaloOA, sqlite_url: str
) -> None:
    async with rig(sqlite_url, fake) as r:
        other_app = {**event("u1", "xin chào"), "app_id": "999"}
        raw = json.dumps(other_app).encode()
        assert await r.post(None, signature=mac(raw, app_id="999"), raw=raw) == 403
        raw = json.dumps(event("u1", "xin chào")).encode()
        assert await r.post(None, signature=mac(raw, key="not-the-oa-key"), raw=raw) == 403
        tampered = raw.replace(b"xin ch", b"XIN CH")
        assert await r.post(None, signature=mac(raw), raw=tampered) == 403
        assert r.channel.jobs.pending == 0 and fake.calls == []


@pytest.mark.parametrize("raw", [b"{not json", b"[]", b"\xff", b'"user_send_text"'])
async def test_malformed_body_is_400_never_500(
    fake: FakeZaloOA, sqlite_url: str, raw: bytes
) -> None:
    async with rig(sqlite_url, fake) as r:
        assert await r.post(None, signature="mac=" + "0" * 64, raw=raw) == 400


async def test_other_events_are_acknowledged_and_ignored(fake: FakeZaloOA, sqlite_url: str) -> None:
    async with rig(sqlite_url, fake) as r:
        follow = {
            "app_id": APP_ID,
            "event_name": "follow",
            "timestamp": "1750316131602",
            "oa_id": "579745863508352884",
            "follower": {"id": "u1"},
        }
        assert await r.post(follow) == 200
        assert await r.post(event("u1", name="user_seen_message")) == 200
        assert await r.post(event("u1", name="anonymous_send_text")) == 200
        await r.say("u1", "/start")
        assert len(fake.sent("u1")) == 1


async def test_duplicate_msg_id_is_answered_once(fake: FakeZaloOA, sqlite_url: str) -> None:
    async with rig(sqlite_url, fake) as r:
        body = event("u1", "/start", n=777)
        assert await r.post(body) == 200 and await r.post(body) == 200
        await fake.wait_for(lambda: fake.sent("u1"))
        await r.say("u1", "/start")
        assert len(fake.sent("u1")) == 2


async def test_a_sticker_gets_a_polite_reply(fake: FakeZaloOA, sqlite_url: str) -> None:
    async with rig(sqlite_url, fake) as r:
        assert await r.post(event("u1", name="user_send_sticker")) == 200
        [reply] = await fake.wait_for(lambda: fake.sent("u1"))
        assert "nhãn dán" in reply["text"]


# --- tokens (both backends where they are stored) -------------------------------------------


async def test_token_expiry_mid_conversation_refreshes_and_the_reply_arrives(
    fake: FakeZaloOA, any_db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="motcua")
    async with rig(any_db_url, fake) as r:
        await r.say("u1", "/start")
        fake.expire_access_tokens()
        [topic] = await r.say("u1", "1")
        assert "chọn thủ tục bạn cần" in topic["text"]
        assert fake.used_refresh == ["refresh-0"]
        assert [c.body["error"] for c in fake.answered("cs")] == [0, -216, 0]
        assert fake.answered("cs")[-1].headers["access_token"] == "access-1"
        assert await stored_refresh_token(r) == "refresh-1"
    secrets = ("access-0", "access-1", "refresh-0", "refresh-1", APP_SECRET, OA_KEY)
    assert not any(s in caplog.text for s in secrets)


async def test_new_refresh_token_is_stored_before_the_new_access_token_is_used(
    fake: FakeZaloOA, any_db_url: str
) -> None:
    seen: list[str | None] = []
    async with rig(any_db_url, fake) as r:

        async def on_send(call: Call) -> None:
            if call.headers["access_token"] == "access-1":
                seen.append(await stored_refresh_token(r))

        fake.on_send = on_send
        fake.expire_access_tokens()
        await r.say("u1", "/start")
    assert seen == ["refresh-1"]


async def test_restart_after_a_refresh_uses_the_newest_refresh_token(
    fake: FakeZaloOA, any_db_url: str
) -> None:
    async with rig(any_db_url, fake) as r:
        fake.expire_access_tokens()
        await r.say("u1", "/start")  # refresh-0 → refresh-1, then the process stops
    assert "refresh-0" not in fake.live_refresh
    async with rig(any_db_url, fake, refresh="refresh-0") as r:  # same (now stale) seed
        fake.expire_access_tokens()
        [topic] = await r.say("u1", "1")
        assert "chọn thủ tục bạn cần" in topic["text"]  # the conversation state survived too
        assert await stored_refresh_token(r) == "refresh-2"
    assert fake.used_refresh == ["refresh-0", "refresh-1"]


async def test_stop_right_after_a_refresh_does_not_lock_the_bot_out(
    fake: FakeZaloOA, any_db_url: str
) -> None:
    async with rig(any_db_url, fake) as r:
        fake.expire_access_tokens()
        fake.on_refresh = lambda: fake.fail("cs", 503, times=FAST.attempts)  # resend never lands
        assert await r.post(event("u1", "/start")) == 200
        await fake.wait_for(lambda: len([c for c in fake.calls if c.status == 503]) == 3)
    fake.on_refresh = None
    async with rig(any_db_url, fake) as r:
        fake.expire_access_tokens()
        assert "Xin chào" in (await r.say("u1", "/start"))[0]["text"]
    assert fake.used_refresh == ["refresh-0", "refresh-1"]


async def test_a_newly_configured_seed_replaces_the_stored_tokens(
    fake: FakeZaloOA, sqlite_url: str
) -> None:
    async with rig(sqlite_url, fake) as r:
        fake.expire_access_tokens()
        await r.say("u1", "/start")
    fake.live_refresh = {"refresh-reauthorised"}  # the ward authorised the OA again
    async with rig(sqlite_url, fake, refresh="refresh-reauthorised") as r:
        assert await stored_refresh_token(r) == "refresh-reauthorised"
        fake.expire_access_tokens()
        await r.say("u1", "/start")
    assert fake.used_refresh[-1] == "refresh-reauthorised"


async def test_concurrent_token_errors_refresh_once(fake: FakeZaloOA, sqlite_url: str) -> None:
    async with rig(sqlite_url, fake) as r:
        fake.expire_access_tokens()
        for user in ("u1", "u2", "u3"):
            assert await r.post(event(user, "/start")) == 200
        await fake.wait_for(lambda: all(fake.sent(u) for u in ("u1", "u2", "u3")))
        assert fake.used_refresh == ["refresh-0"]


async def test_refresh_refused_keeps_the_refresh_token_and_says_what_to_do(
    fake: FakeZaloOA, sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    async with rig(sqlite_url, fake) as r:
        fake.live_refresh.clear()
        fake.expire_access_tokens()
        assert await r.post(event("u1", "/start")) == 200
        await fake.wait_for(lambda: fake.answered("access_token"))
        await r.channel.jobs.drain(timeout=5)
        assert await stored_refresh_token(r) == "refresh-0" and fake.sent() == []
    assert "Authorise the OA app again" in caplog.text
    assert "reply to user u1 not sent" in caplog.text


async def test_refresh_5xx_is_retried(fake: FakeZaloOA, sqlite_url: str) -> None:
    async with rig(sqlite_url, fake) as r:
        fake.fail("access_token", 502, times=2)
        fake.expire_access_tokens()
        await r.say("u1", "/start")
        assert [c.status for c in fake.calls if c.key == "access_token"] == [502, 502, 200]


# --- refusals and transport failures --------------------------------------------------------


async def test_reply_window_refusal_is_logged_clearly(
    fake: FakeZaloOA, sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    async with rig(sqlite_url, fake) as r:
        fake.refuse(-230)
        assert await r.post(event("u1", "/start")) == 200
        await fake.wait_for(lambda: [c for c in fake.calls if c.body.get("error") == -230])
        await r.channel.jobs.drain(timeout=5)
        [record] = [rec for rec in caplog.records if "reply window closed" in rec.getMessage()]
        assert record.levelno == logging.WARNING
        assert "48 hours" in record.getMessage() and "error -230" in record.getMessage()
        await r.say("u1", "/start")  # the next message in the window goes out normally


async def test_quota_refusal_is_logged_clearly(
    fake: FakeZaloOA, sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    async with rig(sqlite_url, fake) as r:
        fake.refuse(-211)
        assert await r.post(event("u1", "/start")) == 200
        await fake.wait_for(lambda: [c for c in fake.calls if c.body.get("error") == -211])
        await r.channel.jobs.drain(timeout=5)
    assert "quota exhausted for user u1 (error -211" in caplog.text


async def test_send_5xx_is_retried(fake: FakeZaloOA, sqlite_url: str) -> None:
    async with rig(sqlite_url, fake) as r:
        fake.fail("cs", 503, times=2)
        await r.say("u1", "/start")
        assert [c.status for c in fake.calls if c.key == "cs"] == [503, 503, 200]


async def test_send_timeout_is_retried(fake: FakeZaloOA, sqlite_url: str) -> None:
    async with rig(sqlite_url, fake, timeout=0.3) as r:
        fake.fail("cs", HANG)
        assert "Xin chào" in (await r.say("u1", "/start"))[0]["text"]


# --- rendering and configuration ------------------------------------------------------------


def test_render_splits_long_text_and_puts_buttons_on_the_last_part() -> None:
    long = "\n".join(f"Dòng {i}: " + "giấy tờ " * 20 for i in range(40))
    messages = render(
        (Reply("Chào bạn"), Reply(long, (Button("Lệ phí", "a"), Button("Nơi nộp", "b"))))
    )
    assert messages[0] == {"text": "Chào bạn"}
    assert all(0 < len(m["text"]) <= 2000 for m in messages) and len(messages) >= 4
    assert all("attachment" not in m for m in messages[:-1])
    titles = [b["title"] for b in messages[-1]["attachment"]["payload"]["buttons"]]
    assert titles == ["1. Lệ phí", "2. Nơi nộp"]


def test_parse_event_keeps_big_integer_ids_exact() -> None:
    body = json.loads(
        '{"event_name": "user_send_text", "sender": {"id": 8470123456789012345},'
        ' "message": {"msg_id": "abc", "text": "xin chào"}}'
    )
    parsed = parse_event(body)
    assert parsed is not None and parsed.user_id == "8470123456789012345"
    assert parsed.incoming.kind is Kind.TEXT and parsed.incoming.channel == "zalo_oa"


async def test_registry_starts_the_oa_when_configured_and_reports_it(sqlite_url: str) -> None:
    missing = Settings(database_url=sqlite_url, zalo_oa_app_id=APP_ID)
    assert any("Zalo OA: chưa bật (thiếu ZALO_OA_SECRET_KEY" in s for s in channel_status(missing))
    settings = Settings(
        database_url=sqlite_url,
        zalo_oa_app_id=APP_ID,
        zalo_oa_secret_key=OA_KEY,
        zalo_oa_app_secret=APP_SECRET,
        zalo_oa_refresh_token="refresh-0",
        zalo_public_url="https://phuong.example",
    )
    store, matcher = knowledge()
    runtime = await Runtime.open(settings, store, matcher)
    try:
        [_web_chat, channel] = configured_channels(settings, runtime.service)
        assert isinstance(channel, ZaloOAChannel)
        line = f"  Zalo OA: bật, webhook: https://phuong.example{channel.webhook_path}"
        assert line in channel_status(settings)
        assert OA_KEY not in channel.webhook_path
    finally:
        await runtime.close()


async def test_access_token_is_refreshed_before_it_expires(
    fake: FakeZaloOA, sqlite_url: str
) -> None:
    async with rig(sqlite_url, fake) as r:
        fake.expire_access_tokens()
        await r.say("u1", "/start")  # refreshed: access-1, valid for 90000 s
        store = OATokenStore(r.runtime.storage.engine)
        stored = await store.load(APP_ID)
        assert stored is not None and stored.expires_at is not None
        later = stored.expires_at - timedelta(minutes=5)  # inside the safety margin
        tokens = OATokenManager(
            store,
            app_id=APP_ID,
            app_secret=APP_SECRET,
            seed_access="access-0",
            seed_refresh="refresh-0",
            oauth_base_url=fake.url,
            session=r.channel._session,
            backoff=FAST,
            clock=lambda: later,
        )
        assert await tokens.access_token() == "access-2"  # no -216 needed
        assert fake.used_refresh == ["refresh-0", "refresh-1"]
        assert await stored_refresh_token(r) == "refresh-2"


# --- freshness: a captured event replayed later --------------------------------------------

NOW_MS = 1_750_316_131_602 + 10_000_000  # the channel's clock in these tests
FRESH_WINDOW = 7200.0


def at(user: str, text: str, timestamp: str, n: int) -> dict[str, Any]:
    """A signed text event whose ``timestamp`` is given (ms since the epoch, as Zalo sends it)."""
    return event(user, text, n=n) | {"timestamp": timestamp}


@asynccontextmanager
async def clocked(url: str, fake: FakeZaloOA) -> AsyncIterator[Rig]:
    async with rig(url, fake, max_age=FRESH_WINDOW, clock=lambda: NOW_MS / 1000) as r:
        yield r


async def test_a_fresh_event_is_answered(fake: FakeZaloOA, sqlite_url: str) -> None:
    async with clocked(sqlite_url, fake) as r:
        assert await r.post(at("u1", "/start", str(NOW_MS - 3_000), 1)) == 200
        assert await fake.wait_for(lambda: fake.sent("u1") or None)


async def test_an_event_a_little_ahead_of_our_clock_is_answered(
    fake: FakeZaloOA, sqlite_url: str
) -> None:
    async with clocked(sqlite_url, fake) as r:  # Zalo's clock two minutes ahead of ours
        assert await r.post(at("u1", "/start", str(NOW_MS + 120_000), 1)) == 200
        assert await fake.wait_for(lambda: fake.sent("u1") or None)


async def test_a_replayed_old_event_is_refused_logged_once_and_nothing_kept(
    fake: FakeZaloOA, sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    async with clocked(sqlite_url, fake) as r:
        stale = at("u1", "/start", str(NOW_MS - int(FRESH_WINDOW * 1000) - 60_000), 7)
        with caplog.at_level(logging.WARNING, logger="motcua.zalo.oa"):
            assert await r.post(stale) == 403
        assert len([x for x in caplog.records if "stale" in x.getMessage()]) == 1
        assert r.channel.jobs.pending == 0 and fake.sent("u1") == []
        # Nothing was remembered: the same message id, delivered fresh, is answered.
        assert await r.post(at("u1", "/start", str(NOW_MS), 7)) == 200
        assert await fake.wait_for(lambda: fake.sent("u1") or None)


async def test_an_event_far_in_the_future_is_refused(fake: FakeZaloOA, sqlite_url: str) -> None:
    async with clocked(sqlite_url, fake) as r:
        assert await r.post(at("u1", "/start", str(NOW_MS + 3_600_000), 1)) == 403
        assert r.channel.jobs.pending == 0 and fake.sent("u1") == []


@pytest.mark.parametrize("timestamp", ["soon", "-5", "1.75e12", "١٧٥٠٣١٦١٣١٦٠٢", "9" * 40])
async def test_a_signed_event_with_a_malformed_timestamp_is_400(
    fake: FakeZaloOA, sqlite_url: str, timestamp: str
) -> None:
    async with clocked(sqlite_url, fake) as r:
        assert await r.post(at("u1", "/start", timestamp, 1)) == 400
        assert r.channel.jobs.pending == 0


async def test_an_event_with_an_empty_timestamp_is_refused_as_unsigned(
    fake: FakeZaloOA, sqlite_url: str
) -> None:
    async with clocked(sqlite_url, fake) as r:
        assert await r.post(at("u1", "/start", "", 1)) == 403
        assert r.channel.jobs.pending == 0


async def test_a_fresh_event_delivered_twice_is_still_answered_once(
    fake: FakeZaloOA, sqlite_url: str
) -> None:
    async with clocked(sqlite_url, fake) as r:
        body = at("u1", "/start", str(NOW_MS - 1_000), 9)
        assert await r.post(body) == 200 and await r.post(body) == 200
        await fake.wait_for(lambda: fake.sent("u1") or None)
        await r.channel.jobs.drain(timeout=5)
        assert len(fake.answered("cs")) == len(fake.sent("u1"))
        assert {c.body["recipient"]["message_id"] for c in fake.answered("cs")} == {"u1:9"}


def test_the_freshness_window_is_a_setting_with_a_reasoned_default() -> None:
    from bot.channels.zalo_oa import ZaloOASettings

    assert ZaloOASettings().zalo_oa_max_event_age_seconds == 7200
    assert ZaloOASettings(zalo_oa_max_event_age_seconds="0").zalo_oa_max_event_age_seconds == 0
    with pytest.raises(ValueError):  # longer than the 2 days message ids are remembered
        ZaloOASettings(zalo_oa_max_event_age_seconds=3 * 86400)
