"""A turn's rows, built from what the conversation core recorded: the one place text is masked.

The message log, unmet requests and feedback are stored as plain rows
(:mod:`bot.storage.turns.records`); they are built here, by the middlewares that record them
(:mod:`bot.middleware`), the chat service and the handoff relay, before they join the turn's
write set. Text is masked (:func:`handlers.privacy.mask`) and cut when a row is built, so
nothing unmasked reaches the database or the spool, and storage masks nothing a second time.
"""

from __future__ import annotations

import functools
import hashlib
import json
from datetime import datetime

from bot.ids import uuid4
from bot.storage.base import utcnow
from bot.storage.turns.records import FeedbackWrite, MessageWrite, UnmetWrite
from handlers.events import FeedbackRecord, UnmetRecord
from handlers.privacy import mask
from knowledge.text import key

MAX_TEXT = 4000  # characters kept of a message, an unmet request's text or detail
_MAX_ACTION = 255


def clean(text: str) -> str:
    """Masked and cut to :data:`MAX_TEXT` (masked first, so no number is cut in half unmasked)."""
    masked = mask(text[: MAX_TEXT * 4])
    return masked if len(masked) <= MAX_TEXT else masked[: MAX_TEXT - 1] + "…"


@functools.lru_cache(maxsize=2048)
def _clean_reply(text: str) -> str:
    """:func:`clean` for motcua's own replies, which repeat (cards, menus): masked once."""
    return clean(text)


def dedupe_key(reason: str, text: str) -> str:
    """Same reason and same text up to case, diacritics, spacing and punctuation → same key."""
    return hashlib.sha256(f"{reason}\n{key(text)}".encode()).hexdigest()


def _cut(value: str | None, size: int) -> str | None:
    return value[:size] if value is not None else None


def message(
    direction: str,
    text: str,
    action: str | None = None,
    *,
    channel: str | None = None,
    outcome: str | None = None,
    procedure_id: str | None = None,
    locality: str | None = None,
    created_at: datetime | None = None,
) -> MessageWrite:
    """A message-log row; ``text`` is masked and cut to :data:`MAX_TEXT`."""
    return MessageWrite(
        uuid4(),
        direction,
        _clean_reply(text) if direction == "out" else clean(text),
        _cut(action, _MAX_ACTION),
        channel,
        outcome,
        procedure_id,
        _cut(locality, 64),
        created_at or utcnow(),
    )


def unmet(channel: str, record: UnmetRecord) -> UnmetWrite:
    text = clean(record.text)
    candidates = [{"id": c.id, "score": c.score} for c in record.candidates]
    return UnmetWrite(
        uuid4(),
        channel,
        str(record.reason),
        text,
        json.dumps(candidates, ensure_ascii=False),
        record.procedure_id,
        record.locality,
        json.dumps([clean(t) for t in record.context], ensure_ascii=False),
        clean(record.detail) if record.detail is not None else None,
        dedupe_key(record.reason, text),
        utcnow(),
    )


def feedback(channel: str, record: FeedbackRecord) -> FeedbackWrite:
    reason = clean(record.reason) if record.reason is not None else None
    return FeedbackWrite(
        uuid4(), channel, record.procedure_id, record.positive, reason, record.amend, utcnow()
    )
