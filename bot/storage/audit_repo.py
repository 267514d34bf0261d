"""The dashboard's audit log: who did what, when, to which target (never a citizen's words)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from bot.storage.admin_models import AuditEntry


@dataclass(frozen=True)
class AuditRow:
    id: int
    user_name: str
    action: str
    target: str | None
    detail: dict[str, Any]
    at: datetime


class AuditRepo:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    # --- audit --------------------------------------------------------------------------
    async def audit(
        self, user_name: str, action: str, target: str | None = None, **detail: Any
    ) -> None:
        entry = AuditEntry(
            user_name=user_name[:64],
            action=action,
            target=target[:255] if target is not None else None,
            detail=json.dumps(detail, ensure_ascii=False, default=str),
        )
        async with self._sessions.begin() as session:
            session.add(entry)

    async def audit_entries(
        self,
        *,
        user_name: str | None = None,
        action: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> tuple[list[AuditRow], int]:
        """Newest first, and how many match in all."""
        where = []
        if user_name:
            where.append(AuditEntry.user_name == user_name)
        if action:
            where.append(AuditEntry.action == action)
        query = select(AuditEntry).where(*where).order_by(AuditEntry.id.desc())
        async with self._sessions() as session:
            total = await session.scalar(select(func.count(AuditEntry.id)).where(*where)) or 0
            rows = await session.scalars(query.limit(limit).offset(offset))
            return [
                AuditRow(r.id, r.user_name, r.action, r.target, json.loads(r.detail), r.at)
                for r in rows
            ], total
