"""The PostgreSQL fast path: turns read and written in batches, one statement per batch.

Through SQLAlchemy a turn cost about eight transactions and three times as many round trips,
which capped a 2-core machine at ~50 messages/s. Here a few asyncpg connections of its own
(``lanes`` for reads, as many for writes) run two prepared statements, outside any explicit
transaction (a statement is atomic on its own):

- the snapshot of every waiting turn: user, state and version, volunteer link, active ticket
  (and, for users seen for the first time, one more statement that creates them);
- the write of every waiting turn: the conditional state upserts, ``last_seen_at``, the
  message rows, unmet requests (unless ignored forever, or the same one of this user still
  awaits review) and feedback, in data-modifying CTEs; a turn's rows are inserted only if its
  state was stored.

Calls are batched naturally (:mod:`bot.storage.turns.batch`): alone, a call goes at once; under load
everything that arrived during the previous round trip goes in the next. One instance handles a
citizen's turns one at a time, so a batch never holds two writes of one user (the batcher makes
sure anyway). If the database refuses a batch for a reason other than an outage, the batch is
split until the bad read or write is alone (:func:`~bot.storage.turns.batch.isolating`), so that it
does not take its neighbours down with it.

A 👎's reason (amending the earlier row) and a user the first-sight statement lost to another
instance go to :class:`~bot.storage.turns.sql.SqlTurns`, which defines the behaviour this module
must match (tests run both). A connection that failed is closed and opened again for the next
batch.
"""

from __future__ import annotations

from typing import Any

import asyncpg
from sqlalchemy import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.storage.base import utcnow
from bot.storage.turns.batch import Batcher, isolating
from bot.storage.turns.records import Snapshot, TurnWrite, WriteResult, text_hash
from bot.storage.turns.sql import SEEN_EVERY, SqlTurns, replay_each

READ_SQL = """
SELECT k.i, u.id, s.state, s.version, v.id, t.id, t.status, s.turn_id
FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(channel, external_id, i)
JOIN users u ON u.channel = k.channel AND u.external_id = k.external_id
LEFT JOIN conversation_states s ON s.user_id = u.id
LEFT JOIN volunteers v ON v.channel = u.channel AND v.external_id = u.external_id
LEFT JOIN LATERAL (
  SELECT t.id, t.status FROM tickets t
  WHERE t.citizen_id = u.id AND t.status IN ('open', 'claimed')
  ORDER BY t.id DESC LIMIT 1
) t ON true
"""
FIRST_SQL = """
WITH k AS (
  SELECT * FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(channel, external_id, i)
), created AS (
  INSERT INTO users (channel, external_id, created_at, last_seen_at)
  SELECT channel, external_id, $3::timestamptz, $3::timestamptz FROM k
  ON CONFLICT (channel, external_id) DO NOTHING
  RETURNING id, channel, external_id
)
SELECT k.i, c.id, v.id
FROM k
JOIN created c ON c.channel = k.channel AND c.external_id = k.external_id
LEFT JOIN volunteers v ON v.channel = k.channel AND v.external_id = k.external_id
"""
# Per turn: $1 user id, $2 state (NULL: leave the state alone), $3 version read, $4 time,
# $36 the turn's id, $37 the turn that wrote the state it read.
# Per message: $5 user id, $6.. its columns. $15 how stale last_seen_at may get.
# Per feedback: $16 user id, $17.. its columns. Per unmet request: $23 user id, $24.. its
# columns, $35 the hash its text is ignored by.
WRITE_SQL = """
WITH input AS (
  SELECT * FROM unnest($1::bigint[], $2::text[], $3::integer[], $4::timestamptz[],
                       $36::uuid[], $37::uuid[])
    AS i(user_id, state, base, at, turn, base_turn)
), changed AS (
  UPDATE conversation_states cs
  SET state = i.state, version = i.base + 1, updated_at = i.at, turn_id = i.turn
  FROM input i
  WHERE cs.user_id = i.user_id AND i.state IS NOT NULL AND cs.version = i.base
    AND cs.turn_id IS NOT DISTINCT FROM i.base_turn
  RETURNING cs.user_id
), created AS (
  INSERT INTO conversation_states (user_id, state, version, updated_at, turn_id)
  SELECT user_id, state, 1, at, turn FROM input WHERE state IS NOT NULL AND base = 0
  ON CONFLICT (user_id) DO NOTHING
  RETURNING user_id
), st AS (
  SELECT user_id FROM changed UNION ALL SELECT user_id FROM created
), ok AS (
  SELECT user_id FROM st UNION ALL SELECT user_id FROM input WHERE state IS NULL
), seen AS (
  UPDATE users u SET last_seen_at = i.at FROM input i
  WHERE u.id = i.user_id AND u.id IN (SELECT user_id FROM ok)
    AND u.last_seen_at < i.at - $15::interval
), m AS (
  INSERT INTO messages
    (user_id, event_id, direction, text, action, created_at, channel, outcome, procedure_id,
     locality)
  SELECT r.u, r.e, r.d, r.x, r.a, r.c, r.ch, r.o, r.p, r.l
  FROM unnest($5::bigint[], $6::uuid[], $7::text[], $8::text[], $9::text[],
              $10::timestamptz[], $11::text[], $12::text[], $13::text[], $14::text[])
    AS r(u, e, d, x, a, c, ch, o, p, l)
  WHERE r.u IN (SELECT user_id FROM ok)
  ON CONFLICT (event_id) DO NOTHING
), fb AS (
  INSERT INTO feedback (user_id, event_id, channel, procedure_id, positive, reason, created_at)
  SELECT f.u, f.e, f.ch, f.p, f.pos, f.r, f.c
  FROM unnest($16::bigint[], $17::uuid[], $18::text[], $19::text[], $20::boolean[],
              $21::text[], $22::timestamptz[]) AS f(u, e, ch, p, pos, r, c)
  WHERE f.u IN (SELECT user_id FROM ok)
  ON CONFLICT (event_id) DO NOTHING
), un AS (
  INSERT INTO unmet_requests
    (user_id, event_id, channel, reason, text, candidates, procedure_id, locality, context,
     detail, dedupe_key, created_at, updated_at)
  SELECT q.u, q.e, q.ch, q.reason, q.x, q.cand, q.p, q.l, q.ctx, q.det, q.dk, q.c, q.c
  FROM unnest($23::bigint[], $24::uuid[], $25::text[], $26::text[], $27::text[], $28::text[],
              $29::text[], $30::text[], $31::text[], $32::text[], $33::text[],
              $34::timestamptz[], $35::text[])
    AS q(u, e, ch, reason, x, cand, p, l, ctx, det, dk, c, kh)
  WHERE q.u IN (SELECT user_id FROM ok)
    AND NOT EXISTS (SELECT 1 FROM unmet_ignore_rules r WHERE r.key_hash = q.kh)
    AND NOT EXISTS (
      SELECT 1 FROM unmet_requests o
      WHERE o.user_id = q.u AND o.dedupe_key = q.dk AND o.status = 'new'
    )
  ON CONFLICT (event_id) DO NOTHING
  RETURNING event_id
)
SELECT user_id, NULL::uuid FROM st UNION ALL SELECT NULL, event_id FROM un
"""

Key = tuple[str, str]


def asyncpg_dsn(url: str) -> str:
    """A ``postgresql://`` URL as asyncpg reads it (driver name dropped, password kept)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


class PgTurns:
    def __init__(self, engine: AsyncEngine, dsn: str, timeout: float, lanes: int = 2) -> None:
        self.engine, self.dsn, self.timeout = engine, dsn, timeout
        self.core = SqlTurns(engine)
        self._connections: list[asyncpg.Connection | None] = [None] * (2 * lanes)
        self._lanes = lanes
        self._reads: Batcher[Key, Snapshot | None] = Batcher(
            self._read_batch, workers=lanes, key=lambda key: key
        )
        self._writes: Batcher[TurnWrite, WriteResult] = Batcher(
            self._write_batch, workers=lanes, key=lambda write: write.user_id
        )

    # --- the turn's read and write ------------------------------------------------------------
    async def read(self, channel: str, external_id: str) -> Snapshot:
        snapshot = await self._reads.submit((channel, external_id))
        if snapshot is None:  # created by another instance between our two statements
            return await self.core.first_sight(channel, external_id)
        return snapshot

    async def write(self, write: TurnWrite) -> WriteResult:
        if not write.simple:
            return await self.core.write(write)
        return await self._writes.submit(write)

    async def replay(self, writes: list[TurnWrite]) -> None:
        await replay_each(writes, self._writes.submit, self.core)

    async def close(self) -> None:
        await self._reads.close()
        await self._writes.close()
        for index, connection in enumerate(self._connections):
            if connection is not None:
                self._connections[index] = None
                connection.terminate()

    # --- batches ------------------------------------------------------------------------------
    async def _read_batch(
        self, lane: int, keys: list[Key]
    ) -> list[Snapshot | BaseException | None]:
        return await isolating(lambda items: self._read_all(lane, items), keys)

    async def _read_all(self, lane: int, keys: list[Key]) -> list[Snapshot | None]:
        channels, ids = [k[0] for k in keys], [k[1] for k in keys]
        found = {
            row[0]: Snapshot.stored(*row[1:])
            for row in await self._fetch(lane, READ_SQL, channels, ids)
        }
        new = [i for i in range(1, len(keys) + 1) if i not in found]
        if new:
            rows = await self._fetch(
                lane, FIRST_SQL, [channels[i - 1] for i in new], [ids[i - 1] for i in new], utcnow()
            )
            for row in rows:
                found[new[row[0] - 1]] = Snapshot(row[1], volunteer=row[2] is not None)
        return [found.get(i) for i in range(1, len(keys) + 1)]

    async def _write_batch(
        self, lane: int, writes: list[TurnWrite]
    ) -> list[WriteResult | BaseException]:
        return await isolating(lambda items: self._write_all(lane, items), writes)

    async def _write_all(self, lane: int, writes: list[TurnWrite]) -> list[WriteResult]:
        ms = [(w.user_id, m) for w in writes for m in w.messages]
        fs = [(w.user_id, f) for w in writes for f in w.feedback]
        us = [(w.user_id, u) for w in writes for u in w.unmet]
        rows = await self._fetch(
            self._lanes + lane,
            WRITE_SQL,
            [w.user_id for w in writes],
            [w.state for w in writes],
            [w.base_version for w in writes],
            [w.at for w in writes],
            [u for u, _ in ms],
            [m.event_id for _, m in ms],
            [m.direction for _, m in ms],
            [m.text for _, m in ms],
            [m.action for _, m in ms],
            [m.created_at for _, m in ms],
            [m.channel for _, m in ms],
            [m.outcome for _, m in ms],
            [m.procedure_id for _, m in ms],
            [m.locality for _, m in ms],
            SEEN_EVERY,
            [u for u, _ in fs],
            [f.event_id for _, f in fs],
            [f.channel for _, f in fs],
            [f.procedure_id for _, f in fs],
            [f.positive for _, f in fs],
            [f.reason for _, f in fs],
            [f.created_at for _, f in fs],
            [u for u, _ in us],
            [q.event_id for _, q in us],
            [q.channel for _, q in us],
            [q.reason for _, q in us],
            [q.text for _, q in us],
            [q.candidates for _, q in us],
            [q.procedure_id for _, q in us],
            [q.locality for _, q in us],
            [q.context for _, q in us],
            [q.detail for _, q in us],
            [q.dedupe_key for _, q in us],
            [q.created_at for _, q in us],
            [text_hash(q.text) for _, q in us],
            [w.turn_id for w in writes],
            [w.base_turn for w in writes],
        )
        stored = {row[0] for row in rows if row[0] is not None}
        fresh = {row[1] for row in rows if row[1] is not None}
        return [
            WriteResult(
                w.state is None or w.user_id in stored,
                tuple(u.event_id in fresh for u in w.unmet),
            )
            for w in writes
        ]

    async def _fetch(self, index: int, sql: str, *args: Any) -> list[Any]:
        connection = self._connections[index]
        if connection is None or connection.is_closed():
            connection = await asyncpg.connect(
                self.dsn, timeout=self.timeout, command_timeout=self.timeout
            )
            self._connections[index] = connection
        try:
            return list(await connection.fetch(sql, *args, timeout=self.timeout))
        except BaseException:  # lost, timed out or cancelled mid-statement: do not reuse
            self._connections[index] = None
            connection.terminate()
            raise
