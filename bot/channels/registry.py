"""Every channel ``motcua run`` knows, one line each: adding a platform is its module plus a line.

An entry names a class (``module:Class``, imported only when the registry is read, so a platform's
library loads only where it is used) with:

- ``settings_model``: the :class:`bot.config.EnvSettings` declaring its own settings (named as
  their environment variables), in its own file; None when it has none;
- ``from_settings(settings, service)``: the channel, or None while its settings are not set
  (Rasa's ``from_credentials``); the channel reads its own there, with
  ``settings.section(settings_model)``;
- ``status(settings)``: its line in the start-up banner, or None;
- and the :class:`bot.channels.base.Channel` methods: ``mount`` (its routes and their body
  limits), ``start``, ``stop``.
"""

from __future__ import annotations

from importlib import import_module
from typing import Protocol, cast

from bot.channels.base import Channel
from bot.config import EnvSettings, Settings
from bot.service import ChatService

CHANNELS: list[str] = [
    "bot.web.channel:WebChat",
    "bot.channels.telegram:Telegram",
    "bot.channels.zalo_bot:ZaloBotChannel",
    "bot.channels.zalo_oa:ZaloOAChannel",
]


class ChannelClass(Protocol):
    """What a registry entry names."""

    settings_model: type[EnvSettings] | None

    def from_settings(self, settings: Settings, service: ChatService) -> Channel | None: ...

    def status(self, settings: Settings) -> str | None: ...


def channel_classes() -> list[ChannelClass]:
    found = []
    for entry in CHANNELS:
        module, name = entry.split(":")
        found.append(cast(ChannelClass, getattr(import_module(module), name)))
    return found


def setting_names() -> set[str]:
    """Every setting motcua reads (lower case): the runtime's and each channel's own."""
    models = [kind.settings_model for kind in channel_classes()]
    return {name for model in (Settings, *models) if model for name in model.model_fields}


def configured_channels(settings: Settings, service: ChatService) -> list[Channel]:
    """The channels whose settings are set, the web chat first (it is always on)."""
    channels = (kind.from_settings(settings, service) for kind in channel_classes())
    return [channel for channel in channels if channel is not None]


def channel_status(settings: Settings) -> list[str]:
    """One line per known platform for the start-up banner."""
    lines = (kind.status(settings) for kind in channel_classes())
    return [line for line in lines if line is not None]
