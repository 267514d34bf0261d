"""Persistence: SQLite or PostgreSQL through async SQLAlchemy, schema by Alembic migrations."""

from bot.storage.database import async_url, create_engine, migrate
from bot.storage.repository import MessageRow, Storage, UnmetRow

__all__ = [
    "MessageRow",
    "Storage",
    "UnmetRow",
    "async_url",
    "create_engine",
    "migrate",
]
