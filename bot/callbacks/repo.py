"""Reading and writing call-backs; their erasure with the citizen's data and their purge.

Importing this module registers the erasers in :mod:`bot.storage.privacy` (by citizen, by
phone number), so /xoadulieu and the dashboard's erasure also delete call-backs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, func, or_, select, true, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, async_sessionmaker

from bot.callbacks.models import STATUSES, Callback
from bot.storage.base import utcnow
from bot.storage.database import for_writing, retry_locked
from bot.storage.privacy import CITIZEN_ERASERS, PHONE_ERASERS
from handlers.events import CallbackRecord

PURGE_BATCH = 1000


@dataclass(frozen=True)
class CallbackRow:
    id: int
    channel: str
    phone: str
    slot: str
    procedure_id: str | None
    locality: str | None
    context: tuple[str, ...]
    status: str
    created_at: datetime
    updated_at: datetime
    updated_by: str | None

    def __repr__(self) -> str:  # printed by accident, it shows no number
        return f"CallbackRow(id={self.id}, status={self.status!r})"


def _row(c: Callback) -> CallbackRow:
    try:
        context = json.loads(c.context)
    except ValueError:
        context = []
    return CallbackRow(
        id=c.id,
        channel=c.channel,
        phone=c.phone,
        slot=c.slot,
        procedure_id=c.procedure_id,
        locality=c.locality,
        context=tuple(str(line) for line in context if isinstance(line, str)),
        status=c.status,
        created_at=c.created_at,
        updated_at=c.updated_at,
        updated_by=c.updated_by,
    )


def _scope(places: frozenset[str] | None) -> ColumnElement[bool]:
    """The call-backs an account may see: ``places`` are its ward's place values (None: every
    ward); a call-back whose place is not known is for every ward, as a ticket is."""
    if places is None:
        return true()
    return or_(Callback.locality.is_(None), Callback.locality == "", Callback.locality.in_(places))


class CallbackRepo:
    def __init__(self, engine: AsyncEngine) -> None:
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)
        self._writes = async_sessionmaker(for_writing(engine), expire_on_commit=False)

    @retry_locked
    async def add(
        self, citizen_id: int | None, channel: str, external_id: str, record: CallbackRecord
    ) -> int:
        """Store a call-back. A citizen waits for one call per channel: a new number or time
        replaces the one still waiting (so a turn handled twice stores it once)."""
        now = utcnow()
        values = {
            "citizen_id": citizen_id or None,
            "phone": record.phone,
            "slot": record.when,
            "procedure_id": record.procedure_id,
            "locality": record.locality,
            "context": json.dumps(list(record.context), ensure_ascii=False),
            "updated_at": now,
        }
        async with self._writes.begin() as session:
            waiting = await session.scalar(
                select(Callback.id).where(
                    Callback.channel == channel,
                    Callback.external_id == external_id,
                    Callback.status == "pending",
                )
            )
            if waiting is not None:
                await session.execute(
                    update(Callback).where(Callback.id == waiting).values(**values)
                )
                return int(waiting)
            row = Callback(
                channel=channel, external_id=external_id, status="pending", created_at=now, **values
            )
            session.add(row)
            await session.flush()
            return int(row.id)

    async def listing(
        self, status: str | None = None, limit: int = 200, places: frozenset[str] | None = None
    ) -> list[CallbackRow]:
        """Newest first; the waiting ones first when no status is asked for. ``places``: only
        the call-backs of one ward (:func:`_scope`)."""
        query = select(Callback).where(_scope(places))
        if status is not None:
            query = query.where(Callback.status == status)
        order = (Callback.status != "pending", Callback.created_at.desc(), Callback.id.desc())
        async with self._sessions() as session:
            rows = await session.scalars(query.order_by(*order).limit(limit))
            return [_row(c) for c in rows]

    async def counts(self, places: frozenset[str] | None = None) -> dict[str, int]:
        async with self._sessions() as session:
            found = await session.execute(
                select(Callback.status, func.count())
                .where(_scope(places))
                .group_by(Callback.status)
            )
            counts = dict.fromkeys(STATUSES, 0)
            counts.update({str(s): int(n) for s, n in found})
            return counts

    async def get(self, callback_id: int) -> CallbackRow | None:
        async with self._sessions() as session:
            found = await session.get(Callback, callback_id)
            return _row(found) if found is not None else None

    @retry_locked
    async def set_status(
        self, callback_id: int, status: str, by: str, places: frozenset[str] | None = None
    ) -> bool:
        """False when there is no such call-back, or it is not of the ward ``places`` names."""
        if status not in STATUSES:
            raise ValueError(f"unknown call-back status {status!r}")
        async with self._writes.begin() as session:
            result = await session.execute(
                update(Callback)
                .where(Callback.id == callback_id, _scope(places))
                .values(status=status, updated_by=by[:64], updated_at=utcnow())
            )
            return bool(result.rowcount)  # type: ignore[attr-defined]


async def held_callbacks(engine: AsyncEngine, channel: str, external_id: str) -> int:
    """How many call-backs are kept for this citizen on this channel (for "/dulieu")."""
    async with engine.connect() as conn:
        found = await conn.scalar(
            select(func.count())
            .select_from(Callback)
            .where(Callback.channel == channel, Callback.external_id == external_id)
        )
        return int(found or 0)


async def purge_callbacks(
    engine: AsyncEngine, days: int, now: datetime | None = None, batch: int = PURGE_BATCH
) -> int:
    """Delete call-backs created more than ``days`` days ago, whatever their status."""
    cutoff = (now or utcnow()) - timedelta(days=days)
    total = 0
    while True:
        async with engine.begin() as conn:
            chosen = select(Callback.id).where(Callback.created_at < cutoff).limit(batch)
            result = await conn.execute(delete(Callback).where(Callback.id.in_(chosen)))
        count = int(result.rowcount or 0)
        total += count
        if count < batch:
            return total


async def _erase_citizen(
    conn: AsyncConnection, channel: str, external_id: str, user_ids: list[int]
) -> int:
    mine = (Callback.channel == channel) & (Callback.external_id == external_id)
    if user_ids:
        mine = mine | Callback.citizen_id.in_(user_ids)
    result = await conn.execute(delete(Callback).where(mine))
    return int(result.rowcount or 0)


def national(digits: str) -> str:
    """``84912345678`` → ``0912345678``: the form call-backs are stored in."""
    if digits.startswith("84") and len(digits) in (11, 12):
        return "0" + digits[2:]
    return digits


async def _erase_phone(conn: AsyncConnection, digits: str) -> int:
    result = await conn.execute(delete(Callback).where(Callback.phone == national(digits)))
    return int(result.rowcount or 0)


if _erase_citizen not in CITIZEN_ERASERS:
    CITIZEN_ERASERS.append(_erase_citizen)
if _erase_phone not in PHONE_ERASERS:
    PHONE_ERASERS.append(_erase_phone)
