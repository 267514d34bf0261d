"""Freed memory goes back to the system when asked (glibc), wherever it lies in the heap."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot import memory

glibc = pytest.mark.skipif(memory._TRIM is None, reason="malloc_trim is glibc's")


def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


@glibc
def test_trim_returns_memory_freed_between_live_objects() -> None:
    block, small = 64 * 1024, 1000
    blocks, pinned = [], []
    for i in range(600):  # 64 KB blocks, each followed by a small object that stays
        blocks.append(bytes([i % 256]) * block)
        pinned.append(bytes([i % 256]) * small)
    held = _rss_kb()
    del blocks  # ~38 MB freed in the middle of the heap: the allocator keeps it
    before = _rss_kb()
    assert held - before < 10_000
    assert memory.trim()
    assert before - _rss_kb() > 20_000
    assert len(pinned) == 600


@glibc
async def test_trim_forever_trims_until_cancelled(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(memory, "trim", lambda: calls.append(1) or True)
    task = asyncio.create_task(memory.trim_forever(every=0.01))
    await asyncio.sleep(0.2)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert len(calls) >= 3
