"""Database operations of the dashboard: accounts, sessions, learned aliases, supervisors'
answers, ignore rules, the audit log and the unmet inbox. One short transaction per call, plain
frozen rows out."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from bot.storage.admin_models import (
    ROLES,
    AdminSession,
    AdminUser,
    AuditEntry,
    IgnoreRule,
    LearnedAlias,
    WrittenAnswerRow,
)
from bot.storage.base import utcnow
from bot.storage.models import STATUSES, Message, UnmetRequest
from bot.storage.repository import MessageRow, UnmetRow, text_hash, unmet_row
from bot.storage.stats_repo import local_today
from knowledge.live import WrittenAnswer

MAX_ALIAS = 200  # characters of a learned alias
MAX_NOTE = 2000


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


MAX_ANSWER = 2000  # characters of a written answer or of its question


@dataclass(frozen=True)
class AnswerDraft:
    procedure_id: str
    question: str
    answer: str
    unit: str
    legal_basis: str | None = None
    link: str | None = None


@dataclass(frozen=True)
class AnswerRow:
    id: int
    procedure_id: str
    question: str
    answer: str
    unit: str
    legal_basis: str | None
    link: str | None
    created_by: str
    created_at: datetime
    updated_at: datetime

    def live(self) -> WrittenAnswer:
        """As the conversation core reads it (dated on its last edit, Vietnam time)."""
        return WrittenAnswer(
            id=self.id,
            procedure_id=self.procedure_id,
            question=self.question,
            answer=self.answer,
            unit=self.unit,
            day=local_today(self.updated_at),
            legal_basis=self.legal_basis,
            link=self.link,
        )


def _answer(r: WrittenAnswerRow) -> AnswerRow:
    return AnswerRow(
        r.id,
        r.procedure_id,
        r.question,
        r.answer,
        r.unit,
        r.legal_basis,
        r.link,
        r.created_by,
        r.created_at,
        r.updated_at,
    )


class AliasExists(Exception):
    """The phrasing (up to case, diacritics, spacing) is already a learned alias."""

    def __init__(self, procedure_id: str, text: str) -> None:
        super().__init__(f"{text!r} is already an alias of {procedure_id}")
        self.procedure_id, self.text = procedure_id, text


@dataclass(frozen=True)
class AccountRow:
    id: int
    name: str
    role: str
    password_hash: str
    disabled: bool
    created_at: datetime
    commune_code: int | None = None  # a ward admin's commune


@dataclass(frozen=True)
class SessionRow:
    account: AccountRow
    csrf_token: str
    expires_at: datetime


@dataclass(frozen=True)
class AliasRow:
    id: int
    procedure_id: str
    text: str
    created_by: str
    created_at: datetime


@dataclass(frozen=True)
class IgnoreRow:
    id: int
    text: str
    created_by: str
    created_at: datetime


@dataclass(frozen=True)
class AuditRow:
    id: int
    user_name: str
    action: str
    target: str | None
    detail: dict[str, Any]
    at: datetime


def _account(row: AdminUser) -> AccountRow:
    return AccountRow(
        row.id,
        row.name,
        row.role,
        row.password_hash,
        row.disabled,
        row.created_at,
        row.commune_code,
    )


@dataclass(frozen=True)
class InboxFilter:
    statuses: tuple[str, ...] = ("new", "reviewed")
    reason: str | None = None
    channel: str | None = None
    since: datetime | None = None
    until: datetime | None = None  # exclusive
    limit: int = 2000


class AdminRepo:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    # --- accounts -----------------------------------------------------------------------
    async def create_account(
        self, name: str, role: str, password_hash: str, commune_code: int | None = None
    ) -> AccountRow:
        """Raises ValueError for an unknown role, a name already taken, or a ward admin without
        a commune."""
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; expected one of {ROLES}")
        if (role == "ward_admin") != (commune_code is not None):
            raise ValueError("a ward admin, and only a ward admin, has a commune")
        try:
            async with self._sessions.begin() as session:
                row = AdminUser(
                    name=name, role=role, password_hash=password_hash, commune_code=commune_code
                )
                session.add(row)
                await session.flush()
                return _account(row)
        except IntegrityError as exc:
            raise ValueError(f"account {name!r} already exists") from exc

    async def account(self, name: str) -> AccountRow | None:
        async with self._sessions() as session:
            row = await session.scalar(select(AdminUser).where(AdminUser.name == name))
            return _account(row) if row else None

    async def accounts(self) -> list[AccountRow]:
        async with self._sessions() as session:
            return [_account(r) for r in await session.scalars(select(AdminUser).order_by("name"))]

    async def update_account(
        self, name: str, *, disabled: bool | None = None, password_hash: str | None = None
    ) -> bool:
        """Change an account; its sessions end when it is disabled or its password changes."""
        changes: dict[str, Any] = {}
        if disabled is not None:
            changes["disabled"] = disabled
        if password_hash is not None:
            changes["password_hash"] = password_hash
        async with self._sessions.begin() as session:
            found = await session.scalar(
                update(AdminUser)
                .where(AdminUser.name == name)
                .values(changes)
                .returning(AdminUser.id)
            )
            if found is not None and (disabled or password_hash is not None):
                await session.execute(delete(AdminSession).where(AdminSession.user_id == found))
        return found is not None

    # --- sessions -----------------------------------------------------------------------
    async def open_session(self, account_id: int, lifetime: timedelta) -> tuple[str, str]:
        """A new session: (cookie token, CSRF token). Expired sessions are swept meanwhile."""
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = utcnow()
        async with self._sessions.begin() as session:
            await session.execute(delete(AdminSession).where(AdminSession.expires_at < now))
            session.add(
                AdminSession(
                    token_hash=_token_hash(token),
                    user_id=account_id,
                    csrf_token=csrf,
                    created_at=now,
                    expires_at=now + lifetime,
                )
            )
        return token, csrf

    async def session(self, token: str) -> SessionRow | None:
        """The live session of an enabled account holding ``token``, or None."""
        query = (
            select(AdminSession, AdminUser)
            .join(AdminUser, AdminUser.id == AdminSession.user_id)
            .where(
                AdminSession.token_hash == _token_hash(token),
                AdminSession.expires_at > utcnow(),
                AdminUser.disabled.is_(False),
            )
        )
        async with self._sessions() as session:
            found = (await session.execute(query)).first()
        if found is None:
            return None
        sess, user = found
        return SessionRow(_account(user), sess.csrf_token, sess.expires_at)

    async def close_session(self, token: str) -> None:
        async with self._sessions.begin() as session:
            await session.execute(
                delete(AdminSession).where(AdminSession.token_hash == _token_hash(token))
            )

    # --- learned aliases ----------------------------------------------------------------
    async def add_alias(self, procedure_id: str, text: str, created_by: str) -> AliasRow:
        """Store a learned alias. Raises :class:`AliasExists` if the phrasing is known."""
        text = " ".join(text.split())[:MAX_ALIAS]
        digest = text_hash(text)
        try:
            async with self._sessions.begin() as session:
                row = LearnedAlias(
                    procedure_id=procedure_id, text=text, key_hash=digest, created_by=created_by
                )
                session.add(row)
                await session.flush()
                return AliasRow(row.id, row.procedure_id, row.text, row.created_by, row.created_at)
        except IntegrityError:
            async with self._sessions() as session:
                other = await session.scalar(
                    select(LearnedAlias).where(LearnedAlias.key_hash == digest)
                )
            if other is None:
                raise
            raise AliasExists(other.procedure_id, other.text) from None

    async def aliases(self, procedure_id: str | None = None) -> list[AliasRow]:
        query = select(LearnedAlias).order_by(LearnedAlias.procedure_id, LearnedAlias.id)
        if procedure_id is not None:
            query = query.where(LearnedAlias.procedure_id == procedure_id)
        async with self._sessions() as session:
            return [
                AliasRow(r.id, r.procedure_id, r.text, r.created_by, r.created_at)
                for r in await session.scalars(query)
            ]

    async def learned(self) -> dict[str, list[str]]:
        """Every learned alias by procedure id, oldest first (for ``LiveMatcher.set_learned``)."""
        out: dict[str, list[str]] = {}
        for row in await self.aliases():
            out.setdefault(row.procedure_id, []).append(row.text)
        return out

    async def delete_alias(self, alias_id: int) -> AliasRow | None:
        async with self._sessions.begin() as session:
            row = await session.get(LearnedAlias, alias_id)
            if row is None:
                return None
            await session.delete(row)
            return AliasRow(row.id, row.procedure_id, row.text, row.created_by, row.created_at)

    # --- answers written by supervisors -------------------------------------------------
    async def add_answer(self, row: AnswerDraft, created_by: str) -> AnswerRow:
        async with self._sessions.begin() as session:
            stored = WrittenAnswerRow(
                procedure_id=row.procedure_id,
                question=row.question[:MAX_ANSWER],
                answer=row.answer[:MAX_ANSWER],
                legal_basis=row.legal_basis,
                link=row.link,
                unit=row.unit[:200],
                created_by=created_by,
            )
            session.add(stored)
            await session.flush()
            return _answer(stored)

    async def edit_answer(self, answer_id: int, row: AnswerDraft) -> AnswerRow | None:
        async with self._sessions.begin() as session:
            stored = await session.get(WrittenAnswerRow, answer_id)
            if stored is None or stored.withdrawn:
                return None
            stored.answer, stored.legal_basis, stored.link = (
                row.answer[:MAX_ANSWER],
                row.legal_basis,
                row.link,
            )
            stored.question, stored.unit = row.question[:MAX_ANSWER], row.unit[:200]
            stored.updated_at = utcnow()
            await session.flush()
            return _answer(stored)

    async def withdraw_answer(self, answer_id: int) -> AnswerRow | None:
        async with self._sessions.begin() as session:
            stored = await session.get(WrittenAnswerRow, answer_id)
            if stored is None or stored.withdrawn:
                return None
            stored.withdrawn, stored.updated_at = True, utcnow()
            await session.flush()
            return _answer(stored)

    async def answers(self, procedure_id: str | None = None) -> list[AnswerRow]:
        """Answers in service (not withdrawn), oldest first."""
        query = (
            select(WrittenAnswerRow)
            .where(WrittenAnswerRow.withdrawn.is_(False))
            .order_by(WrittenAnswerRow.procedure_id, WrittenAnswerRow.id)
        )
        if procedure_id is not None:
            query = query.where(WrittenAnswerRow.procedure_id == procedure_id)
        async with self._sessions() as session:
            return [_answer(r) for r in await session.scalars(query)]

    # --- ignore rules -------------------------------------------------------------------
    async def add_ignore(self, text: str, created_by: str) -> bool:
        """False if the phrasing was already ignored."""
        try:
            async with self._sessions.begin() as session:
                session.add(IgnoreRule(key_hash=text_hash(text), text=text, created_by=created_by))
        except IntegrityError:
            return False
        return True

    async def ignore_rules(self) -> list[IgnoreRow]:
        async with self._sessions() as session:
            rows = await session.scalars(select(IgnoreRule).order_by(IgnoreRule.id.desc()))
            return [IgnoreRow(r.id, r.text, r.created_by, r.created_at) for r in rows]

    async def delete_ignore(self, rule_id: int) -> IgnoreRow | None:
        async with self._sessions.begin() as session:
            row = await session.get(IgnoreRule, rule_id)
            if row is None:
                return None
            await session.delete(row)
            return IgnoreRow(row.id, row.text, row.created_by, row.created_at)

    # --- audit --------------------------------------------------------------------------
    async def audit(
        self, user_name: str, action: str, target: str | None = None, **detail: Any
    ) -> None:
        entry = AuditEntry(
            user_name=user_name[:64],
            action=action,
            target=target[:255] if target is not None else None,
            detail=json.dumps(detail, ensure_ascii=False, default=str),
        )
        async with self._sessions.begin() as session:
            session.add(entry)

    async def audit_entries(
        self,
        *,
        user_name: str | None = None,
        action: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> tuple[list[AuditRow], int]:
        """Newest first, and how many match in all."""
        where = []
        if user_name:
            where.append(AuditEntry.user_name == user_name)
        if action:
            where.append(AuditEntry.action == action)
        query = select(AuditEntry).where(*where).order_by(AuditEntry.id.desc())
        async with self._sessions() as session:
            total = await session.scalar(select(func.count(AuditEntry.id)).where(*where)) or 0
            rows = await session.scalars(query.limit(limit).offset(offset))
            return [
                AuditRow(r.id, r.user_name, r.action, r.target, json.loads(r.detail), r.at)
                for r in rows
            ], total

    # --- unmet inbox --------------------------------------------------------------------
    async def inbox(self, where: InboxFilter) -> list[UnmetRow]:
        """Unmet requests matching ``where``, newest first."""
        query = select(UnmetRequest).order_by(UnmetRequest.id.desc()).limit(where.limit)
        if where.statuses:
            query = query.where(UnmetRequest.status.in_(where.statuses))
        if where.reason:
            query = query.where(UnmetRequest.reason == where.reason)
        if where.channel:
            query = query.where(UnmetRequest.channel == where.channel)
        if where.since is not None:
            query = query.where(UnmetRequest.created_at >= where.since)
        if where.until is not None:
            query = query.where(UnmetRequest.created_at < where.until)
        async with self._sessions() as session:
            return [unmet_row(row) for row in await session.scalars(query)]

    async def unmet_by_ids(self, ids: Iterable[int]) -> list[UnmetRow]:
        wanted = sorted(set(ids))
        if not wanted:
            return []
        query = select(UnmetRequest).where(UnmetRequest.id.in_(wanted))
        async with self._sessions() as session:
            return [
                unmet_row(row) for row in await session.scalars(query.order_by(UnmetRequest.id))
            ]

    async def set_status(
        self, ids: Sequence[int], status: str, resolution: str | None = None
    ) -> int:
        """Set the status (and resolution, when given) of the requests; how many changed."""
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        changes: dict[str, Any] = {"status": status, "updated_at": utcnow()}
        if resolution is not None:
            changes["resolution"] = resolution
        return await self._update(ids, changes)

    async def set_keep(self, ids: Sequence[int]) -> int:
        """Keep the requests past the retention period (detached from the citizen then)."""
        return await self._update(ids, {"keep": True, "updated_at": utcnow()})

    async def set_note(self, ids: Sequence[int], note: str) -> int:
        note = note.strip()[:MAX_NOTE]
        return await self._update(ids, {"note": note or None, "updated_at": utcnow()})

    async def _update(self, ids: Sequence[int], changes: dict[str, Any]) -> int:
        if not ids:
            return 0
        async with self._sessions.begin() as session:
            found = await session.scalars(
                update(UnmetRequest)
                .where(UnmetRequest.id.in_(sorted(set(ids))))
                .values(changes)
                .returning(UnmetRequest.id)
            )
            return len(found.all())

    async def conversation_around(
        self, user_id: int, at: datetime, before: int = 6, after: int = 6
    ) -> tuple[list[MessageRow], list[MessageRow]]:
        """The user's messages up to ``at`` (the last ``before``) and after it (the first
        ``after``), each list oldest first. Texts were masked when stored."""
        base = select(Message).where(Message.user_id == user_id)
        earlier = base.where(Message.created_at <= at).order_by(
            Message.created_at.desc(), Message.id.desc()
        )
        later = base.where(Message.created_at > at).order_by(Message.created_at, Message.id)
        async with self._sessions() as session:
            first = list(await session.scalars(earlier.limit(before)))
            second = list(await session.scalars(later.limit(after)))

        def rows(found: list[Message]) -> list[MessageRow]:
            return [
                MessageRow(m.id, m.user_id, m.direction, m.text, m.action, m.created_at)
                for m in found
            ]

        return rows(first[::-1]), rows(second)
