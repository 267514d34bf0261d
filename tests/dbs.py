"""Fresh, throw-away databases for tests on every supported backend.

``fresh_database("sqlite", tmp_path)`` yields a URL to a new SQLite file;
``fresh_database("postgresql", tmp_path)`` creates a uniquely named database on the server named
by ``$MOTCUA_TEST_PG`` (an admin URL, default ``postgresql://postgres@127.0.0.1:5432/postgres``),
yields its URL and drops it afterwards. The test is skipped when the server cannot be reached.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import make_url

BACKENDS = ("sqlite", "postgresql")
PG_ENV = "MOTCUA_TEST_PG"
PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/postgres"


def _dsn(url: str, database: str | None = None) -> str:
    """A plain ``postgresql://`` URL (as asyncpg wants it), optionally for another database."""
    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


async def _admin(admin_url: str) -> asyncpg.Connection:
    parsed = make_url(admin_url)
    try:
        return await asyncpg.connect(_dsn(admin_url), timeout=5)
    except (OSError, TimeoutError, asyncpg.PostgresError) as error:
        where = f"{parsed.host or 'localhost'}:{parsed.port or 5432}"
        pytest.skip(f"PostgreSQL not reachable at {where} (set ${PG_ENV}): {error!r}")


@asynccontextmanager
async def fresh_postgres() -> AsyncIterator[str]:
    """A new empty PostgreSQL database, dropped on exit."""
    admin_url = os.environ.get(PG_ENV, PG_DEFAULT)
    name = f"motcua_test_{secrets.token_hex(6)}"
    connection = await _admin(admin_url)
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    try:
        yield _dsn(admin_url, name)
    finally:
        connection = await _admin(admin_url)
        try:
            await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await connection.close()


@asynccontextmanager
async def fresh_database(backend: str, tmp_path: Path) -> AsyncIterator[str]:
    """The URL of a new empty database on ``backend`` (one of :data:`BACKENDS`)."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'db' / 'motcua.db'}"
    elif backend == "postgresql":
        async with fresh_postgres() as url:
            yield url
    else:
        raise ValueError(f"unknown backend {backend!r}")
