"""Runs the real Telegram channel (PTB's own HTTP client) against :class:`FakeTelegram`."""

from __future__ import annotations

import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.channels.telegram import TelegramChannel, TelegramSettings
from bot.config import Settings
from bot.http.server import create_app
from bot.runtime import Runtime
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.channels.fake_telegram import FakeTelegram

SECRET = "s3cret_Webhook-token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class TelegramRig:
    fake: FakeTelegram
    runtime: Runtime
    channel: TelegramChannel
    server: TestServer | None = None

    @classmethod
    async def open(
        cls,
        tmp_path: Path,
        knowledge: tuple[KnowledgeStore, LiveMatcher],
        mode: str = "polling",
        **channel_args: Any,
    ) -> TelegramRig:
        fake = FakeTelegram()
        base = await fake.start()
        port = free_port()
        settings = Settings(
            database_url=f"sqlite+aiosqlite:///{tmp_path / 'tg.db'}",
            telegram_bot_token=fake.token,
            telegram_api_base_url=base,
            telegram_mode=mode,
            telegram_webhook_secret=SECRET,
            telegram_public_url=f"http://127.0.0.1:{port}",
            rate_limit_per_minute=1000,
        )
        store, matcher = knowledge
        runtime = await Runtime.open(settings, store, matcher)
        own = settings.section(TelegramSettings)
        channel = TelegramChannel(own, runtime.service, **{"timeout": 2.0, **channel_args})
        rig = cls(fake, runtime, channel)
        if mode == "webhook":
            app: web.Application = create_app(runtime.service)
            channel.mount(app)
            rig.server = TestServer(app, host="127.0.0.1", port=port)
            await rig.server.start_server()
        await channel.start()
        return rig

    async def close(self) -> None:
        await self.channel.stop()
        if self.server:
            await self.server.close()
        await self.runtime.close()
        await self.fake.stop()
