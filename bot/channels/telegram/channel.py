"""The Telegram channel: builds the PTB Application, polls or serves a webhook, sets commands."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging

from aiohttp import web
from telegram import BotCommand, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    MessageHandler,
    filters,
)

from bot.channels.base import Deliveries
from bot.channels.telegram.ordering import ChatOrderedProcessor
from bot.channels.telegram.settings import TelegramSettings
from bot.channels.telegram.updates import TelegramBridge
from bot.http.limits import add_route
from bot.service import ChatService
from handlers.events import Reply

log = logging.getLogger("motcua.telegram")
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_UPDATE_BYTES = 1024 * 1024
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
COMMANDS = [
    BotCommand("start", "Bắt đầu, xem các chủ đề"),
    BotCommand("help", "motcua giúp được gì"),
    BotCommand("huy", "Hủy, bắt đầu lại"),
    BotCommand("nguoi", "Gặp người hỗ trợ"),
    BotCommand("dulieu", "Xem dữ liệu motcua lưu về bạn"),
    BotCommand("xoadulieu", "Xóa dữ liệu của bạn"),
]


class TelegramChannel:
    name = "Telegram"

    def __init__(
        self,
        settings: TelegramSettings,
        service: ChatService,
        *,
        timeout: float = 10.0,
        retry_backoff: float = 0.5,
    ) -> None:
        if settings.telegram_bot_token is None:
            raise ValueError("TELEGRAM_BOT_TOKEN is not set")
        token = settings.telegram_bot_token.get_secret_value()
        self.webhook = settings.telegram_mode == "webhook"
        self.secret = (
            settings.telegram_webhook_secret.get_secret_value()
            if settings.telegram_webhook_secret
            else ""
        )
        if self.webhook and not (self.secret and settings.telegram_public_url):
            raise ValueError("webhook mode needs TELEGRAM_WEBHOOK_SECRET and TELEGRAM_PUBLIC_URL")
        self.public_url = (settings.telegram_public_url or "").rstrip("/")
        # The path carries a value derived from the secret, so it cannot be guessed either.
        digest = hashlib.sha256(f"{token}:{self.secret}".encode()).hexdigest()[:32]
        self.path = f"/telegram/{digest}"
        # Telegram delivers an update again when it missed our 200, maybe to another instance.
        self._seen = Deliveries("telegram", service)
        base = settings.telegram_api_base_url
        builder = (
            Application.builder()
            .token(token)
            .base_url(base)
            .base_file_url(base.removesuffix("/bot") + "/file/bot")
            .rate_limiter(AIORateLimiter(max_retries=3))
            .concurrent_updates(ChatOrderedProcessor(64))
            .connect_timeout(timeout)
            .read_timeout(timeout)
            .write_timeout(timeout)
            .pool_timeout(timeout)
            .get_updates_read_timeout(timeout + 10)
        )
        if self.webhook:
            builder = builder.updater(None)
        self.app = builder.build()
        self.service = service
        self.bridge = bridge = TelegramBridge(service, backoff=retry_backoff)
        self.app.add_handler(MessageHandler(filters.UpdateType.MESSAGE, bridge.on_message))
        self.app.add_handler(CallbackQueryHandler(bridge.on_callback))
        self.app.add_error_handler(self._on_error)

    def mount(self, app: web.Application) -> None:
        if self.webhook:
            add_route(app, "POST", self.path, self.receive, max_body=MAX_UPDATE_BYTES)

    async def start(self) -> None:
        await self.app.initialize()  # getMe: fails fast on a wrong token
        await self.app.bot.set_my_commands(COMMANDS)
        await self.app.start()
        self.service.outbound.register("telegram", self.push)
        if self.webhook:
            await self.app.bot.set_webhook(
                self.public_url + self.path,
                secret_token=self.secret,
                allowed_updates=ALLOWED_UPDATES,
            )
        elif self.app.updater is not None:
            await self.app.bot.delete_webhook()
            await self.app.updater.start_polling(allowed_updates=ALLOWED_UPDATES, timeout=10)
        log.info("Telegram bot @%s started (%s)", self.app.bot.username, self.mode)

    async def push(self, chat_id: str, replies: tuple[Reply, ...]) -> None:
        """Send without a triggering update (handoff relay, notices)."""
        await self.bridge.send(self.app.bot, int(chat_id), replies)

    @property
    def mode(self) -> str:
        return "webhook" if self.webhook else "polling"

    async def stop(self) -> None:
        # A webhook stays registered: other instances behind the same URL keep serving it.
        if self.app.updater is not None and self.app.updater.running:
            await self.app.updater.stop()
        if self.app.running:
            await self.app.stop()
        await self.app.shutdown()

    async def receive(self, request: web.Request) -> web.Response:
        """The webhook: check the secret in constant time, queue the update, answer at once; an
        update delivered again (same ``update_id``), to this instance or another on the same
        database, is acknowledged and not answered twice."""
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            return web.json_response({"ok": False, "error": "forbidden"}, status=403)
        if self.service.full(self.app.update_queue.qsize()):  # Telegram retries a 5xx later
            return web.json_response(
                {"ok": False, "error": "busy"}, status=503, headers={"Retry-After": "5"}
            )
        if (request.content_length or 0) > MAX_UPDATE_BYTES:
            return web.json_response({"ok": False, "error": "too large"}, status=413)
        try:
            data = json.loads(await request.read())
            update_id = data.get("update_id") if isinstance(data, dict) else None
            valid = isinstance(update_id, int) and not isinstance(update_id, bool)
            update = Update.de_json(data, self.app.bot) if valid else None
        except Exception as exc:  # any shape PTB cannot read is the sender's fault: 400, not 500
            log.warning("malformed Telegram update: %s", exc)
            update = None
        if update is None:
            return web.json_response({"ok": False, "error": "malformed update"}, status=400)
        if await self._seen.first_time(str(update.update_id)):
            await self.app.update_queue.put(update)
        return web.json_response({"ok": True})

    async def _on_error(self, update: object, context: object) -> None:
        error = getattr(context, "error", None)
        log.error("error while handling a Telegram update", exc_info=error)
