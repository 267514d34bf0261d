"""Zalo OA access tokens: used until refused or about to expire, then refreshed.

Facts (``channels.md`` §2.3): ``POST {oauth}/v4/oa/access_token``, form-encoded, header
``secret_key: <App Secret>``, fields ``app_id, grant_type=refresh_token, refresh_token`` → JSON
``access_token, refresh_token, expires_in`` (seconds, as a string). An access token lasts 25 h; a
refresh token lasts 3 months and **works once** [HEXA-RT][MONO]. Token errors: -216, -220 [MONO].

Crash safety: the new refresh token is written to the database the moment Zalo returns it, before
the new access token is used. On start the stored tokens win over the configured seed, unless the
seed changed (the OA was authorised again). One motcua process per OA app: refreshes are
serialised in-process, not across processes.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

import aiohttp

from bot.channels.zalo_common import ApiUnavailable, Backoff, post
from bot.storage.base import utcnow
from bot.storage.oa_tokens import OATokenStore

log = logging.getLogger("motcua.zalo.oa")

TOKEN_ERRORS = frozenset({-216, -220})  # invalid / expired access token [MONO][CW-SEND]
EXPIRY_MARGIN = timedelta(minutes=10)  # refresh this long before the stated expiry


class TokenRefreshFailed(Exception):
    """Zalo gave no new tokens; the stored refresh token is kept as it was."""


def seed_hash(refresh_token: str) -> str:
    return hashlib.sha256(refresh_token.encode()).hexdigest()


class OATokenManager:
    def __init__(
        self,
        store: OATokenStore,
        *,
        app_id: str,
        app_secret: str,
        seed_access: str | None,
        seed_refresh: str,
        oauth_base_url: str,
        session: Callable[[], aiohttp.ClientSession],
        backoff: Backoff,
        timeout: float = 15.0,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.store, self.app_id, self._app_secret = store, app_id, app_secret
        self._seed_access, self._seed_refresh = seed_access, seed_refresh
        self._url = f"{oauth_base_url.rstrip('/')}/v4/oa/access_token"
        self._session, self._backoff, self._timeout, self._clock = session, backoff, timeout, clock
        self._lock = asyncio.Lock()
        self._loaded = False
        self._access: str | None = None
        self._refresh = seed_refresh
        self._expires: datetime | None = None

    async def load(self) -> None:
        """Take the stored tokens; store the configured seed if there are none or it changed."""
        async with self._lock:
            await self._load()

    async def _load(self) -> None:
        if self._loaded:
            return
        wanted = seed_hash(self._seed_refresh)
        row = await self.store.load(self.app_id)
        if row is not None and row.seed_hash == wanted:
            self._access, self._refresh, self._expires = (
                row.access_token,
                row.refresh_token,
                row.expires_at,
            )
        else:
            if row is not None:
                log.info("Zalo OA: a new ZALO_OA_REFRESH_TOKEN is configured; starting from it")
            await self.store.seed(self.app_id, self._seed_access, self._seed_refresh, wanted)
            self._access, self._refresh, self._expires = self._seed_access, self._seed_refresh, None
        self._loaded = True

    async def access_token(self) -> str:
        """A usable access token, refreshed first when there is none or it is about to expire."""
        async with self._lock:
            await self._load()
            current, expires = self._access, self._expires
        due = expires is not None and self._clock() >= expires - EXPIRY_MARGIN
        if current is not None and not due:
            return current
        try:
            return await self.refresh(stale=current)
        except TokenRefreshFailed:
            if current is None:
                raise
            return current  # not expired yet by our clock: try it

    async def refresh(self, stale: str | None) -> str:
        """Swap the refresh token for new tokens; ``stale`` is the access token Zalo refused.

        If another task already replaced ``stale``, its result is returned: the refresh token is
        single-use, so two concurrent refreshes would lock the second one out.
        """
        async with self._lock:
            await self._load()
            if self._access is not None and self._access != stale:
                return self._access
            access, refresh, expires = await self._exchange(self._refresh)
            self._refresh = refresh  # in memory first, so it is never lost while we run
            try:
                await self.store.save(self.app_id, access, refresh, expires)
            except Exception:
                log.exception(
                    "Zalo OA: could not store the new refresh token; it is kept in memory and "
                    "stored with the next refresh. If motcua stops before that, authorise the OA "
                    "again and set ZALO_OA_REFRESH_TOKEN."
                )
            self._access, self._expires = access, expires
            log.info("Zalo OA: access token refreshed; the new refresh token is stored")
            return access

    async def _exchange(self, refresh_token: str) -> tuple[str, str, datetime | None]:
        form = {
            "app_id": self.app_id,
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
        }
        try:
            status, body = await post(
                self._session(),
                self._url,
                what="Zalo OA token refresh",
                backoff=self._backoff,
                timeout=self._timeout,
                form=form,
                headers={"secret_key": self._app_secret},
            )
        except ApiUnavailable as exc:
            log.error("Zalo OA: token refresh failed (%s); the refresh token is kept", exc)
            raise TokenRefreshFailed(str(exc)) from exc
        fields = body if isinstance(body, dict) else {}
        access, refresh = fields.get("access_token"), fields.get("refresh_token")
        if not (isinstance(access, str) and access and isinstance(refresh, str) and refresh):
            code = fields.get("error", f"HTTP {status}")
            why = fields.get("error_description") or fields.get("message") or ""
            log.error(
                "Zalo OA: the refresh token was refused (error %s: %s). Authorise the OA app again "
                "and set the new ZALO_OA_REFRESH_TOKEN.",
                code,
                str(why)[:200],
            )
            raise TokenRefreshFailed(f"error {code}")
        return access, refresh, self._expiry(fields.get("expires_in"))

    def _expiry(self, expires_in: object) -> datetime | None:
        try:
            seconds = int(str(expires_in))
        except ValueError:
            return None
        return self._clock() + timedelta(seconds=seconds) if seconds > 0 else None
