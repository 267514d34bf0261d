"""Retention: anonymous daily counts kept when message-log and feedback rows are purged or
erased (``daily_counts``, ``daily_feedback``), so past statistics do not change; ``keep`` on
unmet requests (kept past retention, detached from the citizen).

Revision ID: 0007_priv_retention
Revises: 0006_web_outbox
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_priv_retention"
down_revision: str | Sequence[str] | None = "0006_web_outbox"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "daily_counts",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("dimension", sa.String(16), nullable=False),
        sa.Column("value", sa.String(64), server_default="", nullable=False),
        sa.Column("source", sa.String(8), nullable=False),
        sa.Column("messages", sa.Integer(), nullable=False),
        sa.Column("users", sa.Integer(), nullable=False),
        sa.Column("answer", sa.Integer(), nullable=False),
        sa.Column("clarify", sa.Integer(), nullable=False),
        sa.Column("unmet", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_daily_counts"),
    )
    op.create_index("ix_daily_counts_day_dimension", "daily_counts", ["day", "dimension"])
    op.create_table(
        "daily_feedback",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("procedure_id", sa.String(64), server_default="", nullable=False),
        sa.Column("positive", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.String(64), nullable=True),
        sa.Column("source", sa.String(8), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_daily_feedback"),
    )
    op.create_index("ix_daily_feedback_day", "daily_feedback", ["day"])
    op.add_column(
        "unmet_requests",
        sa.Column("keep", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("unmet_requests") as batch:
        batch.drop_column("keep")
    op.drop_index("ix_daily_feedback_day", table_name="daily_feedback")
    op.drop_table("daily_feedback")
    op.drop_index("ix_daily_counts_day_dimension", table_name="daily_counts")
    op.drop_table("daily_counts")
