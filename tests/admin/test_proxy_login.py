"""Behind the shipped proxy (TRUSTED_PROXIES), the login lockout keys on the client Caddy names,
so a stranger's bad passwords never lock the real user out."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.admin.conftest import PASSWORD, Dashboard, _dashboard
from tests.dbs import fresh_database


@pytest.fixture
async def proxied(
    knowledge: tuple[KnowledgeStore, LiveMatcher], tmp_path: Path
) -> AsyncIterator[Dashboard]:
    async with fresh_database("sqlite", tmp_path) as url:
        async for running in _dashboard(url, knowledge, trusted_proxies="127.0.0.0/8,::1"):
            yield running


async def test_a_strangers_failures_behind_the_proxy_do_not_lock_the_real_user(
    proxied: Dashboard,
) -> None:
    await proxied.account("binh", "supervisor")
    stranger = proxied.client(**{"X-Forwarded-For": "198.51.100.66"})
    for _ in range(5):
        assert (await stranger.login("binh", "sai-mat-khau-roi")).status == 401
    assert (await stranger.login("binh", PASSWORD)).status == 429  # that client is locked
    real = proxied.client(**{"X-Forwarded-For": "203.0.113.5"})
    assert (await real.login("binh", PASSWORD)).status == 200


async def test_without_trusted_proxies_a_forwarded_header_cannot_dodge_the_lock(
    lite: Dashboard,
) -> None:
    await lite.account("binh", "supervisor")
    for i in range(5):
        client = lite.client(**{"X-Forwarded-For": f"198.51.100.{i}"})
        assert (await client.login("binh", "sai-mat-khau-roi")).status == 401
    dodger = lite.client(**{"X-Forwarded-For": "198.51.100.200"})
    assert (await dodger.login("binh", PASSWORD)).status == 429


async def test_new_ipv6_addresses_of_one_network_cannot_dodge_the_lock(proxied: Dashboard) -> None:
    await proxied.account("binh", "supervisor")
    for i in range(5):
        client = proxied.client(**{"X-Forwarded-For": f"2001:db8:7:7::{i + 1:x}"})
        assert (await client.login("binh", "sai-mat-khau-roi")).status == 401
    dodger = proxied.client(**{"X-Forwarded-For": "2001:db8:7:7::99"})
    assert (await dodger.login("binh", PASSWORD)).status == 429
