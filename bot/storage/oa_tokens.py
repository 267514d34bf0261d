"""The Zalo OA's tokens in the database (table ``zalo_oa_tokens``), one row per OA app.

Tokens are credentials, not free text: they are stored as given (not masked) and never logged.
Each call is one short transaction, so a new refresh token is durable when ``save`` returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from bot.storage.base import utcnow
from bot.storage.models import ZaloOAToken


@dataclass(frozen=True)
class OATokens:
    app_id: str
    access_token: str | None
    refresh_token: str
    expires_at: datetime | None
    seed_hash: str
    updated_at: datetime


class OATokenStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    async def load(self, app_id: str) -> OATokens | None:
        async with self._sessions() as session:
            row = await session.get(ZaloOAToken, app_id)
            if row is None:
                return None
            return OATokens(
                row.app_id,
                row.access_token,
                row.refresh_token,
                row.expires_at,
                row.seed_hash,
                row.updated_at,
            )

    async def seed(
        self, app_id: str, access_token: str | None, refresh_token: str, seed_hash: str
    ) -> None:
        """Start (or start over) from configured tokens, replacing whatever was stored."""
        async with self._sessions.begin() as session:
            await session.execute(delete(ZaloOAToken).where(ZaloOAToken.app_id == app_id))
            session.add(
                ZaloOAToken(
                    app_id=app_id,
                    access_token=access_token,
                    refresh_token=refresh_token,
                    expires_at=None,
                    seed_hash=seed_hash,
                    updated_at=utcnow(),
                )
            )

    async def save(
        self, app_id: str, access_token: str, refresh_token: str, expires_at: datetime | None
    ) -> None:
        """Store a refresh's result (the seed it descends from stays recorded)."""
        async with self._sessions.begin() as session:
            found = await session.scalar(
                update(ZaloOAToken)
                .where(ZaloOAToken.app_id == app_id)
                .values(
                    access_token=access_token,
                    refresh_token=refresh_token,
                    expires_at=expires_at,
                    updated_at=utcnow(),
                )
                .returning(ZaloOAToken.app_id)
            )
        if found is None:
            raise LookupError(f"no stored Zalo OA tokens for app {app_id}")

    async def refresh_token(self, app_id: str) -> str | None:
        async with self._sessions() as session:
            token: str | None = await session.scalar(
                select(ZaloOAToken.refresh_token).where(ZaloOAToken.app_id == app_id)
            )
            return token
