"""One read and one write per turn: snapshot, optimistic version, idempotent replay, migration.

Every test runs on SQLite (:class:`SqlTurns`) and PostgreSQL (the fast path, :class:`PgTurns`,
which must behave the same).
"""

from __future__ import annotations

import json
from typing import Any
from uuid import uuid4

from alembic import command
from sqlalchemy import text

from bot.handoff.models import Ticket
from bot.handoff.repo import HandoffRepo
from bot.rows import feedback, message, unmet
from bot.storage.database import alembic_config, create_engine
from bot.storage.repository import Storage
from bot.storage.turns.records import TurnWrite, decode, encode
from handlers.events import FeedbackRecord, ScoredCandidate, UnmetReason, UnmetRecord


async def count(storage: Storage, table: str, where: str = "true") -> int:
    async with storage.engine.connect() as connection:
        return int(await connection.scalar(text(f"SELECT count(*) FROM {table} WHERE {where}")))


def turn(
    user_id: int | None,
    version: int,
    state: dict[str, Any] | None,
    *texts: str,
    user: str = "u1",
    after: TurnWrite | None = None,
) -> TurnWrite:
    """A turn's write set; ``after``: the write set whose state it read."""
    write = TurnWrite("web", user, user_id, version, json.dumps(state) if state else None)
    write.base_turn = after.turn_id if after else None
    write.messages += [
        message("in" if i == 0 else "out", t, channel="web") for i, t in enumerate(texts)
    ]
    return write


async def test_first_read_creates_the_user_and_a_later_one_sees_the_state(storage: Storage) -> None:
    first = await storage.turns.read("web", "u1")
    assert first.user_id is not None and (first.state, first.version) == (None, 0)
    assert (await storage.turns.write(turn(first.user_id, 0, {"n": 1}, "hi", "hello"))).ok
    again = await storage.turns.read("web", "u1")
    assert again.user_id == first.user_id
    assert (json.loads(again.state or ""), again.version) == ({"n": 1}, 1)
    assert not again.volunteer and again.ticket_id is None
    assert await count(storage, "messages") == 2


async def test_a_stale_version_is_a_conflict_and_writes_nothing(storage: Storage) -> None:
    user = (await storage.turns.read("web", "u1")).user_id
    first = turn(user, 0, {"n": 1}, "a", "b")
    assert (await storage.turns.write(first)).ok
    assert not (await storage.turns.write(turn(user, 0, {"n": 99}, "c", "d"))).ok  # read v0
    assert not (await storage.turns.write(turn(user, 5, {"n": 99}, "c", "d", after=first))).ok
    assert not (await storage.turns.write(turn(user, 1, {"n": 99}, "c", "d"))).ok  # not first's
    assert (await storage.turns.write(turn(user, 1, {"n": 2}, "e", "f", after=first))).ok
    snapshot = await storage.turns.read("web", "u1")
    assert (json.loads(snapshot.state or ""), snapshot.version) == ({"n": 2}, 2)
    assert await count(storage, "messages") == 4  # the conflicting turn's rows are not there


async def test_rows_without_a_state_are_written_unconditionally(storage: Storage) -> None:
    user = (await storage.turns.read("web", "u1")).user_id
    assert (await storage.turns.write(turn(user, 7, None, "relayed"))).ok
    assert await count(storage, "messages") == 1
    assert (await storage.turns.read("web", "u1")).version == 0


async def test_snapshot_knows_volunteers_and_active_tickets(storage: Storage) -> None:
    repo = HandoffRepo(storage.engine)
    code = await repo.invite("Anh")
    await storage.user("telegram", "v1")
    assert await repo.redeem(code, "telegram", "v1")
    assert (await storage.turns.read("telegram", "v1")).volunteer
    citizen = await storage.user("telegram", "c1")
    ticket, _ = await repo.open_ticket(
        Ticket(citizen_id=citizen, channel="telegram", external_id="c1", summary="x")
    )
    snapshot = await storage.turns.read("telegram", "c1")
    assert (snapshot.ticket_id, snapshot.ticket_status, snapshot.volunteer) == (
        ticket.id,
        "open",
        False,
    )
    await repo.close(ticket.id)
    assert (await storage.turns.read("telegram", "c1")).ticket_id is None


async def test_a_volunteer_seen_for_the_first_time_is_known_as_one(storage: Storage) -> None:
    repo = HandoffRepo(storage.engine)
    assert await repo.redeem(await repo.invite("Bình"), "zalo", "v2")  # linked by the CLI, say
    assert (await storage.turns.read("zalo", "v2")).volunteer


async def test_replaying_write_sets_twice_applies_them_once(storage: Storage) -> None:
    """A crash after the database committed but before the spool knew: replayed again."""
    user = (await storage.turns.read("web", "u1")).user_id
    first = turn(user, 0, {"n": 1}, "a", "b")
    writes = [first, turn(user, 1, {"n": 2}, "c", "d", "e", after=first)]
    writes[0].unmet.append(unmet("web", UnmetRecord(UnmetReason.NO_MATCH, "nuôi rồng")))
    writes[1].feedback.append(feedback("web", FeedbackRecord("p1", positive=True)))
    copies = [decode(json.loads(json.dumps(encode(w)))) for w in writes]  # through the codec
    await storage.turns.replay(writes)
    await storage.turns.replay(copies)
    snapshot = await storage.turns.read("web", "u1")
    assert (json.loads(snapshot.state or ""), snapshot.version) == ({"n": 2}, 2)
    assert await count(storage, "messages") == 5
    assert await count(storage, "unmet_requests") == 1
    assert await count(storage, "feedback") == 1


async def test_replay_keeps_a_state_that_moved_on_but_adds_the_rows(storage: Storage) -> None:
    user = (await storage.turns.read("web", "u1")).user_id
    common = turn(user, 0, {"n": 1}, "a", "b")
    assert (await storage.turns.write(common)).ok
    other = turn(user, 1, {"by": "other instance"}, "x", "y", after=common)
    assert (await storage.turns.write(other)).ok  # while this instance was spooling:
    mine = turn(user, 1, {"by": "spool"}, "c", "d", after=common)
    later = turn(user, 2, {"by": "spool, later"}, "e", "f", after=mine)  # same version as other's
    await storage.turns.replay([mine, later])
    snapshot = await storage.turns.read("web", "u1")
    assert json.loads(snapshot.state or "") == {"by": "other instance"}
    assert snapshot.version == 2
    assert await count(storage, "messages") == 8


async def test_a_replay_after_a_crash_in_the_middle_applies_the_rest(storage: Storage) -> None:
    user = (await storage.turns.read("web", "u1")).user_id
    writes: list[TurnWrite] = []
    for n in range(4):
        writes.append(turn(user, n, {"n": n + 1}, "q", "a", after=writes[-1] if writes else None))
    await storage.turns.replay(writes[:2])  # committed, then the process died
    await storage.turns.replay(writes)  # the next start replays the whole segment
    snapshot = await storage.turns.read("web", "u1")
    assert (json.loads(snapshot.state or ""), snapshot.version) == ({"n": 4}, 4)
    assert await count(storage, "messages") == 8


async def test_replay_creates_a_citizen_first_seen_while_the_database_was_down(
    storage: Storage,
) -> None:
    spooled = turn(None, 0, {"n": 1}, "xin chào", "chào bạn", user="new")
    await storage.turns.replay([spooled])
    await storage.turns.replay([spooled])
    snapshot = await storage.turns.read("web", "new")
    assert snapshot.version == 1
    assert await count(storage, "users") == 1
    assert await count(storage, "messages") == 2


async def test_unmet_dedupe_and_thumbs_down_amend_survive_a_replay(storage: Storage) -> None:
    user = (await storage.turns.read("web", "u1")).user_id
    record = UnmetRecord(
        UnmetReason.NO_MATCH, "Xin giấy phép nuôi rồng", (ScoredCandidate("a", 0.2),)
    )
    down = TurnWrite("web", "u1", user)
    down.feedback.append(feedback("web", FeedbackRecord("p1", positive=False)))
    down.unmet.append(unmet("web", UnmetRecord(UnmetReason.THUMBS_DOWN, "👎", procedure_id="p1")))
    reason = TurnWrite("web", "u1", user)
    reason.feedback.append(feedback("web", FeedbackRecord("p1", False, "Khó hiểu", amend=True)))
    again = TurnWrite("web", "u1", user, unmet=[unmet("web", record)])
    first = TurnWrite("web", "u1", user, unmet=[unmet("web", record)])
    for write in (first, again, down, reason):
        assert (await storage.turns.write(write)).ok
    await storage.turns.replay([first, again, down, reason])  # all of it once more
    [thumbs] = await storage.feedback_rows()
    assert (thumbs.positive, thumbs.reason) == (False, "Khó hiểu")
    rows = await storage.unmet_requests()
    assert sorted((r.reason, r.detail) for r in rows) == [
        ("no_match", None),
        ("thumbs_down", "Khó hiểu"),
    ]


async def test_migration_0005_gives_existing_rows_a_version_and_event_ids(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "0004"))
            now = "'2026-01-01 00:00:00'"
            for user in (1, 2):
                await connection.execute(
                    text(
                        "INSERT INTO users (id, channel, external_id, created_at, last_seen_at) "
                        f"VALUES ({user}, 'web', 'u{user}', {now}, {now})"
                    )
                )
                await connection.execute(
                    text(
                        "INSERT INTO conversation_states (user_id, state, updated_at) "
                        f"VALUES ({user}, '{{}}', {now})"
                    )
                )
                for direction in ("in", "out"):
                    await connection.execute(
                        text(
                            "INSERT INTO messages (user_id, direction, text, created_at) "
                            f"VALUES ({user}, '{direction}', 'x', {now})"
                        )
                    )
                await connection.execute(
                    text(
                        "INSERT INTO feedback (user_id, channel, positive, created_at) "
                        f"VALUES ({user}, 'web', true, {now})"
                    )
                )
            await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "head"))
            versions = await connection.execute(text("SELECT version FROM conversation_states"))
            assert versions.scalars().all() == [1, 1]
            for table in ("messages", "feedback"):
                ids = (await connection.execute(text(f"SELECT event_id FROM {table}"))).scalars()
                values = [str(i) for i in ids.all()]
                assert all(values) and len(set(values)) == len(values) == (
                    4 if table == "messages" else 2
                )
    finally:
        await engine.dispose()
    storage = await Storage.open(db_url)  # and the app writes on top of them
    try:
        snapshot = await storage.turns.read("web", "u1")
        assert snapshot.version == 1
        assert (await storage.turns.write(turn(snapshot.user_id, 1, {"n": 1}, "a", "b"))).ok
        assert await count(storage, "messages") == 6
    finally:
        await storage.close()


async def test_event_ids_are_unique(storage: Storage) -> None:
    user = await storage.user("web", "u1")
    row = message("in", "x")
    await storage.turns.replay([TurnWrite("web", "u1", user, messages=[row])])
    duplicate = TurnWrite("web", "u1", user, messages=[row, message("out", "y")])
    assert (await storage.turns.write(duplicate)).ok  # the known event id is skipped, not an error
    assert await count(storage, "messages") == 2
    assert uuid4() != row.event_id
