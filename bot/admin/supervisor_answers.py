"""Supervisors' written answers, stored and put in service in this process at once.

The answers pages (:mod:`bot.admin.answers`) write through it; the dashboard builds one and
loads it at start-up, and other instances pick the answers up on the aliases' refresh.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from bot.storage.answer_repo import AnswerDraft, AnswerRepo, AnswerRow
from knowledge.live import LiveAnswers


class SupervisorAnswers:
    def __init__(self, repo: AnswerRepo, live: LiveAnswers) -> None:
        self.repo, self.live = repo, live
        self._lock = asyncio.Lock()

    async def load(self) -> None:
        async with self._lock:
            self._set(await self.repo.answers())

    def _set(self, rows: Iterable[AnswerRow]) -> None:
        self.live.set_answers(r.live() for r in rows)

    async def add(self, draft: AnswerDraft, by: str) -> AnswerRow:
        async with self._lock:
            row = await self.repo.add_answer(draft, by)
            self._set(await self.repo.answers())
        return row

    async def edit(self, answer_id: int, draft: AnswerDraft) -> AnswerRow | None:
        async with self._lock:
            row = await self.repo.edit_answer(answer_id, draft)
            self._set(await self.repo.answers())
        return row

    async def withdraw(self, answer_id: int) -> AnswerRow | None:
        async with self._lock:
            row = await self.repo.withdraw_answer(answer_id)
            self._set(await self.repo.answers())
        return row
