"""A local fake of the Telegram Bot API (aiohttp on 127.0.0.1, random port).

It answers the methods motcua uses with realistic JSON, validates what Telegram validates that
matters here (HTML entities, 4096 characters, 64-byte callback data), records every call, plays
the citizen (messages, button presses, stickers, edits) for polling or webhook delivery, and can
inject failures: 429 with retry_after, 5xx, and slow answers that time the client out.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import re
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

STRING_FIELDS = {"text", "parse_mode", "url", "secret_token", "callback_query_id", "data"}
ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "code", "pre", "a"}
TAG_RE = re.compile(r"<(/?)([a-z-]+)(?:\s[^<>]*)?>")
ENTITY_RE = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


@dataclass
class Failure:
    status: int
    retry_after: int | None = None
    delay: float = 0.0


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)


def visible_length(text: str) -> int | None:
    """Length after entity parsing, or None if Telegram would refuse to parse the HTML."""
    stack: list[str] = []
    for match in TAG_RE.finditer(text):
        closing, tag = match.group(1), match.group(2)
        if tag not in ALLOWED_TAGS:
            return None
        if closing:
            if not stack or stack.pop() != tag:
                return None
        else:
            stack.append(tag)
    if stack:
        return None
    bare = TAG_RE.sub("", text)
    if "<" in bare or ">" in bare or "&" in ENTITY_RE.sub("", bare):
        return None
    return len(html.unescape(bare))


class FakeTelegram:
    def __init__(self, token: str = "123456:TEST-token") -> None:
        self.token = token
        self.calls: list[Call] = []
        self.failures: dict[str, deque[Failure]] = {}
        self.webhook: dict[str, str] | None = None
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._arrived = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    # --- server -------------------------------------------------------------------------
    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}/bot"
        return self.base_url

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    def fail(
        self,
        method: str,
        status: int,
        *,
        retry_after: int | None = None,
        delay: float = 0.0,
        times: int = 1,
    ) -> None:
        queue = self.failures.setdefault(method, deque())
        queue.extend(Failure(status, retry_after, delay) for _ in range(times))

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params = await _params(request)
        failures = self.failures.get(method)
        if failures:
            failure = failures.popleft()
            await asyncio.sleep(failure.delay)
            extra = (
                {"parameters": {"retry_after": failure.retry_after}} if failure.retry_after else {}
            )
            text = "Too Many Requests: retry after" if failure.status == 429 else "Internal error"
            return _error(failure.status, text, **extra)
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return _error(404, "Not Found: method not found")
        self.calls.append(Call(method, params))
        result = await handler(params)
        if isinstance(result, web.Response):
            return result
        return web.json_response({"ok": True, "result": result})

    # --- methods ------------------------------------------------------------------------
    async def _m_getMe(self, p: dict[str, Any]) -> Any:
        return {
            "id": 123456,
            "is_bot": True,
            "first_name": "motcua",
            "username": "motcua_test_bot",
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def _m_getUpdates(self, p: dict[str, Any]) -> Any:
        offset = int(p.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates:
            self._arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), min(float(p.get("timeout") or 0), 1.0))
        return [u for u in self._updates if u["update_id"] >= offset][: int(p.get("limit") or 100)]

    async def _m_sendMessage(self, p: dict[str, Any]) -> Any:
        text = str(p.get("text", ""))
        length = visible_length(text) if p.get("parse_mode") == "HTML" else len(text)
        if length is None:
            return _error(400, "Bad Request: can't parse entities")
        if not 1 <= length <= 4096:
            return _error(
                400,
                "Bad Request: message is too long"
                if length
                else "Bad Request: message text is empty",
            )
        for row in (p.get("reply_markup") or {}).get("inline_keyboard", []):
            for button in row:
                if not 1 <= len(button.get("callback_data", "").encode()) <= 64:
                    return _error(400, "Bad Request: BUTTON_DATA_INVALID")
        chat_id = int(p["chat_id"])
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": "Dân"},
            "text": text,
        }

    async def _m_editMessageText(self, p: dict[str, Any]) -> Any:
        return await self._m_sendMessage(p)

    async def _m_answerCallbackQuery(self, p: dict[str, Any]) -> Any:
        return True

    async def _m_setMyCommands(self, p: dict[str, Any]) -> Any:
        return True

    async def _m_setWebhook(self, p: dict[str, Any]) -> Any:
        self.webhook = {"url": p["url"], "secret_token": p.get("secret_token", "")}
        return True

    async def _m_deleteWebhook(self, p: dict[str, Any]) -> Any:
        self.webhook = None
        return True

    # --- the citizen ----------------------------------------------------------------------
    def _user(self, chat_id: int) -> dict[str, Any]:
        return {"id": chat_id, "is_bot": False, "first_name": "Dân", "language_code": "vi"}

    def _message(self, chat_id: int, chat_type: str = "private", **content: Any) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        chat.update({"first_name": "Dân"} if chat_type == "private" else {"title": "Nhóm"})
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": self._user(abs(chat_id)),
            **content,
        }

    def update(self, **body: Any) -> dict[str, Any]:
        """Queue an update for getUpdates and return it (for webhook delivery too)."""
        update = {"update_id": next(self._update_ids), **body}
        self._updates.append(update)
        self._arrived.set()
        return update

    def text(self, chat_id: int, text: str, chat_type: str = "private") -> dict[str, Any]:
        entities = (
            [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
            if text.startswith("/")
            else []
        )
        message = self._message(chat_id, chat_type, text=text, entities=entities)
        return self.update(message=message)

    def press(self, chat_id: int, data: str) -> dict[str, Any]:
        query = {
            "id": f"cq{next(self._message_ids)}",
            "from": self._user(chat_id),
            "chat_instance": "ci",
            "data": data,
            "message": self._message(chat_id, text="(tin nhắn có nút)"),
        }
        return self.update(callback_query=query)

    def sticker(self, chat_id: int) -> dict[str, Any]:
        sticker = {
            "file_id": "stk",
            "file_unique_id": "u",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
        return self.update(message=self._message(chat_id, sticker=sticker))

    def edited(self, chat_id: int, text: str) -> dict[str, Any]:
        return self.update(edited_message={**self._message(chat_id, text=text), "edit_date": 1})

    async def deliver(self, update: dict[str, Any], secret: str | None = None) -> int:
        """POST an update to the registered webhook, as Telegram does; returns the status."""
        assert self.webhook, "no webhook registered"
        headers = {"Content-Type": "application/json"}
        token = self.webhook["secret_token"] if secret is None else secret
        if token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = token
        async with (
            aiohttp.ClientSession() as session,
            session.post(self.webhook["url"], data=json.dumps(update), headers=headers) as response,
        ):
            return response.status

    # --- assertions -------------------------------------------------------------------------
    def sent(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        return [
            c.params
            for c in self.calls
            if c.method == "sendMessage"
            and (chat_id is None or int(c.params["chat_id"]) == chat_id)
        ]

    async def wait_sent(
        self, chat_id: int, count: int, timeout: float = 15
    ) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while len(self.sent(chat_id)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"chat {chat_id}: {len(self.sent(chat_id))}/{count} messages")
            await asyncio.sleep(0.02)
        return self.sent(chat_id)


async def _params(request: web.Request) -> dict[str, Any]:
    if request.content_type == "application/json":
        data = await request.json()
        return dict(data) if isinstance(data, dict) else {}
    form = await request.post()
    params: dict[str, Any] = {}
    for key, value in form.items():
        if not isinstance(value, str):
            continue
        if key in STRING_FIELDS:
            params[key] = value
            continue
        try:
            params[key] = json.loads(value)
        except ValueError:
            params[key] = value
    return params


def _error(status: int, description: str, **extra: Any) -> web.Response:
    body = {"ok": False, "error_code": status, "description": description, **extra}
    return web.json_response(body, status=status)
