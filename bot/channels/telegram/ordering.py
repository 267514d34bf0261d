"""Updates of one chat in order, different chats concurrently (a PTB update processor)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class ChatOrderedProcessor(BaseUpdateProcessor):
    """PTB starts one task per update in arrival order; a per-chat lock (FIFO) keeps each chat's
    updates in that order while other chats proceed."""

    def __init__(self, max_concurrent_updates: int = 64) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._pending: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        lock = self._locks.setdefault(chat.id, asyncio.Lock())
        self._pending[chat.id] = self._pending.get(chat.id, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._pending[chat.id] -= 1
            if not self._pending[chat.id]:  # forget idle chats so memory stays bounded
                del self._pending[chat.id], self._locks[chat.id]

    async def initialize(self) -> None:
        """Nothing to allocate."""

    async def shutdown(self) -> None:
        """Nothing to free."""
