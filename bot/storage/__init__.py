"""Persistence: SQLite or PostgreSQL through async SQLAlchemy, schema by Alembic migrations.

The package imports nothing itself, so that a feature's table module can import the leaf
``bot.storage.base`` without pulling in the repositories, which import those tables in turn.
"""
