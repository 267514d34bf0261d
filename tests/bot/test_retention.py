"""The retention purge on SQLite and PostgreSQL: old rows go, in batches, and the statistics
for past days stay the same (their anonymous daily counts are kept)."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.cli import main
from bot.rows import feedback
from bot.storage.admin_models import AuditEntry
from bot.storage.audit_repo import AuditRepo
from bot.storage.inbox_repo import InboxRepo
from bot.storage.models import ConversationState, Feedback, Message, UnmetRequest, User
from bot.storage.privacy import Retention, purge
from bot.storage.repository import Storage
from bot.storage.stats_repo import Counts, StatsRepo, local_today
from bot.storage.turns.records import TurnWrite
from handlers.events import FeedbackRecord, UnmetReason, UnmetRecord
from handlers.texts import FEEDBACK_REASONS
from tests.rows import log_message, record_unmet

NOW = datetime(2026, 12, 6, 3, 0, tzinfo=UTC)  # 10:00 in Vietnam
KEEP = Retention(messages=90, states=30, unmet=180, feedback=90, tickets=90, audit=730)


async def question(
    storage: Storage, user: int, at: datetime, outcome: str, proc: str | None, loc: str | None
) -> None:
    await log_message(storage,
        user, "in", f"hỏi lúc {at:%d/%m}", channel="web", outcome=outcome,
        procedure_id=proc, locality=loc, created_at=at,
    )  # fmt: skip
    await log_message(storage, user, "out", "trả lời", channel="web", created_at=at)


async def vote(storage: Storage, user: int, at: datetime, positive: bool, reason: str) -> None:
    row = replace(
        feedback("web", FeedbackRecord("dang-ky-ket-hon", positive, reason)), created_at=at
    )
    await storage.core.write(TurnWrite("web", "", user, feedback=[row]))


async def populate(storage: Storage) -> tuple[int, int]:
    a, b = await storage.user("web", "a"), await storage.user("web", "b")
    old, older, recent = (
        NOW - timedelta(days=95),
        NOW - timedelta(days=120),
        NOW - timedelta(days=2),
    )
    for at in (older, old, old + timedelta(hours=1), recent):
        await question(storage, a, at, "answer", "dang-ky-ket-hon", "vi-du-phuong-mau")
    await question(storage, b, old, "unmet", None, None)
    await question(storage, b, old + timedelta(minutes=5), "answer", "cap-ho-chieu-pho-thong", None)
    await question(storage, b, recent, "clarify", None, None)
    await vote(storage, a, old, False, "Khác: cán bộ nói khác hẳn")
    await vote(storage, b, old, True, "")
    await vote(storage, b, recent, False, "Sai thông tin")
    return a, b


def no_users(rows: list[tuple[str, Counts]]) -> list[tuple[str, Counts]]:
    return [(key, replace(counts, users=0)) for key, counts in rows]


async def count(storage: Storage, column: object) -> int:
    async with storage.engine.connect() as connection:
        return int(await connection.scalar(select(func.count(column))) or 0)


async def test_old_rows_go_and_past_statistics_stay(storage: Storage) -> None:
    await populate(storage)
    stats = StatsRepo(storage.engine)
    first, last = local_today(NOW) - timedelta(days=130), local_today(NOW)
    before = await stats.report(first, last)

    done = await purge(storage.engine, KEEP, NOW, batch=2, reasons=FEEDBACK_REASONS)

    assert done.rows["messages"] == 10 and done.rows["feedback"] == 2
    after = await stats.report(first, last)
    assert after.days == before.days
    assert after.total.messages == before.total.messages
    assert (after.total.answer, after.total.clarify, after.total.unmet) == (
        before.total.answer,
        before.total.clarify,
        before.total.unmet,
    )
    # Over several days a citizen whose rows are gone counts once per day they wrote; per day,
    # and for everything but users, the figures are those from before.
    assert no_users(after.channels) == no_users(before.channels)
    assert no_users(after.localities) == no_users(before.localities)
    assert [p[:2] for p in after.procedures] == [p[:2] for p in before.procedures]
    votes = after.feedback["dang-ky-ket-hon"]
    assert (votes.up, votes.down) == (before.feedback["dang-ky-ket-hon"].up, 2)
    assert votes.reasons == {"Khác": 1, "Sai thông tin": 1}  # the typed words are gone
    assert await count(storage, Message.id) == 4  # the recent day's rows
    assert await count(storage, Feedback.id) == 1


async def test_purging_again_changes_nothing(storage: Storage) -> None:
    await populate(storage)
    stats = StatsRepo(storage.engine)
    first, last = local_today(NOW) - timedelta(days=130), local_today(NOW)
    await purge(storage.engine, KEEP, NOW, reasons=FEEDBACK_REASONS)
    once = await stats.report(first, last)
    again = await purge(storage.engine, KEEP, NOW, reasons=FEEDBACK_REASONS)
    assert again.total == 0
    assert await stats.report(first, last) == once


async def test_nothing_recent_is_purged(storage: Storage) -> None:
    await populate(storage)
    before = await count(storage, Message.id)
    done = await purge(
        storage.engine, Retention(messages=200, feedback=200), NOW, reasons=FEEDBACK_REASONS
    )
    assert done.total == 0 and await count(storage, Message.id) == before


async def test_zero_keeps_without_limit(storage: Storage) -> None:
    await populate(storage)
    done = await purge(storage.engine, Retention(0, 0, 0, 0, 0, 0), NOW, reasons=FEEDBACK_REASONS)
    assert done.total == 0 and await count(storage, Message.id) == 14


async def test_idle_states_unmet_and_audit_expire(storage: Storage) -> None:
    a, _ = await populate(storage)
    await storage.save_state(a, {"mode": "idle"})
    await record_unmet(storage, a, "web", UnmetRecord(UnmetReason.NO_MATCH, "con mèo bị lạc"))
    await AuditRepo(storage.engine).audit("admin", "login")
    later = NOW + timedelta(days=800)
    done = await purge(storage.engine, KEEP, later, reasons=FEEDBACK_REASONS)
    assert done.rows["states"] == 1 and done.rows["unmet"] == 1 and done.rows["audit"] == 1
    assert done.rows["users"] == 2  # nothing of theirs left, not seen for long
    for column in (ConversationState.user_id, UnmetRequest.id, AuditEntry.id, User.id):
        assert await count(storage, column) == 0


async def test_motcua_purge_reports_what_it_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'motcua.db'}"
    storage = await Storage.open(url)
    try:
        user = await storage.user("web", "a")
        at = datetime.now(UTC) - timedelta(days=200)
        await question(storage, user, at, "answer", "dang-ky-ket-hon", None)
    finally:
        await storage.close()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("SPOOL_DIR", str(tmp_path / "spool"))
    assert await asyncio.to_thread(main, ["purge"]) == 0
    assert "Đã xóa: 2 tin nhắn" in capsys.readouterr().out
    assert await asyncio.to_thread(main, ["purge"]) == 0
    assert "Không có gì quá thời hạn lưu trữ." in capsys.readouterr().out


async def test_a_kept_unmet_request_outlives_retention_without_the_citizen(
    storage: Storage,
) -> None:
    a, _ = await populate(storage)
    for words in ("con mèo bị lạc", "con chó bị lạc"):
        record = UnmetRecord(UnmetReason.NO_MATCH, words, context=("› tôi ở phường Mẫu",))
        await record_unmet(storage, a, "web", record)
    kept, _ = sorted(await storage.unmet_requests(), key=lambda r: r.text)[::-1]
    await InboxRepo(storage.engine).set_keep([kept.id])
    done = await purge(storage.engine, KEEP, NOW + timedelta(days=200), reasons=FEEDBACK_REASONS)
    assert done.rows["unmet"] == 1 and done.rows["unmet_detached"] == 1
    [row] = await storage.unmet_requests()
    assert row.id == kept.id and row.text == kept.text and row.context == ()
    async with storage.engine.connect() as connection:
        owner = await connection.scalar(select(User.external_id).where(User.id == row.user_id))
    assert owner == ""  # no longer the citizen's
    again = await purge(storage.engine, KEEP, NOW + timedelta(days=200), reasons=FEEDBACK_REASONS)
    assert again.rows.get("unmet_detached", 0) == 0
