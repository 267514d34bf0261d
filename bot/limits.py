"""Rate limits that cost O(1) per message however many clients there are, shared through Redis.

:class:`Window` counts hits per key over a sliding minute (the usual two-fixed-windows estimate:
the previous window's count, weighted by how much of it still overlaps, plus the current one's).
Keys are kept in an ordered dict by last use; every call drops the keys unused for two windows
from its front, so memory follows the clients of the last two minutes and no call ever scans the
whole table (a client choosing a new id per message costs the same as one keeping its id).

:class:`FirstSeen` says whether a (client address, citizen id) pair is new within the window: the
per-address cap on new citizen ids.

:class:`Bucket` is a token bucket per key (a burst, then a steady rate), kept in this process:
the web chat's per-citizen-id cap on polls and streams.

With ``REDIS_URL`` set, :class:`Limits` keeps both in Redis (``INCR``/``EXPIRE`` per window,
``SET NX EX`` per pair), so every instance counts the same; if Redis fails, each instance falls
back to its own counts (logged) rather than refusing or failing messages.

:func:`client_address` is the address limits and logs attribute a request to: the connecting
peer, or, when that peer is a trusted proxy (``TRUSTED_PROXIES``), the right-most address of
``X-Forwarded-For`` that is not itself a trusted proxy. :func:`limit_key` is what the limits
count it under: an IPv6 address by its /64 (one home or server holds a whole /64 and could take a
new address per message), an IPv4 address (mapped into IPv6 or not) as itself.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import math
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Any

from aiohttp import web

log = logging.getLogger("motcua.limits")

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
# The named limits: messages per citizen, messages per client address, new citizen ids per
# client address (all per minute).
CITIZEN, ADDRESS, NEW_IDS = "citizen", "address", "new-ids"


class Window:
    """At most ``limit`` hits per key per ``window`` seconds; O(1) per call."""

    def __init__(
        self,
        limit: int,
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 1_000_000,
    ) -> None:
        self.limit, self.window, self.clock, self.max_keys = limit, window, clock, max_keys
        # key → [window index, hits in it, hits in the one before, last use]
        self._keys: OrderedDict[Hashable, list[float]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._keys)

    def hit(self, key: Hashable) -> float:
        """Count a hit and return 0, or return the seconds to wait (the hit is not counted)."""
        now = self.clock()
        self._prune(now)
        index, into = divmod(now, self.window)
        entry = self._keys.get(key)
        if entry is None:
            entry = self._keys[key] = [index, 0, 0, now]
        elif entry[0] != index:
            entry[2] = entry[1] if entry[0] == index - 1 else 0
            entry[0], entry[1] = index, 0
        self._keys.move_to_end(key)
        entry[3] = now
        overlap = 1 - into / self.window
        if entry[2] * overlap + entry[1] + 1 > self.limit:
            return _wait(entry[2], entry[1], self.limit, into, self.window)
        entry[1] += 1
        return 0.0

    def _prune(self, now: float) -> None:
        keys = self._keys
        while keys:
            key, entry = next(iter(keys.items()))
            if now - entry[3] < 2 * self.window and len(keys) <= self.max_keys:
                return
            del keys[key]


def _wait(previous: float, current: float, limit: int, into: float, window: float) -> float:
    """Seconds until one more hit fits, as the previous window's weight fades."""
    if current + 1 > limit:  # only the next window helps
        return max(1.0, window - into)
    if previous <= 0:
        return 1.0
    # previous * (1 - t / window) + current + 1 <= limit  ⇔  t >= window * (1 - room/previous)
    needed = window * (1 - (limit - current - 1) / previous)
    return max(1.0, needed - into)


class FirstSeen:
    """Whether a key is new within ``window`` seconds; O(1) per call, pruned by age."""

    def __init__(
        self,
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 1_000_000,
    ) -> None:
        self.window, self.clock, self.max_keys = window, clock, max_keys
        self._seen: OrderedDict[Hashable, float] = OrderedDict()

    def __len__(self) -> int:
        return len(self._seen)

    def new(self, key: Hashable) -> bool:
        now = self.clock()
        seen = self._seen
        while seen:
            oldest, at = next(iter(seen.items()))
            if now - at < self.window and len(seen) <= self.max_keys:
                break
            del seen[oldest]
        return key not in seen

    def remember(self, key: Hashable) -> None:
        self._seen[key] = self.clock()
        self._seen.move_to_end(key)


class Bucket:
    """A token bucket per key: ``burst`` tokens, refilled at ``per_minute`` a minute; O(1) per call.

    Keys are kept by last use; a key idle long enough to refill is dropped from the front (a full
    bucket is the same as a new one), so memory follows the keys of the last few minutes."""

    def __init__(
        self,
        per_minute: float,
        burst: int,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 1_000_000,
    ) -> None:
        self.rate, self.burst = per_minute / 60, max(1, burst)
        self.clock, self.max_keys = clock, max_keys
        self._full_after = self.burst / self.rate
        self._keys: OrderedDict[Hashable, tuple[float, float]] = OrderedDict()  # (tokens, at)

    def __len__(self) -> int:
        return len(self._keys)

    def take(self, key: Hashable) -> float:
        """Take a token and return 0, or return the seconds until one is there (none taken)."""
        now = self.clock()
        keys = self._keys
        while keys:
            oldest, (_, at) = next(iter(keys.items()))
            if now - at < self._full_after and len(keys) <= self.max_keys:
                break
            del keys[oldest]
        tokens, at = keys.pop(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - at) * self.rate)
        wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
        keys[key] = (tokens - 1 if not wait else tokens, now)
        return wait


class Limits:
    """Named windows (and new-id tracking) in this process, or in Redis when given a client.

    ``hit(name, key)`` → seconds to wait (0: allowed, counted). ``new_id(address, user)`` → True
    if ``user`` was not seen from ``address`` within the window."""

    def __init__(
        self,
        limits: dict[str, int],
        *,
        window: float = 60.0,
        redis: Any = None,
        prefix: str = "motcua:limits",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits, self.window, self.redis, self.prefix = limits, window, redis, prefix
        self.clock = clock
        self.local = {name: Window(limit, window, clock) for name, limit in limits.items()}
        self.seen = FirstSeen(window, clock)
        self._warned = 0.0

    async def hit(self, name: str, key: str) -> float:
        if self.redis is not None:
            try:
                return await self._redis_hit(name, key)
            except Exception as exc:  # Redis down: count here rather than refuse or fail
                self._fallback(exc)
        return self.local[name].hit(key)

    async def admit_id(self, name: str, address: str, user: str) -> float:
        """Seconds to wait (0: allowed) for ``user`` from ``address``: a citizen id not seen from
        that address within the window counts as a hit of ``name`` for the address; a refused
        one is not remembered, so it stays new."""
        if self.redis is not None:
            try:
                seen = f"{self.prefix}:seen:{address}:{user}"
                if not await self.redis.set(seen, 1, nx=True, ex=math.ceil(self.window)):
                    return 0.0
                wait = await self._redis_hit(name, address)
                if wait:
                    await self.redis.delete(seen)
                return wait
            except Exception as exc:
                self._fallback(exc)
        key = (address, user)
        if not self.seen.new(key):
            self.seen.remember(key)
            return 0.0
        wait = self.local[name].hit(address)
        if not wait:
            self.seen.remember(key)
        return wait

    async def _redis_hit(self, name: str, key: str) -> float:
        limit = self.limits[name]
        now = time.time()
        index, into = divmod(now, self.window)
        current = f"{self.prefix}:{name}:{key}:{int(index)}"
        previous = f"{self.prefix}:{name}:{key}:{int(index) - 1}"
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.incr(current)
            pipe.expire(current, math.ceil(2 * self.window))
            pipe.get(previous)
            count, _, before = await pipe.execute()
        before = int(before or 0)
        if before * (1 - into / self.window) + count > limit:
            await self.redis.decr(current)  # refused hits are not counted
            return _wait(before, count - 1, limit, into, self.window)
        return 0.0

    def _fallback(self, exc: BaseException) -> None:
        now = self.clock()
        if now - self._warned > 60:
            self._warned = now
            log.warning("rate limits: Redis unavailable (%s); counting per instance", exc)

    async def close(self) -> None:
        if self.redis is not None:
            await self.redis.aclose()


def redis_client(url: str) -> Any:
    """A Redis client for ``url`` (``redis://…``); connects on first use, short time-outs."""
    import redis.asyncio

    return redis.asyncio.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)


# --- the client's address ---------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def networks(spec: str) -> tuple[Network, ...]:
    """``TRUSTED_PROXIES``: comma-separated addresses or CIDRs (ValueError if one is not)."""
    parts = (part.strip() for part in spec.split(","))
    return tuple(ipaddress.ip_network(part, strict=False) for part in parts if part)


def _trusted(address: str, trusted: Sequence[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


IPV6_PREFIX = 64  # the network a single IPv6 client is given


def client_address(request: web.Request, trusted: Sequence[Network]) -> str:
    """The connecting address, or, through trusted proxies only, the client they name."""
    address = request.remote or "?"
    if not trusted or not _trusted(address, trusted):
        return address
    hops = [h.strip() for v in request.headers.getall("X-Forwarded-For", []) for h in v.split(",")]
    for hop in reversed([h for h in hops if h]):
        if not _trusted(hop, trusted):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return address  # a malformed hop: do not let the header choose the key
        address = hop
    return address


def limit_key(address: str) -> str:
    """The key ``address`` is counted under by the per-address limits (see the module doc)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/{IPV6_PREFIX}", strict=False))
    return address
