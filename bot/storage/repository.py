"""The bot's storage API: one short transaction per call, plain frozen rows out."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from bot.storage.admin_models import IgnoreRule
from bot.storage.database import create_engine, migrate
from bot.storage.models import (
    STATUSES,
    ConversationState,
    Feedback,
    Message,
    UnmetRequest,
    User,
    utcnow,
)
from handlers.events import FeedbackRecord, ScoredCandidate, UnmetRecord
from handlers.privacy import mask
from knowledge.text import key

MAX_TEXT = 4000  # characters kept of a message, an unmet request's text or detail
_MAX_ACTION = 255


def _clean(text: str) -> str:
    """Masked and cut to :data:`MAX_TEXT` (masked first, so no number is cut in half unmasked)."""
    masked = mask(text[: MAX_TEXT * 4])
    return masked if len(masked) <= MAX_TEXT else masked[: MAX_TEXT - 1] + "…"


def text_hash(text: str) -> str:
    """sha256 of the normalised text (case, diacritics, spacing, punctuation dropped)."""
    return hashlib.sha256(key(text).encode()).hexdigest()


def dedupe_key(reason: str, text: str) -> str:
    """Same reason and same text up to case, diacritics, spacing and punctuation → same key."""
    return hashlib.sha256(f"{reason}\n{key(text)}".encode()).hexdigest()


@dataclass(frozen=True)
class MessageRow:
    id: int
    user_id: int
    direction: str
    text: str
    action: str | None
    created_at: datetime


@dataclass(frozen=True)
class UnmetRow:
    id: int
    user_id: int
    channel: str
    reason: str
    text: str
    candidates: tuple[ScoredCandidate, ...]
    procedure_id: str | None
    locality: str | None
    context: tuple[str, ...]
    detail: str | None
    status: str
    resolution: str | None
    created_at: datetime
    updated_at: datetime
    note: str | None = None  # the supervisor's note (dashboard)


@dataclass(frozen=True)
class FeedbackRow:
    id: int
    user_id: int
    channel: str
    procedure_id: str | None
    positive: bool
    reason: str | None
    created_at: datetime


def unmet_row(row: UnmetRequest) -> UnmetRow:
    candidates = tuple(
        ScoredCandidate(c["id"], float(c["score"])) for c in json.loads(row.candidates)
    )
    return UnmetRow(
        id=row.id,
        user_id=row.user_id,
        channel=row.channel,
        reason=row.reason,
        text=row.text,
        candidates=candidates,
        procedure_id=row.procedure_id,
        locality=row.locality,
        context=tuple(json.loads(row.context)),
        detail=row.detail,
        status=row.status,
        resolution=row.resolution,
        created_at=row.created_at,
        updated_at=row.updated_at,
        note=row.note,
    )


class Storage:
    """Users, conversation state, message log, unmet requests and feedback."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    @classmethod
    async def open(cls, url: str) -> Storage:
        """Connect to ``url`` and bring the schema up to date."""
        engine = create_engine(url)
        try:
            await migrate(engine)
        except BaseException:
            await engine.dispose()
            raise
        return cls(engine)

    async def close(self) -> None:
        await self.engine.dispose()

    async def user(self, channel: str, external_id: str) -> int:
        """The id of the user (created on first sight); marks them as seen now."""
        if (found := await self._touch(channel, external_id)) is not None:
            return found
        try:
            async with self._sessions.begin() as session:
                user = User(channel=channel, external_id=external_id)
                session.add(user)
                await session.flush()
                return user.id
        except IntegrityError:  # created meanwhile by a concurrent call
            found = await self._touch(channel, external_id)
            if found is None:
                raise
            return found

    async def _touch(self, channel: str, external_id: str) -> int | None:
        async with self._sessions.begin() as session:
            return await session.scalar(
                update(User)
                .where(User.channel == channel, User.external_id == external_id)
                .values(last_seen_at=utcnow())
                .returning(User.id)
            )

    async def load_state(self, user_id: int) -> dict[str, Any] | None:
        """The saved state, or None if there is none (or it cannot be read: start afresh)."""
        async with self._sessions() as session:
            raw = await session.scalar(
                select(ConversationState.state).where(ConversationState.user_id == user_id)
            )
        if raw is None:
            return None
        try:
            state = json.loads(raw)
        except ValueError:
            return None
        return state if isinstance(state, dict) else None

    async def save_state(self, user_id: int, state: dict[str, Any]) -> None:
        values = {
            "user_id": user_id,
            "state": json.dumps(state, ensure_ascii=False),
            "updated_at": utcnow(),
        }
        async with self._sessions.begin() as session:
            await session.execute(self._upsert_state(values))

    def _upsert_state(self, values: dict[str, Any]) -> Insert:
        changes = {"state": values["state"], "updated_at": values["updated_at"]}
        if self.engine.dialect.name == "postgresql":
            pg = postgresql.insert(ConversationState).values(values)
            return pg.on_conflict_do_update(index_elements=["user_id"], set_=changes)
        lite = sqlite.insert(ConversationState).values(values)
        return lite.on_conflict_do_update(index_elements=["user_id"], set_=changes)

    async def log_message(
        self,
        user_id: int,
        direction: Literal["in", "out"],
        text: str,
        action: str | None = None,
        *,
        channel: str | None = None,
        outcome: str | None = None,
        procedure_id: str | None = None,
        locality: str | None = None,
        created_at: datetime | None = None,
    ) -> None:
        """Append to the message log; ``text`` is masked and cut to :data:`MAX_TEXT`.

        The keyword fields feed the dashboard's statistics (``handlers.events.Turn``).
        """
        message = Message(
            user_id=user_id,
            direction=direction,
            text=_clean(text),
            action=action[:_MAX_ACTION] if action is not None else None,
            channel=channel,
            outcome=outcome,
            procedure_id=procedure_id,
            locality=locality[:64] if locality is not None else None,
            created_at=created_at or utcnow(),
        )
        async with self._sessions.begin() as session:
            session.add(message)

    async def record_unmet(self, user_id: int, channel: str, record: UnmetRecord) -> bool:
        """Store an unmet request; False if the same one from this user still awaits review,
        or if its phrasing was set to "ignore forever" in the dashboard."""
        text = _clean(record.text)
        dedupe = dedupe_key(record.reason, text)
        candidates = [{"id": c.id, "score": c.score} for c in record.candidates]
        async with self._sessions.begin() as session:
            if await session.scalar(
                select(IgnoreRule.id).where(IgnoreRule.key_hash == text_hash(text))
            ):
                return False
            pending = await session.scalar(
                select(UnmetRequest.id)
                .where(
                    UnmetRequest.user_id == user_id,
                    UnmetRequest.dedupe_key == dedupe,
                    UnmetRequest.status == "new",
                )
                .limit(1)
            )
            if pending is not None:
                return False
            session.add(
                UnmetRequest(
                    user_id=user_id,
                    channel=channel,
                    reason=str(record.reason),
                    text=text,
                    candidates=json.dumps(candidates, ensure_ascii=False),
                    procedure_id=record.procedure_id,
                    locality=record.locality,
                    context=json.dumps([_clean(t) for t in record.context], ensure_ascii=False),
                    detail=_clean(record.detail) if record.detail is not None else None,
                    dedupe_key=dedupe,
                )
            )
        return True

    async def record_feedback(self, user_id: int, channel: str, record: FeedbackRecord) -> None:
        reason = _clean(record.reason) if record.reason is not None else None
        if record.amend and reason and await self._amend_feedback(user_id, record, reason):
            return
        feedback = Feedback(
            user_id=user_id,
            channel=channel,
            procedure_id=record.procedure_id,
            positive=record.positive,
            reason=reason,
        )
        async with self._sessions.begin() as session:
            session.add(feedback)

    async def _amend_feedback(self, user_id: int, record: FeedbackRecord, reason: str) -> bool:
        """Give the user's latest reason-less 👎 (and its unmet request) this reason."""
        async with self._sessions.begin() as session:
            feedback = await session.scalar(
                select(Feedback)
                .where(
                    Feedback.user_id == user_id,
                    Feedback.procedure_id == record.procedure_id,
                    Feedback.positive == record.positive,
                    Feedback.reason.is_(None),
                )
                .order_by(Feedback.id.desc())
                .limit(1)
            )
            if feedback is None:
                return False
            feedback.reason = reason
            unmet = await session.scalar(
                select(UnmetRequest)
                .where(
                    UnmetRequest.user_id == user_id,
                    UnmetRequest.reason == "thumbs_down",
                    UnmetRequest.procedure_id == record.procedure_id,
                    UnmetRequest.detail.is_(None),
                )
                .order_by(UnmetRequest.id.desc())
                .limit(1)
            )
            if unmet is not None:
                unmet.detail = reason
        return True

    async def unmet_requests(self, status: str | None = None, limit: int = 100) -> list[UnmetRow]:
        """Newest first, optionally only those with ``status``."""
        query = select(UnmetRequest).order_by(
            UnmetRequest.created_at.desc(), UnmetRequest.id.desc()
        )
        if status is not None:
            query = query.where(UnmetRequest.status == status)
        async with self._sessions() as session:
            rows = await session.scalars(query.limit(limit))
            return [unmet_row(row) for row in rows]

    async def set_unmet_status(
        self, request_id: int, status: str, resolution: str | None = None
    ) -> bool:
        """Change a request's status (and resolution, when given); False if there is no such id."""
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; expected one of {STATUSES}")
        changes: dict[str, Any] = {"status": status, "updated_at": utcnow()}
        if resolution is not None:
            changes["resolution"] = resolution
        async with self._sessions.begin() as session:
            found = await session.scalar(
                update(UnmetRequest)
                .where(UnmetRequest.id == request_id)
                .values(changes)
                .returning(UnmetRequest.id)
            )
        return found is not None

    async def feedback_rows(self, limit: int = 100) -> list[FeedbackRow]:
        query = select(Feedback).order_by(Feedback.created_at.desc(), Feedback.id.desc())
        async with self._sessions() as session:
            rows = await session.scalars(query.limit(limit))
            return [
                FeedbackRow(
                    id=row.id,
                    user_id=row.user_id,
                    channel=row.channel,
                    procedure_id=row.procedure_id,
                    positive=row.positive,
                    reason=row.reason,
                    created_at=row.created_at,
                )
                for row in rows
            ]

    async def messages_for(self, user_id: int, limit: int = 50) -> list[MessageRow]:
        query = (
            select(Message)
            .where(Message.user_id == user_id)
            .order_by(Message.created_at.desc(), Message.id.desc())
        )
        async with self._sessions() as session:
            return [
                MessageRow(row.id, row.user_id, row.direction, row.text, row.action, row.created_at)
                for row in await session.scalars(query.limit(limit))
            ]
