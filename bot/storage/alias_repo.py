"""Learned aliases: phrasings added from the unmet inbox, matched like the YAML aliases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from bot.storage.admin_models import LearnedAlias
from bot.storage.repository import text_hash

MAX_ALIAS = 200  # characters of a learned alias


class AliasExists(Exception):
    """The phrasing (up to case, diacritics, spacing) is already a learned alias."""

    def __init__(self, procedure_id: str, text: str) -> None:
        super().__init__(f"{text!r} is already an alias of {procedure_id}")
        self.procedure_id, self.text = procedure_id, text


@dataclass(frozen=True)
class AliasRow:
    id: int
    procedure_id: str
    text: str
    created_by: str
    created_at: datetime


class AliasRepo:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    # --- learned aliases ----------------------------------------------------------------
    async def add_alias(self, procedure_id: str, text: str, created_by: str) -> AliasRow:
        """Store a learned alias. Raises :class:`AliasExists` if the phrasing is known."""
        text = " ".join(text.split())[:MAX_ALIAS]
        digest = text_hash(text)
        try:
            async with self._sessions.begin() as session:
                row = LearnedAlias(
                    procedure_id=procedure_id, text=text, key_hash=digest, created_by=created_by
                )
                session.add(row)
                await session.flush()
                return AliasRow(row.id, row.procedure_id, row.text, row.created_by, row.created_at)
        except IntegrityError:
            async with self._sessions() as session:
                other = await session.scalar(
                    select(LearnedAlias).where(LearnedAlias.key_hash == digest)
                )
            if other is None:
                raise
            raise AliasExists(other.procedure_id, other.text) from None

    async def aliases(self, procedure_id: str | None = None) -> list[AliasRow]:
        query = select(LearnedAlias).order_by(LearnedAlias.procedure_id, LearnedAlias.id)
        if procedure_id is not None:
            query = query.where(LearnedAlias.procedure_id == procedure_id)
        async with self._sessions() as session:
            return [
                AliasRow(r.id, r.procedure_id, r.text, r.created_by, r.created_at)
                for r in await session.scalars(query)
            ]

    async def learned(self) -> dict[str, list[str]]:
        """Every learned alias by procedure id, oldest first (for ``LiveMatcher.set_learned``)."""
        out: dict[str, list[str]] = {}
        for row in await self.aliases():
            out.setdefault(row.procedure_id, []).append(row.text)
        return out

    async def delete_alias(self, alias_id: int) -> AliasRow | None:
        async with self._sessions.begin() as session:
            row = await session.get(LearnedAlias, alias_id)
            if row is None:
                return None
            await session.delete(row)
            return AliasRow(row.id, row.procedure_id, row.text, row.created_by, row.created_at)
