"""Reading what is pushed to web citizens (``/api/chat/updates``, ``/api/chat/stream``) counts new
citizen ids per client address like sending does: one client inventing ids to poll gets 429 with
Retry-After; a known citizen, or another client, goes on."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.web.rig import web_client

CAP = 3


@pytest.fixture
async def capped(
    tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> AsyncIterator[TestClient[Any, Any]]:
    async for client in web_client(
        tmp_path,
        knowledge,
        address_new_ids_per_minute=CAP,
        trusted_proxies="127.0.0.0/8,::1",
    ):
        yield client


def page_id(n: int) -> str:
    return f"trang-{n:04d}-0123456789abcdefghij"  # the page's unguessable id


async def poll(client: TestClient[Any, Any], user: str, via: str) -> Any:
    headers = {"X-Forwarded-For": via}
    return await client.get("/api/chat/updates", params={"user": user}, headers=headers)


async def test_polls_with_invented_ids_from_one_address_are_capped(
    capped: TestClient[Any, Any],
) -> None:
    statuses = [(await poll(capped, page_id(i), "198.51.100.1")).status for i in range(CAP)]
    assert statuses == [200] * CAP
    refused = await poll(capped, page_id(CAP), "198.51.100.1")
    assert refused.status == 429 and int(refused.headers["Retry-After"]) >= 1
    assert "error" in await refused.json()


async def test_a_known_citizen_and_another_client_still_poll(capped: TestClient[Any, Any]) -> None:
    for i in range(CAP + 2):
        await poll(capped, page_id(i), "198.51.100.2")
    assert (await poll(capped, page_id(0), "198.51.100.2")).status == 200  # known: polls on
    assert (await poll(capped, page_id(CAP), "198.51.100.3")).status == 200  # another client


async def test_a_citizen_who_chatted_is_not_new_when_polling(capped: TestClient[Any, Any]) -> None:
    via = {"X-Forwarded-For": "198.51.100.4"}
    for i in range(CAP):
        body = {"user": page_id(i), "text": "xin chào"}
        assert (await capped.post("/api/chat", json=body, headers=via)).status == 200
    statuses = [(await poll(capped, page_id(i), "198.51.100.4")).status for i in range(CAP)]
    assert statuses == [200] * CAP


async def test_streams_with_invented_ids_are_capped_too(capped: TestClient[Any, Any]) -> None:
    via = {"X-Forwarded-For": "198.51.100.5"}
    for i in range(CAP):
        await poll(capped, page_id(i), "198.51.100.5")
    refused = await capped.get("/api/chat/stream", params={"user": page_id(CAP)}, headers=via)
    assert refused.status == 429 and int(refused.headers["Retry-After"]) >= 1
