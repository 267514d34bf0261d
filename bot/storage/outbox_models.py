"""The web chat outbox's table (:mod:`bot.web.outbox` reads and writes it): messages pushed to a
web citizen until their page fetches them, kept :data:`KEEP` at most."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, BigId, UTCDateTime, utcnow

KEEP = timedelta(hours=24)  # an unread message is dropped after this long


class WebOutboxMessage(Base):
    __tablename__ = "web_outbox"
    __table_args__ = (Index(None, "external_id", "id"), Index(None, "created_at"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(128))  # the page's opaque user id
    text: Mapped[str] = mapped_column(Text)
    buttons: Mapped[str] = mapped_column(Text)  # JSON list of {"label", "action"}
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
