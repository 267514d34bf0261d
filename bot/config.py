"""Runtime configuration from environment variables and an optional ``.env`` file."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/motcua.db"


class Settings(BaseSettings):
    """Every setting, named as its environment variable (case-insensitive)."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=1, le=65535)
    database_url: str = DEFAULT_DATABASE_URL
    # Telegram
    telegram_bot_token: SecretStr | None = None
    telegram_mode: Literal["polling", "webhook"] = "polling"
    telegram_webhook_secret: SecretStr | None = None  # 1-256 chars of A-Z a-z 0-9 _ -
    telegram_public_url: str | None = None  # https://… where Telegram reaches this server
    telegram_api_base_url: str = "https://api.telegram.org/bot"  # token is appended
    zalo_bot_token: SecretStr | None = None
    log_level: str = "INFO"
    # Messages a citizen may send per minute before motcua asks them to slow down.
    rate_limit_per_minute: int = Field(default=30, ge=1)

    @property
    def public_url(self) -> str:
        host = "localhost" if self.host in ("127.0.0.1", "0.0.0.0", "::") else self.host
        return f"http://{host}:{self.port}/"
