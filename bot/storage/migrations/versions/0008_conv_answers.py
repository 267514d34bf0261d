"""Answers supervisors write in the unmet inbox to questions asked inside a procedure.

Revision ID: 0008_conv_answers
Revises: 0007_priv_retention
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_conv_answers"
down_revision: str | Sequence[str] | None = "0007_priv_retention"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "written_answers",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("procedure_id", sa.String(64), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=True),
        sa.Column("link", sa.Text(), nullable=True),
        sa.Column("unit", sa.String(200), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("withdrawn", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_written_answers"),
    )
    op.create_index("ix_written_answers_procedure_id", "written_answers", ["procedure_id"])


def downgrade() -> None:
    op.drop_index("ix_written_answers_procedure_id", table_name="written_answers")
    op.drop_table("written_answers")
