"""The ``callbacks`` table: a citizen's number to call back, and where the call stands.

The only table holding a phone number unmasked: read by the dashboard's call-back page
(volunteers and admins), deleted after ``RETENTION_CALLBACKS_DAYS``, with the citizen's other
data (/xoadulieu, the dashboard's erasure by channel id or by phone number).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, BigId, UTCDateTime, utcnow

# chưa gọi / đã gọi / không liên lạc được
STATUSES = ("pending", "called", "unreachable")


class Callback(Base):
    __tablename__ = "callbacks"
    __table_args__ = (
        Index(None, "status", "created_at"),
        Index(None, "channel", "external_id"),
        Index(None, "created_at"),
        CheckConstraint("status IN (" + ", ".join(f"'{s}'" for s in STATUSES) + ")", name="status"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    citizen_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="SET NULL")
    )
    channel: Mapped[str] = mapped_column(String(32))
    external_id: Mapped[str] = mapped_column(String(128))
    phone: Mapped[str] = mapped_column(String(16))  # digits, national form
    slot: Mapped[str] = mapped_column(String(8))  # handlers.callback.SLOTS
    procedure_id: Mapped[str | None] = mapped_column(String(64))
    locality: Mapped[str | None] = mapped_column(String(64))
    context: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of masked lines
    status: Mapped[str] = mapped_column(String(16), default="pending")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(64))  # the dashboard account
