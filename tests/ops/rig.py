"""The production app in one process: web chat, /admin, the Telegram, Zalo Bot and Zalo OA
webhooks all mounted (channels built as ``motcua run`` builds them, not started: nothing leaves
the machine), on a fresh SQLite file, behind aiohttp's test server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import inspect, text

from bot.admin.routes import setup_admin
from bot.channels.registry import configured_channels
from bot.channels.telegram import TelegramChannel
from bot.channels.zalo_bot import ZaloBotChannel
from bot.channels.zalo_oa import ZaloOAChannel
from bot.config import Settings
from bot.http.server import create_app
from bot.runtime import Runtime
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher

TELEGRAM_SECRET = "tg-webhook-secret_1"
ZALO_SECRET = "zalo-webhook-secret-1"
OA_APP_ID, OA_KEY = "4321987654321", "oa-secret-key-XYZ"
NOWHERE = "http://127.0.0.1:9"  # the discard port: nothing listens, connections are refused


def settings_for(tmp_path: Path, **extra: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": f"sqlite+aiosqlite:///{tmp_path / 'ops.db'}",
        "rate_limit_per_minute": 10_000,
        "address_messages_per_minute": 0,  # the fuzzing client is one address
        "address_new_ids_per_minute": 0,
        "telegram_bot_token": "123456:TEST-token-for-ops",
        "telegram_mode": "webhook",
        "telegram_webhook_secret": TELEGRAM_SECRET,
        "telegram_public_url": "https://motcua.example",
        "zalo_bot_token": "987654:zalo-test-token",
        "zalo_mode": "webhook",
        "zalo_webhook_secret": ZALO_SECRET,
        "zalo_public_url": "https://motcua.example",
        "zalo_oa_app_id": OA_APP_ID,
        "zalo_oa_secret_key": OA_KEY,
        "zalo_oa_app_secret": "app-secret-ABC",
        "zalo_oa_refresh_token": "refresh-token-1",
        # The fuzzed bodies carry fixed timestamps of 2025; freshness has its own tests
        # (tests/channels/test_zalo_oa.py).
        "zalo_oa_max_event_age_seconds": 0,
        # Nothing may leave the machine: a call that slips through fails at once, locally.
        "telegram_api_base_url": f"{NOWHERE}/bot",
        "zalo_api_base_url": NOWHERE,
        "zalo_oa_api_base_url": NOWHERE,
        "zalo_oa_oauth_base_url": NOWHERE,
    }
    return Settings(**(values | extra))


@dataclass
class Ops:
    runtime: Runtime
    client: TestClient[Any, Any]
    telegram: TelegramChannel
    zalo: ZaloBotChannel
    oa: ZaloOAChannel

    async def rows(self) -> dict[str, int]:
        """Rows in every table but Alembic's: what the requests so far have stored."""
        engine = self.runtime.storage.engine
        async with engine.connect() as conn:
            names = await conn.run_sync(lambda sync: inspect(sync).get_table_names())
            counts = {}
            for name in names:
                if name != "alembic_version":
                    result = await conn.execute(text(f'SELECT count(*) FROM "{name}"'))
                    counts[name] = int(result.scalar_one())
        return counts

    def queued(self) -> int:
        """Work the channels accepted: Telegram updates queued, Zalo answers pending."""
        return (
            self.telegram.app.update_queue.qsize() + self.zalo.jobs.pending + self.oa.jobs.pending
        )


@asynccontextmanager
async def ops_app(
    tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher], **settings: Any
) -> AsyncIterator[Ops]:
    config = settings_for(tmp_path, **settings)
    store, matcher = knowledge
    runtime = await Runtime.open(config, store, matcher)
    channels = configured_channels(config, runtime.service)
    app = create_app(runtime.service, config, channels)
    setup_admin(
        app, config, runtime.storage, runtime.store, runtime.matcher, runtime.service.answers
    )
    telegram, zalo, oa = (
        next(c for c in channels if isinstance(c, kind))
        for kind in (TelegramChannel, ZaloBotChannel, ZaloOAChannel)
    )
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    try:
        yield Ops(runtime, client, telegram, zalo, oa)  # type: ignore[arg-type]
    finally:
        await client.close()
        await runtime.close()
