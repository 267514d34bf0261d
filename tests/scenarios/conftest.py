"""Whole conversations through ``POST /api/chat`` on a real database (SQLite, and PostgreSQL
when reachable): the web chat's HTTP contract, the service, the middlewares and storage."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.config import Settings
from bot.http.server import create_app
from bot.runtime import Runtime
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.dbs import BACKENDS, fresh_database


@dataclass
class Chat:
    """A citizen in the web chat: sends text or presses buttons, remembers the last replies."""

    client: TestClient[Any, Any]
    user: str = "citizen-1"
    replies: list[dict[str, Any]] = field(default_factory=list)

    async def post(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        response = await self.client.post("/api/chat", json=body)
        assert response.status == 200, await response.text()
        data = await response.json()
        self.replies = data["replies"]
        assert self.replies and all(r["text"].strip() for r in self.replies)
        return self.replies

    async def say(self, text: str) -> str:
        await self.post({"user": self.user, "text": text})
        return self.text

    async def press(self, label_part: str) -> str:
        """Press the first button of the last turn whose label contains ``label_part``."""
        for button in self.buttons:
            if label_part.lower() in button["label"].lower():
                await self.post({"user": self.user, "action": button["action"]})
                return self.text
        raise AssertionError(f"no button {label_part!r} among {self.labels}")

    @property
    def text(self) -> str:
        return "\n".join(r["text"] for r in self.replies)

    @property
    def buttons(self) -> list[dict[str, str]]:
        return [b for r in self.replies for b in r["buttons"]]

    @property
    def labels(self) -> list[str]:
        return [b["label"] for b in self.buttons]


@dataclass
class Harness:
    """A running app on one database; ``restart`` closes it and opens a new one on the same DB."""

    url: str
    knowledge: tuple[KnowledgeStore, LiveMatcher]
    runtime: Runtime | None = None
    client: TestClient[Any, Any] | None = None

    async def start(self) -> Chat:
        store, matcher = self.knowledge
        self.runtime = await Runtime.open(Settings(database_url=self.url), store, matcher)
        self.client = TestClient(TestServer(create_app(self.runtime.service)))
        await self.client.start_server()
        return Chat(self.client)

    async def stop(self) -> None:
        if self.client:
            await self.client.close()
        if self.runtime:
            await self.runtime.close()
        self.client = self.runtime = None

    async def restart(self, chat: Chat) -> Chat:
        await self.stop()
        fresh = await self.start()
        fresh.user = chat.user
        return fresh

    @property
    def storage(self) -> Any:
        assert self.runtime is not None
        return self.runtime.storage


@pytest.fixture(params=BACKENDS)
async def harness(
    request: pytest.FixtureRequest, knowledge: tuple[KnowledgeStore, LiveMatcher], tmp_path: Path
) -> AsyncIterator[Harness]:
    async with fresh_database(request.param, tmp_path) as url:
        h = Harness(url, knowledge)
        try:
            yield h
        finally:
            await h.stop()


@pytest.fixture
async def chat(harness: Harness) -> Chat:
    return await harness.start()
