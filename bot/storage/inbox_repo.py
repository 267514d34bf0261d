"""The unmet inbox: unmet requests to review, the conversation around one, and the "ignore
forever" rules that stop a phrasing from being recorded again."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from bot.storage.admin_models import IgnoreRule
from bot.storage.base import utcnow
from bot.storage.models import STATUSES, Message, UnmetRequest
from bot.storage.repository import MessageRow, UnmetRow, text_hash, unmet_row

MAX_NOTE = 2000


@dataclass(frozen=True)
class IgnoreRow:
    id: int
    text: str
    created_by: str
    created_at: datetime


@dataclass(frozen=True)
class InboxFilter:
    statuses: tuple[str, ...] = ("new", "reviewed")
    reason: str | None = None
    channel: str | None = None
    since: datetime | None = None
    until: datetime | None = None  # exclusive
    limit: int = 2000


class InboxRepo:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    # --- ignore rules -------------------------------------------------------------------
    async def add_ignore(self, text: str, created_by: str) -> bool:
        """False if the phrasing was already ignored."""
        try:
            async with self._sessions.begin() as session:
                session.add(IgnoreRule(key_hash=text_hash(text), text=text, created_by=created_by))
        except IntegrityError:
            return False
        return True

    async def ignore_rules(self) -> list[IgnoreRow]:
        async with self._sessions() as session:
            rows = await session.scalars(select(IgnoreRule).order_by(IgnoreRule.id.desc()))
            return [IgnoreRow(r.id, r.text, r.created_by, r.created_at) for r in rows]

    async def delete_ignore(self, rule_id: int) -> IgnoreRow | None:
        async with self._sessions.begin() as session:
            row = await session.get(IgnoreRule, rule_id)
            if row is None:
                return None
            await session.delete(row)
            return IgnoreRow(row.id, row.text, row.created_by, row.created_at)

    # --- unmet inbox --------------------------------------------------------------------
    async def inbox(self, where: InboxFilter) -> list[UnmetRow]:
        """Unmet requests matching ``where``, newest first."""
        query = select(UnmetRequest).order_by(UnmetRequest.id.desc()).limit(where.limit)
        if where.statuses:
            query = query.where(UnmetRequest.status.in_(where.statuses))
        if where.reason:
            query = query.where(UnmetRequest.reason == where.reason)
        if where.channel:
            query = query.where(UnmetRequest.channel == where.channel)
        if where.since is not None:
            query = query.where(UnmetRequest.created_at >= where.since)
        if where.until is not None:
            query = query.where(UnmetRequest.created_at < where.until)
        async with self._sessions() as session:
            return [unmet_row(row) for row in await session.scalars(query)]

    async def unmet_by_ids(self, ids: Iterable[int]) -> list[UnmetRow]:
        wanted = sorted(set(ids))
        if not wanted:
            return []
        query = select(UnmetRequest).where(UnmetRequest.id.in_(wanted))
        async with self._sessions() as session:
            return [
                unmet_row(row) for row in await session.scalars(query.order_by(UnmetRequest.id))
            ]

    async def set_status(
        self, ids: Sequence[int], status: str, resolution: str | None = None
    ) -> int:
        """Set the status (and resolution, when given) of the requests; how many changed."""
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        changes: dict[str, Any] = {"status": status, "updated_at": utcnow()}
        if resolution is not None:
            changes["resolution"] = resolution
        return await self._update(ids, changes)

    async def set_keep(self, ids: Sequence[int]) -> int:
        """Keep the requests past the retention period (detached from the citizen then)."""
        return await self._update(ids, {"keep": True, "updated_at": utcnow()})

    async def set_note(self, ids: Sequence[int], note: str) -> int:
        note = note.strip()[:MAX_NOTE]
        return await self._update(ids, {"note": note or None, "updated_at": utcnow()})

    async def _update(self, ids: Sequence[int], changes: dict[str, Any]) -> int:
        if not ids:
            return 0
        async with self._sessions.begin() as session:
            found = await session.scalars(
                update(UnmetRequest)
                .where(UnmetRequest.id.in_(sorted(set(ids))))
                .values(changes)
                .returning(UnmetRequest.id)
            )
            return len(found.all())

    async def conversation_around(
        self, user_id: int, at: datetime, before: int = 6, after: int = 6
    ) -> tuple[list[MessageRow], list[MessageRow]]:
        """The user's messages up to ``at`` (the last ``before``) and after it (the first
        ``after``), each list oldest first. Texts were masked when stored."""
        base = select(Message).where(Message.user_id == user_id)
        earlier = base.where(Message.created_at <= at).order_by(
            Message.created_at.desc(), Message.id.desc()
        )
        later = base.where(Message.created_at > at).order_by(Message.created_at, Message.id)
        async with self._sessions() as session:
            first = list(await session.scalars(earlier.limit(before)))
            second = list(await session.scalars(later.limit(after)))

        def rows(found: list[Message]) -> list[MessageRow]:
            return [
                MessageRow(m.id, m.user_id, m.direction, m.text, m.action, m.created_at)
                for m in found
            ]

        return rows(first[::-1]), rows(second)
