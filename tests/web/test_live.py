"""``GET /api/chat/stream``: what the handoff pushes to a web citizen, live (Server-Sent Events).

Messages are pushed through the service's outbound senders, as the handoff does, and read from
the stream over HTTP: on SQLite (the polling bus) and PostgreSQL (LISTEN/NOTIFY), from a second
instance on the same database, resumed with ``Last-Event-ID``; bounded, and cleaned up when the
browser goes away.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.config import Settings
from bot.http.server import create_app
from bot.live.chat import LIVE
from bot.runtime import Runtime
from handlers.events import Button, Reply
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.dbs import BACKENDS, fresh_database

USER = "5f0c2d7e-9b1a-4c3e-8f6d-2a7b9c1e4d30"
WITHIN = 2.0  # seconds a pushed message may take to reach the open stream


@dataclass
class Instance:
    runtime: Runtime
    client: TestClient[Any, Any]

    async def push(self, user: str, *replies: Reply) -> bool:
        return await self.runtime.service.outbound.send("web", user, replies)


async def _instance(url: str, knowledge: tuple[KnowledgeStore, LiveMatcher]) -> Instance:
    runtime = await Runtime.open(Settings(database_url=url), *knowledge)
    client = TestClient(TestServer(create_app(runtime.service)))
    await client.start_server()
    return Instance(runtime, client)


async def _stop(instance: Instance) -> None:
    await instance.client.close()
    await instance.runtime.close()


@pytest.fixture(params=BACKENDS)
async def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    async with fresh_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
async def web(
    db_url: str, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> AsyncIterator[Instance]:
    instance = await _instance(db_url, knowledge)
    yield instance
    await _stop(instance)


@pytest.fixture
async def lite(
    tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> AsyncIterator[Instance]:
    async with fresh_database("sqlite", tmp_path) as url:
        instance = await _instance(url, knowledge)
        yield instance
        await _stop(instance)


async def next_event(response: aiohttp.ClientResponse, timeout: float = WITHIN) -> dict[str, Any]:
    """The next event with data on the stream: its fields, ``data`` parsed."""
    fields: dict[str, Any] = {}
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("no event on the stream in time")
        raw = await asyncio.wait_for(response.content.readline(), left)
        if not raw:
            raise EOFError("stream ended")
        line = raw.decode().rstrip("\n")
        if not line:
            if "data" in fields:
                return fields
            fields = {}
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(": ")
        fields[name] = json.loads(value) if name == "data" else value


async def stream(
    client: TestClient[Any, Any], user: str = USER, **headers: str
) -> aiohttp.ClientResponse:
    response = await client.get("/api/chat/stream", params={"user": user}, headers=headers)
    assert response.status == 200, await response.text()
    assert response.headers["Content-Type"].startswith("text/event-stream")
    return response


async def test_a_pushed_message_reaches_the_open_stream_at_once(web: Instance) -> None:
    response = await stream(web.client)
    started = time.monotonic()
    await web.push(USER, Reply("Tình nguyện viên Lan: chào bạn", (Button("👍", "tk:up:1"),)))
    got = await next_event(response)
    assert time.monotonic() - started < WITHIN
    assert got["data"]["text"] == "Tình nguyện viên Lan: chào bạn"
    assert got["data"]["buttons"] == [{"label": "👍", "action": "tk:up:1"}]
    assert got["id"] == str(got["data"]["id"])
    response.close()


async def test_another_citizens_push_is_not_sent_to_this_stream(lite: Instance) -> None:
    response = await stream(lite.client)
    await lite.push("x" * 30, Reply("cho người khác"))
    await lite.push(USER, Reply("cho bạn"))
    assert (await next_event(response))["data"]["text"] == "cho bạn"
    response.close()


async def test_a_reconnection_resumes_after_last_event_id(lite: Instance) -> None:
    await lite.push(USER, Reply("một"), Reply("hai"), Reply("ba"))
    first = await stream(lite.client)
    seen = [await next_event(first) for _ in range(3)]
    first.close()
    await lite.push(USER, Reply("bốn"))
    again = await stream(lite.client, **{"Last-Event-ID": seen[1]["id"]})
    texts = [(await next_event(again))["data"]["text"] for _ in range(2)]
    assert texts == ["ba", "bốn"]
    again.close()


async def test_a_push_on_one_instance_reaches_a_stream_on_another(
    db_url: str, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> None:
    a = await _instance(db_url, knowledge)
    b = await _instance(db_url, knowledge)
    try:
        response = await stream(b.client)
        started = time.monotonic()
        assert await a.push(USER, Reply("từ máy A"))
        got = await next_event(response)
        assert got["data"]["text"] == "từ máy A"
        assert time.monotonic() - started < WITHIN
        response.close()
    finally:
        await _stop(a)
        await _stop(b)


@pytest.mark.parametrize(
    ("params", "headers"),
    [
        ({"user": "1"}, {}),  # guessable id
        ({}, {}),
        ({"user": USER, "after": "-1"}, {}),
        ({"user": USER, "after": "9" * 40}, {}),
        ({"user": USER}, {"Last-Event-ID": "abc"}),
    ],
)
async def test_malformed_requests_get_400(
    lite: Instance, params: dict[str, str], headers: dict[str, str]
) -> None:
    response = await lite.client.get("/api/chat/stream", params=params, headers=headers)
    assert response.status == 400
    assert "error" in await response.json()


async def test_past_the_limit_a_stream_is_refused_with_503_and_the_slot_comes_back(
    lite: Instance,
) -> None:
    hub = lite.client.app[LIVE].hub
    hub.limit = 1
    first = await stream(lite.client)
    refused = await lite.client.get("/api/chat/stream", params={"user": USER})
    assert refused.status == 503
    assert refused.headers["Retry-After"]
    first.close()
    await _until(lambda: hub.count == 0)
    (await stream(lite.client)).close()


async def test_a_browser_closed_mid_stream_leaves_nothing_behind(lite: Instance) -> None:
    hub = lite.client.app[LIVE].hub
    responses = [await stream(lite.client, user=f"{USER}-{i}") for i in range(20)]
    assert hub.count == 20
    for response in responses:
        response.close()
    await _until(lambda: hub.count == 0)
    # the polling endpoint still serves what was pushed meanwhile
    await lite.push(USER, Reply("vẫn còn"))
    polled = await lite.client.get("/api/chat/updates", params={"user": USER})
    assert [r["text"] for r in (await polled.json())["replies"]] == ["vẫn còn"]


async def test_a_reconnect_storm_gets_no_server_error(lite: Instance) -> None:
    hub = lite.client.app[LIVE].hub
    hub.limit = 10

    async def connect() -> int:
        response = await lite.client.get("/api/chat/stream", params={"user": USER})
        status = response.status
        response.close()
        return status

    statuses = await asyncio.gather(*(connect() for _ in range(60)))
    assert set(statuses) <= {200, 503}
    assert 200 in statuses
    await _until(lambda: hub.count == 0)


async def _until(check: Any, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "not cleaned up in time"
        await asyncio.sleep(0.05)
