"""Tables a commune or province fills in: its one-stop desk and the local fees of its province.

Migration ``0009_places_desk``. The desk is stored as the JSON of :class:`knowledge.desk.Desk`,
validated before it is written, so the bot reads back only what the dashboard accepted.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, UTCDateTime, utcnow


class WardDesk(Base):
    __tablename__ = "ward_desks"

    commune_code: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    data: Mapped[str] = mapped_column(Text)  # knowledge.desk.Desk as JSON
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ProvinceFeeSet(Base):
    __tablename__ = "province_fees"

    province_code: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    data: Mapped[str] = mapped_column(Text)  # knowledge.desk.ProvinceFees as JSON
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
