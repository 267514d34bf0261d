"""The reviewers' work laid over the knowledge base, in this process and on every instance.

A change made in the dashboard calls :meth:`Reviews.load` at once, so the next message in this
process is answered from the reviewed state; other instances pick it up with
:meth:`Reviews.refresh_forever` (every ``LEARNED_ALIASES_REFRESH_SECONDS``).
"""

from __future__ import annotations

import asyncio
import logging

from bot.storage.review_repo import ReviewRepo
from knowledge.base import KnowledgeStore

log = logging.getLogger("motcua.admin")


class Reviews:
    """Keeps the knowledge store's overlay equal to the database's reviews."""

    def __init__(self, repo: ReviewRepo, store: KnowledgeStore) -> None:
        self.repo, self.store = repo, store
        self._lock = asyncio.Lock()

    async def load(self) -> None:
        async with self._lock:
            self.store.set_reviews(await self.repo.overlay())

    async def refresh_forever(self, every: float) -> None:
        while True:
            await asyncio.sleep(every)
            try:
                await self.load()
            except Exception:  # the database may be briefly unavailable; try next round
                log.exception("refreshing reviews failed")
