"""Telegram through python-telegram-bot 22: polling or a webhook inside motcua's aiohttp app.

:class:`Telegram` is the registry's entry and :class:`TelegramSettings` (``settings.py``) the
channel's settings: python-telegram-bot is imported only when ``TELEGRAM_BOT_TOKEN`` is set (it
costs start-up time and memory), and so is :class:`TelegramChannel`, on first use.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from bot.channels.telegram.settings import TelegramSettings
from bot.config import Settings

# Opt in to PTB 22's future type for RetryAfter.retry_after (a timedelta); motcua reads both.
os.environ.setdefault("PTB_TIMEDELTA", "true")

if TYPE_CHECKING:
    from bot.channels.telegram.channel import TelegramChannel
    from bot.service import ChatService

__all__ = ["Telegram", "TelegramChannel", "TelegramSettings"]


class Telegram:
    """Builds :class:`TelegramChannel` from the settings, or None while the token is unset."""

    settings_model = TelegramSettings

    @staticmethod
    def from_settings(settings: Settings, service: ChatService) -> TelegramChannel | None:
        own = settings.section(TelegramSettings)
        if own.telegram_bot_token is None:
            return None
        from bot.channels.telegram.channel import TelegramChannel

        return TelegramChannel(own, service)

    @staticmethod
    def status(settings: Settings) -> str:
        on = settings.section(TelegramSettings).telegram_bot_token is not None
        return f"  Telegram: {'bật' if on else 'chưa bật (chưa đặt token)'}"


def __getattr__(name: str) -> Any:
    if name == "TelegramChannel":
        from bot.channels.telegram.channel import TelegramChannel

        return TelegramChannel
    raise AttributeError(name)
