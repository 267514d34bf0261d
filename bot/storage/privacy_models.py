"""Anonymous daily counts: what the statistics keep of rows that retention or erasure removed.

Before message-log or feedback rows are deleted (retention purge, a citizen's erasure), their
contribution to the dashboard's statistics is folded into these tables: per Vietnam day, counts
only, no user id and no text. The statistics add them to what the raw rows still give, so a
figure for a past day stays the same when its rows go. Migration ``0007_priv_retention``.

``source`` says which step wrote a row: ``purge`` (a whole day, once) or ``erase`` (one
citizen's rows); the two never cover the same message, so their users can be added.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, BigId

SOURCES = ("purge", "erase")
# Dimensions of DailyCount: the whole day, and the breakdowns the dashboard shows.
DIMENSIONS = ("day", "channel", "locality", "procedure")


class DailyCount(Base):
    """Incoming messages of one day, for one dimension value (``day``: value "")."""

    __tablename__ = "daily_counts"
    __table_args__ = (Index("ix_daily_counts_day_dimension", "day", "dimension"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    dimension: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(64), default="", server_default="")
    source: Mapped[str] = mapped_column(String(8))
    messages: Mapped[int] = mapped_column(Integer, default=0)
    users: Mapped[int] = mapped_column(Integer, default=0)  # distinct users that day
    answer: Mapped[int] = mapped_column(Integer, default=0)
    clarify: Mapped[int] = mapped_column(Integer, default=0)
    unmet: Mapped[int] = mapped_column(Integer, default=0)


class DailyFeedback(Base):
    """👍/👎 of one day by procedure, channel and reason (a label, never the citizen's words)."""

    __tablename__ = "daily_feedback"
    __table_args__ = (Index("ix_daily_feedback_day", "day"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(32))
    procedure_id: Mapped[str] = mapped_column(String(64), default="", server_default="")
    positive: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str | None] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(8))
    count: Mapped[int] = mapped_column(Integer, default=0)
