"""Storage: migrations, users, state, masked message log, unmet requests, feedback.

Tests taking ``storage`` or ``db_url`` run on SQLite and on PostgreSQL (see conftest.py).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import IntegrityError

from bot.rows import MAX_TEXT
from bot.storage.database import alembic_config, async_url, create_engine
from bot.storage.inbox_repo import InboxRepo
from bot.storage.repository import Candidate, Storage
from bot.storage.schema import metadata
from handlers.events import FeedbackRecord, ScoredCandidate, UnmetReason, UnmetRecord
from tests.rows import log_message, record_feedback, record_unmet

TABLES = {"users", "conversation_states", "messages", "unmet_requests", "feedback"}


def unmet(text: str, reason: UnmetReason = UnmetReason.NO_MATCH, **fields: Any) -> UnmetRecord:
    return UnmetRecord(reason=reason, text=text, **fields)


async def test_migrations_create_all_tables(storage: Storage) -> None:
    async with storage.engine.connect() as connection:
        names = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
    assert names >= TABLES | {"alembic_version"}


async def test_opening_twice_keeps_schema_and_data(db_url: str) -> None:
    first = await Storage.open(db_url)
    user = await first.user("web", "u1")
    await first.close()
    second = await Storage.open(db_url)
    try:
        assert await second.user("web", "u1") == user
        async with second.engine.connect() as connection:
            versions = await connection.execute(text("SELECT version_num FROM alembic_version"))
            head = ScriptDirectory.from_config(alembic_config()).get_current_head()
            assert versions.scalars().all() == [head]
    finally:
        await second.close()


async def test_models_and_migrations_agree(storage: Storage) -> None:
    def differences(connection: Connection) -> list[Any]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))

    async with storage.engine.connect() as connection:
        assert await connection.run_sync(differences) == []


async def test_migrate_keeps_existing_loggers_enabled(db_url: str) -> None:
    logger = logging.getLogger("motcua.test.storage")
    store = await Storage.open(db_url)
    await store.close()
    assert not logger.disabled


async def test_user_get_or_create_is_stable(storage: Storage) -> None:
    first = await storage.user("telegram", "42")
    assert await storage.user("telegram", "42") == first
    assert await storage.user("zalo", "42") != first


async def test_state_round_trip(storage: Storage) -> None:
    user = await storage.user("web", "u1")
    state = {"step": "ask_locality", "procedure": "1.001193", "note": "Đăng ký khai sinh", "n": 2}
    await storage.save_state(user, state)
    assert await storage.load_state(user) == state


async def test_state_is_none_before_first_save(storage: Storage) -> None:
    assert await storage.load_state(await storage.user("web", "u1")) is None


async def test_state_overwrite(storage: Storage) -> None:
    user = await storage.user("web", "u1")
    await storage.save_state(user, {"step": "one"})
    await storage.save_state(user, {"step": "two"})
    assert await storage.load_state(user) == {"step": "two"}


async def test_state_survives_close_and_reopen(db_url: str) -> None:
    first = await Storage.open(db_url)
    user = await first.user("web", "u1")
    await first.save_state(user, {"step": "done"})
    await first.close()
    second = await Storage.open(db_url)
    try:
        assert await second.load_state(user) == {"step": "done"}
    finally:
        await second.close()


async def test_messages_are_masked_when_stored(storage: Storage) -> None:
    user = await storage.user("web", "u1")
    await log_message(
        storage, user, "in", "SĐT 0912 345 678, CCCD 001203004567, a.b@gmail.com, xe 29A-123.45"
    )
    [row] = await storage.messages_for(user)
    assert row.text == "SĐT *******678, CCCD *********567, ***@gmail.com, xe 29A-***.45"
    assert row.direction == "in"
    assert row.created_at.tzinfo is not None


async def test_messages_newest_first_with_action(storage: Storage) -> None:
    user = await storage.user("web", "u1")
    await log_message(storage, user, "in", "khai sinh")
    await log_message(storage, user, "out", "Bạn ở đâu?", action="ask")
    rows = await storage.messages_for(user)
    assert [(r.direction, r.text, r.action) for r in rows] == [
        ("out", "Bạn ở đâu?", "ask"),
        ("in", "khai sinh", None),
    ]


async def test_huge_text_is_truncated(storage: Storage) -> None:
    user = await storage.user("web", "u1")
    await log_message(storage, user, "in", "khai sinh 0912345678 " * 50_000)
    [row] = await storage.messages_for(user)
    assert len(row.text) == MAX_TEXT
    assert row.text.endswith("…")
    assert "0912345678" not in row.text


async def test_message_for_unknown_user_is_rejected(storage: Storage) -> None:
    with pytest.raises(IntegrityError):
        await log_message(storage, 999_999, "in", "xin chào")


async def test_unmet_is_masked_and_stored_whole(storage: Storage) -> None:
    user = await storage.user("zalo", "u1")
    record = unmet(
        "gọi tôi 0987654321",
        reason=UnmetReason.THUMBS_DOWN,
        candidates=(ScoredCandidate("1.001193", 0.5),),
        procedure_id="1.001193",
        locality="vi-du-phuong-mau",
        context=("› CCCD 001203004567", "‹ Bạn cần gì?"),
        detail="email a@b.vn",
    )
    assert await record_unmet(storage, user, "zalo", record)
    [row] = await storage.unmet_requests()
    assert row.text == "gọi tôi *******321"
    assert row.context == ("› CCCD *********567", "‹ Bạn cần gì?")
    assert row.detail == "email ***@b.vn"
    assert row.candidates == (Candidate("1.001193", 0.5),)
    assert (row.reason, row.channel, row.status) == ("thumbs_down", "zalo", "new")
    assert (row.procedure_id, row.locality, row.resolution) == (
        "1.001193",
        "vi-du-phuong-mau",
        None,
    )


async def test_unmet_same_text_twice_is_one_row(storage: Storage) -> None:
    user = await storage.user("web", "u1")
    assert await record_unmet(storage, user, "web", unmet("Xin giấy phép nuôi rồng"))
    assert not await record_unmet(storage, user, "web", unmet("  xin GIẤY phép   nuôi rồng "))
    assert len(await storage.unmet_requests()) == 1


async def test_unmet_different_reason_is_another_row(storage: Storage) -> None:
    user = await storage.user("web", "u1")
    assert await record_unmet(storage, user, "web", unmet("nuôi rồng"))
    assert await record_unmet(storage, user, "web", unmet("nuôi rồng", UnmetReason.HANDOFF))
    assert len(await storage.unmet_requests()) == 2


async def test_unmet_same_text_from_another_user_is_another_row(storage: Storage) -> None:
    for name in ("u1", "u2"):
        assert await record_unmet(storage, await storage.user("web", name), "web", unmet("rồng"))
    assert len(await storage.unmet_requests()) == 2


async def test_unmet_recorded_again_once_reviewed(storage: Storage) -> None:
    user = await storage.user("web", "u1")
    await record_unmet(storage, user, "web", unmet("nuôi rồng"))
    [first] = await storage.unmet_requests()
    assert await InboxRepo(storage.engine).set_status([first.id], "reviewed") == 1
    assert await record_unmet(storage, user, "web", unmet("nuôi rồng"))
    assert [r.status for r in await storage.unmet_requests()] == ["new", "reviewed"]


async def test_set_status_filters_and_resolution(storage: Storage) -> None:
    user = await storage.user("web", "u1")
    await record_unmet(storage, user, "web", unmet("một"))
    await record_unmet(storage, user, "web", unmet("hai"))
    newest = (await storage.unmet_requests())[0]
    changed = await InboxRepo(storage.engine).set_status(
        [newest.id], "resolved", "Thêm thủ tục 1.001193"
    )
    assert changed == 1
    [resolved] = await storage.unmet_requests(status="resolved")
    assert (resolved.text, resolved.resolution) == ("hai", "Thêm thủ tục 1.001193")
    assert [r.text for r in await storage.unmet_requests(status="new")] == ["một"]


async def test_set_status_unknown_id_changes_nothing(storage: Storage) -> None:
    assert await InboxRepo(storage.engine).set_status([123_456], "reviewed") == 0


async def test_set_status_rejects_unknown_status(storage: Storage) -> None:
    with pytest.raises(ValueError, match="unknown status"):
        await InboxRepo(storage.engine).set_status([1], "deleted")


async def test_feedback_stored(storage: Storage) -> None:
    user = await storage.user("telegram", "7")
    await record_feedback(storage, user, "telegram", FeedbackRecord("1.001193", positive=True))
    await record_feedback(
        storage, user, "telegram", FeedbackRecord("1.001193", positive=False, reason="sai lệ phí")
    )
    rows = await storage.feedback_rows()
    assert [(r.positive, r.reason, r.procedure_id, r.channel) for r in rows] == [
        (False, "sai lệ phí", "1.001193", "telegram"),
        (True, None, "1.001193", "telegram"),
    ]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://u:p@h:5432/db", "postgresql+asyncpg://u:p@h:5432/db"),
        ("postgresql://u@h/db", "postgresql+asyncpg://u@h/db"),
        ("postgresql+asyncpg://u@h/db", "postgresql+asyncpg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.db", "sqlite+aiosqlite:///x.db"),
        ("sqlite:////abs/x.db", "sqlite+aiosqlite:////abs/x.db"),
        ("sqlite://", "sqlite+aiosqlite://"),
        ("sqlite+aiosqlite:///x.db", "sqlite+aiosqlite:///x.db"),
    ],
)
def test_async_url(url: str, expected: str) -> None:
    assert async_url(url) == expected


async def test_create_engine_makes_sqlite_directory(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "motcua.db"
    engine = create_engine(f"sqlite:///{path}")
    try:
        async with engine.connect() as connection:
            mode = await connection.scalar(text("PRAGMA journal_mode"))
            keys = await connection.scalar(text("PRAGMA foreign_keys"))
    finally:
        await engine.dispose()
    assert path.exists()
    assert (mode, keys) == ("wal", 1)
