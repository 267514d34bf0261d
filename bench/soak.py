"""Soak test: hours of mixed web chat traffic with bad input sprinkled in, against a real server.

    .venv/bin/python bench/soak.py [--minutes 30] [--db postgresql|sqlite|both] [--rate 40]
                                   [--citizens 400] [--new-every 10] [--bad-every 15]
                                   [--max-growth 2.0]

Starts a fresh database (PostgreSQL by default: ``$MOTCUA_TEST_PG`` or
``postgresql://postgres@127.0.0.1:5432/postgres``; dropped afterwards) and one ``python -m bot
run`` on it, then offers ``--rate`` requests per second for ``--minutes`` minutes (open loop: the
schedule does not wait for slow answers). Each request comes from one of ``--citizens`` returning
citizens (one message at a time each), or, every ``--new-every``-th, from a citizen never seen
before (the limiters' and caches' memory must not grow with them); every ``--bad-every``-th
request is a bad one, in turn each of :data:`BAD` (lone surrogates, NULs and control characters
in ids, text and buttons; malformed JSON; an oversized body; a malformed client message id).

Every minute it prints the server's RSS, requests per status, and the message rows stored
against the rows expected (one ``in`` row per answered message); at the end, after the last
answers, the exact comparison, and whether memory has levelled off: the least-squares slope of
RSS over the second half of the run (the first half is warm-up: caches and pools filling), in
MB per 10 minutes. The per-address caps are turned off (all traffic comes from 127.0.0.1).
``--db both``: PostgreSQL, then SQLite. Exits 1 if a request got a 5xx, a bad one got other
than what it should, rows are missing or duplicated, or RSS still grows by more than
``--max-growth`` MB per 10 minutes over the second half.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import (
    SCRIPT,
    SLOW_DOWN,
    count_rows,
    free_port,
    fresh_database,
    start_server,
    stop_server,
)

TEXTS = [s for s in SCRIPT if not s.startswith("@")]


@dataclass(frozen=True)
class Bad:
    """A bad request: its body (raw bytes, or a JSON object sent as ASCII JSON) and the statuses
    it may get. ``stores`` says whether an answered one stores an ``in`` row."""

    name: str
    body: Callable[[str], bytes]
    expected: frozenset[int]
    stores: bool = False


def _json(obj: dict[str, Any]) -> bytes:
    return json.dumps(obj).encode()  # ASCII: a lone surrogate travels as "\ud800"


BAD: tuple[Bad, ...] = (
    Bad("user-surrogate", lambda u: _json({"user": u + "\ud800", "text": "a"}), frozenset({400})),
    Bad("user-nul", lambda u: _json({"user": u + "\x00", "text": "a"}), frozenset({400})),
    Bad("user-control", lambda u: _json({"user": u + "\x1b", "text": "a"}), frozenset({400})),
    Bad(
        "locality-nul",
        lambda u: _json({"user": u, "text": "a", "locality": "x\x00"}),
        frozenset({400}),
    ),
    Bad(
        "text-surrogate",
        lambda u: _json({"user": u, "text": "khai sinh \ud800 cho con"}),
        frozenset({200}),
        stores=True,
    ),
    Bad(
        "text-nul",
        lambda u: _json({"user": u, "text": "kết hôn\x00"}),
        frozenset({200}),
        stores=True,
    ),
    Bad(
        "action-surrogate",
        lambda u: _json({"user": u, "action": "a:fees:\udfff"}),
        frozenset({200}),
        stores=True,
    ),
    Bad(
        "message-id-nul", lambda u: _json({"user": u, "text": "a", "id": "\x00"}), frozenset({400})
    ),
    Bad("not-json", lambda u: b"{not json", frozenset({400})),
    Bad("not-utf8", lambda u: b'{"user": "\xff\xfe", "text": "a"}', frozenset({400})),
    Bad("oversized", lambda u: _json({"user": u, "text": "a" * 20_000}), frozenset({413})),
)


@dataclass
class Tally:
    statuses: Counter[int] = field(default_factory=Counter)
    bad: dict[str, Counter[int]] = field(default_factory=dict)
    unexpected: Counter[str] = field(default_factory=Counter)
    stored_expected: int = 0  # answered messages (not slowed down) that store an "in" row
    errors: int = 0  # connection errors, time-outs


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def soak(args: argparse.Namespace, url: str, workdir: Path, kind: str) -> int:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "LOG_LEVEL": "ERROR",
        "SPOOL_DIR": str(workdir / "spool"),
        "HOST": "127.0.0.1",
        "RATE_LIMIT_PER_MINUTE": "1000",
        "ADDRESS_MESSAGES_PER_MINUTE": "0",
        "ADDRESS_NEW_IDS_PER_MINUTE": "0",
    }
    server = await start_server(env, free_port(), workdir / "server.log")
    tally = Tally()
    busy: set[str] = set()
    newcomers = itertools.count()
    pending: set[asyncio.Task[None]] = set()
    timeout = aiohttp.ClientTimeout(total=30)
    session = aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=0))

    async def send(user: str, body: bytes, bad: Bad | None) -> None:
        busy.add(user)
        try:
            async with session.post(
                server.base + "/api/chat", data=body, headers={"Content-Type": "application/json"}
            ) as response:
                status = response.status
                answer = await response.json() if status == 200 else None
        except (aiohttp.ClientError, TimeoutError):
            tally.errors += 1
            return
        finally:
            busy.discard(user)
        tally.statuses[status] += 1
        slowed = (
            answer is not None
            and bool(answer)
            and answer["replies"][0]["text"].startswith(SLOW_DOWN)
        )
        if bad is not None:
            tally.bad.setdefault(bad.name, Counter())[status] += 1
            if status not in bad.expected:
                tally.unexpected[f"{bad.name}: {status}"] += 1
            if status == 200 and bad.stores and not slowed:
                tally.stored_expected += 1
        elif status == 200 and not slowed:
            tally.stored_expected += 1
        elif status != 200:
            tally.unexpected[f"ordinary: {status}"] += 1

    def next_request(n: int) -> tuple[str, bytes, Bad | None]:
        if n % args.new_every == 0:
            user = f"new-{next(newcomers)}"
        else:
            user = f"citizen-{random.randrange(args.citizens)}"
            if user in busy:  # one message at a time per citizen: someone else speaks
                user = f"new-{next(newcomers)}"
        if n % args.bad_every == 0:
            bad = BAD[(n // args.bad_every) % len(BAD)]
            return user, bad.body(user), bad
        if random.random() < 0.15:
            body = {"user": user, "action": random.choice(["start", "reset"])}
        else:
            body = {"user": user, "text": random.choice(TEXTS)}
        if random.random() < 0.3:
            body["id"] = f"m-{n}"
        return user, json.dumps(body, ensure_ascii=False).encode(), None

    pid = server.process.pid
    print(f"soak: {args.minutes} min at {args.rate} req/s on {kind}, server pid {pid}")
    print(" min  RSS MB  requests  2xx    4xx   5xx  errors  rows in / expected")
    start = time.perf_counter()
    end = start + args.minutes * 60
    next_report, n, samples = start + args.report_every, 0, []
    try:
        while (now := time.perf_counter()) < end:
            n += 1
            user, body, bad = next_request(n)
            task = asyncio.create_task(send(user, body, bad))
            pending.add(task)
            task.add_done_callback(pending.discard)
            due = start + n / args.rate
            if now >= next_report:
                samples.append(await report(args, pid, url, tally, now - start))
                next_report += args.report_every
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
        await asyncio.gather(*pending, return_exceptions=True)
        samples.append(
            await report(args, server.process.pid, url, tally, time.perf_counter() - start)
        )
    finally:
        await session.close()
        stop_server(server)
    rows = (await count_rows(url))["in"]
    print("\nbad inputs (sent: statuses):")
    for bad in BAD:
        got = tally.bad.get(bad.name, Counter())
        print(f"  {bad.name:18} {sum(got.values()):6}: {dict(sorted(got.items()))}")
    half = samples[len(samples) // 2] if samples else 0
    print(
        f"\nRSS: first {samples[0] / 1024:.0f} MB, middle {half / 1024:.0f} MB, "
        f"last {samples[-1] / 1024:.0f} MB"
        if samples
        else ""
    )
    growth = late_growth(samples, args.report_every)
    level = growth is None or growth <= args.max_growth
    print(
        "RSS over the second half: "
        + ("too few samples" if growth is None else f"{growth:+.2f} MB per 10 min")
        + ("" if level else f", above {args.max_growth} (NOT levelled off)")
    )
    print(
        f"rows in: {rows}, expected {tally.stored_expected}; "
        f"unexpected statuses: {dict(tally.unexpected) or 'none'}; errors: {tally.errors}"
    )
    failed = rows != tally.stored_expected or tally.unexpected or tally.statuses[500] or not level
    return 1 if failed else 0


def late_growth(samples_kb: Sequence[int], every_s: float) -> float | None:
    """Least-squares slope of RSS over the second half of the samples, in MB per 10 minutes
    (None with fewer than three samples there)."""
    late = list(samples_kb[len(samples_kb) // 2 :])
    if len(late) < 3:
        return None
    xs = [i * every_s / 600 for i in range(len(late))]  # in units of 10 minutes
    ys = [kb / 1024 for kb in late]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


async def report(args: argparse.Namespace, pid: int, url: str, tally: Tally, elapsed: float) -> int:
    rss = rss_kb(pid)
    rows = (await count_rows(url))["in"]
    s = tally.statuses
    two = sum(v for k, v in s.items() if 200 <= k < 300)
    four = sum(v for k, v in s.items() if 400 <= k < 500)
    five = sum(v for k, v in s.items() if k >= 500)
    print(
        f"{elapsed / 60:4.0f} {rss / 1024:7.1f} {sum(s.values()):9} {two:5} {four:6} {five:5} "
        f"{tally.errors:7}  {rows} / {tally.stored_expected}",
        flush=True,
    )
    return rss


async def run(args: argparse.Namespace) -> int:
    failed = 0
    for kind in ("postgresql", "sqlite") if args.db == "both" else (args.db,):
        with tempfile.TemporaryDirectory(prefix="motcua-soak-") as tmp:
            workdir = Path(tmp)
            async with fresh_database(kind, workdir) as url:
                failed |= await soak(args, url, workdir, kind)
    return failed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--db", choices=("postgresql", "sqlite", "both"), default="both")
    parser.add_argument("--rate", type=float, default=40.0, help="requests per second offered")
    parser.add_argument("--citizens", type=int, default=400, help="returning citizens")
    parser.add_argument("--new-every", type=int, default=10, help="a new citizen every N requests")
    parser.add_argument("--bad-every", type=int, default=15, help="a bad request every N")
    parser.add_argument("--report-every", type=float, default=60.0, help="seconds")
    parser.add_argument(
        "--max-growth",
        type=float,
        default=2.0,
        help="MB per 10 minutes RSS may still grow over the second half",
    )
    return asyncio.run(run(parser.parse_args(argv)))


if __name__ == "__main__":
    raise SystemExit(main())
