"""Call-backs: the number a citizen leaves when nobody can answer now (``callbacks``).

Revision ID: 0012_callbacks
Revises: 0011_console
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_callbacks"
down_revision: str | Sequence[str] | None = "0011_console"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "callbacks",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("citizen_id", BIG_ID, nullable=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("external_id", sa.String(128), nullable=False),
        sa.Column("phone", sa.String(16), nullable=False),
        sa.Column("slot", sa.String(8), nullable=False),
        sa.Column("procedure_id", sa.String(64), nullable=True),
        sa.Column("locality", sa.String(64), nullable=True),
        sa.Column("context", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_callbacks"),
        sa.ForeignKeyConstraint(
            ["citizen_id"], ["users.id"], name="fk_callbacks_citizen_id_users", ondelete="SET NULL"
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'called', 'unreachable')", name="ck_callbacks_status"
        ),
    )
    op.create_index("ix_callbacks_status", "callbacks", ["status", "created_at"])
    op.create_index("ix_callbacks_channel", "callbacks", ["channel", "external_id"])
    op.create_index("ix_callbacks_created_at", "callbacks", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_callbacks_created_at", "callbacks")
    op.drop_index("ix_callbacks_channel", "callbacks")
    op.drop_index("ix_callbacks_status", "callbacks")
    op.drop_table("callbacks")
