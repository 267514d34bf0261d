"""The dashboard's accounts and their sign-in sessions. Passwords are argon2 hashes made by
the caller; a session row keeps the sha256 of the cookie's token, never the token."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from bot.storage.admin_models import ROLES, AdminSession, AdminUser
from bot.storage.base import utcnow


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


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


class AccountRepo:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    # --- accounts -----------------------------------------------------------------------
    async def create_account(
        self, name: str, role: str, password_hash: str, commune_code: int | None = None
    ) -> AccountRow:
        """Raises ValueError for an unknown role, a name already taken, or a ward admin without
        a commune. A volunteer may have one (the console then shows that commune's tickets)."""
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; expected one of {ROLES}")
        if (role == "ward_admin") != (commune_code is not None) and role != "volunteer":
            raise ValueError("a ward admin, and only a ward admin or a volunteer, has a commune")
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
