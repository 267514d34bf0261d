"""Tables of the reviewers' work on the knowledge base (migration ``0010_review``).

``kb_reviews`` holds one row per reviewed section: the last check (who, the name citizens see,
the day, the legal text checked against) and the citizen texts a reviewer corrected. Its
``version`` is bumped by every change, and a change names the version it was made from, so two
reviewers editing the same section never overwrite each other silently. ``kb_reports`` is the
queue of "Báo sai" reports.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, BigId, UTCDateTime, utcnow

REPORT_STATUSES = ("open", "closed")


class KbReview(Base):
    __tablename__ = "kb_reviews"
    __table_args__ = (UniqueConstraint("procedure_id", "section"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    procedure_id: Mapped[str] = mapped_column(String(64))
    section: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer, default=1)
    checked_by: Mapped[str | None] = mapped_column(String(64))  # the account
    signer: Mapped[str | None] = mapped_column(String(80))  # the name citizens read
    checked_on: Mapped[date | None] = mapped_column(Date)
    checked_against: Mapped[str | None] = mapped_column(Text)
    edits: Mapped[str] = mapped_column(Text, default="{}")  # JSON object: field → citizen text
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class KbReport(Base):
    __tablename__ = "kb_reports"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'closed')", name="status"),
        Index("ix_kb_reports_status_procedure_id", "status", "procedure_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    procedure_id: Mapped[str] = mapped_column(String(64))
    section: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_by: Mapped[str | None] = mapped_column(String(64))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
