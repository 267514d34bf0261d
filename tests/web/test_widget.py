"""The embeddable widget's script, and who may call the chat API from another origin (CORS)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.cli.widget_demo import demo_app
from bot.config import Settings
from bot.web.widget import STATIC, origins
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.web.rig import web_client

WARD = "https://phuong.example"
OTHER = "https://evil.example"
USER = "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f"


@pytest.fixture
async def client(
    tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> AsyncIterator[TestClient[Any, Any]]:
    async for c in web_client(tmp_path, knowledge, widget_origins=f"{WARD}, http://127.0.0.1:9"):
        yield c


async def test_widget_script_is_javascript_cached_for_an_hour(
    client: TestClient[Any, Any],
) -> None:
    response = await client.get("/widget.js")
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert response.headers["Cache-Control"] == "public, max-age=3600"
    assert response.headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    body = await response.text()
    assert "attachShadow" in body and "/api/chat" in body
    again = await client.get("/widget.js", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status == 304


async def test_widget_script_is_the_shared_core_then_the_widget_in_one_function(
    client: TestClient[Any, Any],
) -> None:
    body = await (await client.get("/widget.js")).text()
    core = (STATIC / "chat-core.js").read_text("utf-8")
    widget = (STATIC / "widget.js").read_text("utf-8")
    assert body.startswith("(function () {\n") and body.endswith("})();\n")
    assert body.index(core) < body.index(widget)


async def test_widget_script_with_a_stale_entity_tag_is_sent_again(
    client: TestClient[Any, Any],
) -> None:
    response = await client.get("/widget.js", headers={"If-None-Match": '"an-older-version"'})
    assert response.status == 200
    assert "attachShadow" in await response.text()


async def test_an_allowed_origin_chats_and_reads_the_answer(client: TestClient[Any, Any]) -> None:
    response = await client.post(
        "/api/chat", json={"user": USER, "action": "start"}, headers={"Origin": WARD}
    )
    assert response.status == 200
    assert response.headers["Access-Control-Allow-Origin"] == WARD
    assert "Origin" in response.headers["Vary"]
    assert (await response.json())["replies"]


async def test_an_allowed_origin_reads_pushed_messages(client: TestClient[Any, Any]) -> None:
    response = await client.get(f"/api/chat/updates?user={USER}", headers={"Origin": WARD})
    assert response.status == 200
    assert response.headers["Access-Control-Allow-Origin"] == WARD


async def test_an_allowed_origin_sees_errors_too(client: TestClient[Any, Any]) -> None:
    response = await client.post("/api/chat", data=b"{oops", headers={"Origin": WARD})
    assert response.status == 400
    assert response.headers["Access-Control-Allow-Origin"] == WARD


async def test_preflight_from_an_allowed_origin(client: TestClient[Any, Any]) -> None:
    response = await client.options(
        "/api/chat",
        headers={
            "Origin": WARD,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert response.status == 204
    assert response.headers["Access-Control-Allow-Origin"] == WARD
    assert response.headers["Access-Control-Allow-Methods"] == "GET, POST"
    assert response.headers["Access-Control-Allow-Headers"] == "Content-Type"
    assert "Access-Control-Allow-Credentials" not in response.headers


async def test_preflight_from_another_origin_is_refused(client: TestClient[Any, Any]) -> None:
    response = await client.options(
        "/api/chat", headers={"Origin": OTHER, "Access-Control-Request-Method": "POST"}
    )
    assert response.status == 403
    assert "Access-Control-Allow-Origin" not in response.headers


async def test_preflight_for_another_method_is_refused(client: TestClient[Any, Any]) -> None:
    response = await client.options(
        "/api/chat", headers={"Origin": WARD, "Access-Control-Request-Method": "DELETE"}
    )
    assert response.status == 403


async def test_another_origin_cannot_make_the_bot_talk(client: TestClient[Any, Any]) -> None:
    # A "simple" request (text/plain) skips the browser's preflight: refused before handling.
    response = await client.post(
        "/api/chat",
        data=b'{"user": "%s", "text": "xin chao"}' % USER.encode(),
        headers={"Origin": OTHER, "Content-Type": "text/plain"},
    )
    assert response.status == 403
    assert "Access-Control-Allow-Origin" not in response.headers
    updates = await client.get(f"/api/chat/updates?user={USER}", headers={"Origin": "null"})
    assert updates.status == 403


async def test_credentials_are_never_allowed(client: TestClient[Any, Any]) -> None:
    response = await client.post(
        "/api/chat",
        json={"user": USER, "action": "start"},
        headers={"Origin": WARD, "Cookie": "motcua_admin=x"},
    )
    assert response.status == 200
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert response.headers["Access-Control-Allow-Origin"] != "*"


async def test_the_chat_page_itself_and_tools_are_unaffected(
    client: TestClient[Any, Any],
) -> None:
    own = f"http://{client.host}:{client.port}"
    same = await client.post(
        "/api/chat", json={"user": USER, "action": "start"}, headers={"Origin": own}
    )
    assert same.status == 200
    assert "Access-Control-Allow-Origin" not in same.headers
    tool = await client.post("/api/chat", json={"user": USER, "action": "start"})
    assert tool.status == 200


async def test_other_paths_get_no_cors_headers(client: TestClient[Any, Any]) -> None:
    response = await client.get("/healthz", headers={"Origin": WARD})
    assert "Access-Control-Allow-Origin" not in response.headers


async def test_without_widget_origins_every_other_origin_is_refused(
    tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> None:
    async for bare in web_client(tmp_path, knowledge):
        response = await bare.post(
            "/api/chat", json={"user": USER, "action": "start"}, headers={"Origin": WARD}
        )
        assert response.status == 403


def test_origins_are_compared_as_browsers_send_them() -> None:
    assert origins(" https://Phuong.Example/ ,http://127.0.0.1:8081") == {
        "https://phuong.example",
        "http://127.0.0.1:8081",
    }
    assert origins("") == frozenset()


def test_an_origin_list_with_a_path_or_a_directive_is_refused() -> None:
    with pytest.raises(ValueError):
        Settings(widget_origins="https://a.example; script-src *")


async def test_the_demo_site_carries_the_one_tag_and_a_strict_policy() -> None:
    app = demo_app("http://127.0.0.1:8080/", "x70", 'a"><script>')
    async with TestClient(TestServer(app)) as site:
        response = await site.get("/")
        page = await response.text()
        policy = response.headers["Content-Security-Policy"]
    assert '<script src="http://127.0.0.1:8080/widget.js" data-locality="x70"' in page
    assert 'data-procedure="a&quot;&gt;&lt;script&gt;"' in page  # attributes escaped
    assert "script-src 'self' http://127.0.0.1:8080;" in policy and "unsafe-inline" not in policy
