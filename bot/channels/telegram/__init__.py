"""Telegram through python-telegram-bot 22: polling or a webhook inside motcua's aiohttp app."""

import os

# Opt in to PTB 22's future type for RetryAfter.retry_after (a timedelta); motcua reads both.
os.environ.setdefault("PTB_TIMEDELTA", "true")

from bot.channels.telegram.channel import TelegramChannel

__all__ = ["TelegramChannel"]
