"""Per client address on the web chat: messages per minute and new citizen ids per minute, 429
with Retry-After past either; through a trusted proxy each client named in X-Forwarded-For
counts apart."""

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
async def capped(
    tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> AsyncIterator[TestClient[Any, Any]]:
    async for client in web_client(
        tmp_path,
        knowledge,
        address_messages_per_minute=6,
        address_new_ids_per_minute=3,
        trusted_proxies="127.0.0.0/8,::1",
    ):
        yield client


async def say(client: TestClient[Any, Any], user: str, via: str | None = None) -> Any:
    headers = {"X-Forwarded-For": via} if via else {}
    return await client.post("/api/chat", json={"user": user, "text": "xin chào"}, headers=headers)


async def test_new_citizen_ids_from_one_address_are_capped(capped: TestClient[Any, Any]) -> None:
    assert [(await say(capped, f"u{i}", "198.51.100.1")).status for i in range(3)] == [200] * 3
    refused = await say(capped, "u3", "198.51.100.1")
    assert refused.status == 429 and int(refused.headers["Retry-After"]) >= 1
    assert (await say(capped, "u0", "198.51.100.1")).status == 200  # a known citizen goes on
    assert (await say(capped, "u3", "198.51.100.2")).status == 200  # another client


async def test_messages_from_one_address_are_capped(capped: TestClient[Any, Any]) -> None:
    statuses = [(await say(capped, "same", "198.51.100.7")).status for _ in range(8)]
    assert statuses[:6] == [200] * 6 and statuses[6:] == [429, 429]
    assert (await say(capped, "same", "198.51.100.8")).status == 200


async def test_ipv6_addresses_of_one_network_count_as_one_client(
    capped: TestClient[Any, Any],
) -> None:
    # one home or server holds a whole /64: a new address per message must not escape the cap
    statuses = [(await say(capped, f"v{i}", f"2001:db8:1:2::{i + 1:x}")).status for i in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert (await say(capped, "v3", "2001:db8:1:3::1")).status == 200  # another network
