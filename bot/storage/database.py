"""Engine creation and schema migration (Alembic, run in-process on the engine's connection).

A database without any table gets the schema straight from the models (``bot.storage.schema``)
and is stamped at the newest migration: running every migration in turn gives the same schema
(``tests/bot/test_fresh_schema.py`` compares the two) but costs a start-up several tenths of a
second, Alembic's import included. A database already at the newest migration is left as it is
without importing Alembic; any other is upgraded by Alembic.
"""

from __future__ import annotations

import asyncio
import functools
import random
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from sqlalchemy import Connection, event, inspect, make_url, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import StaticPool

if TYPE_CHECKING:
    from alembic.config import Config

P = ParamSpec("P")
T = TypeVar("T")
MIGRATIONS = "bot.storage:migrations"  # package-resource form: no path, no "%" escaping issues
_ASYNC_DRIVERS = {
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "sqlite": "sqlite+aiosqlite",
}


def async_url(url: str) -> str:
    """``postgres(ql)://`` → ``postgresql+asyncpg://``, ``sqlite://`` → ``sqlite+aiosqlite://``.

    A URL that already names a driver (``scheme+driver://``) is returned unchanged.
    """
    scheme, sep, rest = url.partition("://")
    if not sep or scheme not in _ASYNC_DRIVERS:
        return url
    return f"{_ASYNC_DRIVERS[scheme]}://{rest}"


def create_engine(url: str, *, timeout: float = 5.0) -> AsyncEngine:
    """An async engine; for SQLite the file's directory is created, WAL, foreign keys and
    ``secure_delete`` on.

    ``timeout`` bounds connecting (PostgreSQL) or waiting for the file lock (SQLite), in seconds.
    """
    parsed = make_url(async_url(url))
    if parsed.get_backend_name() != "sqlite":
        return create_async_engine(parsed, pool_pre_ping=True, connect_args={"timeout": timeout})
    database = parsed.database or ""
    in_memory = database in ("", ":memory:") or "mode=memory" in database
    if in_memory:
        engine = create_async_engine(parsed, poolclass=StaticPool)
    else:
        if not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(parsed)
    _sqlite_pragmas(engine, wal=not in_memory, busy_ms=int(timeout * 1000))
    return engine


def _sqlite_pragmas(engine: AsyncEngine, *, wal: bool, busy_ms: int) -> None:
    """Foreign keys, secure deletion, WAL, and real transactions (so a migration is applied
    whole or not at all).

    The driver's own transaction handling skips DDL; SQLAlchemy's documented recipe turns it off
    and emits BEGIN itself.
    """

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA secure_delete=ON")  # deleted rows are overwritten, not left
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
        if wal:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(WRITES_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


# SQLite: a transaction that reads and then writes must take the write lock when it begins.
# Begun deferred, it holds a read snapshot; if another connection commits meanwhile (the turn
# writer does, all the time under load) its first write fails at once with "database is locked"
# (WAL's busy-snapshot rule: waiting could not help, so the busy timeout is not used). Begun
# IMMEDIATE, it waits its turn for the lock like every writer. PostgreSQL ignores the option.
WRITES_OPTION = "motcua_sqlite_immediate"


def for_writing(engine: AsyncEngine) -> AsyncEngine:
    """``engine`` for transactions that write: on SQLite they begin ``IMMEDIATE``."""
    return engine.execution_options(**{WRITES_OPTION: True})


LOCKED_ATTEMPTS = 6  # with the busy timeout each, a write waits its turn up to ~20 s in all


def locked(exc: BaseException) -> bool:
    """SQLite's "database is locked": another writer held the file past the busy timeout."""
    return isinstance(exc, OperationalError) and "database is locked" in str(exc.orig)


def retry_locked(
    fn: Callable[P, Awaitable[T]],
) -> Callable[P, Awaitable[T]]:
    """Run a whole write transaction again when SQLite stays locked past its busy timeout.

    Under chat load the event loop is busy, so a writer that holds the lock waits for the loop
    between its statements; the next writer can time out behind it. The transaction is run
    again from its start (it must be safe to repeat: each of ours checks before it writes), a
    few times with a growing, jittered pause. Any other error, and the last lock, propagate.
    """

    @functools.wraps(fn)
    async def run(*args: P.args, **kwargs: P.kwargs) -> T:
        for attempt in range(1, LOCKED_ATTEMPTS + 1):
            try:
                return await fn(*args, **kwargs)
            except OperationalError as exc:
                if not locked(exc) or attempt == LOCKED_ATTEMPTS:
                    raise
                await asyncio.sleep(random.uniform(0.05, 0.2) * attempt)
        raise AssertionError("unreachable")

    return run


def alembic_config(connection: Connection | None = None) -> Config:
    """The Alembic configuration, built in code; ``env.py`` reuses ``connection`` when given."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    config.attributes["connection"] = connection
    return config


VERSIONS = Path(__file__).resolve().parent / "migrations" / "versions"
_REVISION = re.compile(r'^(down_)?revision\b[^=]*=\s*(?:"([^"]+)"|None)', re.MULTILINE)
VERSION_TABLE = "alembic_version"


@functools.cache
def head_revision() -> str:
    """The newest migration, read from the migration files' ``revision``/``down_revision``
    lines without importing Alembic (a test checks it against Alembic's own answer)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in VERSIONS.glob("*.py"):
        for down, name in _REVISION.findall(path.read_text(encoding="utf-8")):
            if name:
                (parents if down else revisions).add(name)
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"migrations: expected one head, found {sorted(heads)}")
    return heads.pop()


def _upgrade(connection: Connection) -> None:
    names = set(inspect(connection).get_table_names())
    if not names:  # a new, empty database: the models' schema, stamped at the newest migration
        _create_fresh(connection)
        return
    if VERSION_TABLE in names:
        current = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars()
        if list(current) == [head_revision()]:
            return
    from alembic import command

    command.upgrade(alembic_config(connection), "head")


def _create_fresh(connection: Connection) -> None:
    from bot.storage.schema import metadata

    metadata.create_all(connection, checkfirst=False)  # empty: nothing to look for first
    # The table Alembic keeps, as Alembic creates it, holding the newest revision.
    connection.execute(
        text(
            f"CREATE TABLE {VERSION_TABLE} (version_num VARCHAR(32) NOT NULL, "
            "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
        )
    )
    connection.execute(
        text(f"INSERT INTO {VERSION_TABLE} (version_num) VALUES (:v)"), {"v": head_revision()}
    )


async def migrate(engine: AsyncEngine) -> None:
    """Bring the schema to the newest migration on ``engine``, in one transaction: created from
    the models on an empty database, nothing on one already there, else ``alembic upgrade head``.

    On PostgreSQL a transaction-scoped advisory lock makes instances started together migrate
    one after the other (the second finds the schema up to date).
    """
    async with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK})
        await connection.run_sync(_upgrade)


_LOCK = 0x6D6F7463  # "motc": the same key as `motcua migrate` (bot/cli/migrate.py)
