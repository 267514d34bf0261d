"""Which channels ``motcua run`` starts: every platform whose credentials are configured."""

from __future__ import annotations

from bot.channels.base import Channel
from bot.channels.zalo_bot import ZaloBotChannel
from bot.channels.zalo_oa import ZaloOAChannel, oa_missing, oa_status
from bot.config import Settings
from bot.service import ChatService


def configured_channels(settings: Settings, service: ChatService) -> list[Channel]:
    channels: list[Channel] = []
    # --- Telegram ---
    if settings.telegram_bot_token is not None:
        from bot.channels.telegram import TelegramChannel

        channels.append(TelegramChannel(settings, service))
    # --- Zalo ---
    if settings.zalo_bot_token is not None:
        channels.append(ZaloBotChannel.from_settings(settings, service))
    if not oa_missing(settings):
        channels.append(ZaloOAChannel.from_settings(settings, service))
    return channels


def channel_status(settings: Settings) -> list[str]:
    """One line per known platform for the start-up banner."""
    lines = []
    for name, configured in (
        ("Telegram", settings.telegram_bot_token is not None),
        ("Zalo", settings.zalo_bot_token is not None),
    ):
        lines.append(f"  {name}: {'bật' if configured else 'chưa bật (chưa đặt token)'}")
    lines.append(f"  Zalo OA: {oa_status(settings)}")
    return lines
