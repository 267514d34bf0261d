"""Zalo Official Account (OA Open API v3): signed webhook in, customer-service messages out.

Replies go to ``POST {api}/v3.0/oa/message/cs`` with header ``access_token`` and answer
``{"error": 0, ...}`` on success [CW-MODEL][MONO] (keys: ``/work/shared/reference/channels.md``).
Wire format: :mod:`bot.channels.zalo_oa_wire`; tokens: :mod:`bot.channels.zalo_oa_tokens`.
"""

from __future__ import annotations

import hmac
import logging
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import aiohttp
from aiohttp import web
from pydantic import Field, SecretStr

from bot.channels.base import Deliveries
from bot.channels.zalo_common import (
    DEFAULT_BACKOFF,
    MAX_WEBHOOK_BODY,
    ApiUnavailable,
    Backoff,
    InOrder,
    busy,
    derived,
    plain_id,
    post,
    read_json,
)
from bot.channels.zalo_oa_tokens import TOKEN_ERRORS, OATokenManager, TokenRefreshFailed
from bot.channels.zalo_oa_wire import (
    CHANNEL,
    SIGNATURE_HEADER,
    OAEvent,
    parse_event,
    render,
    signature,
)
from bot.config import EnvSettings, Settings
from bot.http.limits import add_route
from bot.outbound import Undelivered
from bot.service import ChatService
from bot.storage.oa_tokens import OATokenStore
from handlers.events import Reply

log = logging.getLogger("motcua.zalo.oa")

# Confirmed [ZOA-FAQ]: 8 free replies within 48 h of the citizen's last message.
FREE_REPLIES = 8
# UNCONFIRMED codes, from a third-party error table (hoangnd25/monorepo, [MONO] in the fact sheet;
# -230 also in Subiz's help pages). The fact sheet lists no code for the reply window or quota.
WINDOW_ERRORS = frozenset({-230, -232})  # no interaction in 7 days / interaction expired
QUOTA_ERRORS = frozenset({-211, -218})  # OA out of quota / user's receiving limit reached
# Freshness. The signature covers the event's own ``timestamp`` (ms since the epoch) [CW-JOB], so
# a captured event replayed as it was stays signed; message ids are remembered 2 days
# (bot/storage/deliveries.py), after which a replay would be answered again. An event older than
# the window is refused: with the window under those 2 days, every replay is either remembered
# or stale. Default 2 hours: one source says Zalo retries a failed delivery 5 times over about
# 1.8 h (30 s, 5 min, 15 min, 30 min, 1 h; UNCONFIRMED [MONO]), and a retry keeps its signed
# timestamp, so a shorter window would refuse real retries. Zalo's clock may run ahead of ours:
# up to FUTURE_SKEW seconds ahead is accepted, beyond is refused like a stale event.
MAX_EVENT_AGE = 7200.0
FUTURE_SKEW = 300.0
MAX_TIMESTAMP_DIGITS = 15  # ms since the epoch: 13 digits until the year 2286


class ZaloOASettings(EnvSettings):
    """The Official Account's settings (README "## Zalo"), Open API v3: on when the app id, both
    secrets and a refresh token are set."""

    zalo_oa_app_id: str | None = None
    zalo_oa_secret_key: SecretStr | None = None  # "OA Secret Key": webhook signatures
    zalo_oa_app_secret: SecretStr | None = None  # the app's secret key: token refresh
    zalo_oa_access_token: SecretStr | None = None  # first access token (optional seed)
    zalo_oa_refresh_token: SecretStr | None = None  # first refresh token (seed; then the DB's)
    zalo_oa_api_base_url: str = "https://openapi.zalo.me"
    zalo_oa_oauth_base_url: str = "https://oauth.zaloapp.com"
    zalo_public_url: str | None = None  # https://host[/prefix] where this server is reachable
    # Events signed longer ago than this are refused (403; 0: no check). At most 2 days: the
    # time message ids are remembered, so that a replay is either remembered or stale.
    zalo_oa_max_event_age_seconds: float = Field(default=MAX_EVENT_AGE, ge=0, le=2 * 86400)


def oa_missing(settings: ZaloOASettings) -> list[str]:
    wanted = {
        "ZALO_OA_APP_ID": settings.zalo_oa_app_id,
        "ZALO_OA_SECRET_KEY": settings.zalo_oa_secret_key,
        "ZALO_OA_APP_SECRET": settings.zalo_oa_app_secret,
        "ZALO_OA_REFRESH_TOKEN": settings.zalo_oa_refresh_token,
    }
    return [name for name, value in wanted.items() if not value]


def webhook_path(oa_secret_key: str) -> str:
    return f"/zalo/oa/{derived('zalo-oa/path', oa_secret_key, 16)}"


def oa_status(settings: ZaloOASettings) -> str:
    """The start-up banner's words for the OA channel."""
    if missing := oa_missing(settings):
        return f"chưa bật (thiếu {', '.join(missing)})"
    assert settings.zalo_oa_secret_key is not None
    base = (settings.zalo_public_url or "<ZALO_PUBLIC_URL>").rstrip("/")
    return f"bật, webhook: {base}{webhook_path(settings.zalo_oa_secret_key.get_secret_value())}"


class ZaloOAChannel:
    name = "Zalo OA"
    settings_model = ZaloOASettings

    def __init__(
        self,
        service: ChatService,
        store: OATokenStore,
        *,
        app_id: str,
        secret_key: str,
        app_secret: str,
        refresh_token: str,
        access_token: str | None = None,
        api_base_url: str = "https://openapi.zalo.me",
        oauth_base_url: str = "https://oauth.zaloapp.com",
        backoff: Backoff = DEFAULT_BACKOFF,
        timeout: float = 15.0,
        max_age: float | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """``max_age``: seconds an event's signed timestamp may lie in the past (None or 0: no
        check; :meth:`from_settings` gives ``ZALO_OA_MAX_EVENT_AGE_SECONDS``); ``clock``: the
        wall clock, in seconds since the epoch."""
        self.service, self.app_id, self._secret_key = service, app_id, secret_key
        self._max_age, self._clock = max_age or None, clock
        self._send_url = f"{api_base_url.rstrip('/')}/v3.0/oa/message/cs"
        self._backoff, self._timeout = backoff, timeout
        self._http: aiohttp.ClientSession | None = None
        self.tokens = OATokenManager(
            store,
            app_id=app_id,
            app_secret=app_secret,
            seed_access=access_token,
            seed_refresh=refresh_token,
            oauth_base_url=oauth_base_url,
            session=self._session,
            backoff=backoff,
            timeout=timeout,
        )
        self._seen = Deliveries(CHANNEL, service)  # a delivery repeated to any instance
        self.jobs = InOrder()

    @classmethod
    def from_settings(cls, settings: Settings, service: ChatService) -> ZaloOAChannel | None:
        """The channel, or None while its app id, secrets or refresh token are not all set."""
        own = settings.section(ZaloOASettings)
        if oa_missing(own):
            return None
        secrets = (own.zalo_oa_secret_key, own.zalo_oa_app_secret)
        key, app_secret = (s.get_secret_value() if s else "" for s in secrets)
        seed = own.zalo_oa_access_token
        return cls(
            service,
            OATokenStore(service.storage.engine),
            app_id=own.zalo_oa_app_id or "",
            secret_key=key,
            app_secret=app_secret,
            refresh_token=own.zalo_oa_refresh_token.get_secret_value()
            if own.zalo_oa_refresh_token
            else "",
            access_token=seed.get_secret_value() if seed else None,
            api_base_url=own.zalo_oa_api_base_url,
            oauth_base_url=own.zalo_oa_oauth_base_url,
            max_age=own.zalo_oa_max_event_age_seconds,
        )

    @property
    def webhook_path(self) -> str:
        return webhook_path(self._secret_key)

    def _session(self) -> aiohttp.ClientSession:
        if self._http is None or self._http.closed:
            self._http = aiohttp.ClientSession()
        return self._http

    @staticmethod
    def status(settings: Settings) -> str:
        return f"  Zalo OA: {oa_status(settings.section(ZaloOASettings))}"

    def mount(self, app: web.Application) -> None:
        add_route(app, "POST", self.webhook_path, self.webhook, max_body=MAX_WEBHOOK_BODY)

    async def start(self) -> None:
        await self.tokens.load()
        self.service.outbound.register(CHANNEL, self.push)
        log.info("Zalo OA: webhook ready at %s", self.webhook_path)

    async def push(self, user_id: str, replies: tuple[Reply, ...]) -> None:
        """Send without a triggering message (handoff relay): a customer-service message to the
        user id. Zalo takes it within the reply window (48 h after the citizen's last message,
        which in a handoff is recent); a refusal is logged as for replies."""
        await self.service.remember_pushed(CHANNEL, user_id, replies)
        outgoing = render(replies)
        for sent, message in enumerate(outgoing):
            try:
                code, detail = await self._deliver({"user_id": user_id}, message)
            except (ApiUnavailable, TokenRefreshFailed) as exc:
                code, detail = None, str(exc)
            if code != 0:
                self._refused(user_id, code, detail, len(outgoing) - sent)
                raise Undelivered(f"error {code}: {detail}")

    async def stop(self) -> None:
        await self.jobs.drain(timeout=10)
        if self._http is not None:
            await self._http.close()

    async def webhook(self, request: web.Request) -> web.Response:
        """Verify, acknowledge at once, answer in the background."""
        given = request.headers.get(SIGNATURE_HEADER)
        if not given:
            return web.json_response({"error": "missing signature"}, status=401)
        if self.service.full(self.jobs.pending):
            return busy()
        read = await read_json(request)
        if isinstance(read, web.Response):
            return read
        raw, body = read
        if not self._signed(raw, body, given):
            log.warning("Zalo OA: webhook with a bad signature rejected")
            return web.json_response({"error": "bad signature"}, status=403)
        if refused := self._stale(body):
            return refused  # before the message id is remembered: nothing is kept
        event = parse_event(body)
        if event is not None and (event.msg_id is None or self._seen.first_here(event.msg_id)):
            self.jobs.submit(event.user_id, partial(self._answer, event))
        return web.json_response({"ok": True})

    def _signed(self, raw: bytes, body: dict[str, Any], given: str) -> bool:
        app_id, timestamp = plain_id(body.get("app_id")), plain_id(body.get("timestamp"))
        if app_id != self.app_id or timestamp is None:
            return False
        expected = signature(app_id, raw, timestamp, self._secret_key)
        return hmac.compare_digest(given.strip().lower().encode(), expected.encode())

    def _stale(self, body: dict[str, Any]) -> web.Response | None:
        """The 4xx answer for a signed event outside the freshness window, else None."""
        if self._max_age is None:
            return None
        stamp = str(plain_id(body.get("timestamp")))  # signed, so present
        if not (stamp.isascii() and stamp.isdigit()) or len(stamp) > MAX_TIMESTAMP_DIGITS:
            log.warning("Zalo OA: webhook with a malformed timestamp rejected")
            return web.json_response({"error": "malformed timestamp"}, status=400)
        age = self._clock() - int(stamp) / 1000
        if -FUTURE_SKEW <= age <= self._max_age:
            return None
        log.warning("Zalo OA: stale or future-dated webhook event rejected (%.0f s old)", age)
        return web.json_response({"error": "stale event"}, status=403)

    async def _answer(self, event: OAEvent) -> None:
        if event.msg_id is not None and not await self._seen.first_anywhere(event.msg_id):
            return  # another instance took this delivery
        turn = await self.service.handle(event.incoming)
        outgoing = render(turn.replies)
        if len(outgoing) > FREE_REPLIES:
            log.warning(
                "Zalo OA: %d messages for one turn; past %d they are paid",
                len(outgoing),
                FREE_REPLIES,
            )
        # Replies naming the citizen's message count as replies, not paid proactive messages
        # [ZOA-FAQ][OA-NOTES]; if Zalo refuses that form, the user id is used instead.
        by_message = {"message_id": event.msg_id} if event.msg_id else None
        code: int | None
        for sent, message in enumerate(outgoing):
            try:
                code, detail = await self._deliver(
                    by_message or {"user_id": event.user_id}, message
                )
                if by_message and code not in (0, *WINDOW_ERRORS, *QUOTA_ERRORS):
                    by_message = None
                    code, detail = await self._deliver({"user_id": event.user_id}, message)
            except (ApiUnavailable, TokenRefreshFailed) as exc:
                code, detail = None, str(exc)
            if code != 0:
                self._refused(event.user_id, code, detail, len(outgoing) - sent)
                return

    async def _deliver(self, recipient: dict[str, str], message: dict[str, Any]) -> tuple[int, str]:
        token = await self.tokens.access_token()
        code, detail = await self._post(token, recipient, message)
        if code in TOKEN_ERRORS:
            log.info("Zalo OA: access token refused (error %d); refreshing", code)
            token = await self.tokens.refresh(stale=token)
            code, detail = await self._post(token, recipient, message)
        return code, detail

    async def _post(
        self, token: str, recipient: dict[str, str], message: dict[str, Any]
    ) -> tuple[int, str]:
        status, body = await post(
            self._session(),
            self._send_url,
            what="Zalo OA message/cs",
            backoff=self._backoff,
            timeout=self._timeout,
            json_body={"recipient": recipient, "message": message},
            headers={"access_token": token},
        )
        error = body.get("error") if isinstance(body, dict) else None
        if not isinstance(error, int) or isinstance(error, bool):
            return -1, f"HTTP {status}, unexpected answer"
        return error, str(body.get("message", ""))[:200]

    @staticmethod
    def _refused(user_id: str, code: int | None, detail: str, lost: int) -> None:
        if code in WINDOW_ERRORS:
            log.warning(
                "Zalo OA: reply window closed for user %s (error %s: %s); %d message(s) not sent. "
                "Zalo lets an OA reply free for 48 hours after the citizen's last message and not "
                "at all after 7 days; the citizen must write again (or the ward uses an approved "
                "ZNS template).",
                user_id,
                code,
                detail,
                lost,
            )
        elif code in QUOTA_ERRORS:
            log.warning(
                "Zalo OA: message quota exhausted for user %s (error %s: %s); %d message(s) not "
                "sent. Check the OA's package and quota at oa.zalo.me.",
                user_id,
                code,
                detail,
                lost,
            )
        else:
            log.error(
                "Zalo OA: reply to user %s not sent (error %s: %s); %d message(s) lost",
                user_id,
                code,
                detail,
                lost,
            )
