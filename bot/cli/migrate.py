"""``motcua migrate``: bring the database schema up to date, then exit (containers run it first).

``motcua run`` migrates on start as well; this command exists so that a deployment can migrate
once, before any instance serves, and fail loudly if it cannot. On PostgreSQL the upgrade holds
an advisory lock for its transaction, so instances started together migrate one after another
(the later ones find the schema already at head).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from typing import Any

from bot.config import Settings

log = logging.getLogger("motcua.migrate")
LOCK_ID = 0x6D6F7463  # "motc": pg_advisory_xact_lock key for schema upgrades


def register(sub: Any) -> None:
    cmd = sub.add_parser("migrate", help="nâng cấp lược đồ cơ sở dữ liệu rồi thoát")
    cmd.set_defaults(handler=cmd_migrate)


def cmd_migrate(args: argparse.Namespace) -> int:
    from bot.logs import configure

    settings = Settings()
    configure(settings.log_level, settings.log_format)
    try:
        asyncio.run(migrate(settings.database_url))
    except (OSError, ValueError) as exc:
        print(
            f"Không mở được cơ sở dữ liệu ({safe_url(settings.database_url)}): {exc}",
            file=sys.stderr,
        )
        return 1
    except Exception as exc:  # a failed migration: say which, exit non-zero, start nothing
        log.error("migration failed: %s", type(exc).__name__, exc_info=True)
        return 1
    return 0


async def migrate(url: str) -> None:
    from alembic import command
    from sqlalchemy import text

    from bot.storage.database import alembic_config, create_engine

    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                await connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": LOCK_ID})
            await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "head"))
    finally:
        await engine.dispose()
    log.info("database schema is up to date")


def safe_url(url: str) -> str:
    """The URL with its password hidden (for messages and logs)."""
    from sqlalchemy import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<DATABASE_URL>"
