"""Updates of one chat in order, different chats concurrently (a PTB update processor)."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.ordering import PerKeyOrder


class ChatOrderedProcessor(BaseUpdateProcessor):
    """PTB starts one task per update in arrival order; :class:`bot.ordering.PerKeyOrder` keeps
    each chat's updates in that order while other chats proceed."""

    def __init__(self, max_concurrent_updates: int = 64) -> None:
        super().__init__(max_concurrent_updates)
        self._order: PerKeyOrder[int] = PerKeyOrder()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        async with self._order.hold(chat.id):
            await coroutine

    async def initialize(self) -> None:
        """Nothing to allocate."""

    async def shutdown(self) -> None:
        """Nothing to free."""
