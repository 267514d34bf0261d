"""Aliases learned at run time: stored in the database, applied to the live matcher at once.

Adding one writes it to ``learned_aliases`` and calls :meth:`LiveMatcher.add_alias`, so the very
next message in this process matches it. Other instances pick it up with :meth:`refresh_forever`
(every ``LEARNED_ALIASES_REFRESH_SECONDS``). A lock keeps a refresh that read the database just
before an addition from undoing that addition in memory.
"""

from __future__ import annotations

import asyncio
import logging

from bot.storage.alias_repo import AliasRepo, AliasRow
from handlers.privacy import mask
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from knowledge.text import key

log = logging.getLogger("motcua.admin")


class LearnedAliases:
    def __init__(self, repo: AliasRepo, store: KnowledgeStore, matcher: LiveMatcher) -> None:
        self.repo, self.store, self.matcher = repo, store, matcher
        self._lock = asyncio.Lock()

    async def load(self) -> None:
        """Replace the matcher's learned aliases with the database's."""
        async with self._lock:
            self.matcher.set_learned(await self.repo.learned())

    async def add(self, procedure_id: str, text: str, created_by: str) -> AliasRow:
        """Learn ``text`` for the procedure. Raises KeyError for an unknown procedure, ValueError
        for an empty phrasing, :class:`~bot.storage.alias_repo.AliasExists` if already learned."""
        if procedure_id not in self.store.current.procedures:
            raise KeyError(procedure_id)
        text = mask(" ".join(text.split()))
        if not key(text):
            raise ValueError("empty phrasing")
        async with self._lock:
            row = await self.repo.add_alias(procedure_id, text, created_by)
            self.matcher.add_alias(procedure_id, row.text)
        log.info("learned alias %r → %s (by %s)", row.text, procedure_id, created_by)
        return row

    async def delete(self, alias_id: int) -> AliasRow | None:
        async with self._lock:
            row = await self.repo.delete_alias(alias_id)
            if row is not None:
                self.matcher.set_learned(await self.repo.learned())
        return row

    async def refresh_forever(self, every: float) -> None:
        while True:
            await asyncio.sleep(every)
            try:
                await self.load()
            except Exception:  # the database may be briefly unavailable; try next round
                log.exception("refreshing learned aliases failed")
