"""Fixtures for the poster tests: links as a ward would configure them, a clean environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.posters import Links
from knowledge.base import KnowledgeBase

BOT = "motcua_test_bot"
ZALO = "https://zalo.me/0000000000"


@pytest.fixture
def links() -> Links:
    return Links(BOT, ZALO)


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, kb: KnowledgeBase) -> Path:
    """Run the CLI in an empty folder (no .env) with only the Telegram username set."""
    monkeypatch.setattr("bot.cli.qr.load_or_report", lambda: kb)  # loaded once per session
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_BOT_USERNAME", "ZALO_LINK"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TELEGRAM_BOT_USERNAME", BOT)
    return tmp_path
