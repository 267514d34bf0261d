"""The whole web app on a fresh SQLite database, for tests that set their own settings."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from bot.config import Settings
from bot.http.server import create_app
from bot.runtime import Runtime
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher


async def web_client(
    tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher], **settings: Any
) -> AsyncIterator[TestClient[Any, Any]]:
    """A started client of the app with ``settings`` (its runtime closed after)."""
    config = Settings(database_url=f"sqlite:///{tmp_path / 'web.db'}", **settings)
    runtime = await Runtime.open(config, *knowledge)
    client = TestClient(TestServer(create_app(runtime.service, config)))
    await client.start_server()
    try:
        yield client
    finally:
        await client.close()
        await runtime.close()
