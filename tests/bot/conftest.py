"""Storage fixtures: every test using them runs once per backend (SQLite file, PostgreSQL)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.storage.repository import Storage
from tests.dbs import BACKENDS, fresh_database


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
