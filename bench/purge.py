"""Retention purge and erasure speed on a fresh database.

    .venv/bin/python bench/purge.py [--db sqlite|postgresql] [--users 2000] [--messages 100]
                                    [--days 180] [--batch 1000]

Fills a new database (a temporary SQLite file, or a new PostgreSQL database on
``$MOTCUA_TEST_PG`` / ``postgresql://postgres@127.0.0.1:5432/postgres``, dropped afterwards) with
``--users`` citizens who each wrote ``--messages`` messages (and got as many answers) spread
over the last ``--days`` days, then times the retention purge with the default periods (90 days
of messages: about half the rows go, folded into the daily counts first) and the erasure of one
citizen. Prints rows deleted, seconds and rows per second, and checks that the statistics of the
purged days did not change.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import uuid4

import asyncpg
from sqlalchemy import insert

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.storage.models import Message, User  # noqa: E402
from bot.storage.privacy import Retention, erase_citizen, purge  # noqa: E402
from bot.storage.repository import Storage  # noqa: E402
from bot.storage.stats_repo import StatsRepo, local_today  # noqa: E402
from handlers.texts import FEEDBACK_REASONS  # noqa: E402

PG_ADMIN = os.environ.get("MOTCUA_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
PROCEDURES = ("dang-ky-khai-sinh", "dang-ky-ket-hon", "cap-ho-chieu-pho-thong", None)


async def fill(storage: Storage, users: int, messages: int, days: int) -> None:
    now, rng = datetime.now(UTC), random.Random(7)
    async with storage.engine.begin() as connection:
        await connection.execute(
            insert(User),
            [
                {"channel": "web", "external_id": f"u{i}", "created_at": now, "last_seen_at": now}
                for i in range(users)
            ],
        )
    rows = []
    for user in range(1, users + 1):
        for _ in range(messages):
            at = now - timedelta(seconds=rng.uniform(0, days * 86400))
            proc = rng.choice(PROCEDURES)
            outcome = "answer" if proc else rng.choice(("clarify", "unmet"))
            common = {"user_id": user, "channel": "web", "created_at": at}
            rows.append({**common, "direction": "in", "text": "làm thủ tục gì", "action": None,
                         "outcome": outcome, "procedure_id": proc, "locality": None,
                         "event_id": uuid4()})  # fmt: skip
            rows.append({**common, "direction": "out", "text": "hướng dẫn", "action": None,
                         "outcome": None, "procedure_id": None, "locality": None,
                         "event_id": uuid4()})  # fmt: skip
            if len(rows) >= 20_000:
                async with storage.engine.begin() as connection:
                    await connection.execute(insert(Message), rows)
                rows = []
    if rows:
        async with storage.engine.begin() as connection:
            await connection.execute(insert(Message), rows)


async def run(url: str, args: argparse.Namespace) -> None:
    storage = await Storage.open(url)
    try:
        started = time.perf_counter()
        await fill(storage, args.users, args.messages, args.days)
        total = args.users * args.messages * 2
        print(f"filled {total} message rows in {time.perf_counter() - started:.1f} s")
        stats = StatsRepo(storage.engine)
        first, last = local_today() - timedelta(days=args.days + 1), local_today()
        before = await stats.report(first, last)

        started = time.perf_counter()
        done = await purge(storage.engine, Retention(), batch=args.batch, reasons=FEEDBACK_REASONS)
        took = time.perf_counter() - started
        gone = done.rows.get("messages", 0)
        print(f"purge: {gone} message rows in {took:.2f} s ({gone / took:,.0f} rows/s)")
        after = await stats.report(first, last)
        same = after.days == before.days and after.total.messages == before.total.messages
        print(f"statistics per day unchanged: {'yes' if same else 'NO'}")

        started = time.perf_counter()
        erased = await erase_citizen(
            storage.engine, "web", "u1", by="bench", via="bench", reasons=FEEDBACK_REASONS
        )
        took = time.perf_counter() - started
        print(f"erasure of one citizen: {erased.rows} rows in {took * 1000:.0f} ms")
        if not same:
            raise SystemExit(1)
    finally:
        await storage.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--messages", type=int, default=100)
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()
    if args.db == "sqlite":
        with tempfile.TemporaryDirectory() as directory:
            await run(f"sqlite:///{directory}/bench.db", args)
        return
    name = f"motcua_bench_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(PG_ADMIN)
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    try:
        await run(PG_ADMIN.rsplit("/", 1)[0] + f"/{name}", args)
    finally:
        admin = await asyncpg.connect(PG_ADMIN)
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


if __name__ == "__main__":
    asyncio.run(main())
