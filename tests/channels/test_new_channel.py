"""A new platform is one file plus one registry line: this file is that file.

``FakeChat`` is a minimal platform (a JSON webhook in, replies kept as the platform would show
them) with its own settings (``FAKECHAT_TOKEN``, declared here and read by ``bot.config``'s
mechanism), its own route and its own body limit. The test
adds it to :data:`bot.channels.registry.CHANNELS` (the one line) and drives a message through
the real service, as ``motcua run`` would build it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from pydantic import SecretStr
from sqlalchemy import select

from bot.channels import registry
from bot.channels.base import messages
from bot.config import EnvSettings, Settings
from bot.http.limits import add_route
from bot.http.server import create_app
from bot.runtime import Runtime
from bot.service import ChatService
from bot.storage.models import Message
from handlers.events import Incoming, Kind
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher

ENTRY = "tests.channels.test_new_channel:FakeChat"


class FakeChatSettings(EnvSettings):
    """The platform's own settings, named as their environment variables."""

    fakechat_token: SecretStr | None = None


class FakeChat:
    name = "FakeChat"
    max_body = 4096
    settings_model = FakeChatSettings

    def __init__(self, service: ChatService, token: str) -> None:
        self.service, self.path = service, f"/fakechat/{token}"
        self.shown: dict[str, list[str]] = {}  # what the platform shows each user

    @classmethod
    def from_settings(cls, settings: Settings, service: ChatService) -> FakeChat | None:
        token = settings.section(FakeChatSettings).fakechat_token
        return cls(service, token.get_secret_value()) if token else None

    @staticmethod
    def status(settings: Settings) -> str:
        on = settings.section(FakeChatSettings).fakechat_token is not None
        return f"  FakeChat: {'bật' if on else 'chưa bật'}"

    def mount(self, app: web.Application) -> None:
        add_route(app, "POST", self.path, self.receive, max_body=self.max_body)

    async def start(self) -> None:
        """A webhook: nothing to start."""

    async def stop(self) -> None:
        """Nothing to stop."""

    async def receive(self, request: web.Request) -> web.Response:
        update = await request.json()
        event = Incoming(str(update["from"]), "fakechat", Kind.TEXT, text=str(update["text"]))
        turn = await self.service.handle(event)
        self.shown.setdefault(event.user, []).extend(
            messages(turn.replies, 1000, with_numbers=True)
        )
        return web.json_response({"ok": True})


@pytest.fixture
async def running(
    tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher], monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[Runtime, TestClient[Any, Any], FakeChat]]:
    monkeypatch.setattr(registry, "CHANNELS", [*registry.CHANNELS, ENTRY])  # the registry line
    monkeypatch.setenv("FAKECHAT_TOKEN", "s3cret")
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'fake.db'}")
    runtime = await Runtime.open(settings, *knowledge)
    channels = registry.configured_channels(settings, runtime.service)
    fake = next(c for c in channels if isinstance(c, FakeChat))
    client = TestClient(TestServer(create_app(runtime.service, settings, channels)))
    await client.start_server()
    try:
        yield runtime, client, fake
    finally:
        await client.close()
        await runtime.close()


async def test_a_registered_channel_answers_through_the_real_service(
    running: tuple[Runtime, TestClient[Any, Any], FakeChat],
) -> None:
    runtime, client, fake = running
    response = await client.post("/fakechat/s3cret", json={"from": 7, "text": "làm căn cước"})
    assert response.status == 200
    assert fake.shown["7"] and "căn cước" in " ".join(fake.shown["7"]).lower()
    async with runtime.storage.engine.connect() as connection:
        logged = (await connection.execute(select(Message.direction, Message.channel))).all()
    assert ("in", "fakechat") in logged and ("out", "fakechat") in logged
    assert "  FakeChat: bật" in registry.channel_status(Settings())
    assert "fakechat_token" in registry.setting_names()


async def test_its_declared_body_limit_is_applied_before_its_handler(
    running: tuple[Runtime, TestClient[Any, Any], FakeChat],
) -> None:
    _, client, fake = running
    response = await client.post("/fakechat/s3cret", data=b"x" * (FakeChat.max_body + 1))
    assert response.status == 413
    assert fake.shown == {}


def test_without_its_setting_it_is_not_started(
    monkeypatch: pytest.MonkeyPatch, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> None:
    monkeypatch.setattr(registry, "CHANNELS", [*registry.CHANNELS, ENTRY])
    monkeypatch.delenv("FAKECHAT_TOKEN", raising=False)
    assert FakeChat.from_settings(Settings(), None) is None  # type: ignore[arg-type]
    assert "  FakeChat: chưa bật" in registry.channel_status(Settings())
