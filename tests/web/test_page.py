"""The chat page names its static files by a version of their content, the core first."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.web import channel

STATIC_REF = re.compile(r"/static/([\w.-]+)\?v=(\w+)")


async def test_each_static_file_is_named_with_the_hash_of_what_it_serves(
    client: TestClient[Any, Any],
) -> None:
    page = await (await client.get("/")).text()
    refs = STATIC_REF.findall(page)
    assert {name for name, _ in refs} == {"chat.css", "chat-core.js", "chat.js"}
    for name, version in refs:
        served = await client.get(f"/static/{name}?v={version}")
        assert served.status == 200
        assert hashlib.sha256(await served.read()).hexdigest().startswith(version)


async def test_the_shared_core_is_loaded_before_the_page_script(
    client: TestClient[Any, Any],
) -> None:
    page = await (await client.get("/")).text()
    scripts = re.findall(r'<script src="/static/([\w.-]+)\?v=\w+" defer>', page)
    assert scripts == ["chat-core.js", "chat.js"]


def test_a_changed_file_gets_a_new_address(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "index.html").write_text('<script src="/static/a.js"></script>', "utf-8")
    (tmp_path / "a.js").write_text("var a = 1;", "utf-8")
    monkeypatch.setattr(channel, "STATIC", tmp_path)
    before = channel.page()
    (tmp_path / "a.js").write_text("var a = 2;", "utf-8")
    after = channel.page()
    assert STATIC_REF.search(before) and STATIC_REF.search(after)
    assert before != after
