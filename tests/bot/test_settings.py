"""Settings come from the environment and ``.env``: any case, the environment first, values
passed in before both, unknown names ignored, a bad value refused with its name. A channel's own
settings, declared in its file, are read by the same rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.channels.telegram import TelegramSettings
from bot.channels.zalo_bot import ZaloBotSettings
from bot.config import Settings


@pytest.fixture
def workdir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("PORT", "HOST", "LOG_LEVEL", "TELEGRAM_BOT_TOKEN", "TELEGRAM_MODE", "ZALO_MODE"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_a_variable_in_any_case_sets_its_setting(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORT", "9001")
    monkeypatch.setenv("telegram_bot_token", "123:abc")
    settings = Settings()
    assert settings.port == 9001
    token = settings.section(TelegramSettings).telegram_bot_token
    assert token is not None and token.get_secret_value() == "123:abc"


def test_env_file_then_environment_then_values_passed(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (workdir / ".env").write_text(
        "PORT=9002\nHOST=0.0.0.0\nLOG_LEVEL=DEBUG\nNOT_A_SETTING=1\n", encoding="utf-8"
    )
    monkeypatch.setenv("HOST", "10.0.0.1")
    settings = Settings(log_level="WARNING")
    assert (settings.port, settings.host, settings.log_level) == (9002, "10.0.0.1", "WARNING")
    assert not hasattr(settings, "not_a_setting")


def test_without_env_file_the_defaults_hold(workdir: Path) -> None:
    assert (Settings().port, Settings().host) == (8080, "127.0.0.1")


def test_a_bad_value_is_refused_with_its_name(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORT", "eighty")
    with pytest.raises(ValidationError, match="port"):
        Settings()


def test_a_channels_settings_come_from_env_file_then_environment_then_values_passed(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (workdir / ".env").write_text(
        "TELEGRAM_BOT_TOKEN=1:file\nTELEGRAM_MODE=webhook\nZALO_MODE=webhook\n", encoding="utf-8"
    )
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "2:env")
    settings = Settings(zalo_mode="polling")
    telegram = settings.section(TelegramSettings)
    assert telegram.telegram_bot_token is not None
    assert (telegram.telegram_bot_token.get_secret_value(), telegram.telegram_mode) == (
        "2:env",
        "webhook",
    )
    assert settings.section(ZaloBotSettings).zalo_mode == "polling"


def test_a_channels_setting_is_not_one_of_the_runtimes(workdir: Path) -> None:
    settings = Settings(telegram_bot_token="1:abc")
    assert not hasattr(settings, "telegram_bot_token")
    assert "telegram_bot_token" not in Settings.model_fields


def test_a_bad_value_of_a_channels_setting_is_refused_with_its_name(workdir: Path) -> None:
    settings = Settings(zalo_mode="carrier-pigeon")
    with pytest.raises(ValidationError, match="zalo_mode"):
        settings.section(ZaloBotSettings)
