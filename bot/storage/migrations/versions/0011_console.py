"""The volunteers' web console and live updates: the lines of console tickets
(``console_messages``) and the wake-up events of the polling bus on SQLite (``live_events``).

Revision ID: 0011_console
Revises: 0010_review
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_console"
down_revision: str | Sequence[str] | None = "0010_review"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "console_messages",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("ticket_id", BIG_ID, nullable=False),
        sa.Column("author", sa.String(16), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["tickets.id"],
            name="fk_console_messages_ticket_id_tickets",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_console_messages"),
    )
    op.create_index("ix_console_messages_ticket_id", "console_messages", ["ticket_id", "id"])
    op.create_table(
        "live_events",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("topic", sa.String(160), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_live_events"),
    )
    op.create_index("ix_live_events_created_at", "live_events", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_live_events_created_at", table_name="live_events")
    op.drop_table("live_events")
    op.drop_index("ix_console_messages_ticket_id", table_name="console_messages")
    op.drop_table("console_messages")
