"""Tables: users, conversation states, messages, unmet requests, feedback.

No names or profile data are kept: a user is a channel plus the channel's opaque id. Free text is
masked where a turn's rows are built (:mod:`bot.rows`), before it reaches these tables. JSON is
stored as text so
the schema stays the same on SQLite and PostgreSQL. Schema changes go through the Alembic
migrations in ``migrations/versions``; a test checks that they agree with the tables listed in
:mod:`bot.storage.schema`.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID, uuid4

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, BigId, UTCDateTime, one_of, utcnow

DIRECTIONS = ("in", "out")
STATUSES = ("new", "reviewed", "resolved", "ignored")


class User(Base):
    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("channel", "external_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    external_id: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ConversationState(Base):
    __tablename__ = "conversation_states"

    user_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[str] = mapped_column(Text)  # JSON object
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Bumped by every write; a write names the version it read (optimistic concurrency between
    # instances, migration 0005). A row starts at 1; 0 stands for "no row yet".
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # The turn that wrote the state: a write (or a replay from the spool) applies only if the
    # state is still the one it read (same version and same turn), so a turn replayed twice, or
    # a state written meanwhile by another instance, is never overwritten (0005).
    turn_id: Mapped[UUID | None] = mapped_column(Uuid)


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (
        CheckConstraint(one_of("direction", DIRECTIONS), name="direction"),
        Index("ix_messages_user_id_created_at", "user_id", "created_at"),
        Index("ix_messages_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigId, ForeignKey("users.id", ondelete="CASCADE"))
    direction: Mapped[str] = mapped_column(String(3))
    text: Mapped[str] = mapped_column(Text)
    action: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # For statistics (incoming messages; from handlers.events.Turn): migration 0003.
    channel: Mapped[str | None] = mapped_column(String(32))
    outcome: Mapped[str | None] = mapped_column(String(16))  # answer / clarify / unmet / None
    procedure_id: Mapped[str | None] = mapped_column(String(64))
    locality: Mapped[str | None] = mapped_column(String(64))
    # Idempotency key: a record replayed from the spool is inserted at most once (0005).
    event_id: Mapped[UUID] = mapped_column(Uuid, unique=True, default=uuid4)


class UnmetRequest(Base):
    __tablename__ = "unmet_requests"
    __table_args__ = (
        CheckConstraint(one_of("status", STATUSES), name="status"),
        Index("ix_unmet_requests_status_created_at", "status", "created_at"),
        Index("ix_unmet_requests_user_id_dedupe_key", "user_id", "dedupe_key"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigId, ForeignKey("users.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    candidates: Mapped[str] = mapped_column(Text)  # JSON list of {"id", "score"}
    procedure_id: Mapped[str | None] = mapped_column(String(64))
    locality: Mapped[str | None] = mapped_column(String(64))
    context: Mapped[str] = mapped_column(Text)  # JSON list of strings
    detail: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="new", server_default="new")
    resolution: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)  # the reviewers' note (migration 0003)
    # Kept past the retention period at a supervisor's request, then detached from the citizen
    # (bot.storage.privacy.purge; migration 0007).
    keep: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    dedupe_key: Mapped[str] = mapped_column(String(64))  # sha256 of reason + normalised text
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    event_id: Mapped[UUID] = mapped_column(Uuid, unique=True, default=uuid4)  # see Message


class Feedback(Base):
    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigId, ForeignKey("users.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(32))
    procedure_id: Mapped[str | None] = mapped_column(String(64))
    positive: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    event_id: Mapped[UUID] = mapped_column(Uuid, unique=True, default=uuid4)  # see Message


class ZaloOAToken(Base):
    """The Zalo OA's tokens. The refresh token works once: each new one is stored before use.

    ``seed_hash`` is the sha256 of the ``ZALO_OA_REFRESH_TOKEN`` the row started from, so a
    newly configured seed (the OA was authorised again) replaces the row, and an old one does not.
    """

    __tablename__ = "zalo_oa_tokens"

    app_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    access_token: Mapped[str | None] = mapped_column(Text)
    refresh_token: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    seed_hash: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
