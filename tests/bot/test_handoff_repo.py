"""The claim is a database-level guarantee: many instances, one winner (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.handoff.models import Ticket
from bot.handoff.repo import HandoffRepo
from bot.storage.repository import Storage
from tests.dbs import BACKENDS, fresh_database


@pytest.fixture(params=BACKENDS)
async def url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    async with fresh_database(request.param, tmp_path) as database_url:
        yield database_url


async def test_concurrent_claims_from_separate_instances_have_one_winner(url: str) -> None:
    instances = [await Storage.open(url) for _ in range(4)]  # four engines, like four processes
    try:
        repos = [HandoffRepo(s.engine) for s in instances]
        citizen = await instances[0].user("telegram", "citizen")
        volunteers = []
        for i in range(8):
            code = await repos[0].invite(f"TNV {i}")
            volunteer = await repos[0].redeem(code, "telegram", f"v{i}")
            assert volunteer is not None
            volunteers.append(volunteer.id)
        ticket, fresh = await repos[0].open_ticket(
            Ticket(citizen_id=citizen, channel="telegram", external_id="citizen", summary="x")
        )
        assert fresh
        results = await asyncio.gather(
            *(repos[i % 4].claim(ticket.id, vid) for i, vid in enumerate(volunteers))
        )
        assert sorted(results) == [False] * 7 + [True]
        winner = volunteers[results.index(True)]
        stored = await repos[1].get(ticket.id)
        assert stored is not None and stored.status == "claimed" and stored.volunteer_id == winner
    finally:
        for storage in instances:
            await storage.close()


async def test_a_citizen_has_at_most_one_active_ticket(url: str) -> None:
    storage = await Storage.open(url)
    try:
        repo = HandoffRepo(storage.engine)
        citizen = await storage.user("web", "c")
        first, fresh = await repo.open_ticket(
            Ticket(citizen_id=citizen, channel="web", external_id="c", summary="a")
        )
        again, fresh_again = await repo.open_ticket(
            Ticket(citizen_id=citizen, channel="web", external_id="c", summary="b")
        )
        assert fresh and not fresh_again and again.id == first.id
    finally:
        await storage.close()


async def test_expiry_never_closes_a_claimed_ticket(url: str) -> None:
    storage = await Storage.open(url)
    try:
        repo = HandoffRepo(storage.engine)
        citizen = await storage.user("web", "c")
        code = await repo.invite("A")
        volunteer = await repo.redeem(code, "telegram", "a")
        assert volunteer is not None
        ticket, _ = await repo.open_ticket(
            Ticket(citizen_id=citizen, channel="web", external_id="c", summary="a")
        )
        assert await repo.claim(ticket.id, volunteer.id)
        assert not await repo.close(ticket.id, status="expired")
    finally:
        await storage.close()
