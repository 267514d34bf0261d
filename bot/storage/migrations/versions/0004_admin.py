"""Dashboard: admin accounts, sessions, learned aliases, ignore rules, audit log; statistics
columns on ``messages`` (channel, outcome, procedure, locality) and a note on unmet requests.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "admin_users",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("disabled", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_admin_users"),
        sa.UniqueConstraint("name", name="uq_admin_users_name"),
        sa.CheckConstraint(
            "role IN ('admin', 'supervisor', 'volunteer')", name="ck_admin_users_role"
        ),
    )
    op.create_table(
        "admin_sessions",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", BIG_ID, nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name="pk_admin_sessions"),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["admin_users.id"],
            name="fk_admin_sessions_user_id_admin_users",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_admin_sessions_user_id", "admin_sessions", ["user_id"])
    op.create_table(
        "learned_aliases",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("procedure_id", sa.String(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_learned_aliases"),
        sa.UniqueConstraint("key_hash", name="uq_learned_aliases_key_hash"),
    )
    op.create_index("ix_learned_aliases_procedure_id", "learned_aliases", ["procedure_id"])
    op.create_table(
        "unmet_ignore_rules",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_unmet_ignore_rules"),
        sa.UniqueConstraint("key_hash", name="uq_unmet_ignore_rules_key_hash"),
    )
    op.create_table(
        "admin_audit",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("user_name", sa.String(64), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target", sa.String(255), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_admin_audit"),
    )
    op.create_index("ix_admin_audit_at", "admin_audit", ["at"])
    # Nullable columns: plain ALTER TABLE ADD COLUMN on SQLite and PostgreSQL alike.
    op.add_column("messages", sa.Column("channel", sa.String(32), nullable=True))
    op.add_column("messages", sa.Column("outcome", sa.String(16), nullable=True))
    op.add_column("messages", sa.Column("procedure_id", sa.String(64), nullable=True))
    op.add_column("messages", sa.Column("locality", sa.String(64), nullable=True))
    op.create_index("ix_messages_created_at", "messages", ["created_at"])
    op.add_column("unmet_requests", sa.Column("note", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("unmet_requests") as batch:
        batch.drop_column("note")
    op.drop_index("ix_messages_created_at", table_name="messages")
    with op.batch_alter_table("messages") as batch:
        for column in ("locality", "procedure_id", "outcome", "channel"):
            batch.drop_column(column)
    op.drop_index("ix_admin_audit_at", table_name="admin_audit")
    op.drop_table("admin_audit")
    op.drop_table("unmet_ignore_rules")
    op.drop_index("ix_learned_aliases_procedure_id", table_name="learned_aliases")
    op.drop_table("learned_aliases")
    op.drop_index("ix_admin_sessions_user_id", table_name="admin_sessions")
    op.drop_table("admin_sessions")
    op.drop_table("admin_users")
