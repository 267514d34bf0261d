"""The bot's storage API: turns through a fast path, plus plain frozen rows for the readers.

A conversation turn reads and writes through :attr:`Storage.turns` (:mod:`bot.storage.turns`): on
PostgreSQL the one-statement fast path (:mod:`bot.storage.turns.pg`) on an engine of its own,
on SQLite the batched one (:mod:`bot.storage.turns.sqlite`), elsewhere SQLAlchemy Core
(:mod:`bot.storage.turns.sql`). Rows arrive built and masked (:mod:`bot.rows`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import make_url, select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from bot.storage.database import async_url, create_engine, migrate
from bot.storage.models import (
    Message,
    UnmetRequest,
)
from bot.storage.turns.records import text_hash
from bot.storage.turns.sql import SqlTurns
from bot.storage.turns.sqlite import SqliteTurns

if TYPE_CHECKING:
    from bot.storage.turns.pg import PgTurns

__all__ = [
    "Candidate",
    "MessageRow",
    "Storage",
    "UnmetRow",
    "text_hash",
    "unmet_row",
]


class Candidate(NamedTuple):
    """A procedure the matcher offered for an unmet request, with its score."""

    id: str
    score: float


@dataclass(frozen=True)
class MessageRow:
    id: int
    user_id: int
    direction: str
    text: str
    action: str | None
    created_at: datetime


@dataclass(frozen=True)
class UnmetRow:
    id: int
    user_id: int
    channel: str
    reason: str
    text: str
    candidates: tuple[Candidate, ...]
    procedure_id: str | None
    locality: str | None
    context: tuple[str, ...]
    detail: str | None
    status: str
    resolution: str | None
    created_at: datetime
    updated_at: datetime
    note: str | None = None  # the supervisor's note (dashboard)


def unmet_row(row: UnmetRequest) -> UnmetRow:
    candidates = tuple(Candidate(c["id"], float(c["score"])) for c in json.loads(row.candidates))
    return UnmetRow(
        id=row.id,
        user_id=row.user_id,
        channel=row.channel,
        reason=row.reason,
        text=row.text,
        candidates=candidates,
        procedure_id=row.procedure_id,
        locality=row.locality,
        context=tuple(json.loads(row.context)),
        detail=row.detail,
        status=row.status,
        resolution=row.resolution,
        created_at=row.created_at,
        updated_at=row.updated_at,
        note=row.note,
    )


class Storage:
    """Users, conversation state, message log, unmet requests and feedback."""

    def __init__(
        self, engine: AsyncEngine, turns: PgTurns | SqliteTurns | SqlTurns | None = None
    ) -> None:
        self.engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)
        sqlite_file = engine.dialect.name == "sqlite"
        self.turns = turns or SqlTurns(engine, serialize_writes=sqlite_file)
        self.core: SqlTurns = self.turns.core

    @classmethod
    async def open(cls, url: str, *, timeout: float = 3.0, lanes: int = 2) -> Storage:
        """Connect to ``url`` and bring the schema up to date.

        ``timeout``: seconds a connection attempt or a turn's statement may take (SQLite: how
        long to wait for the file lock) before the database counts as unavailable.
        ``lanes`` (PostgreSQL): connections of the fast path for reads, as many for writes.
        """
        engine = create_engine(url, timeout=timeout)
        try:
            await migrate(engine)
        except BaseException:
            await engine.dispose()
            raise
        if engine.dialect.name == "postgresql":
            from bot.storage.turns.pg import PgTurns, asyncpg_dsn  # asyncpg: on PostgreSQL only

            return cls(engine, PgTurns(engine, asyncpg_dsn(url), timeout, lanes))
        path = make_url(async_url(url)).database or ""
        if engine.dialect.name == "sqlite" and path and not _in_memory(path):
            return cls(engine, SqliteTurns(engine, path, timeout))
        return cls(engine)  # in memory: only the engine's own connection sees the database

    async def close(self) -> None:
        await self.turns.close()
        await self.engine.dispose()

    async def user(self, channel: str, external_id: str) -> int:
        """The id of the user (created on first sight)."""
        snapshot = await self.core.read(channel, external_id)
        assert snapshot.user_id is not None
        return snapshot.user_id

    async def unmet_requests(self, status: str | None = None, limit: int = 100) -> list[UnmetRow]:
        """Newest first, optionally only those with ``status``."""
        query = select(UnmetRequest).order_by(
            UnmetRequest.created_at.desc(), UnmetRequest.id.desc()
        )
        if status is not None:
            query = query.where(UnmetRequest.status == status)
        async with self._sessions() as session:
            rows = await session.scalars(query.limit(limit))
            return [unmet_row(row) for row in rows]

    async def messages_for(self, user_id: int, limit: int = 50) -> list[MessageRow]:
        query = (
            select(Message)
            .where(Message.user_id == user_id)
            .order_by(Message.created_at.desc(), Message.id.desc())
        )
        async with self._sessions() as session:
            return [
                MessageRow(row.id, row.user_id, row.direction, row.text, row.action, row.created_at)
                for row in await session.scalars(query.limit(limit))
            ]


def _in_memory(database: str) -> bool:
    return database == ":memory:" or database.startswith("file:")
