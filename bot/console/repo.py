"""The console's reads and writes beyond :class:`bot.handoff.repo.HandoffRepo`.

A dashboard account works as a volunteer through its own ``volunteers`` row on the channel
``console`` (external id: the account's id), made at its first visit: claims, duty and "who
holds what" are then the same rows and the same conditional UPDATE as on Telegram and Zalo.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from bot.console.models import ConsoleMessage
from bot.handoff.models import Volunteer
from bot.storage.database import for_writing, retry_locked

CHANNEL = "console"
MAX_READ = 200  # messages in one read


@dataclass(frozen=True)
class Line:
    id: int
    ticket_id: int
    author: str
    name: str
    text: str
    created_at: datetime


class ConsoleRepo:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)
        self._writes = async_sessionmaker(for_writing(engine), expire_on_commit=False)

    async def volunteer(self, account_id: int, name: str) -> Volunteer:
        """The account's volunteer row, made (off duty) at the first call."""
        external_id = str(account_id)
        async with self._sessions() as session:
            found = await session.scalar(
                select(Volunteer).where(
                    Volunteer.channel == CHANNEL, Volunteer.external_id == external_id
                )
            )
        if found is not None:
            return found
        try:
            return await self._make(external_id, name)
        except IntegrityError:  # made meanwhile by the account's other tab or instance
            async with self._sessions() as session:
                return await session.scalar(
                    select(Volunteer).where(
                        Volunteer.channel == CHANNEL, Volunteer.external_id == external_id
                    )
                ) or await self._make(external_id, name)

    @retry_locked
    async def _make(self, external_id: str, name: str) -> Volunteer:
        volunteer = Volunteer(name=name[:80], channel=CHANNEL, external_id=external_id)
        async with self._writes.begin() as session:
            session.add(volunteer)
        return volunteer

    @retry_locked
    async def add(self, ticket_id: int, author: str, text: str, name: str = "") -> int:
        line = ConsoleMessage(ticket_id=ticket_id, author=author, name=name[:80], text=text)
        async with self._writes.begin() as session:
            session.add(line)
        return line.id

    async def lines(self, ticket_ids: list[int], after: int = 0) -> list[Line]:
        """The tickets' lines after ``after``, oldest first (at most :data:`MAX_READ`)."""
        if not ticket_ids:
            return []
        async with self._sessions() as session:
            rows = await session.scalars(
                select(ConsoleMessage)
                .where(ConsoleMessage.ticket_id.in_(ticket_ids), ConsoleMessage.id > after)
                .order_by(ConsoleMessage.id)
                .limit(MAX_READ)
            )
            return [Line(r.id, r.ticket_id, r.author, r.name, r.text, r.created_at) for r in rows]
