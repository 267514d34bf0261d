"""The console's table: what was said in a ticket handled in the volunteers' web console."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, BigId, UTCDateTime, utcnow

AUTHORS = ("citizen", "volunteer", "system")


class ConsoleMessage(Base):
    """One line of a ticket's conversation as the console shows it, masked when stored. Deleted
    with its ticket (and so with the citizen's data)."""

    __tablename__ = "console_messages"
    __table_args__ = (Index(None, "ticket_id", "id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(BigId, ForeignKey("tickets.id", ondelete="CASCADE"))
    author: Mapped[str] = mapped_column(String(16))  # AUTHORS
    name: Mapped[str] = mapped_column(String(80), default="")  # the volunteer's, if theirs
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
