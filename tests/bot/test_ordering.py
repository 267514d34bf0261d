"""The per-key ordering primitive shared by the chat service and the channels."""

from __future__ import annotations

import asyncio

import pytest

from bot.ordering import PerKeyOrder


async def test_holders_of_one_key_run_in_arrival_order() -> None:
    order: PerKeyOrder[str] = PerKeyOrder()
    seen: list[int] = []

    async def job(n: int) -> None:
        async with order.hold("citizen"):
            await asyncio.sleep(0.01 if n == 0 else 0)  # the first is the slowest
            seen.append(n)

    await asyncio.gather(*(job(n) for n in range(5)))
    assert seen == [0, 1, 2, 3, 4]


async def test_other_keys_do_not_wait() -> None:
    order: PerKeyOrder[str] = PerKeyOrder()
    held = asyncio.Event()

    async def slow() -> None:
        async with order.hold("a"):
            held.set()
            await asyncio.sleep(10)

    task = asyncio.create_task(slow())
    await held.wait()
    async with order.hold("b"):  # entered while "a" is held
        assert order.in_flight == 2
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_idle_keys_are_forgotten_and_idle_is_reported() -> None:
    order: PerKeyOrder[str] = PerKeyOrder()
    async with order.hold("a"):
        assert not await order.wait_idle(0.01)
    assert order.in_flight == 0
    assert not order._locks
    assert await order.wait_idle(0.01)


async def test_a_waiter_cancelled_in_line_leaves_the_line() -> None:
    order: PerKeyOrder[str] = PerKeyOrder()
    release = asyncio.Event()

    async def first() -> None:
        async with order.hold("a"):
            await release.wait()

    async def second() -> None:
        async with order.hold("a"):
            raise AssertionError("never entered")

    holder = asyncio.create_task(first())
    await asyncio.sleep(0)
    waiter = asyncio.create_task(second())
    await asyncio.sleep(0)
    assert order.in_flight == 2
    waiter.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiter
    assert order.in_flight == 1
    release.set()
    await holder
    assert order.in_flight == 0 and not order._locks
