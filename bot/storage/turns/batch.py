"""Natural batching: what arrives while the workers are busy goes out together next.

A lone call runs at once (no added delay when the system is idle). Under load, every call that
arrived while the ``workers`` batches were in flight is sent in the next batch: one round trip
for many turns, so the cost per turn falls as the load rises instead of the queue growing.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

In = TypeVar("In")
Out = TypeVar("Out")
# run(worker index, items) → one result or exception per item, in order
Run = Callable[[int, list[In]], Awaitable[list[Out | BaseException]]]


async def isolating(
    run_all: Callable[[list[In]], Awaitable[list[Out]]], items: list[In]
) -> list[Out | BaseException]:
    """``run_all(items)``, so that one bad item never fails its neighbours.

    If the database refuses the batch for a reason other than an outage (which fails them all:
    the caller spools or retries), the batch is split in two and each half run again, down to
    the items that fail alone: those get their own exception, every other item its result. One
    bad item among ``n`` costs about ``2·log2(n)`` extra trips, not ``n``."""
    from bot.storage.errors import unavailable

    try:
        return list(await run_all(items))
    except Exception as exc:
        if unavailable(exc):
            raise
        if len(items) == 1:
            return [exc]
    middle = len(items) // 2
    return [
        *(await isolating(run_all, items[:middle])),
        *(await isolating(run_all, items[middle:])),
    ]


class Batcher(Generic[In, Out]):
    """``key``: items with the same key never share a batch (the later one waits)."""

    def __init__(
        self,
        run: Run[In, Out],
        *,
        workers: int = 2,
        max_batch: int = 256,
        key: Callable[[In], Hashable] | None = None,
    ) -> None:
        self._run, self.max_batch, self._key = run, max_batch, key
        self._queue: deque[tuple[In, asyncio.Future[Out]]] = deque()
        self._idle = list(range(workers))
        self._tasks: set[asyncio.Task[None]] = set()

    async def submit(self, item: In) -> Out:
        future: asyncio.Future[Out] = asyncio.get_running_loop().create_future()
        self._queue.append((item, future))
        self._dispatch()
        return await future

    def _dispatch(self) -> None:
        while self._queue and self._idle:
            batch = self._take()
            if not batch:
                return
            task = asyncio.create_task(self._work(self._idle.pop(), batch))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    def _take(self) -> list[tuple[In, asyncio.Future[Out]]]:
        batch: list[tuple[In, asyncio.Future[Out]]] = []
        keys: set[Hashable] = set()
        later: list[tuple[In, asyncio.Future[Out]]] = []
        while self._queue and len(batch) < self.max_batch:
            item, future = self._queue.popleft()
            if future.done():  # the caller gave up (cancelled) before it was sent
                continue
            key = self._key(item) if self._key else None
            if key is not None and key in keys:
                later.append((item, future))
                continue
            keys.add(key)
            batch.append((item, future))
        self._queue.extendleft(reversed(later))
        return batch

    async def _work(self, worker: int, batch: list[tuple[In, asyncio.Future[Out]]]) -> None:
        try:
            results = await self._run(worker, [item for item, _ in batch])
        except BaseException as exc:  # the whole batch failed (or was cancelled)
            cancelled = isinstance(exc, asyncio.CancelledError)
            for _, future in batch:
                if not future.done():
                    future.cancel() if cancelled else future.set_exception(exc)
            if cancelled:
                raise
        else:
            for (_, future), result in zip(batch, results, strict=True):
                if future.done():
                    continue
                if isinstance(result, BaseException):
                    future.set_exception(result)
                else:
                    future.set_result(result)
        finally:
            self._idle.append(worker)
            self._dispatch()

    async def close(self) -> None:
        """Wait for the batches in flight."""
        while self._tasks:
            with contextlib.suppress(BaseException):
                await asyncio.gather(*self._tasks, return_exceptions=True)
