"""The Telegram channel's settings, apart so that the channel and its registry entry share them."""

from __future__ import annotations

from typing import Literal

from pydantic import SecretStr

from bot.config import EnvSettings


class TelegramSettings(EnvSettings):
    """The Telegram bot's settings (README "## Telegram"): the token turns it on."""

    telegram_bot_token: SecretStr | None = None
    telegram_mode: Literal["polling", "webhook"] = "polling"
    telegram_webhook_secret: SecretStr | None = None  # 1-256 chars of A-Z a-z 0-9 _ -
    telegram_public_url: str | None = None  # https://… where Telegram reaches this server
    telegram_api_base_url: str = "https://api.telegram.org/bot"  # token is appended
