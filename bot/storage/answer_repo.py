"""Answers supervisors wrote in the unmet inbox, shown to citizens who ask the same question."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from bot.storage.admin_models import WrittenAnswerRow
from bot.storage.base import utcnow
from bot.storage.stats_repo import local_today
from knowledge.live import WrittenAnswer

MAX_ANSWER = 2000  # characters of a written answer or of its question


@dataclass(frozen=True)
class AnswerDraft:
    procedure_id: str
    question: str
    answer: str
    unit: str
    legal_basis: str | None = None
    link: str | None = None


@dataclass(frozen=True)
class AnswerRow:
    id: int
    procedure_id: str
    question: str
    answer: str
    unit: str
    legal_basis: str | None
    link: str | None
    created_by: str
    created_at: datetime
    updated_at: datetime

    def live(self) -> WrittenAnswer:
        """As the conversation core reads it (dated on its last edit, Vietnam time)."""
        return WrittenAnswer(
            id=self.id,
            procedure_id=self.procedure_id,
            question=self.question,
            answer=self.answer,
            unit=self.unit,
            day=local_today(self.updated_at),
            legal_basis=self.legal_basis,
            link=self.link,
        )


def _answer(r: WrittenAnswerRow) -> AnswerRow:
    return AnswerRow(
        r.id,
        r.procedure_id,
        r.question,
        r.answer,
        r.unit,
        r.legal_basis,
        r.link,
        r.created_by,
        r.created_at,
        r.updated_at,
    )


class AnswerRepo:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    # --- answers written by supervisors -------------------------------------------------
    async def add_answer(self, row: AnswerDraft, created_by: str) -> AnswerRow:
        async with self._sessions.begin() as session:
            stored = WrittenAnswerRow(
                procedure_id=row.procedure_id,
                question=row.question[:MAX_ANSWER],
                answer=row.answer[:MAX_ANSWER],
                legal_basis=row.legal_basis,
                link=row.link,
                unit=row.unit[:200],
                created_by=created_by,
            )
            session.add(stored)
            await session.flush()
            return _answer(stored)

    async def edit_answer(self, answer_id: int, row: AnswerDraft) -> AnswerRow | None:
        async with self._sessions.begin() as session:
            stored = await session.get(WrittenAnswerRow, answer_id)
            if stored is None or stored.withdrawn:
                return None
            stored.answer, stored.legal_basis, stored.link = (
                row.answer[:MAX_ANSWER],
                row.legal_basis,
                row.link,
            )
            stored.question, stored.unit = row.question[:MAX_ANSWER], row.unit[:200]
            stored.updated_at = utcnow()
            await session.flush()
            return _answer(stored)

    async def withdraw_answer(self, answer_id: int) -> AnswerRow | None:
        async with self._sessions.begin() as session:
            stored = await session.get(WrittenAnswerRow, answer_id)
            if stored is None or stored.withdrawn:
                return None
            stored.withdrawn, stored.updated_at = True, utcnow()
            await session.flush()
            return _answer(stored)

    async def answers(self, procedure_id: str | None = None) -> list[AnswerRow]:
        """Answers in service (not withdrawn), oldest first."""
        query = (
            select(WrittenAnswerRow)
            .where(WrittenAnswerRow.withdrawn.is_(False))
            .order_by(WrittenAnswerRow.procedure_id, WrittenAnswerRow.id)
        )
        if procedure_id is not None:
            query = query.where(WrittenAnswerRow.procedure_id == procedure_id)
        async with self._sessions() as session:
            return [_answer(r) for r in await session.scalars(query)]
