"""Initial schema: users, conversation states, messages, unmet requests, feedback.

Revision ID: 0001
Revises:
Create Date: 2026-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _timestamp(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def _user_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["user_id"], ["users.id"], name=f"fk_{table}_user_id_users", ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("external_id", sa.String(128), nullable=False),
        _timestamp("created_at"),
        _timestamp("last_seen_at"),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("channel", "external_id", name="uq_users_channel_external_id"),
    )
    op.create_table(
        "conversation_states",
        sa.Column("user_id", BIG_ID, nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        _timestamp("updated_at"),
        sa.PrimaryKeyConstraint("user_id", name="pk_conversation_states"),
        _user_fk("conversation_states"),
    )
    op.create_table(
        "messages",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("user_id", BIG_ID, nullable=False),
        sa.Column("direction", sa.String(3), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("action", sa.String(255), nullable=True),
        _timestamp("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_messages"),
        _user_fk("messages"),
        sa.CheckConstraint("direction IN ('in', 'out')", name="ck_messages_direction"),
    )
    op.create_index("ix_messages_user_id_created_at", "messages", ["user_id", "created_at"])
    op.create_table(
        "unmet_requests",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("user_id", BIG_ID, nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("candidates", sa.Text(), nullable=False),
        sa.Column("procedure_id", sa.String(64), nullable=True),
        sa.Column("locality", sa.String(64), nullable=True),
        sa.Column("context", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("status", sa.String(16), server_default="new", nullable=False),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("dedupe_key", sa.String(64), nullable=False),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_unmet_requests"),
        _user_fk("unmet_requests"),
        sa.CheckConstraint(
            "status IN ('new', 'reviewed', 'resolved', 'ignored')", name="ck_unmet_requests_status"
        ),
    )
    op.create_index(
        "ix_unmet_requests_status_created_at", "unmet_requests", ["status", "created_at"]
    )
    op.create_index(
        "ix_unmet_requests_user_id_dedupe_key", "unmet_requests", ["user_id", "dedupe_key"]
    )
    op.create_table(
        "feedback",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("user_id", BIG_ID, nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("procedure_id", sa.String(64), nullable=True),
        sa.Column("positive", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        _timestamp("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_feedback"),
        _user_fk("feedback"),
    )


def downgrade() -> None:
    op.drop_table("feedback")
    op.drop_index("ix_unmet_requests_user_id_dedupe_key", table_name="unmet_requests")
    op.drop_index("ix_unmet_requests_status_created_at", table_name="unmet_requests")
    op.drop_table("unmet_requests")
    op.drop_index("ix_messages_user_id_created_at", table_name="messages")
    op.drop_table("messages")
    op.drop_table("conversation_states")
    op.drop_table("users")
