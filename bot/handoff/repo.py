"""Database operations of the handoff. The claim is one conditional UPDATE: whoever changes the
row from ``open`` to ``claimed`` wins, on SQLite and PostgreSQL alike, across instances."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from bot.handoff.models import Ticket, Volunteer, VolunteerInvite
from bot.storage.database import for_writing, retry_locked

ACTIVE = ("open", "claimed")


@dataclass(frozen=True)
class PendingInvite:
    name: str
    created_at: datetime
    expires_at: datetime


def _hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


class HandoffRepo:
    def __init__(self, engine: AsyncEngine) -> None:
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)
        self._writes = async_sessionmaker(for_writing(engine), expire_on_commit=False)

    # --- volunteers ---------------------------------------------------------------------
    async def pending_invites(self) -> list[PendingInvite]:
        """Invites neither used nor expired, newest first."""
        async with self._sessions() as session:
            rows = await session.scalars(
                select(VolunteerInvite)
                .where(
                    VolunteerInvite.used_at.is_(None),
                    VolunteerInvite.expires_at > datetime.now(UTC),
                )
                .order_by(VolunteerInvite.created_at.desc())
            )
            return [PendingInvite(r.name, r.created_at, r.expires_at) for r in rows]

    async def held(self) -> dict[int, list[int]]:
        """Volunteer id → the tickets they hold now."""
        async with self._sessions() as session:
            rows = await session.execute(
                select(Ticket.volunteer_id, Ticket.id)
                .where(Ticket.status == "claimed", Ticket.volunteer_id.is_not(None))
                .order_by(Ticket.id)
            )
            held: dict[int, list[int]] = {}
            for volunteer_id, ticket_id in rows:
                if volunteer_id is not None:
                    held.setdefault(volunteer_id, []).append(ticket_id)
            return held

    async def remove(self, volunteer_id: int) -> Volunteer | None:
        """Unlink a volunteer (the account needs a new invite); the removed row, or None."""
        async with self._sessions.begin() as session:
            volunteer = await session.get(Volunteer, volunteer_id)
            if volunteer is not None:
                await session.execute(delete(Volunteer).where(Volunteer.id == volunteer_id))
            return volunteer

    @retry_locked
    async def invite(self, name: str, valid_for: timedelta = timedelta(days=7)) -> str:
        """A one-time code for a volunteer to link their Telegram/Zalo account."""
        code = "-".join(secrets.token_hex(2).upper() for _ in range(3))
        async with self._writes.begin() as session:
            session.add(
                VolunteerInvite(
                    code_hash=_hash(code), name=name, expires_at=datetime.now(UTC) + valid_for
                )
            )
        return code

    @retry_locked
    async def redeem(self, code: str, channel: str, external_id: str) -> Volunteer | None:
        now = datetime.now(UTC)
        async with self._writes.begin() as session:
            used = await session.execute(
                update(VolunteerInvite)
                .where(
                    VolunteerInvite.code_hash == _hash(code),
                    VolunteerInvite.used_at.is_(None),
                    VolunteerInvite.expires_at > now,
                )
                .values(used_at=now)
                .returning(VolunteerInvite.name)
            )
            name = used.scalar_one_or_none()
            if name is None:
                return None
            volunteer = await session.scalar(
                select(Volunteer).where(
                    Volunteer.channel == channel, Volunteer.external_id == external_id
                )
            )
            if volunteer is None:
                volunteer = Volunteer(name=name, channel=channel, external_id=external_id)
                session.add(volunteer)
            volunteer.on_duty = True
        return volunteer

    async def volunteer(self, channel: str, external_id: str) -> Volunteer | None:
        async with self._sessions() as session:
            return await session.scalar(
                select(Volunteer).where(
                    Volunteer.channel == channel, Volunteer.external_id == external_id
                )
            )

    async def volunteer_by_id(self, volunteer_id: int) -> Volunteer | None:
        async with self._sessions() as session:
            return await session.get(Volunteer, volunteer_id)

    @retry_locked
    async def set_duty(self, volunteer_id: int, on_duty: bool) -> None:
        async with self._writes.begin() as session:
            await session.execute(
                update(Volunteer).where(Volunteer.id == volunteer_id).values(on_duty=on_duty)
            )

    async def on_duty(self) -> list[Volunteer]:
        async with self._sessions() as session:
            return list(await session.scalars(select(Volunteer).where(Volunteer.on_duty)))

    async def volunteers(self) -> list[Volunteer]:
        async with self._sessions() as session:
            return list(await session.scalars(select(Volunteer).order_by(Volunteer.id)))

    # --- tickets ------------------------------------------------------------------------
    @retry_locked
    async def open_ticket(self, ticket: Ticket) -> tuple[Ticket, bool]:
        """Open ``ticket`` unless the citizen already has an active one (returned instead)."""
        async with self._writes.begin() as session:
            active = await session.scalar(
                select(Ticket).where(
                    Ticket.citizen_id == ticket.citizen_id, Ticket.status.in_(ACTIVE)
                )
            )
            if active is not None:
                return active, False
            session.add(ticket)
        return ticket, True

    @retry_locked
    async def claim(self, ticket_id: int, volunteer_id: int) -> bool:
        async with self._writes.begin() as session:
            result = await session.execute(
                update(Ticket)
                .where(Ticket.id == ticket_id, Ticket.status == "open")
                .values(status="claimed", volunteer_id=volunteer_id, claimed_at=datetime.now(UTC))
            )
            return bool(result.rowcount)  # type: ignore[attr-defined]

    async def get(self, ticket_id: int) -> Ticket | None:
        async with self._sessions() as session:
            return await session.get(Ticket, ticket_id)

    async def active_for_citizen(self, citizen_id: int) -> Ticket | None:
        async with self._sessions() as session:
            return await session.scalar(
                select(Ticket).where(Ticket.citizen_id == citizen_id, Ticket.status.in_(ACTIVE))
            )

    async def claimed_by(self, volunteer_id: int) -> Ticket | None:
        async with self._sessions() as session:
            return await session.scalar(
                select(Ticket)
                .where(Ticket.volunteer_id == volunteer_id, Ticket.status == "claimed")
                .order_by(Ticket.claimed_at.desc())
                .limit(1)
            )

    @retry_locked
    async def close(self, ticket_id: int, status: str = "closed") -> bool:
        """Close an active ticket; ``expired`` applies only to a ticket still unclaimed."""
        allowed = ("open",) if status == "expired" else ACTIVE
        async with self._writes.begin() as session:
            result = await session.execute(
                update(Ticket)
                .where(Ticket.id == ticket_id, Ticket.status.in_(allowed))
                .values(status=status, closed_at=datetime.now(UTC))
            )
            return bool(result.rowcount)  # type: ignore[attr-defined]

    async def stale(self, older_than: timedelta) -> list[Ticket]:
        """Open tickets nobody claimed in time."""
        cutoff = datetime.now(UTC) - older_than
        async with self._sessions() as session:
            rows = await session.scalars(
                select(Ticket).where(Ticket.status == "open", Ticket.created_at < cutoff)
            )
            return list(rows)

    async def open_count(self) -> int:
        """Tickets waiting for a volunteer (the handoff queue's length)."""
        async with self._sessions() as session:
            query = select(func.count()).select_from(Ticket).where(Ticket.status == "open")
            return int((await session.execute(query)).scalar_one())

    async def queue(self) -> list[Ticket]:
        async with self._sessions() as session:
            rows = await session.scalars(
                select(Ticket).where(Ticket.status.in_(ACTIVE)).order_by(Ticket.created_at)
            )
            return list(rows)
