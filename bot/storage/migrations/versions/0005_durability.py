"""Durability: a ``version`` and the ``turn_id`` that wrote it on conversation states (optimistic
concurrency between instances, exact replays), and an ``event_id`` (UUID, unique) on messages,
unmet requests and feedback, so that a record replayed from the spool after a database outage
is inserted at most once.

Existing states get version 1 and no turn id; existing rows get a random event id (PostgreSQL:
``gen_random_uuid()``; SQLite: 16 random bytes in hex, the form SQLAlchemy's ``Uuid`` stores).

Revision ID: 0005_durability
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_durability"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("messages", "unmet_requests", "feedback")


def upgrade() -> None:
    op.add_column(
        "conversation_states",
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
    )
    op.add_column("conversation_states", sa.Column("turn_id", sa.Uuid(), nullable=True))
    postgres = op.get_bind().dialect.name == "postgresql"
    fresh = "gen_random_uuid()" if postgres else "lower(hex(randomblob(16)))"
    for table in TABLES:
        op.add_column(table, sa.Column("event_id", sa.Uuid(), nullable=True))
        op.execute(f"UPDATE {table} SET event_id = {fresh} WHERE event_id IS NULL")
        # SQLite: one table rebuild per table (batch mode); PostgreSQL: plain ALTERs.
        with op.batch_alter_table(table) as batch:
            batch.alter_column("event_id", existing_type=sa.Uuid(), nullable=False)
            batch.create_unique_constraint(f"uq_{table}_event_id", ["event_id"])


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"uq_{table}_event_id", type_="unique")
            batch.drop_column("event_id")
    with op.batch_alter_table("conversation_states") as batch:
        batch.drop_column("turn_id")
        batch.drop_column("version")
