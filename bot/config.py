"""Runtime configuration from environment variables and an optional ``.env`` file.

The variables are read here rather than through pydantic-settings, whose import (its sources for
cloud secret stores included) was a tenth of the server's start; the rules are the same: a
setting is the variable of its name in any case, the environment wins over ``.env`` in the
working directory, values passed to ``Settings(...)`` win over both, and unknown names are
ignored.

:class:`Settings` holds what the runtime itself reads. A channel declares its own settings in its
own file, as an :class:`EnvSettings` whose fields are named as their variables, and reads them
with :meth:`Settings.section` (``bot/channels/registry.py``).
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, SecretStr, field_validator

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/motcua.db"
ORIGINS = r"^(\s*https?://[A-Za-z0-9.:\-\[\]]+\s*,?)*$"  # a comma-separated list of origins


def _knowledge_cache() -> str:
    """``$XDG_CACHE_HOME/motcua``, else ``~/.cache/motcua``; no home directory: no cache."""
    try:
        return str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "motcua")
    except RuntimeError:  # Path.home(): no HOME and no entry in the password database
        return ""


def _environment(names: Iterable[str], env_file: Path = Path(".env")) -> dict[str, str]:
    """The values ``.env`` and then the environment give to settings of these names."""
    wanted = set(names)
    found: dict[str, str] = {}
    if env_file.is_file():
        from dotenv import dotenv_values

        for name, value in dotenv_values(env_file, encoding="utf-8").items():
            if value is not None and name.lower() in wanted:
                found[name.lower()] = value
    for name, value in os.environ.items():
        if name.lower() in wanted:
            found[name.lower()] = value
    return found


class EnvSettings(BaseModel):
    """Settings read from the variables named as their fields (case-insensitive)."""

    model_config = ConfigDict(extra="ignore", validate_default=True)

    def __init__(self, **values: Any) -> None:
        super().__init__(**{**_environment(type(self).model_fields), **values})


Section = TypeVar("Section", bound=EnvSettings)


class Settings(EnvSettings):
    """The runtime's settings, named as their environment variables (case-insensitive)."""

    _given: dict[str, Any] = PrivateAttr(default_factory=dict)

    def __init__(self, **values: Any) -> None:
        super().__init__(**values)
        self._given = values

    def section(self, kind: type[Section]) -> Section:
        """A channel's own settings, read like these when asked: its variables from ``.env`` and
        the environment, with the values given to ``Settings(...)`` under its names winning."""
        return kind(**{name: v for name, v in self._given.items() if name in kind.model_fields})

    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=1, le=65535)
    database_url: str = DEFAULT_DATABASE_URL
    # The channels' own settings (tokens, secrets, modes, webhook and API addresses) are in
    # their files: bot/channels/telegram/__init__.py, zalo_bot.py, zalo_oa.py.
    # QR posters (`motcua qr`): t.me/<username>?start=<id>, and the ward's Zalo OA/bot page.
    telegram_bot_username: str | None = None  # without "@"
    zalo_link: str | None = None  # https://zalo.me/… (Zalo has no start payload)
    # Handoff: unclaimed tickets expire (citizen told honestly) after this many seconds.
    handoff_claim_timeout_seconds: float = Field(default=300, gt=0)
    log_level: str = "INFO"
    # The deployment's own commune, for citizens who never name a place: an official commune
    # code ("70") or a name that is one commune ("phường Hoàn Kiếm, Hà Nội").
    default_locality: str | None = None
    # Operations (README "## Deploy"): log lines as JSON objects or text, the bearer token that
    # opens /metrics to other hosts (unset: loopback only), and how long SIGTERM waits for
    # in-flight requests and channel work before motcua exits.
    log_format: Literal["text", "json"] = "text"
    metrics_token: SecretStr | None = None
    shutdown_timeout_seconds: float = Field(default=10, gt=0)
    # After SIGTERM, keep serving this long while /readyz answers 503, so that a proxy's health
    # check takes the instance out before its port closes (set it above the check interval).
    shutdown_drain_delay_seconds: float = Field(default=0, ge=0, le=60)
    # Durability (README "## Benchmark"): how long a connection or a turn's statement may take
    # before the database counts as down (SQLite: how long to wait for the file lock); the
    # PostgreSQL fast path's connections for reads (as many for writes); how often to retry
    # while down. Meanwhile writes go to SPOOL_DIR (a directory per database), replayed later.
    database_timeout_seconds: float = Field(default=3.0, gt=0)
    database_lanes: int = Field(default=2, ge=1, le=32)
    database_retry_seconds: float = Field(default=1.0, gt=0)
    spool_dir: Path = Path("data/spool")
    # Start-up (README "Start-up"): the validated knowledge base, its matcher and the gazetteer
    # are kept here between starts, keyed by a hash of every file they are built from (a
    # changed file or module is read afresh). Empty: no cache, every start reads the YAML.
    knowledge_cache_dir: str = Field(default_factory=_knowledge_cache)
    # Origins allowed to frame the public chat page (CSP frame-ancestors), comma-separated, e.g.
    # a ward's site embedding it (https://phuong.example); empty: nobody.
    frame_ancestors: str = Field(default="", pattern=r"^(\s*https?://[A-Za-z0-9.:\-\[\]]+\s*,?)*$")
    # Origins whose pages may embed the chat widget (<script src=".../widget.js">) and call the
    # chat API from the browser (CORS), comma-separated, e.g. https://phuong.example; a
    # cross-origin request from any other page is refused. Empty: the API is same-origin only.
    widget_origins: str = Field(default="", pattern=ORIGINS)
    # Call-backs (a citizen's phone number left when nobody can answer): days they are kept.
    retention_callbacks_days: int = Field(default=30, ge=1, le=365)
    # Turns in flight (handled or waiting) above which this instance refuses new messages at
    # once (web chat: 503 with Retry-After; webhooks: 503, the platform retries) instead of
    # queueing them past any client's patience; 0 turns the bound off. README "## Bad input".
    max_turns_in_flight: int = Field(default=512, ge=0)
    # Messages a citizen may send per minute before motcua asks them to slow down.
    rate_limit_per_minute: int = Field(default=30, ge=1)
    # Per client address on the web chat (a ward office's Wi-Fi is one address for many
    # citizens): messages per minute, and citizen ids not seen from it in the last minute;
    # over either → 429 with Retry-After. 0 turns a cap off.
    address_messages_per_minute: int = Field(default=600, ge=0)
    address_new_ids_per_minute: int = Field(default=120, ge=0)
    # Per citizen id on the web chat, from any address: polls of /api/chat/updates and opened
    # streams, a token bucket of ID_POLLS_BURST refilled at this rate; past it → 429 with
    # Retry-After. Counted per instance. The page polls every 4 s while its stream is down and
    # reconnects its stream every 50 s; the burst covers "more" pages and reconnects. 0: off.
    id_polls_per_minute: int = Field(default=60, ge=0)
    id_polls_burst: int = Field(default=20, ge=1)
    # redis://host:6379/0: rate limits shared by every instance; unset: counted per instance.
    redis_url: str | None = None
    # Proxies (comma-separated addresses or CIDRs) whose X-Forwarded-For names the client:
    # rate limits and the login lockout key on that client, not on the proxy. Empty: the
    # connecting address is the client (no proxy in front).
    trusted_proxies: str = ""
    # Dashboard at /admin (README "## Dashboard").
    admin_session_hours: float = Field(default=12, gt=0)  # a login lasts this long
    admin_cookie_secure: bool | None = None  # None: Secure cookie when the request was HTTPS
    # Learned aliases are re-read from the database this often (other instances' additions);
    # 0 turns the periodic refresh off.
    learned_aliases_refresh_seconds: float = Field(default=30, ge=0)
    # Personal data (docs/privacy.md, page /quyen-rieng-tu): who the data controller is (the
    # deploying ward or province) and how to reach them; where the privacy page is published
    # (unset: this server's address + /quyen-rieng-tu; set it to the public https address).
    privacy_controller_name: str = "Ủy ban nhân dân xã/phường triển khai motcua"
    privacy_controller_contact: str = "Bộ phận Một cửa của Ủy ban nhân dân xã/phường"
    privacy_page_url: str | None = None
    # Retention, in days (0: keep without limit), and how often the purge runs inside
    # `motcua run` (0: never; `motcua purge` from cron instead).
    retention_messages_days: int = Field(default=90, ge=0)
    retention_states_days: int = Field(default=30, ge=0)
    retention_unmet_days: int = Field(default=180, ge=0)
    retention_feedback_days: int = Field(default=365, ge=0)
    retention_tickets_days: int = Field(default=90, ge=0)
    retention_audit_days: int = Field(default=730, ge=0)
    purge_every_hours: float = Field(default=6, ge=0)
    # Who answers when a supervisor writes an answer in the dashboard: citizens read "Trả lời của
    # <answer_unit>, ngày …".
    answer_unit: str = Field(default="Bộ phận Một cửa", min_length=1, max_length=200)

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies(cls, value: str) -> str:
        for part in value.split(","):
            if part.strip():
                ipaddress.ip_network(part.strip(), strict=False)  # ValueError names the bad one
        return value

    @property
    def knowledge_cache(self) -> Path | None:
        return Path(self.knowledge_cache_dir) if self.knowledge_cache_dir.strip() else None

    @property
    def public_url(self) -> str:
        host = "localhost" if self.host in ("127.0.0.1", "0.0.0.0", "::") else self.host
        return f"http://{host}:{self.port}/"

    @property
    def privacy_url(self) -> str:
        """Where citizens read the privacy page."""
        return self.privacy_page_url or self.public_url + "quyen-rieng-tu"
