"""Load test: simulated citizens chatting with real ``python -m bot run`` processes.

    .venv/bin/python bench/load.py [--db sqlite|postgresql] [--users 500] [--messages 20]
                                   [--instances 1|2] [--channel web|telegram|mixed]
                                   [--rate 550] [--balance request|user]
                                   [--compare-constant]

Starts a fresh database (a temporary SQLite file, or a new PostgreSQL database on
``$MOTCUA_TEST_PG`` / ``postgresql://postgres@127.0.0.1:5432/postgres``, dropped afterwards),
one or two server processes on it, and ``--users`` citizens who each send ``--messages``
messages: typed questions, follow-ups, button presses, an out-of-scope question and a 👍, in a
loop. Web citizens use ``POST /api/chat``; Telegram citizens post updates to the webhook and
wait for the bot's ``sendMessage`` at a minimal fake Bot API served by this script.

Pacing: every citizen sends on a schedule, one message every ``--users / --rate`` seconds on
average (each gap within 10 % of that, the first message at a random point of the first gap), so
that all of them together offer ``--rate`` messages per second; a citizen still waits for the
answer before sending the next one. Messages/s is printed for the whole run and for the steady
state (from the moment every citizen has started to the moment the first one has finished).
``--rate 0``: no schedule, as fast as the servers answer (the ceiling, not the latency at a
given load). With ``--instances 2`` requests
are spread over both servers like a load balancer without sticky sessions (``--balance user``
pins each citizen to one server instead).

Prints messages/s, latency percentiles, errors, the servers' peak RSS and CPU, and the rows
written against the rows expected (one ``in`` row per message and one ``out`` row per reply,
the state ``version`` summed over citizens equal to the messages the core handled). Exits 1
when rows are missing or duplicated, or a request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import contextvars
import hashlib
import itertools
import os
import random
import resource
import secrets
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg
from aiohttp import web

ROOT = Path(__file__).resolve().parents[1]
DUE: contextvars.ContextVar[float] = contextvars.ContextVar("due")  # a citizen's next send time
PG_ADMIN = os.environ.get("MOTCUA_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
TOKEN = "123456:BENCH-token"
SECRET = "bench_webhook_secret"
SLOW_DOWN = "Bạn gửi hơi nhanh"
# What a citizen says, in a loop. "@button" presses the first button of the last answer
# (a section of the procedure), "@thumbs" the 👍 under an answer.
SCRIPT = (
    "@start",
    "làm giấy khai sinh cho con",
    "@button",
    "hết bao nhiêu tiền?",
    "mất mấy ngày?",
    "con mèo nhà tôi bị ốm",
    "đăng ký kết hôn",
    "@thumbs",
    "cần mang giấy tờ gì",
    "làm hộ chiếu",
    "nộp ở đâu",
    "cảm ơn",
)


# --- database ---------------------------------------------------------------------------
@contextlib.asynccontextmanager
async def fresh_database(kind: str, workdir: Path) -> AsyncIterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{workdir / 'bench.db'}"
        return
    name = f"motcua_bench_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(PG_ADMIN)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    finally:
        admin = await asyncpg.connect(PG_ADMIN)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


async def count_rows(url: str) -> dict[str, int]:
    queries = {
        "in": "SELECT count(*) FROM messages WHERE direction = 'in'",
        "out": "SELECT count(*) FROM messages WHERE direction = 'out'",
        "versions": "SELECT coalesce(sum(version), 0) FROM conversation_states",
        "users": "SELECT count(*) FROM users",
        "unmet": "SELECT count(*) FROM unmet_requests",
        "feedback": "SELECT count(*) FROM feedback",
    }
    if url.startswith("sqlite"):
        with contextlib.closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as db:
            return {k: int(db.execute(q).fetchone()[0]) for k, q in queries.items()}
    connection = await asyncpg.connect(url)
    try:
        counts = {}
        for k, q in queries.items():
            try:
                counts[k] = int(await connection.fetchval(q))
            except asyncpg.PostgresError:
                counts[k] = -1
        return counts
    finally:
        await connection.close()


# --- a minimal fake Telegram Bot API ----------------------------------------------------
@dataclass
class FakeTelegram:
    """Answers what motcua calls; wakes the citizen waiting for a chat's next message."""

    sent: dict[int, int] = field(default_factory=dict)
    waiters: dict[int, asyncio.Event] = field(default_factory=dict)
    port: int = 0
    runner: web.AppRunner | None = None
    message_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self.handle)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        self.port = free_port()
        await web.TCPSite(self.runner, "127.0.0.1", self.port).start()

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params: dict[str, Any] = (
            dict(await request.json())
            if request.content_type == "application/json"
            else {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
        )
        result: Any = True
        if method == "getMe":
            result = {"id": 123456, "is_bot": True, "first_name": "motcua", "username": "b_bot"}
        elif method == "sendMessage":
            chat = int(params["chat_id"])
            self.sent[chat] = self.sent.get(chat, 0) + 1
            if (event := self.waiters.get(chat)) is not None:
                event.set()
            result = {
                "message_id": next(self.message_ids),
                "date": int(time.time()),
                "chat": {"id": chat, "type": "private"},
                "text": str(params.get("text", "")),
            }
        return web.json_response({"ok": True, "result": result})

    async def stop(self) -> None:
        if self.runner:
            await self.runner.cleanup()


# --- servers ----------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    peak_rss_kb: int = 0
    cpu_seconds: float = 0.0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def sample(self) -> None:
        """Peak RSS (VmHWM) and CPU time so far, read from /proc before the process ends."""
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    self.peak_rss_kb = int(line.split()[1])
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
            self.cpu_seconds = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def start_server(
    env: dict[str, str],
    port: int,
    log: Path,
    profile: Path | None = None,
    program: Sequence[str] = ("-m", "bot", "run"),
) -> Server:
    prefix = ["-m", "cProfile", "-o", str(profile)] if profile else []
    process = subprocess.Popen(
        [sys.executable, *prefix, *program, "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    server = Server(process, port)
    async with aiohttp.ClientSession() as session:
        for _ in range(300):
            if process.poll() is not None:
                raise SystemExit(f"server on port {port} exited; see {log}")
            with contextlib.suppress(aiohttp.ClientError):
                async with session.get(server.base + "/healthz") as response:
                    if response.status == 200:
                        return server
            await asyncio.sleep(0.1)
    raise SystemExit(f"server on port {port} did not start; see {log}")


def stop_server(server: Server) -> None:
    server.sample()
    server.process.send_signal(signal.SIGTERM)
    try:
        server.process.wait(30)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


# --- citizens ---------------------------------------------------------------------------
@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    answered_at: list[float] = field(default_factory=list)  # perf_counter() of each answer
    first_done: float = 0.0  # when the first citizen sent its last message
    messages: int = 0  # answered (HTTP 200 / a Telegram reply arrived)
    replies: int = 0  # replies received (web) — the expected "out" rows
    throttled: int = 0
    errors: dict[str, int] = field(default_factory=dict)

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1


@dataclass
class Load:
    session: aiohttp.ClientSession
    servers: Sequence[Server]
    tally: Tally
    think: float  # mean seconds between the starts of a citizen's messages
    balance: str
    fake: FakeTelegram | None
    webhook_path: str
    round_robin: itertools.count[int] = field(default_factory=itertools.count)

    def pick(self, citizen: int) -> Server:
        index = citizen if self.balance == "user" else next(self.round_robin)
        return self.servers[index % len(self.servers)]

    async def pause(self) -> None:
        """Wait for this citizen's next turn on its schedule (not counting the answer's time)."""
        if self.think > 0:
            due = DUE.get() + random.uniform(0.9, 1.1) * self.think
            DUE.set(due)
            await asyncio.sleep(max(0.0, due - time.perf_counter()))

    async def web_citizen(self, citizen: int, messages: int) -> None:
        user, buttons = f"bench-{citizen}", list[dict[str, str]]()
        for step in itertools.islice(itertools.cycle(SCRIPT), messages):
            body: dict[str, str] = {"user": user}
            if step == "@start":
                body["action"] = "start"
            elif step.startswith("@"):
                want = "👍" if step == "@thumbs" else ""
                chosen = [b for b in buttons if want in b["label"]] or buttons
                if chosen:
                    body["action"] = chosen[0]["action"]
                else:
                    body["text"] = "xin chào"
            else:
                body["text"] = step
            started = time.perf_counter()
            try:
                async with self.session.post(
                    self.pick(citizen).base + "/api/chat", json=body
                ) as response:
                    if response.status != 200:
                        self.tally.error(f"HTTP {response.status}")
                        await self.pause()
                        continue
                    data = await response.json()
            except (aiohttp.ClientError, TimeoutError) as exc:
                self.tally.error(type(exc).__name__)
                await self.pause()
                continue
            self.tally.latencies.append(time.perf_counter() - started)
            self.tally.answered_at.append(time.perf_counter())
            replies = data["replies"]
            if replies and replies[0]["text"].startswith(SLOW_DOWN):
                self.tally.throttled += 1
            else:
                self.tally.messages += 1
                self.tally.replies += len(replies)
            buttons = [b for r in replies for b in r["buttons"]]
            await self.pause()

    async def telegram_citizen(self, citizen: int, messages: int) -> None:
        assert self.fake is not None
        chat = 10_000_000 + citizen
        event = self.fake.waiters.setdefault(chat, asyncio.Event())
        texts = [s for s in SCRIPT if not s.startswith("@")]
        for text in itertools.islice(itertools.cycle(texts), messages):
            update = {
                "update_id": int(time.time() * 1000) % 2**31 + random.randrange(1_000_000),
                "message": {
                    "message_id": random.randrange(1, 2**31),
                    "date": int(time.time()),
                    "chat": {"id": chat, "type": "private", "first_name": "Dân"},
                    "from": {"id": chat, "is_bot": False, "first_name": "Dân"},
                    "text": text,
                },
            }
            event.clear()
            started = time.perf_counter()
            headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
            try:
                async with self.session.post(
                    self.pick(citizen).base + self.webhook_path, json=update, headers=headers
                ) as response:
                    if response.status != 200:
                        self.tally.error(f"webhook HTTP {response.status}")
                        await self.pause()
                        continue
                await asyncio.wait_for(event.wait(), 30)
            except (aiohttp.ClientError, TimeoutError) as exc:
                self.tally.error(f"telegram {type(exc).__name__}")
                await self.pause()
                continue
            self.tally.latencies.append(time.perf_counter() - started)
            self.tally.answered_at.append(time.perf_counter())
            self.tally.messages += 1
            await self.pause()


def postgres_cpu() -> float:
    """CPU seconds used so far by the processes named postgres (server, backends, WAL writer)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            name, rest = stat.read_text().split(")", 1)
            if name.endswith("(postgres"):
                fields = rest.split()
                total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def machine_busy() -> tuple[int, int]:
    """(busy, total) jiffies of all CPUs so far, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def run(args: argparse.Namespace) -> int:
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as tmp:
        workdir = Path(tmp)
        async with fresh_database(args.db, workdir) as url:
            return await run_on(args, url, workdir)


async def run_on(args: argparse.Namespace, url: str, workdir: Path) -> int:
    fake = FakeTelegram() if args.channel != "web" else None
    if fake:
        await fake.start()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "RATE_LIMIT_PER_MINUTE": str(args.rate_limit),
        # every simulated citizen comes from 127.0.0.1: no per-address caps
        "ADDRESS_MESSAGES_PER_MINUTE": "0",
        "ADDRESS_NEW_IDS_PER_MINUTE": "0",
        "LOG_LEVEL": "WARNING",
        "SPOOL_DIR": str(workdir / "spool"),
        "HOST": "127.0.0.1",
    }
    if fake:
        env |= {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_MODE": "webhook",
            "TELEGRAM_WEBHOOK_SECRET": SECRET,
            "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{fake.port}/bot",
        }
    servers: list[Server] = []
    try:
        for i in range(args.instances):  # one after the other: the first one migrates
            port = free_port()
            if fake:
                env["TELEGRAM_PUBLIC_URL"] = f"http://127.0.0.1:{port}"
            profile = args.profile / f"server{i}.prof" if args.profile else None
            servers.append(await start_server(env, port, workdir / f"server{i}.log", profile))
        cpu_before = []
        for server in servers:
            server.sample()
            cpu_before.append(server.cpu_seconds)
        digest = hashlib.sha256(f"{TOKEN}:{SECRET}".encode()).hexdigest()[:32]
        tally = Tally()
        think = args.users / args.rate if args.rate > 0 else 0.0
        connector = aiohttp.TCPConnector(limit=0, force_close=False)
        timeout = aiohttp.ClientTimeout(total=60)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
            load = Load(session, servers, tally, think, args.balance, fake, f"/telegram/{digest}")

            async def citizen(i: int) -> None:
                DUE.set(time.perf_counter() + random.uniform(0, think))  # spread the first ones
                await asyncio.sleep(max(0.0, DUE.get() - time.perf_counter()))
                telegram = args.channel == "telegram" or (args.channel == "mixed" and i % 5 == 0)
                if telegram:
                    await load.telegram_citizen(i, args.messages)
                else:
                    await load.web_citizen(i, args.messages)
                tally.first_done = tally.first_done or time.perf_counter()

            started, busy_before = time.perf_counter(), machine_busy()
            pg_before, own_before = postgres_cpu(), own_cpu()
            await asyncio.gather(*(citizen(i) for i in range(args.users)))
            elapsed, busy_after = time.perf_counter() - started, machine_busy()
            pg_cpu, load_cpu = postgres_cpu() - pg_before, own_cpu() - own_before
        if fake:  # let the last Telegram replies arrive
            await asyncio.sleep(1.0)
        for server in servers:
            server.sample()
        cpu = sum(s.cpu_seconds for s in servers) - sum(cpu_before)
    finally:
        for server in servers:
            stop_server(server)
        if fake:
            await fake.stop()
    rows = await count_rows(url)
    out_expected = tally.replies + (sum(fake.sent.values()) if fake else 0)
    expected = {"in": tally.messages, "out": out_expected, "versions": tally.messages}
    ok = all(rows[k] == v for k, v in expected.items()) and not tally.errors
    lat = tally.latencies
    print(
        f"db={args.db} instances={args.instances} channel={args.channel} users={args.users} "
        f"messages/user={args.messages} rate={'max' if args.rate <= 0 else args.rate}"
    )
    print(
        f"messages answered: {tally.messages} in {elapsed:.1f}s → {tally.messages / elapsed:.0f}/s"
    )
    window = (started + think, tally.first_done)
    if think and window[1] - window[0] > 1:
        steady = sum(window[0] <= t <= window[1] for t in tally.answered_at)
        print(f"steady state: {steady / (window[1] - window[0]):.0f} messages/s")
    print(
        "latency ms: p50 {:.1f}  p95 {:.1f}  p99 {:.1f}  max {:.1f}  mean {:.1f}".format(
            *(1000 * percentile(lat, q) for q in (0.5, 0.95, 0.99, 1.0)),
            1000 * (statistics.fmean(lat) if lat else float("nan")),
        )
    )
    print(f"errors: {tally.errors or 0}  throttled: {tally.throttled}")
    if args.timeline:  # p50 / p99 of the answers of each 2-second slice of the run
        slices: dict[int, list[float]] = {}
        for at, latency in zip(tally.answered_at, tally.latencies, strict=False):
            slices.setdefault(int((at - started) // 2), []).append(latency)
        for key in sorted(slices):
            values = slices[key]
            p50, p99 = (1000 * percentile(values, q) for q in (0.5, 0.99))
            print(
                f"  {2 * key:3d}s +2: {len(values):5d} answers, p50 {p50:6.1f}  p99 {p99:6.1f} ms"
            )
    rss = ", ".join(f"{s.peak_rss_kb / 1024:.0f} MB" for s in servers)
    per_message = 1000 * cpu / max(1, tally.messages)
    print(f"server peak RSS: {rss}; server CPU {cpu:.1f}s ({per_message:.2f} ms/message)")
    busy = (busy_after[0] - busy_before[0]) / max(1, busy_after[1] - busy_before[1])
    cores = os.cpu_count() or 1
    print(
        f"machine CPU busy during the run: {100 * busy:.0f}% of {cores} cores "
        f"(= {busy * cores * elapsed:.1f} CPU s: servers {cpu:.1f}, PostgreSQL {pg_cpu:.1f}, "
        f"this load generator {load_cpu:.1f}, the rest other processes)"
    )
    print(
        "rows: messages in {in} / expected {ein}, out {out} / expected {eout}, "
        "state versions {versions} / expected {ev}; users {users}, unmet {unmet}, "
        "feedback {feedback}".format(
            **rows, ein=expected["in"], eout=expected["out"], ev=expected["versions"]
        )
    )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.compare_constant and args.channel == "web":
        await compare_constant(args, workdir, tally.messages / elapsed, per_message)
    print("OK: no row lost or duplicated" if ok else "FAIL: rows differ or requests failed")
    for log in sorted(workdir.glob("server*.log")):
        lines = log.read_text(errors="replace").splitlines()
        warnings = [line for line in lines if "WARNING" in line or "ERROR" in line]
        if warnings or not ok:
            print(f"--- {log.name}: {len(warnings)} warning(s)/error(s), last lines:")
            print("\n".join(lines[-15:]))
    return 0 if ok else 1


async def compare_constant(
    args: argparse.Namespace, workdir: Path, rate: float, per_message: float
) -> None:
    """The same citizens against ``bench/constant_server.py`` right after, on the same machine."""
    program = (str(ROOT / "bench" / "constant_server.py"),)
    server = await start_server(
        dict(os.environ), free_port(), workdir / "constant.log", None, program
    )
    server.sample()
    cpu_before = server.cpu_seconds
    tally = Tally()
    think = args.users / args.rate if args.rate > 0 else 0.0
    connector = aiohttp.TCPConnector(limit=0, force_close=False)
    try:
        async with aiohttp.ClientSession(connector=connector) as session:
            load = Load(session, [server], tally, think, args.balance, None, "")
            started = time.perf_counter()
            await asyncio.gather(*(load.web_citizen(i, args.messages) for i in range(args.users)))
            elapsed = time.perf_counter() - started
        server.sample()
    finally:
        stop_server(server)
    limit = tally.messages / elapsed
    limit_cpu = 1000 * (server.cpu_seconds - cpu_before) / max(1, tally.messages)
    print(
        f"constant aiohttp server, same load: {limit:.0f}/s, {limit_cpu:.3f} ms CPU/message; "
        f"motcua/limit = {rate / limit:.3f} (throughput), "
        f"CPU per message ×{per_message / limit_cpu:.1f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--messages", type=int, default=20, help="messages per citizen")
    parser.add_argument("--instances", type=int, choices=(1, 2), default=1)
    parser.add_argument("--channel", choices=("web", "telegram", "mixed"), default="web")
    parser.add_argument(
        "--rate", type=float, default=550, help="messages/s offered by all citizens (0: max)"
    )
    parser.add_argument("--balance", choices=("request", "user"), default="request")
    parser.add_argument(
        "--rate-limit", type=int, default=1000, help="RATE_LIMIT_PER_MINUTE for the servers"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeline", action="store_true", help="latency per 2-second slice")
    parser.add_argument(
        "--profile", type=Path, help="run the servers under cProfile, writing DIR/server<i>.prof"
    )
    parser.add_argument(
        "--compare-constant",
        action="store_true",
        help="then run the same web load against bench/constant_server.py and print the ratio",
    )
    args = parser.parse_args(argv)
    random.seed(args.seed)
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
