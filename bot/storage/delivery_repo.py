"""Taking a platform's delivery, once across every instance on the database (the table and why:
:mod:`bot.storage.deliveries`)."""

from __future__ import annotations

from sqlalchemy import Executable
from sqlalchemy.dialects import sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.storage.base import utcnow
from bot.storage.database import for_writing, retry_locked
from bot.storage.deliveries import MAX_ID, Delivery


@retry_locked
async def take(engine: AsyncEngine, channel: str, delivery_id: str) -> bool:
    """True for the first instance to take this delivery, False if one took it already."""
    values = {"channel": channel, "delivery_id": delivery_id[:MAX_ID], "created_at": utcnow()}
    once = ["channel", "delivery_id"]
    statement: Executable
    if engine.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql  # loaded on PostgreSQL only

        pg = postgresql.insert(Delivery).values(values)
        statement = pg.on_conflict_do_nothing(index_elements=once)
    else:
        lite = sqlite.insert(Delivery).values(values)
        statement = lite.on_conflict_do_nothing(index_elements=once)
    async with for_writing(engine).begin() as conn:
        result = await conn.execute(statement)
    return bool(result.rowcount)
