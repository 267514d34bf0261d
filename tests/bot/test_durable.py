"""Degraded mode with a real database behind a switch: memory reads, spooled writes, replay in
order exactly once (also after a crash in the middle of a replay), graceful close."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import text

from bot.privacy.erasure import Eraser
from bot.rows import message
from bot.storage.repository import Storage
from bot.storage.turns.durable import DurableTurns
from bot.storage.turns.records import Snapshot, TurnWrite, WriteResult
from bot.storage.turns.spool import Spool
from bot.storage.turns.store import TurnBackend


class Switch:
    """A backend that fails like a stopped database while ``down``; ``crash_after`` makes the
    next replay commit that many write sets, then fail (a crash in the middle of a replay)."""

    def __init__(self, inner: TurnBackend) -> None:
        self.inner, self.down = inner, False
        self.crash_after: int | None = None

    def _check(self) -> None:
        if self.down:
            raise ConnectionRefusedError("database down")

    async def read(self, channel: str, external_id: str) -> Snapshot:
        self._check()
        return await self.inner.read(channel, external_id)

    async def write(self, write: TurnWrite) -> WriteResult:
        self._check()
        return await self.inner.write(write)

    async def replay(self, writes: list[TurnWrite]) -> None:
        self._check()
        if self.crash_after is not None:
            done, self.crash_after = self.crash_after, None
            await self.inner.replay(writes[:done])
            raise ConnectionResetError("crashed mid-replay")
        await self.inner.replay(writes)


async def converse(turns: DurableTurns, user: str, n: int) -> None:
    """``n`` turns, each adding one to a counter in the state, with two logged messages."""
    for _ in range(n):
        snapshot = await turns.read("web", user)
        state = json.loads(snapshot.state) if snapshot.state else {"n": 0}
        state["n"] += 1
        write = TurnWrite("web", user, snapshot.user_id, snapshot.version, json.dumps(state))
        write.base_turn = snapshot.turn_id
        write.messages += [message("in", f"hỏi {state['n']}"), message("out", "đáp")]
        assert (await turns.write(write)).ok


async def counts(storage: Storage, user: str) -> tuple[int, int, dict[str, Any]]:
    async with storage.engine.connect() as connection:
        messages = await connection.scalar(text("SELECT count(*) FROM messages"))
        distinct = await connection.scalar(text("SELECT count(DISTINCT event_id) FROM messages"))
    snapshot = await storage.turns.read("web", user)
    assert messages == distinct
    return int(messages or 0), snapshot.version, json.loads(snapshot.state or "{}")


async def test_an_outage_is_answered_from_memory_and_replayed_exactly_once(
    storage: Storage, tmp_path: Path
) -> None:
    switch = Switch(storage.turns)
    turns = DurableTurns(switch, Spool(tmp_path), retry_every=0.05)
    await turns.start()
    await converse(turns, "known", 3)
    switch.down = True
    await converse(turns, "known", 4)  # continues from memory: the counter goes on
    await converse(turns, "stranger", 2)  # never seen: starts afresh, id unknown
    assert not turns.up and turns.spooled == 6
    switch.down = False
    assert await turns.wait_up(10), "the spool was not replayed"
    assert turns.replayed == 6
    assert await counts(storage, "known") == (2 * 9, 7, {"n": 7})
    assert (await counts(storage, "stranger"))[1:] == (2, {"n": 2})
    assert list(tmp_path.glob("seg-*")) == []
    await converse(turns, "known", 1)  # and on, directly again
    assert (await counts(storage, "known"))[1:] == (8, {"n": 8})
    await turns.close()


async def test_a_crash_in_the_middle_of_a_replay_applies_nothing_twice(
    storage: Storage, tmp_path: Path
) -> None:
    switch = Switch(storage.turns)
    turns = DurableTurns(switch, Spool(tmp_path), retry_every=3600)
    await turns.start()
    await converse(turns, "u", 2)
    switch.down = True
    await converse(turns, "u", 5)
    switch.down, switch.crash_after = False, 3  # three committed, then the process "dies"
    await turns.close(timeout=5)  # the replay at close fails half-way
    assert list(tmp_path.glob("seg-*")), "the segment stays for the next start"
    restarted = DurableTurns(storage.turns, Spool(tmp_path))
    await restarted.start()  # replays the whole segment again
    assert restarted.up and restarted.replayed == 5
    assert await counts(storage, "u") == (2 * 7, 7, {"n": 7})
    await restarted.close()


async def test_close_keeps_what_the_database_would_not_take(
    storage: Storage, tmp_path: Path
) -> None:
    switch = Switch(storage.turns)
    turns = DurableTurns(switch, Spool(tmp_path), retry_every=3600)
    await turns.start()
    switch.down = True
    await converse(turns, "u", 3)
    await turns.close(timeout=1)
    assert (await counts(storage, "u"))[0] == 0
    restarted = DurableTurns(storage.turns, Spool(tmp_path))
    await restarted.start()
    assert await counts(storage, "u") == (6, 3, {"n": 3})
    await restarted.close()


async def test_a_write_the_database_refuses_is_kept_aside(storage: Storage, tmp_path: Path) -> None:
    turns = DurableTurns(storage.turns, Spool(tmp_path))
    await turns.start()
    bad = TurnWrite("web", "ghost", 987_654, messages=[message("in", "x")])  # no such user
    assert (await turns.write(bad)).ok  # not an outage: the turn goes on
    assert turns.up and turns.rejected == 1
    kept = (tmp_path / "rejected.jsonl").read_text()
    assert "987654" in kept and "foreign key" in kept.lower()
    await converse(turns, "u", 1)
    await turns.close()


async def test_the_memory_of_snapshots_stays_within_its_byte_budget(
    storage: Storage, tmp_path: Path
) -> None:
    switch = Switch(storage.turns)
    turns = DurableTurns(switch, Spool(tmp_path), retry_every=0.05, cache_bytes=8_000)
    await turns.start()
    for n in range(30):  # many more citizens than the budget holds
        await converse(turns, f"c{n}", 1)
        assert turns.cached_bytes <= 8_000, turns.cached_bytes
    switch.down = True
    latest, oldest = await turns.read("web", "c29"), await turns.read("web", "c0")
    switch.down = False
    assert await turns.wait_up(10)
    await turns.close()
    assert json.loads(latest.state or "{}") == {"n": 1}  # the most recent is still served
    assert oldest.state is None and oldest.degraded  # the oldest made room


async def test_erasing_a_citizen_frees_the_bytes_of_their_snapshot(
    storage: Storage, tmp_path: Path
) -> None:
    turns = DurableTurns(Switch(storage.turns), Spool(tmp_path), retry_every=0.05)
    turns.eraser = Eraser(storage.engine, tmp_path)
    await turns.start()
    await converse(turns, "c", 2)
    held = turns.cached_bytes
    await turns.erase("web", "c", by="citizen", via="web")
    await turns.close(timeout=1)
    assert held > 0 and turns.cached_bytes == 0
