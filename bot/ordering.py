"""One at a time per key, in arrival order; different keys concurrently.

The one ordering primitive of the runtime: the chat service handles one citizen's messages in
order with it, the Telegram update processor one chat's updates, and the Zalo channels one
citizen's background answers. ``asyncio.Lock`` wakes its waiters first in, first out and does not
let a newcomer pass them, so holders of one key run in the order they asked. A key's lock is
forgotten once nobody holds or waits for it, so memory follows the keys in use, not every key
ever seen.
"""

from __future__ import annotations

import asyncio
from collections.abc import Hashable
from types import TracebackType
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class PerKeyOrder(Generic[K]):
    """``async with order.hold(key):`` runs its body after every earlier holder of ``key``."""

    def __init__(self) -> None:
        self._locks: dict[K, asyncio.Lock] = {}
        self._waiting: dict[K, int] = {}
        self._count = 0  # holders and waiters, all keys together
        self._idle = asyncio.Event()
        self._idle.set()

    @property
    def in_flight(self) -> int:
        """Holders and waiters over all keys."""
        return self._count

    def hold(self, key: K) -> _Hold[K]:
        """Counted at once as in flight; entered when every earlier holder of ``key`` is done."""
        return _Hold(self, key)

    async def wait_idle(self, timeout: float) -> bool:
        """Wait until nothing is held or waited for, at most ``timeout`` seconds; True if so."""
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
        except TimeoutError:
            return False
        return True

    def _enter(self, key: K) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        self._waiting[key] = self._waiting.get(key, 0) + 1
        self._count += 1
        self._idle.clear()
        return lock

    def _leave(self, key: K) -> None:
        self._count -= 1
        self._waiting[key] -= 1
        if not self._waiting[key]:  # forget idle keys so memory stays bounded
            del self._waiting[key], self._locks[key]
            if not self._count:
                self._idle.set()


class _Hold(Generic[K]):
    __slots__ = ("_key", "_lock", "_order")

    def __init__(self, order: PerKeyOrder[K], key: K) -> None:
        self._order, self._key = order, key
        self._lock = order._enter(key)

    async def __aenter__(self) -> None:
        try:
            await self._lock.acquire()
        except BaseException:  # cancelled while waiting: no longer in line
            self._order._leave(self._key)
            raise

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._lock.release()
        self._order._leave(self._key)
