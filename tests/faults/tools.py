"""Fault-test tools: a database that can be switched off, ``motcua run`` as a real process, and
a web citizen who remembers every reply (so that the rows the database must hold are known).

- PostgreSQL is reached through :class:`Proxy`, a TCP proxy in the test's event loop: ``stop``
  closes its port and cuts every connection (like a crashed or unreachable server), ``start``
  opens it again.
- SQLite is "down" while another connection holds the write lock (:class:`SqliteLock`): writes
  wait ``DATABASE_TIMEOUT_SECONDS`` and fail with "database is locked"; reads go on.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import make_url

from tests.dbs import fresh_database

TOKEN_VARS = ("TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN", "ZALO_OA_APP_ID", "METRICS_TOKEN")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- a database that can fail -------------------------------------------------------------------
class Proxy:
    """TCP proxy 127.0.0.1:<port> → ``target``; ``stop()`` refuses and cuts, ``start()`` heals."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = free_port()
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", self.port)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        for writer in list(self._writers):
            writer.transport.abort()
        self._writers.clear()

    async def _accept(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        try:
            server_r, server_w = await asyncio.open_connection(*self.target)
        except OSError:
            client_w.transport.abort()
            return
        self._writers |= {client_w, server_w}
        await asyncio.gather(_pipe(client_r, server_w), _pipe(server_r, client_w))
        self._writers -= {client_w, server_w}


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (OSError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.transport.abort()


class SqliteLock:
    """Holds SQLite's write lock from another connection while ``down``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None

    async def stop(self) -> None:
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        self._connection = connection

    async def start(self) -> None:
        if self._connection is not None:
            self._connection.execute("ROLLBACK")
            self._connection.close()
            self._connection = None


@dataclass
class Database:
    """The URL the application uses, the direct one (for checks), and the switch."""

    backend: str
    url: str
    direct: str
    switch: Proxy | SqliteLock

    async def down(self) -> None:
        await self.switch.stop()

    async def up(self) -> None:
        await self.switch.start()


@contextlib.asynccontextmanager
async def switchable_database(backend: str, tmp_path: Path) -> AsyncIterator[Database]:
    async with fresh_database(backend, tmp_path) as direct:
        if backend == "sqlite":
            path = Path(make_url(direct).database or "")
            path.parent.mkdir(parents=True, exist_ok=True)
            yield Database(backend, direct, direct, SqliteLock(path))
            return
        parsed = make_url(direct)
        proxy = Proxy(parsed.host or "127.0.0.1", parsed.port or 5432)
        await proxy.start()
        try:
            url = parsed.set(host="127.0.0.1", port=proxy.port)
            yield Database(backend, url.render_as_string(hide_password=False), direct, proxy)
        finally:
            await proxy.stop()


# --- motcua run as a process ----------------------------------------------------------------
@dataclass
class Bot:
    """A ``python -m bot run`` process; ``kill()`` is ``kill -9``."""

    url: str
    workdir: Path
    port: int = field(default_factory=free_port)
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.workdir / f"bot-{self.port}.log"

    async def start(self) -> Bot:
        env = {k: v for k, v in os.environ.items() if k not in TOKEN_VARS}
        env.update(
            DATABASE_URL=self.url,
            HOST="127.0.0.1",
            PORT=str(self.port),
            SPOOL_DIR=str(self.workdir / "spool"),
            DATABASE_TIMEOUT_SECONDS="1",
            DATABASE_RETRY_SECONDS="0.2",
            RATE_LIMIT_PER_MINUTE="100000",
            ADDRESS_MESSAGES_PER_MINUTE="0",  # every simulated citizen is on 127.0.0.1
            ADDRESS_NEW_IDS_PER_MINUTE="0",
            LEARNED_ALIASES_REFRESH_SECONDS="0.5",
            SHUTDOWN_TIMEOUT_SECONDS="5",
            PYTHONUNBUFFERED="1",
        )
        env.update(self.env)
        self.workdir.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
                env=env,
                cwd=self.workdir,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        async with aiohttp.ClientSession() as session:
            for _ in range(600):
                if self.process.poll() is not None:
                    raise AssertionError(f"motcua exited:\n{self.log.read_text()[-3000:]}")
                with contextlib.suppress(aiohttp.ClientError):
                    async with session.get(self.base + "/healthz") as response:
                        if response.status == 200:
                            return self
                await asyncio.sleep(0.1)
        raise AssertionError(f"motcua did not start:\n{self.log.read_text()[-3000:]}")

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)

    async def stop(self) -> None:
        """SIGTERM: the graceful path (in-flight turns finish, the spool is flushed)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        for _ in range(300):
            if self.process.poll() is not None:
                return
            await asyncio.sleep(0.1)
        self.process.kill()
        self.process.wait()


# --- a web citizen --------------------------------------------------------------------------
@dataclass
class Citizen:
    """Talks through ``POST /api/chat`` to one or more instances; counts what the database must
    hold: one ``in`` row per answered message and one ``out`` row per reply."""

    session: aiohttp.ClientSession
    bases: list[str]
    user: str = "citizen"
    answered: int = 0
    replies: int = 0
    last: list[dict[str, Any]] = field(default_factory=list)
    _turn: int = 0

    async def send(self, body: dict[str, str], base: str | None = None) -> list[dict[str, Any]]:
        if base is None:
            base = self.bases[self._turn % len(self.bases)]
            self._turn += 1
        payload = json.dumps({"user": self.user, **body})
        async with self.session.post(
            base + "/api/chat", data=payload, headers={"Content-Type": "application/json"}
        ) as response:
            assert response.status == 200, await response.text()
            replies: list[dict[str, Any]] = (await response.json())["replies"]
        assert replies and all(r["text"].strip() for r in replies)
        self.answered += 1
        self.replies += len(replies)
        self.last = replies
        return replies

    async def say(self, text: str, base: str | None = None) -> str:
        return "\n".join(r["text"] for r in await self.send({"text": text}, base))

    async def press(self, label: str, base: str | None = None) -> str:
        action = self.button(label)
        return "\n".join(r["text"] for r in await self.send({"action": action}, base))

    def button(self, label: str) -> str:
        for reply in self.last:
            for button in reply["buttons"]:
                if label.lower() in button["label"].lower():
                    return str(button["action"])
        raise AssertionError(f"no button {label!r} in {self.last}")

    def buttons(self, prefix: str) -> list[str]:
        return [
            b["action"] for r in self.last for b in r["buttons"] if b["action"].startswith(prefix)
        ]


async def rows(url: str, user: str | None = None) -> dict[str, int]:
    """Row counts straight from the database (not through the application)."""
    from sqlalchemy import text

    from bot.storage.database import create_engine

    engine = create_engine(url)
    only = "user_id IN (SELECT id FROM users WHERE external_id = :user)" if user else "true"
    queries = {
        "in": f"SELECT count(*) FROM messages WHERE {only} AND direction = 'in'",
        "out": f"SELECT count(*) FROM messages WHERE {only} AND direction = 'out'",
        "events": f"SELECT count(DISTINCT event_id) FROM messages WHERE {only}",
        "unmet": f"SELECT count(*) FROM unmet_requests WHERE {only}",
        "feedback": f"SELECT count(*) FROM feedback WHERE {only}",
        "version": f"SELECT coalesce(sum(version), 0) FROM conversation_states WHERE {only}",
    }
    try:
        async with engine.connect() as connection:
            params = {"user": user} if user else {}
            return {
                k: int(await connection.scalar(text(q), params) or 0) for k, q in queries.items()
            }
    finally:
        await engine.dispose()


async def state_of(url: str, user: str) -> dict[str, Any]:
    from sqlalchemy import text

    from bot.storage.database import create_engine

    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            raw = await connection.scalar(
                text(
                    "SELECT state FROM conversation_states WHERE user_id = "
                    "(SELECT id FROM users WHERE external_id = :user)"
                ),
                {"user": user},
            )
    finally:
        await engine.dispose()
    return dict(json.loads(raw)) if raw else {}
