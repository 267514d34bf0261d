"""The chat service every channel calls: state in the database, middlewares around the core."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from functools import partial

from bot.middleware import Middleware, Next
from bot.outbound import Outbound
from bot.storage.repository import Storage
from handlers import Context, Incoming, Reply, State, Turn, handle
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from knowledge.topics import Menu

log = logging.getLogger("motcua.service")

SORRY = "Xin lỗi, motcua đang gặp trục trặc. Bạn thử lại sau ít phút nhé."


class ChatService:
    def __init__(
        self,
        store: KnowledgeStore,
        matcher: LiveMatcher,
        menu: Menu,
        storage: Storage,
        middlewares: Sequence[Middleware] = (),
    ) -> None:
        self.store, self.matcher, self.menu, self.storage = store, matcher, menu, storage
        self.middlewares = middlewares
        self.outbound = Outbound()  # channels that can push register here when they start
        self._locks: dict[tuple[str, str], asyncio.Lock] = {}
        self._waiting: dict[tuple[str, str], int] = {}

    @property
    def middlewares(self) -> list[Middleware]:
        return list(self._middlewares)

    @middlewares.setter
    def middlewares(self, middlewares: Sequence[Middleware]) -> None:
        """Set the middlewares (outermost first) and build the call chain once."""
        self._middlewares = list(middlewares)
        call: Next = self._core
        for middleware in reversed(self._middlewares):
            call = partial(middleware, call_next=call)  # type: ignore[call-arg]
        self._chain = call

    async def handle(self, event: Incoming) -> Turn:
        """Answer one event. One user's messages are handled one at a time, in order."""
        key = (event.channel, event.user)
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                user_id = await self.storage.user(event.channel, event.user)
                return await self._chain(event, user_id)
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:  # forget idle users so memory stays bounded
                del self._waiting[key], self._locks[key]

    async def _core(self, event: Incoming, user_id: int) -> Turn:
        state = State.restore(await self.storage.load_state(user_id))
        context = Context(self.store.current, self.matcher.current, self.menu)
        try:
            turn, new_state = handle(event, state, context)
        except Exception:  # a bug must cost one reply, not the conversation
            log.exception("handler failed for %s event", event.kind.value)
            return Turn((Reply(SORRY),))
        await self.storage.save_state(user_id, new_state.dump())
        return turn
