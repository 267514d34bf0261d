"""Handoff requests under chat load: every request opens its ticket, on every backend.

On SQLite the turn writer holds the file's write lock most of the time under load; a ticket
opened in an ordinary (deferred) transaction that read first could then fail at once with
"database is locked" instead of waiting, and the citizen who asked for a person got none.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.config import Settings
from bot.handoff.models import Ticket
from bot.runtime import Runtime
from handlers.events import Incoming
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.dbs import BACKENDS, fresh_database

ASKING = 24  # citizens who ask for a person
CHATTING = 60  # citizens chatting meanwhile
QUESTIONS = ("làm giấy khai sinh", "hết bao nhiêu tiền", "mất mấy ngày", "đăng ký kết hôn")


@pytest.mark.parametrize("backend", BACKENDS)
async def test_every_handoff_request_opens_a_ticket_under_load(
    backend: str, tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> None:
    async with fresh_database(backend, tmp_path) as url:
        settings = Settings(database_url=url, rate_limit_per_minute=1000, spool_dir=tmp_path)
        runtime = await Runtime.open(settings, *knowledge)
        try:
            service = runtime.service

            async def chat(user: str) -> None:
                for text in QUESTIONS * 2:
                    await service.handle(Incoming(user, "web", text=text))

            async def ask(user: str) -> None:
                await service.handle(Incoming(user, "web", text="làm giấy khai sinh"))
                await service.handle(Incoming(user, "web", text="/nguoi"))

            await asyncio.gather(
                *(chat(f"chat-{i}") for i in range(CHATTING)),
                *(ask(f"ask-{i}") for i in range(ASKING)),
            )
            async with runtime.storage.engine.connect() as connection:
                tickets = await connection.scalar(select(func.count()).select_from(Ticket))
            assert tickets == ASKING
        finally:
            await runtime.close()
