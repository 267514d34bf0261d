"""Engine creation and schema migration (Alembic, run in-process on the engine's connection)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, event, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import StaticPool

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


def create_engine(url: str) -> AsyncEngine:
    """An async engine; for SQLite the file's directory is created, WAL and foreign keys on."""
    parsed = make_url(async_url(url))
    if parsed.get_backend_name() != "sqlite":
        return create_async_engine(parsed, pool_pre_ping=True)
    database = parsed.database or ""
    in_memory = database in ("", ":memory:") or "mode=memory" in database
    if in_memory:
        engine = create_async_engine(parsed, poolclass=StaticPool)
    else:
        if not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(parsed)
    _sqlite_pragmas(engine, wal=not in_memory)
    return engine


def _sqlite_pragmas(engine: AsyncEngine, *, wal: bool) -> None:
    """Foreign keys, WAL, and real transactions (so a migration is applied whole or not at all).

    The driver's own transaction handling skips DDL; SQLAlchemy's documented recipe turns it off
    and emits BEGIN itself.
    """

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        if wal:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")


def alembic_config(connection: Connection | None = None) -> Config:
    """The Alembic configuration, built in code; ``env.py`` reuses ``connection`` when given."""
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), "head")


async def migrate(engine: AsyncEngine) -> None:
    """``alembic upgrade head`` on ``engine``, in one transaction."""
    async with engine.begin() as connection:
        await connection.run_sync(_upgrade)
