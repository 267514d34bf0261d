"""Review of the knowledge base in the dashboard: the ``reviewer`` role, reviewed sections
(``kb_reviews``) and the queue of error reports (``kb_reports``).

Revision ID: 0010_review
Revises: 0009_places_desk
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_review"
down_revision: str | Sequence[str] | None = "0009_places_desk"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)
ROLES_BEFORE = ("admin", "supervisor", "volunteer", "ward_admin")
ROLES_AFTER = (*ROLES_BEFORE, "reviewer")


def _roles(roles: tuple[str, ...]) -> None:
    # 0009 re-created the constraint as "role", which the naming convention stores as
    # "ck_admin_users_role"; the same short name finds it here and makes it again.
    with op.batch_alter_table("admin_users") as batch:
        batch.drop_constraint("role", type_="check")
        batch.create_check_constraint(
            "role", "role IN (" + ", ".join(f"'{r}'" for r in roles) + ")"
        )


def upgrade() -> None:
    _roles(ROLES_AFTER)
    op.create_table(
        "kb_reviews",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("procedure_id", sa.String(64), nullable=False),
        sa.Column("section", sa.String(32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("checked_by", sa.String(64), nullable=True),
        sa.Column("signer", sa.String(80), nullable=True),
        sa.Column("checked_on", sa.Date(), nullable=True),
        sa.Column("checked_against", sa.Text(), nullable=True),
        sa.Column("edits", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_kb_reviews"),
        sa.UniqueConstraint("procedure_id", "section", name="uq_kb_reviews_procedure_id_section"),
    )
    op.create_table(
        "kb_reports",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("procedure_id", sa.String(64), nullable=False),
        sa.Column("section", sa.String(32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("closed_by", sa.String(64), nullable=True),
        sa.Column("closed_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_kb_reports"),
        sa.CheckConstraint("status IN ('open', 'closed')", name="ck_kb_reports_status"),
    )
    op.create_index("ix_kb_reports_status_procedure_id", "kb_reports", ["status", "procedure_id"])


def downgrade() -> None:
    op.drop_index("ix_kb_reports_status_procedure_id", table_name="kb_reports")
    op.drop_table("kb_reports")
    op.drop_table("kb_reviews")
    op.execute("DELETE FROM admin_users WHERE role = 'reviewer'")
    _roles(ROLES_BEFORE)
