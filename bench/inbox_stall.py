"""Does a supervisor's inbox stall citizens? Chat latency while ``/admin/inbox`` groups a large
inbox, against a real server.

    .venv/bin/python bench/inbox_stall.py [--db postgresql|sqlite] [--questions 1200]

Starts a fresh database and one ``python -m bot run``, fills the unmet inbox with
``--questions`` distinct unanswerable questions (through ``POST /api/chat``, as citizens would),
signs a supervisor in, then loads ``/admin/inbox`` twice (the first load groups, the second
finds the grouping cached) while a citizen sends a message every 50 ms. Prints each inbox
load's time and the citizen's reply latencies (p50, p95, max) during it; the bar is a max under
500 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import free_port, fresh_database, start_server, stop_server

from bot.admin.auth import hash_password
from bot.storage.account_repo import AccountRepo
from bot.storage.database import create_engine

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
WORDS = [
    "mèo",
    "chó",
    "cá",
    "chim",
    "hoa",
    "quả",
    "bóng",
    "đá",
    "phim",
    "nhạc",
    "trời",
    "mưa",
    "nắng",
    "gió",
    "biển",
    "núi",
    "sông",
    "xe",
    "đạp",
    "bánh",
    "mì",
    "phở",
    "cà",
    "phê",
    "trà",
    "sữa",
    "kem",
    "kẹo",
    "sách",
    "vở",
    "bút",
    "mực",
    "đàn",
    "ghi",
    "ta",
    "vẽ",
    "tranh",
    "cây",
    "cảnh",
    "lồng",
    "đèn",
    "diều",
]


def question(rng: random.Random) -> str:
    """A question no procedure answers (random everyday words), unlike any other."""
    return " ".join(rng.choices(WORDS, k=7)) + f" {rng.randrange(10**6)}"


async def fill(session: aiohttp.ClientSession, base: str, count: int) -> None:
    rng = random.Random(7)
    texts = [question(rng) for _ in range(count)]

    async def one(i: int) -> None:
        body = {"user": f"asker-{i}", "text": texts[i]}
        async with session.post(base + "/api/chat", json=body) as response:
            await response.read()

    for start in range(0, count, 50):
        await asyncio.gather(*(one(i) for i in range(start, min(count, start + 50))))


async def sign_in(session: aiohttp.ClientSession, base: str) -> None:
    async with session.get(base + "/admin/login") as page:
        token = CSRF.search(await page.text())
    assert token, "no CSRF token on the login page"
    form = {"name": "bench", "password": "mat-khau-bench-1", "csrf_token": token.group(1)}
    # no redirect: the home page is the inbox, and the first load is what is measured
    async with session.post(base + "/admin/login", data=form, allow_redirects=False) as response:
        assert response.status in (302, 303), response.status


GROUPS = re.compile(r"(\d+) yêu cầu trong (\d+)")


async def measure(session: aiohttp.ClientSession, base: str) -> tuple[float, list[float], str]:
    latencies: list[float] = []
    done = asyncio.Event()

    async def citizen() -> None:
        while not done.is_set():
            sent = time.perf_counter()
            body = {"user": "citizen", "text": "làm giấy khai sinh cho con"}
            async with session.post(base + "/api/chat", json=body) as response:
                await response.read()
            latencies.append(time.perf_counter() - sent)
            await asyncio.sleep(0.05)

    task = asyncio.create_task(citizen())
    await asyncio.sleep(0.3)
    start = time.perf_counter()
    async with session.get(base + "/admin/inbox") as response:
        page = await response.text()
        assert response.status == 200, response.status
    took = time.perf_counter() - start
    done.set()
    await task
    found = GROUPS.search(" ".join(page.split()))
    return (
        took,
        latencies,
        f"{found.group(1)} requests in {found.group(2)} groups" if found else "?",
    )


async def run(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="motcua-stall-") as tmp:
        workdir = Path(tmp)
        async with fresh_database(args.db, workdir) as url:
            env = {
                "DATABASE_URL": url,
                "LOG_LEVEL": "WARNING",
                "SPOOL_DIR": str(workdir / "spool"),
                "ADDRESS_MESSAGES_PER_MINUTE": "0",
                "ADDRESS_NEW_IDS_PER_MINUTE": "0",
                "RATE_LIMIT_PER_MINUTE": "10000",
            }
            server = await start_server({**os.environ, **env}, free_port(), workdir / "s.log")
            engine = create_engine(url)
            try:
                await AccountRepo(engine).create_account(
                    "bench", "supervisor", hash_password("mat-khau-bench-1")
                )
                jar = aiohttp.CookieJar(unsafe=True)
                async with aiohttp.ClientSession(cookie_jar=jar) as session:
                    await fill(session, server.base, args.questions)
                    await sign_in(session, server.base)
                    print(f"inbox of {args.questions} distinct questions on {args.db}")
                    for name in ("first load", "second load"):
                        took, lat, shown = await measure(session, server.base)
                        lat_ms = sorted(x * 1000 for x in lat)
                        p95 = lat_ms[int(0.95 * (len(lat_ms) - 1))]
                        print(
                            f"{name}: inbox {took:.2f} s ({shown}); citizen replies during it: "
                            f"{len(lat_ms)}, p50 {statistics.median(lat_ms):.0f} ms, "
                            f"p95 {p95:.0f} ms, max {lat_ms[-1]:.0f} ms"
                        )
                    async with session.get(server.base + "/admin/api/inbox") as response:
                        groups = len((await response.json())["clusters"])
                    print(f"groups in all: {groups}")
            finally:
                await engine.dispose()
                stop_server(server)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--questions", type=int, default=1200)
    return asyncio.run(run(parser.parse_args(argv)))


if __name__ == "__main__":
    raise SystemExit(main())
