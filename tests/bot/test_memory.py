"""Freed memory goes back to the system when asked (glibc), wherever it lies in the heap."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest

from bot import memory

glibc = pytest.mark.skipif(memory._TRIM is None, reason="malloc_trim is glibc's")


_FREE_THEN_TRIM = """
from pathlib import Path
from bot import memory

def rss_kb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])

blocks, pinned = [], []
for i in range(600):  # 64 KB blocks, each followed by a small object that stays
    blocks.append(bytes([i % 256]) * (64 * 1024))
    pinned.append(bytes([i % 256]) * 1000)
held = rss_kb()
del blocks  # ~38 MB freed in the middle of the heap: the allocator keeps it
before = rss_kb()
trimmed = memory.trim()
print(held, before, rss_kb(), trimmed, len(pinned))
"""


@glibc
def test_trim_returns_memory_freed_between_live_objects() -> None:
    # A process of its own: no other test's server trims memory behind this one's back.
    out = subprocess.run(
        [sys.executable, "-c", _FREE_THEN_TRIM], capture_output=True, text=True, check=True
    ).stdout.split()
    held, before, after, pinned = int(out[0]), int(out[1]), int(out[2]), int(out[4])
    assert held - before < 10_000  # freeing alone gave almost nothing back
    assert out[3] == "True"
    assert before - after > 20_000
    assert pinned == 600


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
