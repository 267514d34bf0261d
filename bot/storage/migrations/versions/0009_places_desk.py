"""The commune's desk and the province's local fees; ward admins bound to one commune.

Revision ID: 0009_places_desk
Revises: 0008_conv_answers
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_places_desk"
down_revision: str | Sequence[str] | None = "0008_conv_answers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TS = sa.DateTime(timezone=True)
OLD_ROLES = "role IN ('admin', 'supervisor', 'volunteer')"
NEW_ROLES = "role IN ('admin', 'supervisor', 'volunteer', 'ward_admin')"


def upgrade() -> None:
    for table, key in (("ward_desks", "commune_code"), ("province_fees", "province_code")):
        op.create_table(
            table,
            sa.Column(key, sa.Integer(), autoincrement=False, nullable=False),
            sa.Column("data", sa.Text(), nullable=False),
            sa.Column("updated_by", sa.String(64), nullable=False),
            sa.Column("updated_at", TS, nullable=False),
            sa.PrimaryKeyConstraint(key, name=f"pk_{table}"),
        )
    with op.batch_alter_table("admin_users") as batch:
        batch.add_column(sa.Column("commune_code", sa.Integer(), nullable=True))
        batch.drop_constraint("ck_admin_users_role", type_="check")
        batch.create_check_constraint("role", NEW_ROLES)


def downgrade() -> None:
    op.execute("DELETE FROM admin_users WHERE role = 'ward_admin'")
    with op.batch_alter_table("admin_users") as batch:
        batch.drop_constraint("ck_admin_users_role", type_="check")
        batch.create_check_constraint("role", OLD_ROLES)
        batch.drop_column("commune_code")
    op.drop_table("province_fees")
    op.drop_table("ward_desks")
