"""What a rate-limit check costs per message, by how many citizen ids were seen in the last
minute: flat is the goal (ids are the client's choice).

    .venv/bin/python bench/limits_bench.py [--messages 200000]

For 50, 12,000 and 100,000 distinct ids (each message from the next id in turn), prints the
microseconds per message of :class:`bot.limits.Window` (the citizen throttle and the per-address
caps), of the per-address new-id check, and of :class:`bot.admin.auth.LoginLimiter`, and how
many entries each holds afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Sequence

from bot.admin.auth import LoginLimiter
from bot.limits import NEW_IDS, Limits, Window


def measure(ids: int, n: int) -> tuple[float, float, float, int]:
    """µs per message for the window, the new-id check and the login limiter; the window's keys."""
    keys = [f"web:citizen-{i}" for i in range(ids)]
    window = Window(1_000_000)
    start = time.perf_counter()
    for i in range(n):
        window.hit(keys[i % ids])
    window_us = (time.perf_counter() - start) / n * 1e6

    limits = Limits({NEW_IDS: 1_000_000})

    async def new_ids() -> float:
        start = time.perf_counter()
        for i in range(n):
            await limits.admit_id(NEW_IDS, "203.0.113.1", keys[i % ids])
        return (time.perf_counter() - start) / n * 1e6

    new_us = asyncio.run(new_ids())
    login = LoginLimiter(failures=1_000_000)
    start = time.perf_counter()
    for i in range(n):
        login.failed("203.0.113.1", keys[i % ids])
    login_us = (time.perf_counter() - start) / n * 1e6
    return window_us, new_us, login_us, len(window)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=200_000)
    args = parser.parse_args(argv)
    print(f"{'ids':>8} {'window µs':>10} {'new-id µs':>10} {'login µs':>9} {'entries':>8}")
    for ids in (50, 12_000, 100_000):
        window_us, new_us, login_us, entries = measure(ids, args.messages)
        print(f"{ids:>8} {window_us:>10.2f} {new_us:>10.2f} {login_us:>9.2f} {entries:>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
