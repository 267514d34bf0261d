"""The SQLite fast path: one connection in one thread, a batch of turns per trip to it.

Through SQLAlchemy and aiosqlite a turn cost about ten hops to the driver's thread. Here the
reads waiting together run in one hop, and so do the writes: one ``BEGIN IMMEDIATE`` … ``COMMIT``
for all of them (one commit, one fsync). A write whose state was overtaken (another process
wrote first) writes nothing, as in :class:`~bot.storage.turns.sql.SqlTurns`, whose behaviour
this module must match (tests run both); a 👎's reason (amending an earlier row) goes there.

Values are stored as SQLAlchemy stores them on SQLite (naive UTC ``YYYY-MM-DD HH:MM:SS.ffffff``,
UUIDs as 32 hex digits), so both paths read each other's rows.
"""

from __future__ import annotations

import asyncio
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.storage.base import utcnow
from bot.storage.turns.batch import Batcher, isolating
from bot.storage.turns.records import Snapshot, TurnWrite, WriteResult, text_hash
from bot.storage.turns.sql import SEEN_EVERY, SqlTurns, replay_each

T = TypeVar("T")
Key = tuple[str, str]

SNAPSHOT_SQL = """
SELECT u.id, s.state, s.version, v.id, t.id, t.status, s.turn_id
FROM users u
LEFT JOIN conversation_states s ON s.user_id = u.id
LEFT JOIN volunteers v ON v.channel = u.channel AND v.external_id = u.external_id
LEFT JOIN tickets t ON t.citizen_id = u.id AND t.status IN ('open', 'claimed')
WHERE u.channel = ? AND u.external_id = ?
ORDER BY t.id DESC LIMIT 1
"""
NEW_USER_SQL = """
INSERT INTO users (channel, external_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)
ON CONFLICT (channel, external_id) DO NOTHING
"""
USER_SQL = "SELECT id FROM users WHERE channel = ? AND external_id = ?"
VOLUNTEER_SQL = "SELECT id FROM volunteers WHERE channel = ? AND external_id = ?"
UPDATE_STATE_SQL = """
UPDATE conversation_states SET state = ?, version = ?, updated_at = ?, turn_id = ?
WHERE user_id = ? AND version = ? AND turn_id IS ?
"""
INSERT_STATE_SQL = """
INSERT INTO conversation_states (user_id, state, version, updated_at, turn_id)
VALUES (?, ?, 1, ?, ?)
ON CONFLICT (user_id) DO NOTHING
"""
SEEN_SQL = "UPDATE users SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?"
MESSAGE_SQL = """
INSERT INTO messages (user_id, event_id, direction, text, action, created_at, channel, outcome,
                      procedure_id, locality)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING
"""
FEEDBACK_SQL = """
INSERT INTO feedback (user_id, event_id, channel, procedure_id, positive, reason, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING
"""
UNMET_SQL = """
INSERT INTO unmet_requests (user_id, event_id, channel, reason, text, candidates, procedure_id,
                            locality, context, detail, dedupe_key, created_at, updated_at)
SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12
WHERE NOT EXISTS (SELECT 1 FROM unmet_ignore_rules WHERE key_hash = ?13)
  AND NOT EXISTS (
    SELECT 1 FROM unmet_requests WHERE user_id = ?1 AND dedupe_key = ?11 AND status = 'new'
  )
ON CONFLICT (event_id) DO NOTHING
"""


def _ts(moment: datetime) -> str:
    """As SQLAlchemy stores a UTC datetime on SQLite."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


class SqliteTurns:
    def __init__(self, engine: AsyncEngine, path: str, timeout: float) -> None:
        self.engine, self.path, self.timeout = engine, path, timeout
        self.core = SqlTurns(engine, serialize_writes=True)
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="motcua-sqlite")
        self._db: sqlite3.Connection | None = None  # used in that thread only
        self._closed = False
        self._reads: Batcher[Key, Snapshot] = Batcher(
            self._read_batch, workers=1, key=lambda key: key
        )
        self._writes: Batcher[TurnWrite, WriteResult] = Batcher(
            self._write_batch, workers=1, key=lambda write: write.user_id
        )

    async def read(self, channel: str, external_id: str) -> Snapshot:
        return await self._reads.submit((channel, external_id))

    async def write(self, write: TurnWrite) -> WriteResult:
        if not write.simple:
            return await self.core.write(write)
        return await self._writes.submit(write)

    async def replay(self, writes: list[TurnWrite]) -> None:
        await replay_each(writes, self.write, self.core)

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        await self._reads.close()
        await self._writes.close()
        await self._in_thread(self._close, None)
        self._thread.shutdown(wait=True)

    # --- batches, run in the thread -----------------------------------------------------------
    async def _read_batch(self, _: int, keys: list[Key]) -> list[Snapshot | BaseException]:
        return await isolating(lambda items: self._in_thread(self._read_all, items), keys)

    async def _write_batch(
        self, _: int, writes: list[TurnWrite]
    ) -> list[WriteResult | BaseException]:
        return await isolating(lambda items: self._in_thread(self._write_all, items), writes)

    async def _in_thread(self, call: Any, argument: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._thread, call, argument)

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            db = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
            db.execute("PRAGMA foreign_keys=ON")
            db.execute("PRAGMA secure_delete=ON")
            db.execute(f"PRAGMA busy_timeout={int(self.timeout * 1000)}")
            self._db = db
        return self._db

    def _close(self, _: object) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _read_all(self, keys: list[Key]) -> list[Snapshot]:
        db = self._connection()
        out = []
        for channel, external_id in keys:
            row = db.execute(SNAPSHOT_SQL, (channel, external_id)).fetchone()
            if row is not None:
                user, state, version, volunteer, ticket, status, turn = row
                turn_id = UUID(hex=turn) if turn else None
                snapshot = Snapshot.stored(user, state, version, volunteer, ticket, status, turn_id)
                out.append(snapshot)
                continue
            now = _ts(utcnow())
            db.execute(NEW_USER_SQL, (channel, external_id, now, now))
            [user_id] = db.execute(USER_SQL, (channel, external_id)).fetchone()
            volunteer = db.execute(VOLUNTEER_SQL, (channel, external_id)).fetchone()
            out.append(Snapshot(user_id, volunteer=volunteer is not None))
        return out

    def _write_all(self, writes: list[TurnWrite]) -> list[WriteResult]:
        db = self._connection()
        db.execute("BEGIN IMMEDIATE")
        try:
            results = [self._apply(db, write) for write in writes]
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        return results

    def _apply(self, db: sqlite3.Connection, write: TurnWrite) -> WriteResult:
        user, at = write.user_id, _ts(write.at)
        if write.state is not None:
            base, turn = write.base_version, write.turn_id.hex
            read = write.base_turn.hex if write.base_turn else None
            stored = db.execute(
                UPDATE_STATE_SQL, (write.state, base + 1, at, turn, user, base, read)
            ).rowcount
            if not stored and base == 0:
                stored = db.execute(INSERT_STATE_SQL, (user, write.state, at, turn)).rowcount
            if not stored:
                return WriteResult(False)  # overtaken: nothing of this turn is written
        db.execute(SEEN_SQL, (at, user, _ts(write.at - SEEN_EVERY)))
        db.executemany(
            MESSAGE_SQL,
            [
                (
                    *(user, m.event_id.hex, m.direction, m.text, m.action, _ts(m.created_at)),
                    *(m.channel, m.outcome, m.procedure_id, m.locality),
                )
                for m in write.messages
            ],
        )
        db.executemany(
            FEEDBACK_SQL,
            [
                (
                    user,
                    f.event_id.hex,
                    f.channel,
                    f.procedure_id,
                    f.positive,
                    f.reason,
                    _ts(f.created_at),
                )
                for f in write.feedback
            ],
        )
        fresh = tuple(
            db.execute(
                UNMET_SQL,
                (
                    *(user, u.event_id.hex, u.channel, u.reason, u.text, u.candidates),
                    *(u.procedure_id, u.locality, u.context, u.detail, u.dedupe_key),
                    *(_ts(u.created_at), text_hash(u.text)),
                ),
            ).rowcount
            == 1
            for u in write.unmet
        )
        return WriteResult(True, fresh)
