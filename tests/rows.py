"""Rows stored as a turn stores them: built by :mod:`bot.rows` (masked and cut there) and
committed through the storage's reference turn backend, one write set per call."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from bot.rows import feedback, message, unmet
from bot.storage.repository import Storage
from bot.storage.turns.records import TurnWrite
from handlers.events import FeedbackRecord, UnmetRecord


async def log_message(
    storage: Storage,
    user_id: int,
    direction: Literal["in", "out"],
    text: str,
    action: str | None = None,
    *,
    channel: str | None = None,
    outcome: str | None = None,
    procedure_id: str | None = None,
    locality: str | None = None,
    created_at: datetime | None = None,
) -> None:
    row = message(
        direction,
        text,
        action,
        channel=channel,
        outcome=outcome,
        procedure_id=procedure_id,
        locality=locality,
        created_at=created_at,
    )
    await storage.core.write(TurnWrite("", "", user_id, messages=[row]))


async def record_unmet(storage: Storage, user_id: int, channel: str, record: UnmetRecord) -> bool:
    """False if the same request of this user awaits review, or its phrasing is ignored."""
    write = TurnWrite(channel, "", user_id, unmet=[unmet(channel, record)])
    return (await storage.core.write(write)).unmet_fresh[0]


async def record_feedback(
    storage: Storage, user_id: int, channel: str, record: FeedbackRecord
) -> None:
    write = TurnWrite(channel, "", user_id, feedback=[feedback(channel, record)])
    await storage.core.write(write)
