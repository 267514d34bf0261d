"""Storage fixtures: every test using them runs once per backend (SQLite file, PostgreSQL); and
the whole web app on SQLite with the default settings (``client``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.storage.repository import Storage
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.dbs import BACKENDS, fresh_database
from tests.web.rig import web_client


@pytest.fixture(params=BACKENDS)
async def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    async with fresh_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
async def storage(db_url: str) -> AsyncIterator[Storage]:
    store = await Storage.open(db_url)
    try:
        yield store
    finally:
        await store.close()


@pytest.fixture
async def client(
    tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> AsyncIterator[TestClient[Any, Any]]:
    """The web app (its database: ``tmp_path / "web.db"``)."""
    async for c in web_client(tmp_path, knowledge):
        yield c
