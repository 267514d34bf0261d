"""Rate limits: O(1) sliding windows pruned by age, new citizen ids per address, Redis shared
between instances (when it answers), the client's address through trusted proxies only, and the
login limiter's per-account backoff that slows guessing without locking the real user out."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import make_mocked_request
from multidict import CIMultiDict

from bot.admin.auth import LoginLimiter
from bot.limits import (
    ADDRESS,
    NEW_IDS,
    Limits,
    Window,
    client_address,
    limit_key,
    networks,
    redis_client,
)


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_a_window_allows_the_limit_then_asks_to_wait() -> None:
    clock = Clock()
    window = Window(3, 60, clock)
    assert [window.hit("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    wait = window.hit("a")
    assert 1 <= wait <= 60
    assert window.hit("b") == 0.0  # another key is not affected
    clock.now += 120  # two windows later: all forgotten
    assert window.hit("a") == 0.0


def test_refused_hits_are_not_counted() -> None:
    clock = Clock()
    window = Window(2, 60, clock)
    window.hit("a"), window.hit("a")
    for _ in range(50):
        assert window.hit("a") > 0
    clock.now += 60 * 1.99  # the previous window's two hits barely weigh any more
    assert window.hit("a") == 0.0


def test_idle_keys_are_pruned_as_new_ones_arrive() -> None:
    clock = Clock()
    window = Window(30, 60, clock)
    for i in range(12_000):
        window.hit(f"citizen-{i}")
    assert len(window) == 12_000
    clock.now += 121
    window.hit("someone")
    assert len(window) == 1


async def test_new_ids_per_address_are_capped_and_known_ids_still_pass() -> None:
    limits = Limits({NEW_IDS: 3}, clock=Clock())
    assert [await limits.admit_id(NEW_IDS, "1.2.3.4", f"u{i}") for i in range(3)] == [0.0] * 3
    assert await limits.admit_id(NEW_IDS, "1.2.3.4", "u9") > 0  # a fourth new id: wait
    assert await limits.admit_id(NEW_IDS, "1.2.3.4", "u0") == 0.0  # a known one goes on
    assert await limits.admit_id(NEW_IDS, "5.6.7.8", "u9") == 0.0  # another address
    assert await limits.admit_id(NEW_IDS, "1.2.3.4", "u9") > 0  # refused ids stay new


@pytest.fixture
async def redis() -> AsyncIterator[Any]:
    client = redis_client("redis://127.0.0.1:6379/15")
    try:
        await client.ping()
    except Exception as exc:
        await client.aclose()
        pytest.skip(f"Redis not reachable at 127.0.0.1:6379: {exc!r}")
    yield client
    await client.aclose()


async def test_redis_limits_are_shared_by_instances(redis: Any) -> None:
    prefix = f"motcua-test:{secrets.token_hex(4)}"
    one = Limits({ADDRESS: 4, NEW_IDS: 2}, redis=redis, prefix=prefix)
    two = Limits({ADDRESS: 4, NEW_IDS: 2}, redis=redis, prefix=prefix)
    hits = [await (one if i % 2 else two).hit(ADDRESS, "1.2.3.4") for i in range(4)]
    assert hits == [0.0] * 4
    assert await one.hit(ADDRESS, "1.2.3.4") > 0 and await two.hit(ADDRESS, "1.2.3.4") > 0
    assert await one.admit_id(NEW_IDS, "9.9.9.9", "a") == 0.0
    assert await two.admit_id(NEW_IDS, "9.9.9.9", "b") == 0.0
    assert await one.admit_id(NEW_IDS, "9.9.9.9", "c") > 0
    assert await two.admit_id(NEW_IDS, "9.9.9.9", "a") == 0.0  # seen by the other instance


async def test_without_redis_each_instance_counts_alone_and_nothing_fails() -> None:
    down = redis_client("redis://127.0.0.1:9/0")  # nothing listens on the discard port
    limits = Limits({ADDRESS: 2}, redis=down)
    assert [await limits.hit(ADDRESS, "a") for _ in range(2)] == [0.0, 0.0]
    assert await limits.hit(ADDRESS, "a") > 0
    await limits.close()


def request(peer: str, forwarded: str | None = None) -> Any:
    headers = CIMultiDict({"X-Forwarded-For": forwarded} if forwarded else {})
    transport: Any = type("T", (), {"get_extra_info": lambda self, name, d=None: (peer, 1)})()
    return make_mocked_request("GET", "/", headers=headers, transport=transport)


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "client"),
    [
        ("203.0.113.7", None, "", "203.0.113.7"),
        ("203.0.113.7", "1.1.1.1", "", "203.0.113.7"),  # nobody trusted: the header is ignored
        ("203.0.113.7", "1.1.1.1", "172.30.90.0/24", "203.0.113.7"),  # peer is not a proxy
        ("172.30.90.5", "198.51.100.9", "172.30.90.0/24", "198.51.100.9"),
        ("172.30.90.5", "6.6.6.6, 198.51.100.9", "172.30.90.0/24", "198.51.100.9"),  # spoof
        ("172.30.90.5", "198.51.100.9, 10.0.0.2", "172.30.90.0/24,10.0.0.0/8", "198.51.100.9"),
        ("172.30.90.5", "not-an-address", "172.30.90.0/24", "172.30.90.5"),
    ],
)
def test_the_client_address_comes_from_x_forwarded_for_only_through_trusted_proxies(
    peer: str, forwarded: str | None, trusted: str, client: str
) -> None:
    assert client_address(request(peer, forwarded), networks(trusted)) == client
    assert client_address(request(peer, forwarded), networks(trusted)) == client


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("198.51.100.7", "198.51.100.7"),
        ("::ffff:198.51.100.7", "198.51.100.7"),  # the same client through a dual-stack socket
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("?", "?"),
    ],
)
def test_limits_count_an_ipv6_client_by_its_network(address: str, key: str) -> None:
    assert limit_key(address) == key


def test_a_bad_trusted_proxies_setting_is_refused() -> None:
    from bot.config import Settings

    with pytest.raises(ValueError):
        Settings(trusted_proxies="10.0.0.0/8, caddy")


def test_failures_on_an_account_from_many_addresses_slow_it_but_never_lock_it() -> None:
    clock = Clock()
    limiter = LoginLimiter(failures=5, clock=clock, account_free=10, account_cap=8.0)
    for i in range(10):
        limiter.failed(f"10.0.0.{i}", "an")
    assert limiter.delay("an") == 0.25
    for i in range(10, 40):
        limiter.failed(f"10.0.0.{i}", "an")
    assert limiter.delay("an") == 8.0  # capped: a few seconds, never a lock
    assert not limiter.blocked("192.0.2.1", "an")  # the real user's address is not blocked
    assert limiter.delay("binh") == 0.0
    limiter.succeeded("192.0.2.1", "an")
    assert limiter.delay("an") == 0.0
