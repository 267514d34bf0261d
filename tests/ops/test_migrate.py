"""``motcua migrate``: what the container runs before it serves."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
from pathlib import Path

from sqlalchemy import text

from bot.storage.database import create_engine
from tests.dbs import fresh_postgres

MIGRATE = (sys.executable, "-m", "bot", "migrate")


def env(url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": url, "LOG_FORMAT": "json"}


async def migrate(url: str) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        *MIGRATE,
        env=env(url),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode is not None
    return process.returncode, out.decode()


async def test_migrate_creates_the_schema_and_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "data" / "motcua.db"
    url = f"sqlite+aiosqlite:///{db}"
    for _ in range(2):
        code, out = await migrate(url)
        assert code == 0, out
        assert '"msg": "database schema is up to date"' in out
    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"users", "messages", "unmet_requests", "tickets", "alembic_version"} <= tables


async def test_instances_migrating_together_on_postgresql_take_turns() -> None:
    async with fresh_postgres() as url:  # skipped when no PostgreSQL answers
        results = await asyncio.gather(*(migrate(url) for _ in range(3)))
        assert [code for code, _ in results] == [0, 0, 0], results
        engine = create_engine(url)
        try:
            async with engine.connect() as conn:
                version = (
                    await conn.execute(text("SELECT version_num FROM alembic_version"))
                ).all()
        finally:
            await engine.dispose()
        assert len(version) == 1


async def test_an_unreachable_database_fails_without_showing_the_password() -> None:
    code, out = await migrate("postgresql://motcua:hunter2-secret@127.0.0.1:9/motcua")
    assert code == 1
    assert "Không mở được cơ sở dữ liệu" in out and "127.0.0.1:9" in out
    assert "hunter2-secret" not in out
