"""``GET /api/chat/updates``: what the handoff pushes to a web citizen, fetched by polling.

Messages are pushed through the service's outbound senders (as the handoff does) and read over
HTTP, on SQLite and PostgreSQL, also from a second instance on the same database.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select, text, update

from bot.config import Settings
from bot.http.server import create_app
from bot.runtime import Runtime
from bot.storage.outbox_models import KEEP, WebOutboxMessage
from bot.web.outbox import MAX_CHARS, MAX_MESSAGES, MAX_TEXT
from bot.web.updates import OUTBOX
from handlers.events import Button, Reply
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.dbs import BACKENDS, fresh_database

USER = "0b6f8e9e-3c1d-4f7a-9a51-5d7c2f1e8a90"


@dataclass
class Web:
    runtime: Runtime
    client: TestClient[Any, Any]

    async def push(self, user: str, *replies: Reply) -> bool:
        return await self.runtime.service.outbound.send("web", user, replies)

    async def updates(self, **params: str) -> tuple[int, Any]:
        response = await self.client.get("/api/chat/updates", params=params)
        return response.status, await response.json()

    async def fetch(self, user: str = USER, after: int = 0) -> dict[str, Any]:
        status, body = await self.updates(user=user, after=str(after))
        assert status == 200, body
        return dict(body)


async def _web(url: str, knowledge: tuple[KnowledgeStore, LiveMatcher]) -> AsyncIterator[Web]:
    store, matcher = knowledge
    runtime = await Runtime.open(Settings(database_url=url), store, matcher)
    client = TestClient(TestServer(create_app(runtime.service)))
    await client.start_server()
    try:
        yield Web(runtime, client)
    finally:
        await client.close()
        await runtime.close()


@pytest.fixture(params=BACKENDS)
async def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    async with fresh_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
async def web(db_url: str, knowledge: tuple[KnowledgeStore, LiveMatcher]) -> AsyncIterator[Web]:
    async for running in _web(db_url, knowledge):
        yield running


@pytest.fixture
async def lite(tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]) -> AsyncIterator[Web]:
    """SQLite only, for HTTP behaviour that does not depend on the backend."""
    async with fresh_database("sqlite", tmp_path) as url:
        async for running in _web(url, knowledge):
            yield running


async def test_the_web_channel_can_push(lite: Web) -> None:
    assert lite.runtime.service.outbound.can_push("web")


async def test_a_pushed_message_is_fetched_with_its_buttons(web: Web) -> None:
    buttons = (Button("👍", "tk:up:7"), Button("👎", "tk:down:7"))
    assert await web.push(USER, Reply("Tình nguyện viên đã kết thúc hỗ trợ.", buttons))
    body = await web.fetch()
    [reply] = body["replies"]
    assert reply["text"] == "Tình nguyện viên đã kết thúc hỗ trợ."
    assert reply["buttons"] == [
        {"label": "👍", "action": "tk:up:7"},
        {"label": "👎", "action": "tk:down:7"},
    ]
    assert body["after"] == reply["id"] and body["more"] is False


async def test_after_returns_only_newer_messages_in_order(web: Web) -> None:
    await web.push(USER, Reply("một"), Reply("hai"))
    first = await web.fetch()
    assert [r["text"] for r in first["replies"]] == ["một", "hai"]
    await web.push(USER, Reply("ba"))
    second = await web.fetch(after=first["after"])
    assert [r["text"] for r in second["replies"]] == ["ba"]
    assert second["after"] > first["after"]
    empty = await web.fetch(after=second["after"])
    assert empty == {"replies": [], "after": second["after"], "more": False}


async def test_nobody_sees_another_citizens_messages(web: Web) -> None:
    other = "5d1c0a7e-2b3f-4e8d-9c6a-1f0e2d3c4b5a"
    await web.push(other, Reply("riêng tư"))
    assert (await web.fetch())["replies"] == []
    assert [r["text"] for r in (await web.fetch(other))["replies"]] == ["riêng tư"]


async def test_another_instance_on_the_same_database_delivers_it(
    web: Web, db_url: str, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> None:
    async for other in _web(db_url, knowledge):
        await web.push(USER, Reply("từ máy chủ thứ nhất"))
        [reply] = (await other.fetch())["replies"]
        assert reply["text"] == "từ máy chủ thứ nhất"


async def test_at_most_a_few_messages_per_answer_then_more(lite: Web) -> None:
    await lite.push(USER, *(Reply(f"tin {i}") for i in range(MAX_MESSAGES + 3)))
    first = await lite.fetch()
    assert len(first["replies"]) == MAX_MESSAGES and first["more"] is True
    rest = await lite.fetch(after=first["after"])
    assert [r["text"] for r in rest["replies"]] == [f"tin {i}" for i in range(MAX_MESSAGES, 13)]
    assert rest["more"] is False


async def test_an_answer_stays_small_but_always_moves_on(lite: Web) -> None:
    big = "x" * MAX_TEXT
    count = MAX_CHARS // MAX_TEXT + 2
    await lite.push(USER, *(Reply(big) for _ in range(count)))
    first = await lite.fetch()
    assert 1 <= len(first["replies"]) <= MAX_CHARS // MAX_TEXT and first["more"] is True
    seen, after = len(first["replies"]), first["after"]
    while True:
        body = await lite.fetch(after=after)
        assert body["replies"], "each answer gives at least one message"
        seen, after = seen + len(body["replies"]), body["after"]
        if not body["more"]:
            break
    assert seen == count


async def test_a_huge_message_is_clipped(lite: Web) -> None:
    await lite.push(USER, Reply("y" * (MAX_TEXT * 2)))
    [reply] = (await lite.fetch())["replies"]
    assert len(reply["text"]) == MAX_TEXT and reply["text"].endswith("…")


async def test_empty_replies_are_not_stored(lite: Web) -> None:
    await lite.push(USER, Reply(""))
    assert (await lite.fetch())["replies"] == []


async def test_old_messages_expire_and_are_pruned(web: Web) -> None:
    await web.push(USER, Reply("cũ"))
    sessions = web.client.app[OUTBOX]._sessions
    async with sessions.begin() as session:
        await session.execute(
            update(WebOutboxMessage).values(
                created_at=datetime.now(UTC) - KEEP - timedelta(minutes=1)
            )
        )
    assert (await web.fetch())["replies"] == []
    await web.push(USER, Reply("mới"))
    assert [r["text"] for r in (await web.fetch())["replies"]] == ["mới"]
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(WebOutboxMessage)) == 1


async def test_the_answer_is_not_cached(lite: Web) -> None:
    response = await lite.client.get("/api/chat/updates", params={"user": USER})
    assert response.status == 200 and response.headers["Cache-Control"] == "no-store"
    assert (await response.json())["after"] == 0  # `after` may be left out


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"user": ""},
        {"user": "   "},
        {"user": "u" * 129},
        {"user": USER, "after": "-1"},
        {"user": USER, "after": "abc"},
        {"user": USER, "after": "1e3"},
        {"user": USER, "after": "1.5"},
        {"user": USER, "after": ""},
        {"user": USER, "after": "٣"},  # a digit, but not an ASCII one
        {"user": USER, "after": "9" * 19},
    ],
)
async def test_bad_parameters_get_400_json(lite: Web, params: dict[str, str]) -> None:
    status, body = await lite.updates(**params)
    assert status == 400 and "error" in body


async def test_an_unreachable_database_is_503_not_500(lite: Web) -> None:
    async with lite.runtime.storage.engine.begin() as connection:
        await connection.execute(text("DROP TABLE web_outbox"))  # every query on it now fails
    response = await lite.client.get("/api/chat/updates", params={"user": USER})
    assert response.status == 503 and response.headers["Retry-After"] == "10"
    assert "error" in await response.json()
