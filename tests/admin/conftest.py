"""The dashboard over HTTP: the real app (web chat + /admin) on SQLite, and on PostgreSQL when
reachable, driven by aiohttp clients with their own cookie jars (one per signed-in person)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from bot.admin.auth import hash_password
from bot.admin.routes import setup_admin
from bot.config import Settings
from bot.http.server import create_app
from bot.runtime import Runtime
from bot.storage.account_repo import AccountRepo
from bot.storage.alias_repo import AliasRepo
from bot.storage.answer_repo import AnswerRepo
from bot.storage.audit_repo import AuditRepo
from bot.storage.inbox_repo import InboxRepo
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.dbs import BACKENDS, fresh_database

PASSWORD = "mat-khau-thu-nghiem-1"
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
BOT, ZALO = "motcua_test_bot", "https://zalo.me/0000000000"
POSTER_LINKS = {"telegram_bot_username": BOT, "zalo_link": ZALO}


@dataclass
class Client:
    """One person's browser: a cookie jar, and the CSRF token of the last page seen."""

    server: TestServer
    session: aiohttp.ClientSession
    csrf: str = ""
    last: str = ""

    def url(self, path: str) -> str:
        return str(self.server.make_url(path))

    async def get(self, path: str, **kw: Any) -> aiohttp.ClientResponse:
        response = await self.session.get(self.url(path), **kw)
        if response.content_type == "text/html":
            self.last = await response.text()
            if found := CSRF_RE.search(self.last):
                self.csrf = found.group(1)
        return response

    async def page(self, path: str) -> str:
        response = await self.get(path)
        assert response.status == 200, (path, response.status, self.last[:500])
        return self.last

    async def post(
        self, path: str, data: Any = None, csrf: bool = True, **kw: Any
    ) -> aiohttp.ClientResponse:
        """A form POST carrying the CSRF token of the last page (unless ``csrf`` is False)."""
        fields: list[tuple[str, str]] = list(data.items() if isinstance(data, dict) else data or [])
        if csrf:
            fields.append(("csrf_token", self.csrf))
        response = await self.session.post(self.url(path), data=fields, **kw)
        if response.content_type == "text/html":
            self.last = await response.text()
        return response

    async def login(self, name: str, password: str = PASSWORD) -> aiohttp.ClientResponse:
        await self.get("/admin/login")
        return await self.post("/admin/login", {"name": name, "password": password})

    async def chat(self, user: str, text: str) -> str:
        """A citizen's message through ``POST /api/chat``; the replies' text."""
        response = await self.session.post(self.url("/api/chat"), json={"user": user, "text": text})
        assert response.status == 200
        body = await response.json()
        return "\n".join(r["text"] for r in body["replies"])


@dataclass
class Dashboard:
    url: str
    knowledge: tuple[KnowledgeStore, LiveMatcher]
    runtime: Runtime | None = None
    server: TestServer | None = None
    clients: list[Client] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)

    async def start(self) -> None:
        store, matcher = self.knowledge
        settings = Settings(
            database_url=self.url, learned_aliases_refresh_seconds=0, **self.settings
        )
        self.runtime = await Runtime.open(settings, store, matcher)
        app = create_app(self.runtime.service)
        setup_admin(
            app,
            settings,
            self.runtime.storage,
            store,
            matcher,
            live_answers=self.runtime.service.answers,
            desk_board=self.runtime.service.desks,
        )
        self.server = TestServer(app)
        await self.server.start_server()

    async def stop(self) -> None:
        for client in self.clients:
            await client.session.close()
        self.clients.clear()
        if self.server:
            await self.server.close()
        if self.runtime:
            await self.runtime.close()
        self.server = self.runtime = None

    @property
    def accounts(self) -> AccountRepo:
        assert self.runtime is not None
        return AccountRepo(self.runtime.storage.engine)

    @property
    def alias_repo(self) -> AliasRepo:
        assert self.runtime is not None
        return AliasRepo(self.runtime.storage.engine)

    @property
    def answer_repo(self) -> AnswerRepo:
        assert self.runtime is not None
        return AnswerRepo(self.runtime.storage.engine)

    @property
    def inbox(self) -> InboxRepo:
        assert self.runtime is not None
        return InboxRepo(self.runtime.storage.engine)

    @property
    def audit_log(self) -> AuditRepo:
        assert self.runtime is not None
        return AuditRepo(self.runtime.storage.engine)

    @property
    def storage(self) -> Any:
        assert self.runtime is not None
        return self.runtime.storage

    @property
    def matcher(self) -> LiveMatcher:
        return self.knowledge[1]

    async def account(
        self, name: str, role: str, password: str = PASSWORD, commune: int | None = None
    ) -> None:
        await self.accounts.create_account(name, role, hash_password(password), commune)

    def client(self, **headers: str) -> Client:
        assert self.server is not None
        session = aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            headers=headers,
        )
        client = Client(self.server, session)
        self.clients.append(client)
        return client

    async def signed_in(self, name: str, role: str, commune: int | None = None) -> Client:
        await self.account(name, role, commune=commune)
        client = self.client()
        response = await client.login(name)
        assert response.status == 200, client.last[:500]
        return client


async def _dashboard(
    url: str, knowledge: tuple[KnowledgeStore, LiveMatcher], **settings: Any
) -> AsyncIterator[Dashboard]:
    dash = Dashboard(url, knowledge, settings=settings)
    await dash.start()
    try:
        yield dash
    finally:
        await dash.stop()


@pytest.fixture(params=BACKENDS)
async def dash(
    request: pytest.FixtureRequest, knowledge: tuple[KnowledgeStore, LiveMatcher], tmp_path: Path
) -> AsyncIterator[Dashboard]:
    """The dashboard on each backend (for behaviour that touches the database's dialect)."""
    async with fresh_database(request.param, tmp_path) as url:
        async for running in _dashboard(url, knowledge):
            yield running


@pytest.fixture
async def lite(
    knowledge: tuple[KnowledgeStore, LiveMatcher], tmp_path: Path
) -> AsyncIterator[Dashboard]:
    """The dashboard on SQLite only (HTTP behaviour that does not depend on the backend)."""
    async with fresh_database("sqlite", tmp_path) as url:
        async for running in _dashboard(url, knowledge):
            yield running


@pytest.fixture
async def linked(
    knowledge: tuple[KnowledgeStore, LiveMatcher], tmp_path: Path
) -> AsyncIterator[Dashboard]:
    """SQLite, with the poster links set (``TELEGRAM_BOT_USERNAME``, ``ZALO_LINK``)."""
    async with fresh_database("sqlite", tmp_path) as url:
        async for running in _dashboard(url, knowledge, **POSTER_LINKS):
            yield running


@pytest.fixture
async def admin(lite: Dashboard) -> Client:
    return await lite.signed_in("an", "admin")
