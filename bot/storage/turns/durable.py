"""Turns keep flowing while the database is down: answers from memory, writes to the spool.

:class:`DurableTurns` sits between the chat service and a turn backend (:class:`SqlTurns` or
:class:`PgTurns`). While the database answers, every read and write goes to it, and the latest
snapshot of each recent conversation is kept in memory. When a call fails because the database
is unavailable (connection refused or lost, time-out, SQLite locked or unreadable), it switches
to *degraded* mode:

- reads come from memory (a citizen this instance never saw starts afresh), without touching the
  database, so every answer stays fast;
- write sets go to the local spool (:mod:`bot.storage.turns.spool`), fsynced before the reply
  leaves, and update the memory as if written;
- a background task tries the database every ``retry_every`` seconds and replays the spool, in
  order, in batches; when nothing is left it switches back (no await between the last check
  and the switch, so no write set can slip in between).

While degraded, the in-memory state of a conversation is the reference; once replayed, the
database is again. A spooled state is applied only if the database still holds the state it
was read from (same version, written by the same turn): replayed twice, it applies once; if
another instance answered the same citizen meanwhile, that state stays. Rows are always kept.
A write the database refuses for another reason (a bug, not an outage) is logged and kept in
the spool's ``rejected.jsonl``.

A citizen's erasure (:meth:`DurableTurns.erase`) goes to the database at once; while it is down,
the request is spooled behind that citizen's spooled write sets and carried out when they are
replayed, so nothing spooled before it survives it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from bot.storage.errors import unavailable
from bot.storage.turns.records import Snapshot, TurnWrite, WriteResult, decode, encode
from bot.storage.turns.spool import Spool
from bot.storage.turns.store import TurnBackend

log = logging.getLogger("motcua.storage")

REPLAY_BATCH = 200  # write sets per replay transaction
ORPHAN_CHECK_SECONDS = 60.0  # while up: look for segments left by an instance that died


# Erase a citizen: (channel, external id, by, via) → what was removed (bot.privacy.erasure).
Eraser = Callable[[str, str, str, str], Awaitable[Any]]


def _erasures(records: list[dict[str, Any]]) -> dict[tuple[str, str], int]:
    """(channel, external id) → position of the last erasure of that citizen in ``records``."""
    found = {}
    for index, record in enumerate(records):
        request = record.get("erase")
        if isinstance(request, dict):
            found[(request["channel"], request["external_id"])] = index
    return found


# The snapshots kept in memory answer citizens while the database is down, the most recently
# active first. Bounded by bytes, not by count: a state's size varies with the conversation
# (~3.5 KB on average under bench/soak.py's mixed traffic), and a count of 10,000 took ~35 MB and
# ~40 minutes of soak to fill, so memory had not levelled off in a 30-minute soak. 4 MiB holds
# ~1,000 average citizens: every citizen of the last few minutes at the rates measured.
CACHE_BYTES = 4 * 2**20
_ENTRY_BYTES = 512  # per cached snapshot beyond its state text (tracemalloc: ~430)


def _size(snapshot: Snapshot) -> int:
    """Bytes a cached snapshot holds: its state text as Python stores it, plus the entry."""
    state = snapshot.state
    return _ENTRY_BYTES + (sys.getsizeof(state) if state is not None else 0)


class DurableTurns:
    def __init__(
        self,
        backend: TurnBackend,
        spool: Spool,
        *,
        timeout: float = 3.0,
        retry_every: float = 1.0,
        cache_bytes: int = CACHE_BYTES,
    ) -> None:
        self.backend, self.spool = backend, spool
        self.retry_every, self.cache_bytes = retry_every, cache_bytes
        self.cached_bytes = 0  # what the snapshots in the cache hold, by :func:`_size`
        # Last-resort limit on one call; the drivers' own time-outs come first. Longer waits are
        # a pool or lock queue under heavy load, which is not an outage until this long.
        self.guard = max(30.0, 4 * timeout)
        self.up = True
        self.spooled = self.replayed = self.rejected = 0
        self._cache: OrderedDict[tuple[str, str], Snapshot] = OrderedDict()
        self._keeper: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()  # the keeper sleeps long while up; going down wakes it
        self._drained = asyncio.Event()
        self._drained.set()
        self.eraser: Eraser | None = None  # set before start(): spooled erasures need it

    async def start(self) -> None:
        """Replay what a previous run left in the spool, then keep watch."""
        try:
            await self._drain()
        except Exception as exc:
            if not unavailable(exc):
                raise
            self._go_down(exc)
        self._ensure_keeper()

    # --- the turn's read and write ------------------------------------------------------------
    async def read(self, channel: str, external_id: str) -> Snapshot:
        key = (channel, external_id)
        if self.up:
            try:
                async with asyncio.timeout(self.guard):
                    snapshot = await self.backend.read(channel, external_id)
            except Exception as exc:
                if not unavailable(exc):
                    raise
                self._go_down(exc)
            else:
                self._remember(key, snapshot)
                return snapshot
        cached = self._cache.get(key)
        return replace(cached, degraded=True) if cached else Snapshot(None, degraded=True)

    async def write(self, write: TurnWrite) -> WriteResult:
        """Commit, or spool while the database is down; ``ok`` False only on a conflict."""
        if write.empty:
            return WriteResult(True)
        if self.up:
            try:
                async with asyncio.timeout(self.guard):
                    result = await self.backend.write(write)
            except Exception as exc:
                if not unavailable(exc):
                    self._reject(write, exc)
                    return WriteResult(True)
                self._go_down(exc)
            else:
                if result.ok:
                    self._written(write)
                return result
        try:
            await self.spool.append(encode(write))
        except OSError:  # the disk failed too: the answer still goes out, the loss is logged
            log.exception("a turn's write set could not be spooled and is lost")
        else:
            self.spooled += 1
        self._written(write)
        return WriteResult(True, tuple(True for _ in write.unmet))

    async def erase(self, channel: str, external_id: str, *, by: str, via: str) -> Any | None:
        """Erase everything held about a citizen (:attr:`eraser`) and forget their snapshot.

        While the database is down the request is spooled (raises OSError if it cannot be)
        and None is returned; it is carried out when the spool is replayed.
        """
        if self.eraser is None:
            raise RuntimeError("no eraser configured")
        self._forget((channel, external_id))
        if self.up:
            try:
                async with asyncio.timeout(self.guard):
                    return await self.eraser(channel, external_id, by, via)
            except Exception as exc:
                if not unavailable(exc):
                    raise
                self._go_down(exc)
        request = {"channel": channel, "external_id": external_id, "by": by, "via": via}
        await self.spool.append({"erase": request, "at": datetime.now(UTC).isoformat()})
        return None

    async def _replay_erasure(self, record: dict[str, Any]) -> None:
        request = record["erase"]
        try:
            if self.eraser is None:
                raise RuntimeError("no eraser configured")
            async with asyncio.timeout(self.guard):
                await self.eraser(
                    request["channel"], request["external_id"], request["by"], request["via"]
                )
        except Exception as exc:
            if unavailable(exc):
                raise
            log.exception("a spooled erasure failed; kept in %s", self.spool.directory)
            try:
                self.spool.reject(record, f"{type(exc).__name__}: {exc}")
            except OSError:
                log.exception("could not keep the failed erasure")

    def _remember(self, key: tuple[str, str], snapshot: Snapshot) -> None:
        self._forget(key)
        self._cache[key] = snapshot
        self.cached_bytes += _size(snapshot)
        while self.cached_bytes > self.cache_bytes and self._cache:
            _, oldest = self._cache.popitem(last=False)
            self.cached_bytes -= _size(oldest)

    def _forget(self, key: tuple[str, str]) -> None:
        old = self._cache.pop(key, None)
        if old is not None:
            self.cached_bytes -= _size(old)

    def _written(self, write: TurnWrite) -> None:
        if write.state is None:
            return
        key = (write.channel, write.external_id)
        after = write.after(self._cache.get(key))
        self._remember(key, after)

    # --- degraded mode and recovery -----------------------------------------------------------
    def _go_down(self, error: BaseException) -> None:
        if self.up:
            self.up = False
            self._drained.clear()
            log.warning(
                "database unavailable (%s: %s): answering from memory, spooling writes to %s",
                type(error).__name__,
                error,
                self.spool.directory,
            )
        self._wake.set()
        self._ensure_keeper()

    def _ensure_keeper(self) -> None:
        if self._keeper is None or self._keeper.done():
            self._keeper = asyncio.create_task(self._keep())

    async def _keep(self) -> None:
        """While down: retry and replay. While up: now and then, replay orphaned segments."""
        while True:
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                delay = self.retry_every if not self.up else ORPHAN_CHECK_SECONDS
                await asyncio.wait_for(self._wake.wait(), delay)
            try:
                await self._drain()
            except Exception as exc:
                if not unavailable(exc):
                    log.exception("spool replay failed")
                continue

    async def _drain(self) -> None:
        """Replay every segment this process can lock, oldest first; then, if nothing of ours
        is left, go back up. Raises when the database is still unavailable."""
        while True:
            await self.spool.rotate()
            for path in self.spool.segments():
                with self.spool.claim(path) as file:
                    if file is None:
                        continue
                    batch: list[TurnWrite] = []
                    records = list(self.spool.records(file))
                    erased = _erasures(records)
                    for index, record in enumerate(records):
                        if "erase" in record:  # after the write sets spooled before it
                            if batch:
                                await self._replay(batch)
                                batch = []
                            await self._replay_erasure(record)
                            continue
                        if erased.get((record["channel"], record["external_id"]), -1) > index:
                            continue  # erased later in this segment: not written at all
                        batch.append(decode(record))
                        if len(batch) >= REPLAY_BATCH:
                            await self._replay(batch)
                            batch = []
                    if batch:
                        await self._replay(batch)
                    self.spool.remove(path)
            if self.spool.idle:  # nothing appended meanwhile: switch without awaiting
                if not self.up:
                    log.warning("database available again: spool replayed (%d)", self.replayed)
                self.up = True
                self._drained.set()
                return

    async def _replay(self, batch: list[TurnWrite]) -> None:
        try:
            async with asyncio.timeout(self.guard):
                await self.backend.replay(batch)
        except Exception as exc:
            if unavailable(exc):
                raise
            for write in batch:  # one refused write set: find it, keep the others
                try:
                    await self.backend.replay([write])
                except Exception as single:
                    if unavailable(single):
                        raise
                    self._reject(write, single)
                else:
                    self.replayed += 1
            return
        self.replayed += len(batch)

    def _reject(self, write: TurnWrite, error: BaseException) -> None:
        self.rejected += 1
        log.error(
            "the database refused a turn's write set (%s: %s); kept in %s",
            type(error).__name__,
            error,
            self.spool.directory,
        )
        try:
            self.spool.reject(encode(write), f"{type(error).__name__}: {error}")
        except Exception:  # the disk failed too: the loss is logged, the turn goes on
            log.exception("could not keep the refused write set")

    async def wait_up(self, timeout: float) -> bool:
        """Wait until the database is in use again (spool replayed); True if it is."""
        try:
            await asyncio.wait_for(self._drained.wait(), timeout)
        except TimeoutError:
            return False
        return True

    # --- shutdown -----------------------------------------------------------------------------
    async def close(self, timeout: float = 5.0) -> None:
        """Stop watching; replay what the database will take within ``timeout``; the rest stays
        in the spool for the next start."""
        if self._keeper is not None:
            self._keeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._keeper
        await self.spool.close()
        if self.up and self.spool.idle and not self.spool.segments():
            return
        try:
            async with asyncio.timeout(timeout):
                await self._drain()
        except Exception as exc:
            log.warning("shutdown: spool kept for the next start (%s)", type(exc).__name__)
        await self.spool.close()
