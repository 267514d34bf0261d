"""Everything a running motcua needs, opened in order and closed in reverse."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.config import Settings
from bot.handoff.relay import HandoffRelay
from bot.handoff.repo import HandoffRepo
from bot.middleware import LogMessages, Middleware, RecordOutcomes, Throttle
from bot.service import ChatService
from bot.storage.admin_repo import AdminRepo
from bot.storage.repository import Storage
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from knowledge.topics import load_menu

log = logging.getLogger("motcua")


@dataclass
class Runtime:
    settings: Settings
    store: KnowledgeStore
    matcher: LiveMatcher
    storage: Storage
    service: ChatService
    handoff: HandoffRelay

    @classmethod
    async def open(
        cls,
        settings: Settings,
        store: KnowledgeStore | None = None,
        matcher: LiveMatcher | None = None,
    ) -> Runtime:
        """Load and validate the knowledge base, migrate the database, wire the service.

        Raises :class:`knowledge.problems.KnowledgeError` when the knowledge files are invalid.
        A store and matcher may be passed in to share them (tests build them once).
        """
        store = store or KnowledgeStore()
        matcher = matcher or LiveMatcher(store)
        storage = await Storage.open(settings.database_url)
        matcher.set_learned(await AdminRepo(storage.engine).learned())  # the dashboard's aliases
        service = ChatService(store, matcher, load_menu(), storage)
        handoff = HandoffRelay(
            HandoffRepo(storage.engine), service.outbound, storage, store, matcher
        )
        middlewares: list[Middleware] = [
            Throttle(settings.rate_limit_per_minute),
            LogMessages(storage),
            handoff,
            RecordOutcomes(storage),
        ]
        service.middlewares = middlewares
        log.info("knowledge base: %d procedures", len(store.current.procedures))
        return cls(settings, store, matcher, storage, service, handoff)

    async def close(self) -> None:
        await self.storage.close()
