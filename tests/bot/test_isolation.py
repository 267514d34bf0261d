"""One bad turn in a shared read or write batch fails alone; its neighbours are stored.

The fast paths (SQLite, PostgreSQL) send every turn waiting together in one batch. These tests
put one value the database cannot take (a lone surrogate: not UTF-8; a NUL: refused by
PostgreSQL) among ordinary turns, bypassing the edge checks, as a bug or a new entry point
would, and check that only that turn fails and that its write set is kept for a person.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from bot.rows import message
from bot.storage.repository import Storage
from bot.storage.turns.batch import isolating
from bot.storage.turns.durable import DurableTurns
from bot.storage.turns.records import TurnWrite, decode
from bot.storage.turns.spool import REJECTED, Spool
from tests.bot.test_turns import count

NEIGHBOURS = 40


@pytest.mark.parametrize("bad", ["\ud800", "a\x00b"])
async def test_a_bad_key_in_a_read_batch_fails_alone(storage: Storage, bad: str) -> None:
    reads = [storage.turns.read("web", f"ok-{i}") for i in range(NEIGHBOURS)]
    reads.insert(NEIGHBOURS // 2, storage.turns.read("web", bad))
    results = await asyncio.gather(*reads, return_exceptions=True)
    failed = [r for r in results if isinstance(r, BaseException)]
    if bad == "a\x00b" and not failed:  # SQLite stores a NUL: then nothing may fail at all
        assert storage.engine.dialect.name == "sqlite"
    else:
        assert len(failed) == 1 and results.index(failed[0]) == NEIGHBOURS // 2
    good = [r for i, r in enumerate(results) if i != NEIGHBOURS // 2]
    assert all(not isinstance(r, BaseException) and r.user_id for r in good)
    assert await count(storage, "users", "external_id LIKE 'ok-%'") == NEIGHBOURS


@pytest.mark.parametrize("bad", ["\ud800", "\x00"])
async def test_a_bad_write_in_a_batch_is_kept_aside_and_the_others_stored(
    storage: Storage, tmp_path: Path, bad: str
) -> None:
    turns = DurableTurns(storage.turns, Spool(tmp_path))
    await turns.start()
    users = [await turns.read("web", f"u{i}") for i in range(NEIGHBOURS + 1)]
    writes = [
        TurnWrite(
            "web",
            f"u{i}",
            snapshot.user_id,
            0,
            json.dumps({"n": i}),
            messages=[message("in", f"câu hỏi {i}" + (bad if i == 7 else ""), channel="web")],
        )
        for i, snapshot in enumerate(users)
    ]
    results = await asyncio.gather(*(turns.write(w) for w in writes))
    assert all(r.ok for r in results)  # a refused write set is not an outage: the turn goes on
    stored = await count(storage, "messages")
    if turns.rejected:
        assert stored == NEIGHBOURS and turns.rejected == 1
        [line] = (tmp_path / REJECTED).read_text(encoding="ascii").splitlines()
        kept = decode(json.loads(line)["record"])
        assert kept.external_id == "u7" and kept.messages[0].text == f"câu hỏi 7{bad}"
    else:  # SQLite takes a NUL
        assert storage.engine.dialect.name == "sqlite" and bad == "\x00"
        assert stored == NEIGHBOURS + 1
    await turns.close()


async def test_isolating_splits_down_to_the_failing_items_only() -> None:
    calls: list[list[int]] = []

    async def run_all(items: list[int]) -> list[int]:
        calls.append(items)
        if 13 in items or 40 in items:
            raise ValueError("refused")
        return [i * 2 for i in items]

    results = await isolating(run_all, list(range(64)))
    assert [r for r in results if isinstance(r, BaseException)] == [results[13], results[40]]
    assert [r for i, r in enumerate(results) if i not in (13, 40)] == [
        i * 2 for i in range(64) if i not in (13, 40)
    ]
    assert len(calls) < 30  # bisection, not one trip per item


async def test_isolating_lets_an_outage_fail_the_whole_batch() -> None:
    async def run_all(items: list[int]) -> list[int]:
        raise ConnectionRefusedError("database down")

    with pytest.raises(ConnectionRefusedError):
        await isolating(run_all, [1, 2, 3])


def test_the_spool_writes_a_record_utf8_cannot_encode(tmp_path: Path) -> None:
    spool = Spool(tmp_path)

    async def go() -> None:
        await spool.append({"text": "chào \ud800 bạn"})
        await spool.close()

    asyncio.run(go())
    [segment] = spool.segments()
    with segment.open("rb") as file:
        assert list(Spool.records(file)) == [{"text": "chào \ud800 bạn"}]
