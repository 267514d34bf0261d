"""Database operations of the knowledge review: checks, corrected texts, error reports.

Every change of a section names the version it was made from; when another reviewer changed the
section meanwhile, :class:`Conflict` is raised with the section as it now stands, and nothing is
written. One short transaction per call, plain frozen rows out.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from bot.storage.base import utcnow
from bot.storage.review_models import KbReport, KbReview
from knowledge.review import SectionReview
from knowledge.schema import Review

MAX_REPORT = 1000  # characters of an error report's note


@dataclass(frozen=True)
class ReviewRow:
    procedure_id: str
    section: str
    version: int = 0  # 0: never reviewed (no row)
    checked_by: str | None = None
    signer: str | None = None
    checked_on: date | None = None
    checked_against: str | None = None
    edits: Mapping[str, str] = field(default_factory=dict)
    updated_by: str | None = None
    updated_at: datetime | None = None

    @property
    def review(self) -> Review | None:
        if self.signer is None or self.checked_on is None or self.checked_against is None:
            return None
        return Review(by=self.signer, on=self.checked_on, against=self.checked_against)


@dataclass(frozen=True)
class ReportRow:
    id: int
    procedure_id: str
    section: str
    note: str
    status: str
    created_by: str
    created_at: datetime
    closed_by: str | None
    closed_at: datetime | None


class Conflict(Exception):
    """The section changed since the version the change was made from."""

    def __init__(self, current: ReviewRow) -> None:
        super().__init__(
            f"{current.procedure_id}/{current.section} is at version {current.version}"
        )
        self.current = current


def _review(row: KbReview) -> ReviewRow:
    return ReviewRow(
        row.procedure_id,
        row.section,
        row.version,
        row.checked_by,
        row.signer,
        row.checked_on,
        row.checked_against,
        json.loads(row.edits),
        row.updated_by,
        row.updated_at,
    )


def _report(row: KbReport) -> ReportRow:
    return ReportRow(
        row.id,
        row.procedure_id,
        row.section,
        row.note,
        row.status,
        row.created_by,
        row.created_at,
        row.closed_by,
        row.closed_at,
    )


class ReviewRepo:
    def __init__(self, engine: AsyncEngine) -> None:
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    async def reviews(self, procedure_id: str | None = None) -> list[ReviewRow]:
        query = select(KbReview).order_by(KbReview.procedure_id, KbReview.section)
        if procedure_id is not None:
            query = query.where(KbReview.procedure_id == procedure_id)
        async with self._sessions() as session:
            return [_review(r) for r in await session.scalars(query)]

    async def review(self, procedure_id: str, section: str) -> ReviewRow:
        query = select(KbReview).where(
            KbReview.procedure_id == procedure_id, KbReview.section == section
        )
        async with self._sessions() as session:
            row = await session.scalar(query)
        return _review(row) if row else ReviewRow(procedure_id, section)

    async def last_signer(self, account: str) -> str | None:
        """The name this account signed its latest check with (to fill in the next form)."""
        query = (
            select(KbReview.signer)
            .where(KbReview.checked_by == account, KbReview.signer.is_not(None))
            .order_by(KbReview.updated_at.desc())
            .limit(1)
        )
        async with self._sessions() as session:
            return await session.scalar(query)

    async def _change(
        self, procedure_id: str, section: str, version: int, by: str, values: dict[str, object]
    ) -> ReviewRow:
        """Apply ``values`` to the section if it is still at ``version``; the new row."""
        now = utcnow()
        try:
            async with self._sessions.begin() as session:
                if version == 0:
                    row = KbReview(
                        procedure_id=procedure_id,
                        section=section,
                        version=1,
                        edits="{}",
                        updated_by=by,
                        updated_at=now,
                    )
                    for name, value in values.items():
                        setattr(row, name, value)
                    session.add(row)
                    await session.flush()
                    return _review(row)
                found = await session.scalar(
                    update(KbReview)
                    .where(
                        KbReview.procedure_id == procedure_id,
                        KbReview.section == section,
                        KbReview.version == version,
                    )
                    .values(version=KbReview.version + 1, updated_by=by, updated_at=now, **values)
                    .returning(KbReview.id)
                )
                if found is not None:
                    fresh = await session.get(KbReview, found, populate_existing=True)
                    assert fresh is not None
                    return _review(fresh)
        except IntegrityError:  # another reviewer created the row first
            pass
        raise Conflict(await self.review(procedure_id, section))

    async def check(
        self,
        procedure_id: str,
        section: str,
        version: int,
        by: str,
        signer: str,
        against: str,
        on: date,
    ) -> tuple[ReviewRow, int]:
        """Mark the section checked; the open reports on it are closed. (row, reports closed)"""
        row = await self._change(
            procedure_id,
            section,
            version,
            by,
            {"checked_by": by, "signer": signer, "checked_on": on, "checked_against": against},
        )
        return row, await self._close_reports(procedure_id, section, by)

    async def edit(
        self, procedure_id: str, section: str, version: int, by: str, edits: Mapping[str, str]
    ) -> ReviewRow:
        """Replace the section's corrected texts. The text changed, so its check no longer holds:
        it is cleared."""
        values: dict[str, object] = {
            "edits": json.dumps(dict(sorted(edits.items())), ensure_ascii=False),
            "checked_by": None,
            "signer": None,
            "checked_on": None,
            "checked_against": None,
        }
        return await self._change(procedure_id, section, version, by, values)

    # --- error reports ------------------------------------------------------------------
    async def report(self, procedure_id: str, section: str, note: str, by: str) -> ReportRow:
        async with self._sessions.begin() as session:
            row = KbReport(
                procedure_id=procedure_id,
                section=section,
                note=note,
                status="open",
                created_by=by,
                created_at=utcnow(),
            )
            session.add(row)
            await session.flush()
            return _report(row)

    async def reports(
        self, procedure_id: str | None = None, status: str | None = "open"
    ) -> list[ReportRow]:
        query = select(KbReport).order_by(KbReport.id.desc()).limit(1000)
        if procedure_id is not None:
            query = query.where(KbReport.procedure_id == procedure_id)
        if status is not None:
            query = query.where(KbReport.status == status)
        async with self._sessions() as session:
            return [_report(r) for r in await session.scalars(query)]

    async def close_report(self, report_id: int, by: str) -> ReportRow | None:
        """Close an open report; None if there is no such open report."""
        async with self._sessions.begin() as session:
            found = await session.scalar(
                update(KbReport)
                .where(KbReport.id == report_id, KbReport.status == "open")
                .values(status="closed", closed_by=by, closed_at=utcnow())
                .returning(KbReport.id)
            )
            if found is None:
                return None
            row = await session.get(KbReport, found, populate_existing=True)
            return _report(row) if row else None

    async def _close_reports(self, procedure_id: str, section: str, by: str) -> int:
        async with self._sessions.begin() as session:
            closed = await session.scalars(
                update(KbReport)
                .where(
                    KbReport.procedure_id == procedure_id,
                    KbReport.section == section,
                    KbReport.status == "open",
                )
                .values(status="closed", closed_by=by, closed_at=utcnow())
                .returning(KbReport.id)
            )
            return len(closed.all())

    # --- the overlay --------------------------------------------------------------------
    async def overlay(self) -> list[SectionReview]:
        """Every section's reviewed state, for :meth:`KnowledgeStore.set_reviews`."""
        reviews = await self.reviews()
        reported = {(r.procedure_id, r.section) for r in await self.reports()}
        keys = {(r.procedure_id, r.section) for r in reviews} | reported
        by_key = {(r.procedure_id, r.section): r for r in reviews}
        out = []
        for pid, section in sorted(keys):
            row = by_key.get((pid, section), ReviewRow(pid, section))
            out.append(
                SectionReview(
                    pid,
                    section,
                    row.version,
                    row.review,
                    dict(row.edits),
                    (pid, section) in reported,
                )
            )
        return out
