"""Tables of the dashboard (``/admin``): accounts, sessions, learned aliases, ignore rules, audit.

Migration ``0003_admin``. Passwords are argon2 hashes; a session row keeps the sha256 of the
cookie's token (never the token), so a copy of the database does not let anyone in.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, BigId, UTCDateTime, utcnow

ROLES = ("admin", "supervisor", "volunteer", "ward_admin", "reviewer")


class AdminUser(Base):
    __tablename__ = "admin_users"
    __table_args__ = (
        CheckConstraint(
            "role IN ('admin', 'supervisor', 'volunteer', 'ward_admin', 'reviewer')", name="role"
        ),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(Text)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A ward admin's commune (official code): the one desk this account may edit.
    commune_code: Mapped[int | None] = mapped_column(Integer, nullable=True)


class AdminSession(Base):
    __tablename__ = "admin_sessions"
    __table_args__ = (Index("ix_admin_sessions_user_id", "user_id"),)

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the cookie
    user_id: Mapped[int] = mapped_column(BigId, ForeignKey("admin_users.id", ondelete="CASCADE"))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class LearnedAlias(Base):
    """A phrasing added from the unmet inbox; matched like the aliases in the YAML files."""

    __tablename__ = "learned_aliases"
    __table_args__ = (Index("ix_learned_aliases_procedure_id", "procedure_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    procedure_id: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the normalised text
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class IgnoreRule(Base):
    """ "Ignore forever": an unmet request with this normalised text is no longer recorded."""

    __tablename__ = "unmet_ignore_rules"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the normalised text
    text: Mapped[str] = mapped_column(Text)  # the phrasing it was made from (masked)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuditEntry(Base):
    __tablename__ = "admin_audit"
    __table_args__ = (Index("ix_admin_audit_at", "at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_name: Mapped[str] = mapped_column(String(64))  # not a foreign key: entries outlive users
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str | None] = mapped_column(String(255))
    detail: Mapped[str] = mapped_column(Text)  # JSON object
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WrittenAnswerRow(Base):
    """An answer a supervisor wrote in the unmet inbox to a question asked inside a procedure.

    Migration ``0008_conv_answers``. Shown to citizens who ask the same question, as "Trả lời
    của <unit>, ngày …"; withdrawn answers are kept (with who withdrew them) but never shown.
    """

    __tablename__ = "written_answers"
    __table_args__ = (Index("ix_written_answers_procedure_id", "procedure_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    procedure_id: Mapped[str] = mapped_column(String(64))
    question: Mapped[str] = mapped_column(Text)  # masked, as the citizen asked it
    answer: Mapped[str] = mapped_column(Text)
    legal_basis: Mapped[str | None] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(200))  # who answers, as citizens read it
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
