"""PTB callbacks: Telegram updates → :class:`Incoming`, the service's replies → messages."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable

from telegram import Bot, LinkPreviewOptions, Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import ContextTypes

from bot.channels.telegram.render import render
from bot.service import ChatService
from handlers.events import Incoming, Kind, Reply

log = logging.getLogger("motcua.telegram")
CHANNEL = "telegram"
PRIVATE_ONLY = "motcua chỉ trả lời tin nhắn riêng. Bạn nhắn riêng cho bot để được hướng dẫn nhé."
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def classify(message: Message) -> tuple[Kind, str]:
    if message.text is not None:
        return Kind.TEXT, message.text
    if message.sticker:
        return Kind.STICKER, ""
    if message.photo:
        return Kind.PHOTO, ""
    if message.voice or message.audio or message.video_note:
        return Kind.VOICE, ""
    if message.document or message.video or message.animation:
        return Kind.FILE, ""
    return Kind.OTHER, ""


class TelegramBridge:
    def __init__(self, service: ChatService, retries: int = 3, backoff: float = 0.5) -> None:
        self.service, self.retries, self.backoff = service, retries, backoff

    async def on_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message, chat = update.message, update.effective_chat
        if message is None or chat is None:
            return  # edited messages, channel posts: nothing a citizen expects an answer to
        if chat.type != ChatType.PRIVATE:
            if message.text and message.text.startswith("/"):
                await self._call(lambda: message.reply_text(PRIVATE_ONLY))
            return
        kind, text = classify(message)
        turn = await self.service.handle(Incoming(str(chat.id), CHANNEL, kind, text=text))
        await self.send(context.bot, chat.id, turn.replies)

    async def on_callback(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None:
            return
        await self._call(query.answer, retry=False)  # stops the button's spinner
        chat = query.message.chat if query.message else None
        if chat is None or chat.type != ChatType.PRIVATE:
            return
        event = Incoming(str(chat.id), CHANNEL, Kind.ACTION, action=query.data or "")
        turn = await self.service.handle(event)
        await self.send(context.bot, chat.id, turn.replies)

    async def send(self, bot: Bot, chat_id: int, replies: tuple[Reply, ...]) -> None:
        for out in render(replies):
            sent = await self._call(
                lambda out=out: bot.send_message(  # type: ignore[misc]
                    chat_id,
                    out.html,
                    parse_mode=ParseMode.HTML,
                    reply_markup=out.keyboard,
                    link_preview_options=NO_PREVIEW,
                )
            )
            if sent is None:
                log.warning("a reply to chat %s was not delivered", chat_id)

    async def _call(
        self, call: Callable[[], Awaitable[object]], retry: bool = True
    ) -> object | None:
        """Bounded retries on flood control and network errors; None when it finally failed.

        AIORateLimiter already retries RetryAfter; this covers what is left after it gives up,
        plus time-outs and connection errors, which it does not retry.
        """
        attempts = self.retries + 1 if retry else 1
        for attempt in range(attempts):
            try:
                return await call()
            except RetryAfter as exc:
                wait = exc.retry_after
                seconds = wait.total_seconds() if isinstance(wait, dt.timedelta) else float(wait)
                log.warning("Telegram flood control: retry after %.1fs", seconds)
                await asyncio.sleep(seconds + 0.1)
            except (BadRequest, Forbidden) as exc:  # not worth retrying: bad input, bot blocked
                log.warning("Telegram refused a request: %s", exc)
                return None
            except NetworkError as exc:
                log.warning("Telegram network error (attempt %d): %s", attempt + 1, exc)
                await asyncio.sleep(self.backoff * 2**attempt)
            except TelegramError as exc:
                log.warning("Telegram error: %s", exc)
                return None
        return None
