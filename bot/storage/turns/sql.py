"""A turn's read and write in SQLAlchemy Core: every backend, and the reference behaviour.

:class:`SqlTurns` serves SQLite, every write set with unmet requests or feedback, the replay of
the spool, and the :class:`~bot.storage.repository.Storage` methods that store one row. The
PostgreSQL fast path (:mod:`bot.storage.turns.pg`) does the common case in one statement each way
and must behave exactly like this module.

A write is one transaction: the state (only if it is still the one read: same version, written
by the same turn; else nothing is written and the caller runs the turn again),
``users.last_seen_at`` (at most once a minute), then the rows, each inserted only if its
``event_id`` is not there yet. ``replay=True`` applies a write set from the spool: rows are still
inserted at most once, and a state is applied only if nothing changed it since it was read (so a
write set replayed twice applies once, and a state another instance wrote meanwhile stays).
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, Insert, Select, Table, and_, select, update
from sqlalchemy.dialects import sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.handoff.models import Ticket, Volunteer
from bot.storage.admin_models import IgnoreRule
from bot.storage.base import utcnow
from bot.storage.models import ConversationState, Feedback, Message, UnmetRequest, User
from bot.storage.turns.records import (
    FeedbackWrite,
    Snapshot,
    TurnWrite,
    UnmetWrite,
    WriteResult,
    text_hash,
)

log = logging.getLogger("motcua.storage")

SEEN_EVERY = timedelta(seconds=60)  # users.last_seen_at is refreshed at most this often
ACTIVE_TICKETS = ("open", "claimed")
users, states = cast(Table, User.__table__), cast(Table, ConversationState.__table__)
messages, unmet_requests = cast(Table, Message.__table__), cast(Table, UnmetRequest.__table__)
feedback = cast(Table, Feedback.__table__)
volunteers, tickets = cast(Table, Volunteer.__table__), cast(Table, Ticket.__table__)


@functools.cache
def _snapshot_query() -> Select[Any]:
    """User, state, volunteer link and active ticket in one query (built once)."""
    return (
        select(
            users.c.id,
            states.c.state,
            states.c.version,
            volunteers.c.id.label("volunteer_id"),
            tickets.c.id.label("ticket_id"),
            tickets.c.status.label("ticket_status"),
            states.c.turn_id,
        )
        .select_from(
            users.outerjoin(states, states.c.user_id == users.c.id)
            .outerjoin(
                volunteers,
                and_(
                    volunteers.c.channel == users.c.channel,
                    volunteers.c.external_id == users.c.external_id,
                ),
            )
            .outerjoin(
                tickets,
                and_(tickets.c.citizen_id == users.c.id, tickets.c.status.in_(ACTIVE_TICKETS)),
            )
        )
        .order_by(tickets.c.id.desc())
        .limit(1)
    )


class Conflict(Exception):
    """The state's version moved on since the turn read it."""


class SqlTurns:
    """Reads and writes turns through an :class:`AsyncEngine`.

    ``serialize_writes``: one write transaction at a time in this process (SQLite has a single
    writer; waiting on an asyncio lock is cheaper and fairer than on the file lock).
    """

    def __init__(self, engine: AsyncEngine, *, serialize_writes: bool = False) -> None:
        self.engine = engine
        self._postgres = engine.dialect.name == "postgresql"
        self._write_lock = asyncio.Lock() if serialize_writes else None

    @property
    def core(self) -> SqlTurns:
        """What the fast paths fall back to: this, for this one."""
        return self

    async def close(self) -> None:
        """Nothing of its own to close (the engine belongs to the storage)."""

    # --- read ---------------------------------------------------------------------------------
    async def read(self, channel: str, external_id: str) -> Snapshot:
        query = _snapshot_query().where(
            users.c.channel == channel, users.c.external_id == external_id
        )
        async with self.engine.connect() as connection:
            row = (await connection.execute(query)).first()
        if row is not None:
            return Snapshot.stored(*row)
        return await self.first_sight(channel, external_id)

    async def first_sight(self, channel: str, external_id: str) -> Snapshot:
        """Create the user (if a concurrent call has not) and say whether it is a volunteer."""
        async with self._writing(), self.engine.begin() as connection:
            user_id = await self.user_id(connection, channel, external_id)
            volunteer = await connection.scalar(
                select(volunteers.c.id).where(
                    volunteers.c.channel == channel, volunteers.c.external_id == external_id
                )
            )
        return Snapshot(user_id, volunteer=volunteer is not None)

    async def user_id(self, connection: AsyncConnection, channel: str, external_id: str) -> int:
        """The user's id, inserted if absent (insert-if-absent, safe against a concurrent one)."""
        where = (users.c.channel == channel, users.c.external_id == external_id)
        found = await connection.scalar(select(users.c.id).where(*where))
        if found is not None:
            return int(found)
        now = utcnow()
        insert = self._insert(users).values(
            channel=channel, external_id=external_id, created_at=now, last_seen_at=now
        )
        created = await connection.scalar(
            insert.on_conflict_do_nothing(index_elements=["channel", "external_id"]).returning(
                users.c.id
            )
        )
        if created is None:  # a concurrent transaction inserted it first
            created = await connection.scalar(select(users.c.id).where(*where))
        return int(created)

    # --- write --------------------------------------------------------------------------------
    async def write(self, write: TurnWrite) -> WriteResult:
        """Commit one turn; ``ok`` False (and nothing written) on a version conflict."""
        try:
            async with self._writing(), self.engine.begin() as connection:
                return await self.apply(connection, write, replay=False)
        except Conflict:
            return WriteResult(False)

    async def replay(self, writes: Sequence[TurnWrite]) -> None:
        """Apply write sets from the spool, in order, in one transaction (idempotent)."""
        async with self._writing(), self.engine.begin() as connection:
            for write in writes:
                await self.apply(connection, write, replay=True)

    async def apply(
        self, connection: AsyncConnection, write: TurnWrite, *, replay: bool
    ) -> WriteResult:
        user_id = write.user_id
        if user_id is None:
            user_id = await self.user_id(connection, write.channel, write.external_id)
        if write.state is not None and not await self._state(connection, user_id, write):
            if not replay:
                raise Conflict
            log.warning(
                "replay: the state of user %s changed since it was spooled; kept the database's",
                user_id,
            )
        await connection.execute(
            update(users)
            .where(users.c.id == user_id, users.c.last_seen_at < write.at - SEEN_EVERY)
            .values(last_seen_at=write.at)
        )
        if write.messages:
            rows = [
                {
                    "event_id": m.event_id,
                    "user_id": user_id,
                    "direction": m.direction,
                    "text": m.text,
                    "action": m.action,
                    "channel": m.channel,
                    "outcome": m.outcome,
                    "procedure_id": m.procedure_id,
                    "locality": m.locality,
                    "created_at": m.created_at,
                }
                for m in write.messages
            ]
            await connection.execute(self._insert_once(messages), rows)
        fresh = tuple([await self._unmet(connection, user_id, u) for u in write.unmet])
        for item in write.feedback:
            await self._feedback(connection, user_id, item)
        return WriteResult(True, fresh)

    async def _state(self, connection: AsyncConnection, user_id: int, write: TurnWrite) -> bool:
        """Store the state if it is still the one the write read; False otherwise."""
        base = write.base_version
        values = {"state": write.state, "updated_at": write.at, "turn_id": write.turn_id}
        changed = await connection.execute(
            update(states)
            .where(
                states.c.user_id == user_id,
                states.c.version == base,
                states.c.turn_id.is_not_distinct_from(write.base_turn),
            )
            .values(version=base + 1, **values)
        )
        if changed.rowcount:
            return True
        if base != 0:
            return False
        inserted = await connection.execute(
            self._insert(states)
            .values(user_id=user_id, version=1, **values)
            .on_conflict_do_nothing(index_elements=["user_id"])
        )
        return bool(inserted.rowcount)

    async def _unmet(self, connection: AsyncConnection, user_id: int, item: UnmetWrite) -> bool:
        """Insert unless ignored forever, or the same request of this user awaits review."""
        if await connection.scalar(
            select(IgnoreRule.id).where(IgnoreRule.key_hash == text_hash(item.text)).limit(1)
        ):
            return False
        pending = await connection.scalar(
            select(unmet_requests.c.id)
            .where(
                unmet_requests.c.user_id == user_id,
                unmet_requests.c.dedupe_key == item.dedupe_key,
                unmet_requests.c.status == "new",
            )
            .limit(1)
        )
        if pending is not None:
            return False
        values = _fields(item) | {"user_id": user_id, "updated_at": item.created_at}
        inserted = await connection.execute(self._insert_once(unmet_requests).values(values))
        return bool(inserted.rowcount)

    async def _feedback(
        self, connection: AsyncConnection, user_id: int, item: FeedbackWrite
    ) -> None:
        if item.amend and item.reason and await self._amend(connection, user_id, item):
            return
        values = _fields(item, skip=("amend",)) | {"user_id": user_id}
        await connection.execute(self._insert_once(feedback).values(values))

    async def _amend(self, connection: AsyncConnection, user_id: int, item: FeedbackWrite) -> bool:
        """Give the citizen's latest 👎 on this procedure (and its unmet request) the reason.

        True when done, or already done by an earlier run of this write set (its reason is
        this reason): amending again would pick an older row, and a new row would duplicate.
        """
        latest = (
            await connection.execute(
                select(feedback.c.id, feedback.c.reason)
                .where(
                    feedback.c.user_id == user_id,
                    _same(feedback.c.procedure_id, item.procedure_id),
                    feedback.c.positive == item.positive,
                )
                .order_by(feedback.c.id.desc())
                .limit(1)
            )
        ).first()
        if latest is None or latest.reason not in (None, item.reason):
            return False
        if latest.reason == item.reason:
            return True
        await connection.execute(
            update(feedback).where(feedback.c.id == latest.id).values(reason=item.reason)
        )
        request = await connection.scalar(
            select(unmet_requests.c.id)
            .where(
                unmet_requests.c.user_id == user_id,
                unmet_requests.c.reason == "thumbs_down",
                _same(unmet_requests.c.procedure_id, item.procedure_id),
                unmet_requests.c.detail.is_(None),
            )
            .order_by(unmet_requests.c.id.desc())
            .limit(1)
        )
        if request is not None:
            await connection.execute(
                update(unmet_requests)
                .where(unmet_requests.c.id == request)
                .values(detail=item.reason)
            )
        return True

    # --- helpers ------------------------------------------------------------------------------
    def _writing(self) -> asyncio.Lock | _NoLock:
        return self._write_lock or _NO_LOCK

    def _insert(self, table: Any) -> Any:
        if self._postgres:
            from sqlalchemy.dialects import postgresql  # loaded on PostgreSQL only

            return postgresql.insert(table)
        return sqlite.insert(table)

    def _insert_once(self, table: Any) -> Insert:
        insert = self._insert(table)
        result: Insert = insert.on_conflict_do_nothing(index_elements=["event_id"])
        return result


def _same(column: Any, value: str | None) -> ColumnElement[bool]:
    result: ColumnElement[bool] = column.is_(None) if value is None else column == value
    return result


def _fields(row: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {name: getattr(row, name) for name in row.__slots__ if name not in skip}


class _NoLock:
    async def __aenter__(self) -> None:
        return None

    async def __aexit__(self, *exc: object) -> None:
        return None


_NO_LOCK = _NoLock()


async def replay_each(
    writes: Sequence[TurnWrite],
    write: Callable[[TurnWrite], Awaitable[WriteResult]],
    core: SqlTurns,
) -> None:
    """Replay through a fast path's ``write``: a state overtaken meanwhile is not applied, its
    rows are (as :meth:`SqlTurns.replay`); what the fast path cannot do goes to ``core``.

    Each citizen's write sets go in order; different citizens' go concurrently, so that the
    fast path batches them (a replay catches up with a backlog quickly)."""

    async def one_citizen(items: list[TurnWrite]) -> None:
        for item in items:
            if not item.simple:
                await core.replay([item])
            elif not (await write(item)).ok:
                log.warning("replay: a state changed since it was spooled; kept the database's")
                rows = TurnWrite(item.channel, item.external_id, item.user_id, at=item.at)
                rows.messages, rows.unmet, rows.feedback = item.messages, item.unmet, item.feedback
                await write(rows)

    citizens: dict[tuple[str, str], list[TurnWrite]] = {}
    for item in writes:
        citizens.setdefault((item.channel, item.external_id), []).append(item)
    results = await asyncio.gather(
        *(one_citizen(items) for items in citizens.values()), return_exceptions=True
    )
    for result in results:
        if isinstance(result, BaseException):
            raise result
