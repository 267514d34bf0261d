"""The web app with the default settings, for the tests of this folder that need no others."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.web.rig import web_client


@pytest.fixture
async def client(
    tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> AsyncIterator[TestClient[Any, Any]]:
    async for c in web_client(tmp_path, knowledge):
        yield c
