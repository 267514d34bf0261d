"""Local fakes of the Zalo Bot API and the Zalo OA Open API + OAuth, for end-to-end tests.

Both are aiohttp servers on 127.0.0.1 (random port). They record every request they answer and
can inject failures: an HTTP status (``fail``), a request that never answers (``hang``: the client
times out), and for the OA an error code in the body (``refuse``, ``expire_access_tokens``).
Waits are event-driven (``wait_for``), bounded by a timeout. They behave as the fact sheet
(``/work/shared/reference/channels.md``) describes; where it is silent, as noted below.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import json
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from aiohttp import web
from aiohttp.test_utils import TestServer

from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher

T = TypeVar("T")
HANG = -1  # a "status" for fail(): never answer until the fake closes


@functools.cache
def knowledge() -> tuple[KnowledgeStore, LiveMatcher]:
    """The real knowledge base, loaded once for all Zalo tests."""
    store = KnowledgeStore()
    return store, LiveMatcher(store)


@dataclass
class Call:
    key: str  # Bot API method, or the OA path's last part ("cs", "access_token")
    headers: dict[str, str]
    body: dict[str, Any]
    status: int  # what the fake answered


class FakeServer:
    def __init__(self) -> None:
        self.app = web.Application()
        self.calls: list[Call] = []
        self._failures: dict[str, deque[int]] = defaultdict(deque)
        self._changed = asyncio.Condition()
        self._closing = asyncio.Event()
        self._server: TestServer | None = None

    async def start(self) -> str:
        self._server = TestServer(self.app, host="127.0.0.1")
        await self._server.start_server()
        return self.url

    @property
    def url(self) -> str:
        assert self._server is not None
        return str(self._server.make_url("")).rstrip("/")

    async def close(self) -> None:
        self._closing.set()
        if self._server is not None:
            await self._server.close()

    def fail(self, key: str, status: int = 503, times: int = 1) -> None:
        """The next ``times`` requests to ``key`` get ``status`` (or hang, for :data:`HANG`)."""
        self._failures[key].extend([status] * times)

    async def _injected(self, key: str) -> web.Response | None:
        if not self._failures[key]:
            return None
        status = self._failures[key].popleft()
        if status == HANG:
            await self._closing.wait()
            status = 503
        return web.json_response({"error": "injected failure"}, status=status)

    async def record(self, call: Call) -> None:
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    async def wait_for(self, check: Callable[[], T | None], timeout: float = 10) -> T:
        """Wait until ``check()`` gives something truthy (re-checked after every request)."""

        async def until() -> T:
            async with self._changed:
                while not (found := check()):
                    await self._changed.wait()
                return found

        return await asyncio.wait_for(until(), timeout)

    def answered(self, key: str) -> list[Call]:
        return [c for c in self.calls if c.key == key and c.status == 200]


class FakeZaloBot(FakeServer):
    """``POST /bot<token>/<method>``. getUpdates long-polls a queue; 408 when nothing came."""

    def __init__(self, token: str = "12345689:fake-bot-secret") -> None:
        super().__init__()
        self.token = token
        self.updates: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.webhook: dict[str, str] | None = None
        self._ids = itertools.count(1)
        self.app.router.add_post("/bot{token}/{method}", self._handle)

    def push(self, update: dict[str, Any]) -> None:
        """An update for the next getUpdates (wrapped in ``{ok, result}`` like the docs say)."""
        self.updates.put_nowait(update)

    def texts(self, chat_id: str) -> list[str]:
        sent = self.answered("sendMessage")
        return [c.body["text"] for c in sent if c.body.get("chat_id") == chat_id]

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        try:
            body = await request.json()
        except ValueError:
            body = None
        if request.match_info["token"] != self.token or not isinstance(body, dict):
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        response = await self._injected(method) or await self._answer(method, body)
        await self.record(Call(method, dict(request.headers), body, response.status))
        return response

    async def _answer(self, method: str, body: dict[str, Any]) -> web.Response:
        if method == "getUpdates":
            return await self._get_updates(float(body.get("timeout", 30)))
        if method == "sendMessage":
            text = body.get("text")
            if not isinstance(text, str) or not 1 <= len(text) <= 2000 or not body.get("chat_id"):
                return _bot_error(400, "text must be 1-2000 characters")
            return _bot_ok({"message_id": f"out{next(self._ids)}", "date": _ms()})
        if method == "sendChatAction":
            return _bot_ok(True)
        if method == "setWebhook":
            secret = str(body.get("secret_token", ""))
            if not str(body.get("url", "")).startswith("https://") or not 8 <= len(secret) <= 256:
                return _bot_error(400, "url must be https, secret_token 8-256 characters")
            self.webhook = {"url": body["url"], "secret_token": secret}
            return _bot_ok({"url": body["url"], "updated_at": _ms()})
        if method == "deleteWebhook":
            self.webhook = None
            return _bot_ok({"url": "", "updated_at": _ms()})
        return _bot_error(404, f"unknown method {method}")

    async def _get_updates(self, timeout: float) -> web.Response:
        if self.webhook is not None:  # getUpdates does not work while a webhook is set [ZB-DOC]
            return _bot_error(400, "webhook is set")
        getter = asyncio.ensure_future(self.updates.get())
        closing = asyncio.ensure_future(self._closing.wait())
        done, _ = await asyncio.wait(
            {getter, closing}, timeout=min(timeout, 2), return_when=asyncio.FIRST_COMPLETED
        )
        closing.cancel()
        if getter in done:
            return _bot_ok(getter.result())
        getter.cancel()
        return _bot_error(408, "Request timeout")  # "no update" [OC-API]


class FakeZaloOA(FakeServer):
    """``/v3.0/oa/message/cs`` and ``/v4/oa/access_token`` (single-use refresh tokens)."""

    def __init__(self, app_id: str, app_secret: str, access: str, refresh: str) -> None:
        super().__init__()
        self.app_id, self.app_secret = app_id, app_secret
        self.valid_access = {access}
        self.live_refresh = {refresh}
        self.used_refresh: list[str] = []
        self.refused: deque[int] = deque()
        self.refuse_message_id_recipient = False
        self.on_send: Callable[[Call], Awaitable[None]] | None = None  # before a send succeeds
        self.on_refresh: Callable[[], None] | None = None  # after tokens were rotated
        self._ids = itertools.count(1)
        self.app.router.add_post("/v3.0/oa/message/cs", self._send)
        self.app.router.add_post("/v4/oa/access_token", self._token)

    def expire_access_tokens(self) -> None:
        self.valid_access.clear()

    def refuse(self, code: int, times: int = 1) -> None:
        """The next ``times`` sends answer ``{"error": code}`` (window, quota...)."""
        self.refused.extend([code] * times)

    def sent(self, user_id: str | None = None) -> list[dict[str, Any]]:
        """Accepted ``message`` objects (for one user, when given)."""
        return [
            c.body["message"]
            for c in self.answered("cs")
            if c.body.get("error") == 0 and (user_id is None or c.body["to"] == user_id)
        ]

    async def _send(self, request: web.Request) -> web.Response:
        body = await request.json()
        response = await self._injected("cs") or await self._deliver(request, body)
        data = json.loads(response.text or "{}")
        call = Call(
            "cs", dict(request.headers), {**body, "error": data.get("error")}, response.status
        )
        await self.record(call)
        return response

    async def _deliver(self, request: web.Request, body: dict[str, Any]) -> web.Response:
        if request.headers.get("access_token") not in self.valid_access:
            return web.json_response({"error": -216, "message": "Access token is invalid"})
        if self.refused:
            return web.json_response({"error": self.refused.popleft(), "message": "refused"})
        recipient, message = body.get("recipient", {}), body.get("message", {})
        if "message_id" in recipient and self.refuse_message_id_recipient:
            return web.json_response({"error": -201, "message": "recipient is invalid"})
        text = message.get("text")
        buttons = message.get("attachment", {}).get("payload", {}).get("buttons", [])
        if not isinstance(text, str) or not 1 <= len(text) <= 2000 or len(buttons) > 5:
            return web.json_response({"error": -201, "message": "message is invalid"})
        # the user a message_id recipient replies to: tests use "<user>:<n>" message ids
        body["to"] = recipient.get("user_id") or str(recipient.get("message_id")).split(":")[0]
        if self.on_send is not None:
            await self.on_send(Call("cs", dict(request.headers), body, 200))
        data = {"message_id": f"oa{next(self._ids)}", "user_id": body["to"]}
        return web.json_response({"error": 0, "message": "Success", "data": data})

    async def _token(self, request: web.Request) -> web.Response:
        form = dict(await request.post())
        response = await self._injected("access_token") or self._exchange(request, form)
        await self.record(Call("access_token", dict(request.headers), form, response.status))
        return response

    def _exchange(self, request: web.Request, form: dict[str, Any]) -> web.Response:
        ok = (
            request.headers.get("secret_key") == self.app_secret
            and form.get("app_id") == self.app_id
            and form.get("grant_type") == "refresh_token"
        )
        token = form.get("refresh_token")
        if not ok or token not in self.live_refresh:
            # the real error codes for a bad refresh token are not in the fact sheet
            return web.json_response(
                {"error": -14014, "error_description": "Invalid refresh token"}
            )
        self.live_refresh.discard(token)  # single use
        self.used_refresh.append(str(token))
        n = len(self.used_refresh)
        self.valid_access = {f"access-{n}"}
        self.live_refresh.add(f"refresh-{n}")
        if self.on_refresh is not None:
            self.on_refresh()
        return web.json_response(
            {"access_token": f"access-{n}", "refresh_token": f"refresh-{n}", "expires_in": "90000"}
        )


def _bot_ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _bot_error(code: int, description: str) -> web.Response:
    return web.json_response(
        {"ok": False, "error_code": code, "description": description}, status=code
    )


def _ms() -> int:
    return int(time.time() * 1000)
