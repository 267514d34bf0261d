"""The dashboard's heavy computing off the event loop: unmet requests grouped in another process.

Grouping ``n`` distinct questions compares each with every cluster leader (about 8 s for 1,200
on a slow core). Run on the event loop, it stalled every citizen's reply for as long. Here it
runs in one worker process (spawned on first use: no fork of a process with threads), so the
loop only awaits it; small inputs (≤ :data:`INLINE` texts, a few milliseconds) stay inline.

Results are cached by the texts (in order) they were computed from, and a computation already
running is shared: ten supervisors refreshing the same inbox cost one grouping, and an inbox
that did not change costs none. If the worker dies, the next call starts a new one; if the pool
cannot be used at all, the grouping runs in a thread (the loop stays responsive, if slower).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import multiprocessing
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from bot.admin.clustering import cluster

log = logging.getLogger("motcua.admin")

INLINE = 32  # texts grouped on the loop itself (cheaper than the trip to the worker)
CACHED = 16  # groupings kept

Groups = list[tuple[int, tuple[int, ...]]]  # (leader's position, members' positions)

_pool: ProcessPoolExecutor | None = None
_cache: OrderedDict[bytes, asyncio.Future[Groups]] = OrderedDict()


def group_positions(texts: list[str]) -> Groups:
    """The clusters of ``texts`` (as :func:`~bot.admin.clustering.cluster`), as positions."""
    return [(c.leader, c.members) for c in cluster(range(len(texts)), texts.__getitem__)]


def _executor() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    return _pool


def _key(texts: list[str]) -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    for text in texts:
        digest.update(text.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00\x1f")
    return digest.digest()


async def grouped(texts: list[str]) -> Groups:
    """The clusters of ``texts`` as positions, computed off the loop, cached."""
    if len(texts) <= INLINE:
        return group_positions(texts)
    key = _key(texts)
    found = _cache.get(key)
    if found is None:
        found = asyncio.ensure_future(_compute(list(texts)))
        _cache[key] = found
        while len(_cache) > CACHED:
            _cache.popitem(last=False)
    else:
        _cache.move_to_end(key)
    try:
        return await asyncio.shield(found)
    except Exception:
        if _cache.get(key) is found:
            del _cache[key]
        raise


async def _compute(texts: list[str]) -> Groups:
    global _pool
    loop = asyncio.get_running_loop()
    try:
        return await loop.run_in_executor(_executor(), group_positions, texts)
    except (BrokenProcessPool, OSError, RuntimeError) as exc:
        log.warning("clustering worker unavailable (%s); grouping in a thread", exc)
        _pool = None  # the next call starts a new worker
        return await asyncio.to_thread(group_positions, texts)


def shutdown() -> None:
    """Stop the worker (at exit; a later call starts a new one)."""
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=False, cancel_futures=True)
        _pool = None
