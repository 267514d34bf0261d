"""Web chat outbox: messages pushed to web citizens (handoff relay) until their page polls them.

Revision ID: 0006_web_outbox
Revises: 0005_durability
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_web_outbox"
down_revision: str | Sequence[str] | None = "0005_durability"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "web_outbox",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("external_id", sa.String(128), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("buttons", sa.Text(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_web_outbox"),
    )
    op.create_index("ix_web_outbox_external_id", "web_outbox", ["external_id", "id"])
    op.create_index("ix_web_outbox_created_at", "web_outbox", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_web_outbox_created_at", table_name="web_outbox")
    op.drop_index("ix_web_outbox_external_id", table_name="web_outbox")
    op.drop_table("web_outbox")
