"""One production app (tests/ops/rig.py) on its own event loop, driven synchronously, so that
pytest parametrize and Hypothesis can throw many requests at it cheaply."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import ClientResponse
from multidict import CIMultiDict

from bot.admin.auth import hash_password
from bot.storage.account_repo import AccountRepo
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.ops.rig import Ops, ops_app

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
ADMIN, PASSWORD = "fuzzadmin", "mat-khau-fuzz-1"


@dataclass
class Answer:
    status: int
    body: bytes
    headers: CIMultiDict[str]


class Harness:
    def __init__(self, tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]) -> None:
        self.loop = asyncio.new_event_loop()
        self._context = ops_app(tmp_path, knowledge)
        self.ops: Ops = self.run(self._context.__aenter__())
        self.cookie = ""  # a signed-in admin's session, for CSRF cases
        self.csrf = ""

    def run(self, coroutine: Any) -> Any:
        return self.loop.run_until_complete(coroutine)

    def close(self) -> None:
        self.run(self._context.__aexit__(None, None, None))
        self.loop.close()

    def request(
        self,
        method: str,
        path: str,
        body: bytes | Any = b"",
        headers: dict[str, str] | None = None,
        **kw: Any,
    ) -> Answer:
        async def go() -> Answer:
            response: ClientResponse = await self.ops.client.request(
                method, path, data=body, headers=headers or {}, allow_redirects=False, **kw
            )
            return Answer(response.status, await response.read(), CIMultiDict(response.headers))

        answer: Answer = self.run(go())
        return answer

    def stored(self) -> dict[str, int]:
        rows: dict[str, int] = self.run(self.ops.rows())
        return rows

    def queued(self) -> int:
        return self.ops.queued()

    def sign_in(self) -> None:
        """An admin session (cookie and CSRF token) for the cases that need one."""

        async def go() -> None:
            repo = AccountRepo(self.ops.runtime.storage.engine)
            await repo.create_account(ADMIN, "admin", hash_password(PASSWORD))
            client = self.ops.client
            page = await client.get("/admin/login")
            csrf = CSRF_RE.search(await page.text())
            assert csrf
            signed = await client.post(
                "/admin/login",
                data={"name": ADMIN, "password": PASSWORD, "csrf_token": csrf.group(1)},
                allow_redirects=False,
            )
            assert signed.status in (302, 303), signed.status
            home = await client.get("/admin/inbox")
            token = CSRF_RE.search(await home.text())
            assert token
            self.csrf = token.group(1)

        self.run(go())


async def chunks(total: int, size: int = 16 * 1024) -> AsyncIterator[bytes]:
    """A body sent chunked (no Content-Length), ``total`` bytes in all."""
    sent = 0
    while sent < total:
        yield b"a" * min(size, total - sent)
        sent += size
