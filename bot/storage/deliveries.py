"""The platforms' deliveries already taken (``deliveries``): one row per message id per channel.

Telegram and Zalo deliver an update again when they did not get our answer to the first
delivery in time. Behind a load balancer the second delivery can reach another instance, whose
memory (:class:`bot.channels.base.SeenIds`) has not seen it; the first instance to insert the
``(channel, delivery_id)`` row takes the message, any other finds the row and drops it. The
row is taken before the turn runs, so nothing of the turn (the reply, a volunteer's notice, a
relayed line, a call-back) happens twice: a message is handled at most once, as the webhooks
already promise by answering 200 before the turn.

A row holds the platform's update or message id and no user id, text or personal data; rows
are deleted :data:`KEEP` after they were taken (the platforms give up retrying well before).
Taking one is :func:`bot.storage.delivery_repo.take`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, BigId, UTCDateTime, utcnow

KEEP = timedelta(days=2)
MAX_ID = 128  # characters of a platform's message id kept (theirs are far shorter)


class Delivery(Base):
    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("channel", "delivery_id"), Index(None, "created_at"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    delivery_id: Mapped[str] = mapped_column(String(MAX_ID))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
