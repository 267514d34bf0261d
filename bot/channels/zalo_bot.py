"""Zalo Bot API (the Telegram-like "Zalo Bot"): polling or webhook in, plain text out.

Facts (``channels.md`` §1): ``POST {base}/bot<TOKEN>/<method>`` with JSON; answers are
``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code", "description"}`` [ZB-DOC].
``getUpdates`` returns one update per call; ``error_code`` 408 means none came [OC-API]. Webhook
posts carry the registered secret in ``X-Bot-Api-Secret-Token`` [ZB-DOC][OC-WH], and the body may
be flat or wrapped in ``{ok, result}`` [OC-WH][N8N]. There is no update offset: duplicates are
dropped by ``message_id`` (in memory). Zalo bots have no buttons [OC-DOC], so buttons become the
numbered options of :func:`bot.channels.base.messages`, as on the console.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal

import aiohttp
from aiohttp import web
from pydantic import Field, SecretStr

from bot.channels.base import Deliveries, messages
from bot.channels.zalo_common import (
    DEFAULT_BACKOFF,
    MAX_TEXT,
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
from bot.config import EnvSettings, Settings
from bot.http.limits import add_route
from bot.outbound import Undelivered
from bot.service import ChatService
from handlers.events import Incoming, Kind, Reply

log = logging.getLogger("motcua.zalo.bot")

CHANNEL = "zalo"
SECRET_HEADER = "X-Bot-Api-Secret-Token"
NO_UPDATE = 408
EVENT_KINDS = {  # [OC-API][N8N]; other events are ignored
    "message.text.received": Kind.TEXT,
    "message.image.received": Kind.PHOTO,
    "message.sticker.received": Kind.STICKER,
    "message.voice.received": Kind.VOICE,
    "message.unsupported.received": Kind.OTHER,
}
NO_BACKOFF = Backoff(attempts=1)


class ZaloBotSettings(EnvSettings):
    """The Zalo bot's settings (README "## Zalo"): the token turns it on."""

    zalo_bot_token: SecretStr | None = None
    zalo_mode: Literal["polling", "webhook"] = "polling"
    zalo_webhook_secret: SecretStr | None = Field(default=None, min_length=8, max_length=256)
    zalo_api_base_url: str = "https://bot-api.zaloplatforms.com"
    zalo_public_url: str | None = None  # https://host[/prefix] where this server is reachable


class ZaloBotError(Exception):
    def __init__(self, code: int, description: str) -> None:
        super().__init__(f"error {code}: {description}")
        self.code = code


@dataclass(frozen=True)
class BotUpdate:
    message_id: str | None
    chat_id: str
    incoming: Incoming


def parse_update(body: Any) -> BotUpdate | None:
    """A citizen's message from a flat or ``{ok, result}``-wrapped update; None if not one."""
    if isinstance(body, dict) and isinstance(body.get("result"), dict):
        body = body["result"]
    if not isinstance(body, dict):
        return None
    kind, message = EVENT_KINDS.get(str(body.get("event_name"))), body.get("message")
    if kind is None or not isinstance(message, dict):
        return None
    chat, sender = message.get("chat"), message.get("from")
    chat_id = plain_id(chat.get("id")) if isinstance(chat, dict) else None
    user = (plain_id(sender.get("id")) if isinstance(sender, dict) else None) or chat_id
    if chat_id is None or user is None:  # missing, or not storable (control character…)
        log.warning("Zalo Bot: a %s message without a usable chat id dropped", kind.value)
        return None
    text = message.get("text") if kind is Kind.TEXT else ""
    incoming = Incoming(user, CHANNEL, kind, text=text if isinstance(text, str) else "")
    return BotUpdate(plain_id(message.get("message_id")), chat_id, incoming)


class ZaloBotApi:
    """The few Bot API methods motcua calls. The URL holds the token: it is never logged."""

    def __init__(
        self,
        token: str,
        base_url: str,
        session: Callable[[], aiohttp.ClientSession],
        backoff: Backoff,
        timeout: float,
    ) -> None:
        self._prefix = f"{base_url.rstrip('/')}/bot{token}/"
        self._session, self.backoff, self.timeout = session, backoff, timeout

    async def call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        timeout: float | None = None,
        backoff: Backoff | None = None,
    ) -> Any:
        status, body = await post(
            self._session(),
            self._prefix + method,
            what=f"Zalo Bot {method}",
            backoff=backoff or self.backoff,
            timeout=timeout or self.timeout,
            json_body=params or {},
        )
        if isinstance(body, dict) and body.get("ok") is True and 200 <= status < 300:
            return body.get("result")
        fields = body if isinstance(body, dict) else {}
        code = fields.get("error_code")
        description = str(fields.get("description", ""))[:200]
        raise ZaloBotError(code if isinstance(code, int) else status, description)


class ZaloBotChannel:
    name = "Zalo"
    settings_model = ZaloBotSettings

    def __init__(
        self,
        service: ChatService,
        token: str,
        *,
        base_url: str = "https://bot-api.zaloplatforms.com",
        mode: Literal["polling", "webhook"] = "polling",
        secret: str | None = None,
        public_url: str | None = None,
        poll_timeout: int = 30,
        backoff: Backoff = DEFAULT_BACKOFF,
        timeout: float = 15.0,
    ) -> None:
        self.service, self.mode, self.public_url = service, mode, public_url
        self.secret = secret or derived("zalo-bot/secret", token)
        self.webhook_path = f"/zalo/bot/{derived('zalo-bot/path', token, 16)}"
        self.poll_timeout = poll_timeout
        self._http: aiohttp.ClientSession | None = None
        self.api = ZaloBotApi(token, base_url, self._session, backoff, timeout)
        self._seen = Deliveries(CHANNEL, service)  # a delivery repeated to any instance
        self.jobs = InOrder()
        self._poller: asyncio.Task[None] | None = None

    @classmethod
    def from_settings(cls, settings: Settings, service: ChatService) -> ZaloBotChannel | None:
        """The channel, or None while ``ZALO_BOT_TOKEN`` is not set."""
        own = settings.section(ZaloBotSettings)
        if own.zalo_bot_token is None:
            return None
        secret = own.zalo_webhook_secret
        return cls(
            service,
            own.zalo_bot_token.get_secret_value(),
            base_url=own.zalo_api_base_url,
            mode=own.zalo_mode,
            secret=secret.get_secret_value() if secret else None,
            public_url=own.zalo_public_url,
        )

    def _session(self) -> aiohttp.ClientSession:
        if self._http is None or self._http.closed:
            self._http = aiohttp.ClientSession()
        return self._http

    @staticmethod
    def status(settings: Settings) -> str:
        on = settings.section(ZaloBotSettings).zalo_bot_token is not None
        return f"  Zalo: {'bật' if on else 'chưa bật (chưa đặt token)'}"

    def mount(self, app: web.Application) -> None:
        if self.mode == "webhook":
            add_route(app, "POST", self.webhook_path, self.webhook, max_body=MAX_WEBHOOK_BODY)

    async def push(self, chat_id: str, replies: tuple[Reply, ...]) -> None:
        """Send without a triggering message (handoff relay); private chats: chat id = user id.

        Its options are answered by number like the bot's own (:mod:`bot.handoff.pushed`).
        """
        await self.service.remember_pushed(CHANNEL, chat_id, replies)
        texts = [t for t in messages(replies, MAX_TEXT, with_numbers=True) if t.strip()]
        for sent, text in enumerate(texts):
            try:
                await self.api.call("sendMessage", {"chat_id": chat_id, "text": text})
            except (ZaloBotError, ApiUnavailable) as exc:
                log.error(
                    "Zalo Bot: message to chat %s not sent (%s); %d message(s) lost",
                    chat_id,
                    exc,
                    len(texts) - sent,
                )
                raise Undelivered(str(exc)) from exc

    async def start(self) -> None:
        self.service.outbound.register(CHANNEL, self.push)
        if self.mode == "webhook":
            if not self.public_url:
                raise ValueError("ZALO_MODE=webhook needs ZALO_PUBLIC_URL (the https address)")
            url = self.public_url.rstrip("/") + self.webhook_path
            await self.api.call("setWebhook", {"url": url, "secret_token": self.secret})
            log.info("Zalo Bot: webhook registered at %s", self.webhook_path)
            return
        try:  # getUpdates does not work while a webhook is set [ZB-DOC]
            await self.api.call("deleteWebhook")
        except (ZaloBotError, ApiUnavailable) as exc:
            log.warning("Zalo Bot: deleteWebhook failed (%s); polling anyway", exc)
        self._poller = asyncio.create_task(self._poll())
        log.info("Zalo Bot: polling for messages")

    async def stop(self) -> None:
        if self._poller is not None:
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller
            self._poller = None
        await self.jobs.drain(timeout=10)
        if self._http is not None:
            await self._http.close()

    async def _poll(self) -> None:
        failures = 0
        while True:
            try:
                result = await self.api.call(
                    "getUpdates",
                    {"timeout": str(self.poll_timeout)},
                    timeout=self.poll_timeout + 10,
                )
            except ZaloBotError as exc:
                if exc.code == NO_UPDATE:
                    failures = 0
                    continue
                failures += 1
                if exc.code in (401, 403):
                    log.error("Zalo Bot: the token was refused (%s); check ZALO_BOT_TOKEN", exc)
                else:
                    log.warning("Zalo Bot: getUpdates %s", exc)
            except ApiUnavailable as exc:
                failures += 1
                log.warning("Zalo Bot: %s", exc)
            else:
                failures = 0
                update = parse_update(result)
                if update is not None:
                    self.accept(update)
                elif not result:
                    await asyncio.sleep(1)  # an empty answer instead of 408: do not spin
                continue
            await asyncio.sleep(min(30.0, self.api.backoff.first * 2**failures))

    async def webhook(self, request: web.Request) -> web.Response:
        """Check the secret, acknowledge at once, answer in the background."""
        given = request.headers.get(SECRET_HEADER)
        if given is None:
            return web.json_response({"error": "missing secret"}, status=401)
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            log.warning("Zalo Bot: webhook with a wrong secret rejected")
            return web.json_response({"error": "wrong secret"}, status=403)
        if self.service.full(self.jobs.pending):
            return busy()
        read = await read_json(request)
        if isinstance(read, web.Response):
            return read
        update = parse_update(read[1])
        if update is not None:
            self.accept(update)
        return web.json_response({"ok": True})

    def accept(self, update: BotUpdate) -> None:
        """Queue an update for answering unless this instance saw its message id already (the
        job checks the other instances, so the webhook answers Zalo at once)."""
        if update.message_id is None or self._seen.first_here(update.message_id):
            self.jobs.submit(update.chat_id, partial(self._answer, update))

    async def _answer(self, update: BotUpdate) -> None:
        if update.message_id is not None and not await self._seen.first_anywhere(update.message_id):
            return  # another instance took this delivery
        with contextlib.suppress(ZaloBotError, ApiUnavailable):
            await self.api.call(
                "sendChatAction",
                {"chat_id": update.chat_id, "action": "typing"},
                backoff=NO_BACKOFF,
                timeout=min(self.api.timeout, 5.0),
            )
        turn = await self.service.handle(update.incoming)
        texts = [t for t in messages(turn.replies, MAX_TEXT, with_numbers=True) if t.strip()]
        for sent, text in enumerate(texts):
            try:
                await self.api.call("sendMessage", {"chat_id": update.chat_id, "text": text})
            except (ZaloBotError, ApiUnavailable) as exc:
                log.error(
                    "Zalo Bot: reply to chat %s not sent (%s); %d message(s) lost",
                    update.chat_id,
                    exc,
                    len(texts) - sent,
                )
                return
