"""What a turn store is: the protocol the chat service reads and writes a turn through, and the
one a database backend adds replay to.

Backends: :class:`~bot.storage.turns.sql.SqlTurns` (SQLAlchemy Core, every database, the
reference behaviour), :class:`~bot.storage.turns.pg.PgTurns` and
:class:`~bot.storage.turns.sqlite.SqliteTurns` (the batched fast paths, which must match it).
:class:`~bot.storage.turns.durable.DurableTurns` wraps one and spools while it is down.
"""

from __future__ import annotations

from typing import Protocol

from bot.storage.turns.records import Snapshot, TurnWrite, WriteResult


class TurnStore(Protocol):
    """What the chat service needs: a turn's read and its write."""

    async def read(self, channel: str, external_id: str) -> Snapshot: ...

    async def write(self, write: TurnWrite) -> WriteResult: ...


class TurnBackend(TurnStore, Protocol):
    """A database behind :class:`~bot.storage.turns.durable.DurableTurns`: also replays spooled
    write sets."""

    async def replay(self, writes: list[TurnWrite]) -> None: ...
