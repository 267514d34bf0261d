"""The communes' desks and the provinces' local fees: read at start-up, written by the dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from bot.storage.base import utcnow
from bot.storage.place_models import ProvinceFeeSet, WardDesk
from knowledge.desk import Desk, ProvinceFees


@dataclass(frozen=True)
class DeskRow:
    desk: Desk
    updated_by: str
    updated_at: datetime


class DeskRepo:
    def __init__(self, engine: AsyncEngine) -> None:
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    async def desks(self) -> dict[int, Desk]:
        async with self._sessions() as session:
            rows = await session.scalars(select(WardDesk))
            return {r.commune_code: Desk.model_validate_json(r.data) for r in rows}

    async def desk(self, commune_code: int) -> DeskRow | None:
        async with self._sessions() as session:
            row = await session.get(WardDesk, commune_code)
            if row is None:
                return None
            return DeskRow(Desk.model_validate_json(row.data), row.updated_by, row.updated_at)

    async def save_desk(self, desk: Desk, by: str) -> None:
        async with self._sessions.begin() as session:
            row = await session.get(WardDesk, desk.commune)
            data = desk.model_dump_json()
            if row is None:
                session.add(WardDesk(commune_code=desk.commune, data=data, updated_by=by))
            else:
                row.data, row.updated_by, row.updated_at = data, by, utcnow()

    async def all_province_fees(self) -> dict[int, ProvinceFees]:
        async with self._sessions() as session:
            rows = await session.scalars(select(ProvinceFeeSet))
            return {r.province_code: ProvinceFees.model_validate_json(r.data) for r in rows}

    async def province_fees(self, province_code: int) -> ProvinceFees | None:
        async with self._sessions() as session:
            row = await session.get(ProvinceFeeSet, province_code)
            return ProvinceFees.model_validate_json(row.data) if row else None

    async def save_province_fees(self, fees: ProvinceFees, by: str) -> None:
        async with self._sessions.begin() as session:
            row = await session.get(ProvinceFeeSet, fees.province)
            data = fees.model_dump_json()
            if row is None:
                session.add(ProvinceFeeSet(province_code=fees.province, data=data, updated_by=by))
            else:
                row.data, row.updated_by, row.updated_at = data, by, utcnow()
