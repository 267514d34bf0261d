"""Shedding load honestly: past the bound on turns in flight the chat answers 503 with
Retry-After at once; a turn whose client has gone is not stored; a retried message with the same
client id is handled, stored and answered once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import text

from bot.config import Settings
from bot.http.server import create_app
from bot.middleware import Next, TurnContext
from bot.runtime import Runtime
from handlers.events import Incoming, Turn
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.dbs import BACKENDS, fresh_database


class Gate:
    """A middleware that holds every turn until opened; counts the turns that reached it."""

    def __init__(self) -> None:
        self.open = asyncio.Event()
        self.reached = 0

    async def __call__(self, event: Incoming, context: TurnContext, call_next: Next) -> Turn:
        self.reached += 1
        await self.open.wait()
        return await call_next(event, context)


class App:
    def __init__(self, runtime: Runtime, client: TestClient[Any, Any], gate: Gate) -> None:
        self.runtime, self.client, self.gate = runtime, client, gate

    async def post(self, body: dict[str, Any]) -> aiohttp.ClientResponse:
        return await self.client.post("/api/chat", json=body)

    async def stored(self, user: str) -> int:
        async with self.runtime.storage.engine.connect() as connection:
            return int(
                await connection.scalar(
                    text(
                        "SELECT count(*) FROM messages m JOIN users u ON u.id = m.user_id "
                        "WHERE u.external_id = :user AND m.direction = 'in'"
                    ),
                    {"user": user},
                )
            )

    async def until(self, reached: int) -> None:
        for _ in range(500):
            if self.gate.reached >= reached:
                return
            await asyncio.sleep(0.01)
        raise AssertionError(f"{self.gate.reached}/{reached} turns reached the gate")


@pytest.fixture(params=BACKENDS)
async def app(
    request: pytest.FixtureRequest, knowledge: tuple[KnowledgeStore, LiveMatcher], tmp_path: Path
) -> AsyncIterator[App]:
    async with fresh_database(request.param, tmp_path) as url:
        settings = Settings(database_url=url, max_turns_in_flight=2)
        runtime = await Runtime.open(settings, *knowledge)
        gate = Gate()
        runtime.service.middlewares = [gate, *runtime.service.middlewares]
        client = TestClient(TestServer(create_app(runtime.service, settings)))
        await client.start_server()
        try:
            yield App(runtime, client, gate)
        finally:
            gate.open.set()
            await client.close()
            await runtime.close()


async def test_past_the_bound_a_message_gets_503_with_retry_after_at_once(app: App) -> None:
    held = [asyncio.create_task(app.post({"user": f"u{i}", "text": "khai sinh"})) for i in (1, 2)]
    await app.until(2)
    refused = await asyncio.wait_for(app.post({"user": "u3", "text": "khai sinh"}), 1.0)
    assert refused.status == 503 and int(refused.headers["Retry-After"]) >= 1
    assert "error" in await refused.json()
    app.gate.open.set()
    assert [(await t).status for t in held] == [200, 200]
    assert (await app.post({"user": "u3", "text": "khai sinh"})).status == 200  # room again
    assert await app.stored("u3") == 1


async def test_a_turn_whose_client_has_gone_is_not_stored(app: App) -> None:
    gone = asyncio.create_task(app.post({"user": "leaver", "text": "khai sinh"}))
    await app.until(1)
    gone.cancel()  # the client gives up: its connection closes
    with pytest.raises(asyncio.CancelledError):
        await gone
    await asyncio.sleep(0.1)
    app.gate.open.set()
    assert (await app.post({"user": "stayer", "text": "khai sinh"})).status == 200
    await asyncio.sleep(0.2)
    assert await app.stored("leaver") == 0 and await app.stored("stayer") == 1
    assert app.runtime.service.in_flight == 0


async def test_a_retried_message_id_is_handled_and_stored_once(app: App) -> None:
    body = {"user": "retry", "text": "khai sinh", "id": "m-1"}
    first = asyncio.create_task(app.post(body))
    await app.until(1)
    second = asyncio.create_task(app.post(body))  # sent again while the first is running
    await asyncio.sleep(0.1)
    app.gate.open.set()
    answers = [await (await t).json() for t in (first, second)]
    third = await (await app.post(body)).json()  # and once more after it was answered
    assert answers[0] == answers[1] == third
    assert app.gate.reached == 1 and await app.stored("retry") == 1
    other = await app.post({**body, "id": "m-2"})  # a new id is a new message
    assert other.status == 200 and await app.stored("retry") == 2


@pytest.mark.parametrize("bad", [5, "", "x" * 65, "a\x00"])
async def test_a_malformed_message_id_gets_400(app: App, bad: Any) -> None:
    response = await app.post({"user": "u", "text": "xin chào", "id": bad})
    assert response.status == 400 and "error" in await response.json()
