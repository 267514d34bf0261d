"""Grouping the unmet inbox runs off the event loop, gives the same groups as inline, is cached
and shared between concurrent callers."""

from __future__ import annotations

import asyncio

from bot.admin import offload

TOPICS = ["xin visa đi Nhật", "giấy phép karaoke", "đăng ký nuôi chó", "cấp sổ đỏ cho nhà"]


def texts(n: int) -> list[str]:
    return [f"{TOPICS[i % len(TOPICS)]} số {i} {'gấp' if i % 3 else ''}".strip() for i in range(n)]


async def test_grouping_a_large_inbox_leaves_the_loop_free_and_matches_inline() -> None:
    many = texts(120)
    ticks = 0
    done = asyncio.Event()

    async def ticker() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            await asyncio.sleep(0)

    task = asyncio.create_task(ticker())
    await asyncio.sleep(0)
    before = ticks
    found = await offload.grouped(many)
    during = ticks - before
    done.set()
    await task
    assert found == offload.group_positions(many)
    assert during > 10  # the loop kept running other work while the worker grouped


async def test_groupings_are_cached_and_shared() -> None:
    many = texts(90)
    first, second = await asyncio.gather(offload.grouped(many), offload.grouped(many))
    assert first == second
    assert offload._cache[offload._key(many)].done()
    again = await offload.grouped(list(many))
    assert again == first


async def test_a_dead_worker_is_replaced() -> None:
    many = texts(70)
    await offload.grouped(many)
    offload.shutdown()
    more = [*many, "một câu hỏi mới"]
    assert await offload.grouped(more) == offload.group_positions(more)
