"""A new database gets the schema from the models and is stamped at the newest migration; that
schema must be the one every migration run in turn gives, on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text

from bot.storage.database import alembic_config, create_engine, head_revision, migrate
from bot.storage.repository import Storage
from bot.storage.schema import metadata
from tests.dbs import BACKENDS, fresh_database


def _shape(connection: Connection) -> dict[str, Any]:
    """Tables, columns (name, type, nullability, default), keys, indexes, foreign keys.

    Columns are compared as a set: a migration adds its columns after the existing ones, the
    models may list them elsewhere, and nothing reads columns by position."""
    found = inspect(connection)
    shape: dict[str, Any] = {}
    for table in sorted(found.get_table_names()):
        shape[table] = {
            "columns": sorted(
                (c["name"], str(c["type"]), c["nullable"], str(c.get("default")))
                for c in found.get_columns(table)
            ),
            "primary": found.get_pk_constraint(table)["constrained_columns"],
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in found.get_indexes(table)
            ),
            "unique": sorted(tuple(u["column_names"]) for u in found.get_unique_constraints(table)),
            "foreign": sorted(
                (tuple(f["constrained_columns"]), f["referred_table"], str(f["options"]))
                for f in found.get_foreign_keys(table)
            ),
        }
    return shape


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, metadata))


def _version(connection: Connection) -> list[str]:
    return list(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())


async def _migrated_shape(url: str) -> dict[str, Any]:
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "head"))
        async with engine.connect() as connection:
            return await connection.run_sync(_shape)
    finally:
        await engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_new_database_has_the_schema_every_migration_gives(
    backend: str, tmp_path: Path
) -> None:
    async with fresh_database(backend, tmp_path / "migrated") as url:
        migrated = await _migrated_shape(url)
    async with fresh_database(backend, tmp_path / "fresh") as url:
        storage = await Storage.open(url)
        try:
            async with storage.engine.connect() as connection:
                fresh = await connection.run_sync(_shape)
                assert await connection.run_sync(_differences) == []
        finally:
            await storage.close()
    assert fresh == migrated


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_new_database_is_stamped_at_the_newest_migration(
    backend: str, tmp_path: Path
) -> None:
    async with fresh_database(backend, tmp_path) as url:
        engine = create_engine(url)
        try:
            await migrate(engine)
            async with engine.begin() as connection:  # Alembic finds nothing left to run
                await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "head"))
                assert await connection.run_sync(_version) == [head_revision()]
        finally:
            await engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
async def test_an_older_database_is_upgraded_by_the_migrations(
    backend: str, tmp_path: Path
) -> None:
    async with fresh_database(backend, tmp_path) as url:
        engine = create_engine(url)
        try:
            async with engine.begin() as connection:
                await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "0004"))
            await migrate(engine)
            async with engine.connect() as connection:
                assert await connection.run_sync(_version) == [head_revision()]
                assert await connection.run_sync(_differences) == []
        finally:
            await engine.dispose()


def test_the_newest_migration_is_read_as_alembic_reads_it() -> None:
    assert head_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()
