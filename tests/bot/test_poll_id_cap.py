"""A citizen id polled or streamed faster than ``ID_POLLS_PER_MINUTE`` (after a burst of
``ID_POLLS_BURST``) gets 429 with Retry-After, whatever address it comes from: citizens behind one
NAT share an address, so the per-address caps cannot be tight, and a known id passes those. Another
id from the same address goes on."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.config import Settings
from bot.limits import Bucket
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.web.rig import web_client

BURST = 4
VIA = {"X-Forwarded-For": "198.51.100.7"}  # one NAT's address for every citizen here


@pytest.fixture
async def capped(
    tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> AsyncIterator[TestClient[Any, Any]]:
    async for client in web_client(
        tmp_path,
        knowledge,
        id_polls_per_minute=6,
        id_polls_burst=BURST,
        trusted_proxies="127.0.0.0/8,::1",
    ):
        yield client


def page_id(n: int) -> str:
    return f"trang-{n:04d}-0123456789abcdefghij"


async def poll(client: TestClient[Any, Any], user: str) -> Any:
    return await client.get("/api/chat/updates", params={"user": user}, headers=VIA)


async def test_one_id_flooding_polls_gets_429_while_another_id_is_served(
    capped: TestClient[Any, Any],
) -> None:
    statuses = [(await poll(capped, page_id(1))).status for _ in range(BURST)]
    assert statuses == [200] * BURST
    refused = await poll(capped, page_id(1))
    assert refused.status == 429 and int(refused.headers["Retry-After"]) >= 1
    assert "error" in await refused.json()
    assert (await poll(capped, page_id(2))).status == 200  # same address, another citizen


async def test_streams_draw_on_the_same_ids_budget(capped: TestClient[Any, Any]) -> None:
    for _ in range(BURST):
        await poll(capped, page_id(3))
    refused = await capped.get("/api/chat/stream", params={"user": page_id(3)}, headers=VIA)
    assert refused.status == 429 and int(refused.headers["Retry-After"]) >= 1


async def test_the_cap_is_off_at_zero(
    tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> None:
    async for client in web_client(tmp_path, knowledge, id_polls_per_minute=0, id_polls_burst=1):
        assert [(await poll(client, page_id(4))).status for _ in range(5)] == [200] * 5


def test_a_bucket_refills_at_its_rate_and_holds_at_most_its_burst() -> None:
    now = [0.0]
    bucket = Bucket(per_minute=60, burst=2, clock=lambda: now[0])
    assert [bucket.take("a"), bucket.take("a")] == [0.0, 0.0]
    assert bucket.take("a") == pytest.approx(1.0)  # one token a second
    now[0] = 1.0
    assert bucket.take("a") == 0.0 and bucket.take("a") > 0
    now[0] = 100.0  # idle long enough to be full again: forgotten, and full
    assert [bucket.take("a"), bucket.take("a")] == [0.0, 0.0] and len(bucket) == 1


def test_defaults_let_a_page_and_its_reconnects_through() -> None:
    settings = Settings()
    assert settings.id_polls_per_minute == 60 and settings.id_polls_burst == 20
