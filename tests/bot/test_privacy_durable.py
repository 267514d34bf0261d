"""Erasure while the database is down: queued in the spool behind the citizen's spooled turns,
carried out when it returns; refused writes of an erased citizen leave ``rejected.jsonl``."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from bot.privacy.erasure import Eraser, expire_rejected, scrub_rejected
from bot.storage.repository import Storage
from bot.storage.turns.durable import DurableTurns
from bot.storage.turns.spool import REJECTED, Spool
from tests.bot.test_durable import Switch, converse


async def texts_of(storage: Storage, user: str) -> list[str]:
    async with storage.engine.connect() as connection:
        rows = await connection.execute(
            text(
                "SELECT m.text FROM messages m JOIN users u ON u.id = m.user_id "
                "WHERE u.external_id = :user ORDER BY m.id"
            ),
            {"user": user},
        )
        return [str(r[0]) for r in rows]


async def test_an_erasure_while_down_completes_when_the_database_returns(
    storage: Storage, tmp_path: Path
) -> None:
    switch = Switch(storage.turns)
    turns = DurableTurns(switch, Spool(tmp_path), retry_every=0.05)
    eraser = Eraser(storage.engine, tmp_path)

    async def erase_unless_down(channel: str, external_id: str, by: str, via: str) -> object:
        if switch.down:
            raise ConnectionRefusedError("database down")
        return await eraser(channel, external_id, by, via)

    turns.eraser = erase_unless_down
    await turns.start()
    await converse(turns, "gone", 2)
    await converse(turns, "stays", 1)
    switch.down = True
    await converse(turns, "gone", 2)  # spooled before the erasure
    assert await turns.erase("web", "gone", by="người dân", via="chat") is None  # queued
    await converse(turns, "gone", 1)  # after it: a new conversation, kept
    await converse(turns, "stays", 1)
    assert await texts_of(storage, "gone") == ["hỏi 1", "đáp", "hỏi 2", "đáp"]  # not yet
    switch.down = False
    assert await turns.wait_up(10), "the spool was not replayed"
    assert await texts_of(storage, "gone") == ["hỏi 1", "đáp"]  # only what came after
    assert await texts_of(storage, "stays") == ["hỏi 1", "đáp", "hỏi 2", "đáp"]
    await turns.close()


async def test_an_erasure_while_up_is_done_at_once(storage: Storage, tmp_path: Path) -> None:
    turns = DurableTurns(storage.turns, Spool(tmp_path), retry_every=0.05)
    turns.eraser = Eraser(storage.engine, tmp_path)
    await turns.start()
    await converse(turns, "gone", 2)
    erased = await turns.erase("web", "gone", by="người dân", via="chat")
    assert erased is not None and erased.messages == 4 and erased.states == 1
    assert await texts_of(storage, "gone") == []
    await turns.close()


def rejected_line(channel: str, user: str, at: datetime) -> str:
    record = {"channel": channel, "external_id": user, "at": at.isoformat(), "messages": []}
    return json.dumps({"reason": "IntegrityError: …", "record": record}) + "\n"


async def test_refused_writes_of_an_erased_citizen_are_dropped(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    lines = [rejected_line("web", "gone", now), rejected_line("web", "stays", now)]
    lines.append(rejected_line("telegram", "gone", now))  # same id, another channel: kept
    (tmp_path / REJECTED).write_text("".join(lines) + "not json\n")
    assert await scrub_rejected(tmp_path, "web", "gone") == 1
    kept = (tmp_path / REJECTED).read_text()
    assert '"stays"' in kept and '"telegram"' in kept and "not json" in kept
    assert kept.count('"gone"') == 1


async def test_refused_writes_expire_with_the_message_log(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    old, recent = now - timedelta(days=100), now - timedelta(days=1)
    path = tmp_path / REJECTED
    path.write_text(rejected_line("web", "old", old) + rejected_line("web", "recent", recent))
    assert await expire_rejected(tmp_path, now - timedelta(days=90)) == 1
    assert '"recent"' in path.read_text() and '"old"' not in path.read_text()
    assert await expire_rejected(tmp_path / "missing", now) == 0


async def test_erasures_amid_other_citizens_turns(storage: Storage) -> None:
    """Erasures while other citizens' turns keep committing: none fails, only theirs go."""
    turns = DurableTurns(storage.turns, Spool(Path("/nonexistent-spool")), retry_every=0.05)
    await asyncio.gather(*(converse(turns, f"gone-{i}", 2) for i in range(10)))
    eraser = Eraser(storage.engine, None)
    results = await asyncio.gather(
        *(converse(turns, f"stays-{i}", 10) for i in range(10)),
        *(eraser("web", f"gone-{i}", "người dân", "chat") for i in range(10)),
    )
    assert [r.messages for r in results[10:]] == [4] * 10  # type: ignore[union-attr]
    assert turns.up and turns.spooled == 0
    for i in range(10):
        assert await texts_of(storage, f"gone-{i}") == []
        assert len(await texts_of(storage, f"stays-{i}")) == 20
