"""The platforms' deliveries taken once across instances (``deliveries``), on SQLite and
PostgreSQL: taken once per channel, purged after two days, and memory alone while the database
is down (the end-to-end case, two instances behind one webhook, is in
``tests/channels/test_zalo_bot.py``)."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import cast

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import create_async_engine

from bot.channels.base import Deliveries
from bot.service import ChatService
from bot.storage.base import utcnow
from bot.storage.deliveries import KEEP, Delivery
from bot.storage.delivery_repo import take
from bot.storage.privacy import Retention, purge
from bot.storage.repository import Storage
from handlers.texts import FEEDBACK_REASONS


async def test_a_delivery_is_taken_once_per_channel(storage: Storage) -> None:
    assert await take(storage.engine, "zalo", "m-1")
    assert not await take(storage.engine, "zalo", "m-1")
    assert await take(storage.engine, "zalo_oa", "m-1")  # another platform's own numbering


async def test_taken_deliveries_are_purged_after_two_days(storage: Storage) -> None:
    await take(storage.engine, "telegram", "100")
    await take(storage.engine, "telegram", "101")
    async with storage.engine.begin() as connection:
        old = utcnow() - KEEP - timedelta(minutes=1)
        await connection.execute(
            update(Delivery).where(Delivery.delivery_id == "100").values(created_at=old)
        )
    done = await purge(storage.engine, Retention(), reasons=FEEDBACK_REASONS)
    assert done.rows["deliveries"] == 1
    async with storage.engine.connect() as connection:
        left = list(await connection.scalars(select(Delivery.delivery_id)))
    assert left == ["101"]


def _service(up: bool, engine: object) -> ChatService:
    fake = SimpleNamespace(turns=SimpleNamespace(up=up), storage=SimpleNamespace(engine=engine))
    return cast(ChatService, fake)


async def test_while_the_turn_store_is_down_this_instance_remembers_alone() -> None:
    deliveries = Deliveries("zalo", _service(up=False, engine=None))  # no database touched
    assert await deliveries.first_time("m-1")
    assert not await deliveries.first_time("m-1")


async def test_a_database_that_fails_to_answer_leaves_memory_to_decide(
    caplog: pytest.LogCaptureFixture,
) -> None:
    unreachable = create_async_engine("postgresql+asyncpg://motcua@127.0.0.1:9/none")  # refused
    try:
        deliveries = Deliveries("zalo", _service(up=True, engine=unreachable))
        assert await deliveries.first_time("m-1")
        assert "not checked across instances" in caplog.text
        assert not await deliveries.first_time("m-1")
    finally:
        await unreachable.dispose()
