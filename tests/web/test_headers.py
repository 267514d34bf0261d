"""Security headers on every response the app sends (pages, JSON, errors, 404s and 413s), and
who may frame the public chat page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.config import Settings
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.web.rig import web_client


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("GET", "/", None, 200),
        ("GET", "/no-such-page", None, 404),
        ("DELETE", "/api/chat", None, 405),
        ("POST", "/api/chat", b"{not json", 400),
        ("POST", "/api/chat", b"x" * (17 * 1024), 413),
        ("GET", "/static/no-such-file.js", None, 404),
    ],
)
async def test_every_response_carries_the_security_headers(
    client: TestClient[Any, Any], method: str, path: str, body: bytes | None, status: int
) -> None:
    response = await client.request(method, path, data=body)
    assert response.status == status
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


async def test_the_chat_page_may_be_framed_by_the_configured_origins(
    tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> None:
    async for client in web_client(tmp_path, knowledge, frame_ancestors="https://phuong.example"):
        response = await client.get("/")
        policy = response.headers["Content-Security-Policy"]
        assert "frame-ancestors https://phuong.example" in policy
        assert "X-Frame-Options" not in response.headers


def test_an_origin_list_that_could_inject_a_directive_is_refused() -> None:
    with pytest.raises(ValueError):
        Settings(frame_ancestors="https://a.example; script-src *")
