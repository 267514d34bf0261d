"""Citizens' data: what is held about one of them, their erasure, and the retention purge.

Everything held about a citizen hangs off their ``users`` row (channel and the platform's opaque
id): conversation state, message log, unmet requests, feedback, handoff tickets; web citizens
also have the web outbox (by external id). :func:`erase_citizen` deletes all of it in one
transaction (rows deleted, not flagged) and writes one audit entry saying that an erasure
happened, by whom and how many rows of each kind, never what they said. :func:`purge` deletes
what is older than the retention periods, in batches.

Before message-log and feedback rows go, their share of the statistics is folded into the
anonymous daily counts (:mod:`bot.storage.privacy_models`), so that past figures do not change.

Tables other features add for citizens (call-backs holding a phone number, for instance)
register an eraser in :data:`CITIZEN_ERASERS`, a purge step in :data:`PURGE_STEPS`, and, for a
request made by phone number, a :data:`PHONE_ERASERS` entry.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    and_,
    case,
    delete,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.sql.elements import ColumnElement

from bot.handoff.models import Ticket, Volunteer
from bot.storage.admin_models import AuditEntry
from bot.storage.base import UTCDateTime, utcnow
from bot.storage.deliveries import KEEP as DELIVERIES_KEEP
from bot.storage.deliveries import Delivery
from bot.storage.models import (
    ConversationState,
    Feedback,
    Message,
    UnmetRequest,
    User,
)
from bot.storage.outbox_models import KEEP as OUTBOX_KEEP
from bot.storage.outbox_models import WebOutboxMessage
from bot.storage.privacy_models import DailyCount, DailyFeedback
from bot.storage.stats_repo import day_bounds, local_day, local_today

log = logging.getLogger("motcua.privacy")

ERASE_ACTION = "privacy.erase"  # the audit log's action for an erasure
PURGE_BATCH = 1000
_LOCK = 0x6D637072  # "mcpr": PostgreSQL advisory lock of the purge's folding step

# Hooks for tables other features add. An eraser gets the open transaction, the channel, the
# platform's user id and the citizen's ``users`` ids (possibly none), and returns rows deleted.
CitizenEraser = Callable[[AsyncConnection, str, str, list[int]], Awaitable[int]]
CITIZEN_ERASERS: list[CitizenEraser] = []
# A phone eraser gets the open transaction and a normalised phone number; returns rows deleted.
PhoneEraser = Callable[[AsyncConnection, str], Awaitable[int]]
PHONE_ERASERS: list[PhoneEraser] = []
# A purge step gets the engine, "now" and the batch size; returns its name and rows deleted.
PurgeStep = Callable[[AsyncEngine, datetime, int], Awaitable[tuple[str, int]]]
PURGE_STEPS: list[PurgeStep] = []


# --- folding rows into anonymous daily counts -------------------------------------------------
async def _fold_messages(
    conn: AsyncConnection,
    where: ColumnElement[bool],
    source: str,
    unless: ColumnElement[bool] | None = None,
) -> None:
    """Add the incoming messages matching ``where`` to :class:`DailyCount`, per day; nothing if
    a :class:`DailyCount` row matches ``unless`` (the ``day`` rows, which mark a folded day,
    are written last)."""
    day = local_day(conn.dialect.name, Message.created_at)
    channel = func.coalesce(Message.channel, User.channel, "")
    outcome_sums = [
        func.coalesce(func.sum(case((Message.outcome == name, 1), else_=0)), 0)
        for name in ("answer", "clarify", "unmet")
    ]
    breakdowns: list[tuple[str, Any, list[ColumnElement[bool]]]] = [
        ("channel", channel, []),
        ("locality", Message.locality, [Message.locality.is_not(None)]),
        (
            "procedure",
            Message.procedure_id,
            [Message.outcome == "answer", Message.procedure_id.is_not(None)],
        ),
        ("day", literal(""), []),
    ]
    if unless is not None:
        breakdowns = [(d, v, [*extra, ~exists().where(unless)]) for d, v, extra in breakdowns]
    for dimension, value, extra in breakdowns:
        rows = (
            select(
                day,
                literal(dimension),
                func.coalesce(value, ""),
                literal(source),
                func.count(Message.id),
                func.count(func.distinct(Message.user_id)),
                *outcome_sums,
            )
            .select_from(Message)
            .join(User, User.id == Message.user_id)
            .where(Message.direction == "in", where, *extra)
            .group_by(day, value)
        )
        columns = ["day", "dimension", "value", "source", "messages", "users"]
        await conn.execute(
            insert(DailyCount).from_select([*columns, "answer", "clarify", "unmet"], rows)
        )


async def _fold_feedback(
    conn: AsyncConnection,
    where: ColumnElement[bool],
    source: str,
    unless: ColumnElement[bool] | None = None,
    *,
    reasons: Mapping[str, str],
) -> None:
    """Add the feedback rows matching ``where`` to :class:`DailyFeedback`, per day; nothing if
    a :class:`DailyFeedback` row matches ``unless``.

    ``reasons``: the labels of the 👎 reasons the citizen picks from, by code (with ``other``);
    a reason that is not one of them ("Khác: …" with the citizen's words) is kept as the
    ``other`` label only.
    """
    day = local_day(conn.dialect.name, Feedback.created_at)
    reason = case(
        (Feedback.reason.is_(None), None),
        (Feedback.reason.in_(tuple(reasons.values())), Feedback.reason),
        else_=literal(reasons["other"]),
    )
    procedure = func.coalesce(Feedback.procedure_id, "")
    rows = (
        select(
            day,
            Feedback.channel,
            procedure,
            Feedback.positive,
            reason,
            literal(source),
            func.count(Feedback.id),
        )
        .where(where, *([~exists().where(unless)] if unless is not None else []))
        .group_by(day, Feedback.channel, procedure, Feedback.positive, reason)
    )
    columns = ["day", "channel", "procedure_id", "positive", "reason", "source", "count"]
    await conn.execute(insert(DailyFeedback).from_select(columns, rows))


# --- what is held about a citizen -------------------------------------------------------------
@dataclass(frozen=True)
class Held:
    """A summary of what is stored about one citizen on one channel (texts masked as stored)."""

    messages: int = 0
    first: datetime | None = None
    last: datetime | None = None
    unmet: int = 0
    feedback: int = 0
    tickets: int = 0
    state: bool = False
    recent: tuple[str, ...] = ()  # the last few things they wrote, as stored (masked)

    @property
    def empty(self) -> bool:
        return not (self.messages or self.unmet or self.feedback or self.tickets or self.state)


async def _user_ids(conn: AsyncConnection, channel: str, external_id: str) -> list[int]:
    found = await conn.scalars(
        select(User.id).where(User.channel == channel, User.external_id == external_id)
    )
    return list(found)


async def held(engine: AsyncEngine, channel: str, external_id: str, recent: int = 3) -> Held:
    async with engine.connect() as conn:
        ids = await _user_ids(conn, channel, external_id)
        if not ids:
            return Held()
        mine = Message.user_id.in_(ids)
        count, first, last = (
            await conn.execute(
                select(
                    func.count(Message.id),
                    func.min(Message.created_at),
                    func.max(Message.created_at),
                ).where(mine)
            )
        ).one()
        texts = await conn.scalars(
            select(Message.text)
            .where(mine, Message.direction == "in", Message.action.is_(None))
            .order_by(Message.created_at.desc(), Message.id.desc())
            .limit(recent)
        )

        async def number(table: Any, column: Any) -> int:
            return int(
                await conn.scalar(select(func.count()).select_from(table).where(column.in_(ids)))
                or 0
            )

        return Held(
            messages=int(count or 0),
            first=_aware(first),
            last=_aware(last),
            unmet=await number(UnmetRequest, UnmetRequest.user_id),
            feedback=await number(Feedback, Feedback.user_id),
            tickets=await number(Ticket, Ticket.citizen_id),
            state=await number(ConversationState, ConversationState.user_id) > 0,
            recent=tuple(reversed([t for t in texts if t])),
        )


def _aware(value: Any) -> datetime | None:
    if not isinstance(value, datetime):
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# --- erasure ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Erased:
    """What an erasure removed, by kind of row; ``volunteers`` held the citizen's ticket."""

    found: bool = False  # the citizen was known on this channel
    messages: int = 0
    states: int = 0
    unmet: int = 0
    feedback: int = 0
    tickets: int = 0
    outbox: int = 0
    other: int = 0  # rows of tables registered in CITIZEN_ERASERS
    volunteers: tuple[tuple[str, str, int], ...] = ()  # (channel, external id, ticket id)

    @property
    def rows(self) -> int:
        return (
            self.messages
            + self.states
            + self.unmet
            + self.feedback
            + self.tickets
            + self.outbox
            + self.other
        )

    def counts(self) -> dict[str, int]:
        return {
            "messages": self.messages,
            "states": self.states,
            "unmet": self.unmet,
            "feedback": self.feedback,
            "tickets": self.tickets,
            "outbox": self.outbox,
            "other": self.other,
        }


async def _deleted(conn: AsyncConnection, table: Any, where: ColumnElement[bool]) -> int:
    result = await conn.execute(delete(table).where(where))
    return int(result.rowcount or 0)


async def erase_citizen(
    engine: AsyncEngine,
    channel: str,
    external_id: str,
    *,
    by: str,
    via: str,
    reasons: Mapping[str, str],
) -> Erased:
    """Delete everything held about ``external_id`` on ``channel``, in one transaction.

    ``by`` names who carried it out in the audit log ("người dân" for the citizen themself, or
    the dashboard account), ``via`` how the request came ("chat", "dashboard"). The audit
    entry holds the channel and the counts, not the citizen's id or words.
    """
    async with engine.begin() as conn:
        # Writes first: on SQLite a transaction that reads first cannot write once another
        # connection has committed meanwhile; one that writes first waits for the lock.
        citizen = select(User.id).where(User.channel == channel, User.external_id == external_id)
        await _fold_messages(conn, Message.user_id.in_(citizen), "erase")
        await _fold_feedback(conn, Feedback.user_id.in_(citizen), "erase", reasons=reasons)
        ids = await _user_ids(conn, channel, external_id)
        mine = Message.user_id.in_(ids)
        theirs = or_(
            Ticket.citizen_id.in_(ids),
            and_(Ticket.channel == channel, Ticket.external_id == external_id),
        )
        claimed = await conn.execute(
            select(Volunteer.channel, Volunteer.external_id, Ticket.id)
            .join(Volunteer, Volunteer.id == Ticket.volunteer_id)
            .where(theirs, Ticket.status == "claimed")
        )
        volunteers = tuple((str(c), str(e), int(t)) for c, e, t in claimed)
        erased = Erased(
            found=bool(ids),
            messages=await _deleted(conn, Message, mine),
            states=await _deleted(conn, ConversationState, ConversationState.user_id.in_(ids)),
            unmet=await _deleted(conn, UnmetRequest, UnmetRequest.user_id.in_(ids)),
            feedback=await _deleted(conn, Feedback, Feedback.user_id.in_(ids)),
            tickets=await _deleted(conn, Ticket, theirs),
            outbox=(
                await _deleted(conn, WebOutboxMessage, WebOutboxMessage.external_id == external_id)
                if channel == "web"
                else 0
            ),
            other=sum(
                [await eraser(conn, channel, external_id, ids) for eraser in CITIZEN_ERASERS]
            ),
            volunteers=volunteers,
        )
        await _deleted(conn, User, User.id.in_(ids))
        await conn.execute(
            insert(AuditEntry).values(
                user_name=by[:64],
                action=ERASE_ACTION,
                target=channel[:255],
                detail=json.dumps({"via": via, "found": erased.found, **erased.counts()}),
                at=utcnow(),
            )
        )
    await _checkpoint(engine)
    return erased


async def erase_phone(engine: AsyncEngine, phone: str, *, by: str) -> int | None:
    """Delete what the registered :data:`PHONE_ERASERS` hold for ``phone``; None if no feature
    keeps phone numbers yet. Audited like :func:`erase_citizen` (without the number)."""
    if not PHONE_ERASERS:
        return None
    digits = "".join(ch for ch in phone if ch.isdigit())
    async with engine.begin() as conn:
        rows = sum([await eraser(conn, digits) for eraser in PHONE_ERASERS])
        await conn.execute(
            insert(AuditEntry).values(
                user_name=by[:64],
                action=ERASE_ACTION,
                target="phone",
                detail=json.dumps({"via": "dashboard", "other": rows}),
                at=utcnow(),
            )
        )
    await _checkpoint(engine)
    return rows


async def _checkpoint(engine: AsyncEngine) -> None:
    """SQLite: copy the write-ahead log into the database file and truncate it, so deleted text
    does not linger in the log (``secure_delete`` already zeroes it in the file)."""
    if engine.dialect.name != "sqlite":
        return
    try:
        async with engine.connect() as conn:
            await conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except Exception:  # a busy reader only delays it to SQLite's next automatic checkpoint
        log.warning("WAL checkpoint after a deletion did not complete", exc_info=True)


# --- retention --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Retention:
    """Days each kind of data is kept; 0 keeps it without limit."""

    messages: int = 90
    states: int = 30
    unmet: int = 180
    feedback: int = 365
    tickets: int = 90
    audit: int = 730


@dataclass
class Purged:
    rows: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, count: int) -> None:
        self.rows[kind] = self.rows.get(kind, 0) + count

    @property
    def total(self) -> int:
        return sum(self.rows.values())


async def _delete_batches(
    engine: AsyncEngine, table: Any, key: Any, where: ColumnElement[bool], batch: int
) -> int:
    """Delete the rows matching ``where``, ``batch`` at a time (one short transaction each)."""
    total = 0
    while True:
        async with engine.begin() as conn:
            chosen = select(key).where(where).limit(batch).scalar_subquery()
            count = await _deleted(conn, table, key.in_(chosen))
        total += count
        if count < batch:
            return total


async def _purge_daily(
    engine: AsyncEngine,
    table: Any,
    created: Any,
    cutoff: datetime,
    folded: Callable[[date], ColumnElement[bool]],
    fold: Callable[
        [AsyncConnection, ColumnElement[bool], str, ColumnElement[bool] | None], Awaitable[None]
    ],
    batch: int,
) -> int:
    """Rows of ``table`` created before ``cutoff`` (a Vietnam midnight), a day at a time: the
    day is folded into the daily counts once (in the transaction of its first batch), then its
    rows are deleted in batches. Re-run after a crash, a folded day is not folded again."""
    total = 0
    while True:
        async with engine.connect() as conn:
            oldest = _aware(await conn.scalar(select(func.min(created)).where(created < cutoff)))
        if oldest is None:
            return total
        day = local_today(oldest)
        start, end = day_bounds(day, day)
        in_day = and_(created >= start, created < end)
        async with engine.begin() as conn:
            if conn.dialect.name == "postgresql":  # instances purging together fold a day once
                await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK})
            await fold(conn, in_day, "purge", folded(day))  # unless folded already: it writes
            chosen = select(table.id).where(in_day).limit(batch).scalar_subquery()
            count = await _deleted(conn, table, table.id.in_(chosen))
        total += count
        if count == batch:
            total += await _delete_batches(engine, table, table.id, in_day, batch)


ANONYMOUS = ("", "")  # the users row that kept unmet requests are moved to (channel, id)


async def _detach_kept(engine: AsyncEngine, old: ColumnElement[bool]) -> int:
    """Unmet requests a supervisor chose to keep: past retention, they lose the link to the
    citizen (moved to the anonymous user) and the conversation around them; the masked
    question stays for the knowledge base."""
    kept = and_(old, UnmetRequest.keep.is_(True))
    is_anonymous = and_(User.channel == ANONYMOUS[0], User.external_id == ANONYMOUS[1])
    anonymous = select(User.id).where(is_anonymous).scalar_subquery()
    now = utcnow()
    async with engine.begin() as conn:  # writes only (see erase_citizen)
        needed = select(
            literal(ANONYMOUS[0]), literal(ANONYMOUS[1]), literal(now, UTCDateTime),
            literal(now, UTCDateTime),
        ).where(exists().where(kept), ~exists().where(is_anonymous))  # fmt: skip
        columns = ["channel", "external_id", "created_at", "last_seen_at"]
        await conn.execute(insert(User).from_select(columns, needed))
        result = await conn.execute(
            update(UnmetRequest)
            .where(kept, UnmetRequest.user_id != anonymous)
            .values(user_id=anonymous, context="[]", updated_at=now)
        )
        return int(result.rowcount or 0)


def _day_folded(day: date) -> ColumnElement[bool]:
    return and_(DailyCount.day == day, DailyCount.source == "purge", DailyCount.dimension == "day")


def _feedback_folded(day: date) -> ColumnElement[bool]:
    return and_(DailyFeedback.day == day, DailyFeedback.source == "purge")


def midnight_before(days: int, now: datetime) -> datetime:
    """The Vietnam midnight starting the day ``days`` days before today (UTC instant)."""
    start, _ = day_bounds(local_today(now) - timedelta(days=days), local_today(now))
    return start


async def purge(
    engine: AsyncEngine,
    retention: Retention,
    now: datetime | None = None,
    batch: int = PURGE_BATCH,
    *,
    reasons: Mapping[str, str],
) -> Purged:
    """Delete what is older than ``retention``; returns the rows deleted by kind.

    Message log and feedback go by whole Vietnam days (after folding into the daily counts);
    the rest by age. A citizen's ``users`` row goes once nothing of theirs is left and they
    have not written for the state's retention period. Safe to run on several instances.
    """
    now = now or utcnow()
    done = Purged()
    if retention.messages:
        cutoff = midnight_before(retention.messages, now)
        done.add(
            "messages",
            await _purge_daily(
                engine, Message, Message.created_at, cutoff, _day_folded, _fold_messages, batch
            ),
        )
    if retention.feedback:
        cutoff = midnight_before(retention.feedback, now)
        done.add(
            "feedback",
            await _purge_daily(
                engine,
                Feedback,
                Feedback.created_at,
                cutoff,
                _feedback_folded,
                functools.partial(_fold_feedback, reasons=reasons),
                batch,
            ),
        )
    if retention.unmet:
        old = UnmetRequest.created_at < now - timedelta(days=retention.unmet)
        gone = and_(old, UnmetRequest.keep.is_(False))
        done.add("unmet", await _delete_batches(engine, UnmetRequest, UnmetRequest.id, gone, batch))
        done.add("unmet_detached", await _detach_kept(engine, old))
    if retention.tickets:
        old = and_(
            Ticket.created_at < now - timedelta(days=retention.tickets),
            Ticket.status.in_(("closed", "expired")),
        )
        done.add("tickets", await _delete_batches(engine, Ticket, Ticket.id, old, batch))
    if retention.audit:
        old = AuditEntry.at < now - timedelta(days=retention.audit)
        done.add("audit", await _delete_batches(engine, AuditEntry, AuditEntry.id, old, batch))
    if retention.states:
        idle = now - timedelta(days=retention.states)
        done.add(
            "states",
            await _delete_batches(
                engine,
                ConversationState,
                ConversationState.user_id,
                ConversationState.updated_at < idle,
                batch,
            ),
        )
        done.add("users", await _delete_batches(engine, User, User.id, _forgotten(idle), batch))
    done.add("outbox", await delete_old_outbox(engine, now - OUTBOX_KEEP, batch))
    taken_before = Delivery.created_at < now - DELIVERIES_KEEP
    done.add(
        "deliveries", await _delete_batches(engine, Delivery, Delivery.id, taken_before, batch)
    )
    for step in PURGE_STEPS:
        kind, count = await step(engine, now, batch)
        done.add(kind, count)
    if done.total:
        await _checkpoint(engine)
    return done


def _forgotten(idle: datetime) -> ColumnElement[bool]:
    """Users not seen since ``idle`` of whom nothing else is stored."""
    columns = (
        ConversationState.user_id,
        Message.user_id,
        UnmetRequest.user_id,
        Feedback.user_id,
        Ticket.citizen_id,
    )
    return and_(
        User.last_seen_at < idle, *(~exists().where(column == User.id) for column in columns)
    )


async def delete_old_outbox(engine: AsyncEngine, older_than: datetime, batch: int) -> int:
    return await _delete_batches(
        engine,
        WebOutboxMessage,
        WebOutboxMessage.id,
        WebOutboxMessage.created_at < older_than,
        batch,
    )


__all__ = [
    "CITIZEN_ERASERS",
    "ERASE_ACTION",
    "PHONE_ERASERS",
    "PURGE_STEPS",
    "Erased",
    "Held",
    "Purged",
    "Retention",
    "erase_citizen",
    "erase_phone",
    "held",
    "midnight_before",
    "purge",
]
