"""Handoff: volunteers, volunteer invites, tickets.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "volunteers",
        sa.Column("id", BIG_ID, primary_key=True),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("external_id", sa.String(128), nullable=False),
        sa.Column("on_duty", sa.Boolean(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_volunteers"),
        sa.UniqueConstraint("channel", "external_id", name="uq_volunteers_channel_external_id"),
    )
    op.create_table(
        "volunteer_invites",
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.Column("used_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("code_hash", name="pk_volunteer_invites"),
    )
    op.create_table(
        "tickets",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("citizen_id", BIG_ID, nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("external_id", sa.String(128), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("volunteer_id", BIG_ID, nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("procedure_id", sa.String(64), nullable=True),
        sa.Column("locality", sa.String(64), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("claimed_at", TS, nullable=True),
        sa.Column("closed_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_tickets"),
        sa.ForeignKeyConstraint(
            ["citizen_id"], ["users.id"], name="fk_tickets_citizen_id_users", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["volunteer_id"],
            ["volunteers.id"],
            name="fk_tickets_volunteer_id_volunteers",
            ondelete="SET NULL",
        ),
    )
    op.create_index("ix_tickets_status", "tickets", ["status", "created_at"])
    op.create_index("ix_tickets_citizen_id", "tickets", ["citizen_id", "status"])


def downgrade() -> None:
    op.drop_index("ix_tickets_citizen_id", "tickets")
    op.drop_index("ix_tickets_status", "tickets")
    op.drop_table("tickets")
    op.drop_table("volunteer_invites")
    op.drop_table("volunteers")
