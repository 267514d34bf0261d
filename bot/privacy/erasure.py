"""Erasing a citizen: the database rows and the copies the spool keeps of refused writes.

``rejected.jsonl`` (:mod:`bot.storage.turns.spool`) keeps write sets the database refused, for a
person to look at; they hold a citizen's masked words and their platform id. An erasure drops
that citizen's records from it, and the retention purge drops records older than the message
log's retention. Spool segments are not rewritten: they are replayed and deleted within
seconds of the database answering, and an erasure spooled while it is down is replayed after
them (:meth:`bot.storage.turns.durable.DurableTurns.erase`).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.storage.privacy import Erased, erase_citizen
from bot.storage.turns.spool import REJECTED
from handlers.texts import FEEDBACK_REASONS

log = logging.getLogger("motcua.privacy")


def _subject(record: Any) -> tuple[str, str] | None:
    """The (channel, external id) a rejected line is about, if any."""
    inner = record.get("record") if isinstance(record, dict) else None
    if not isinstance(inner, dict):
        return None
    nested = inner.get("erase")
    request: dict[str, Any] = nested if isinstance(nested, dict) else inner
    channel, external = request.get("channel"), request.get("external_id")
    return (channel, external) if isinstance(channel, str) and isinstance(external, str) else None


def _written_at(record: Any) -> datetime | None:
    inner = record.get("record") if isinstance(record, dict) else None
    try:
        at = datetime.fromisoformat(inner["at"]) if isinstance(inner, dict) else None
    except (KeyError, TypeError, ValueError):
        return None
    return at if at is not None and at.tzinfo is not None else None


def _rewrite(path: Path, drop: Callable[[Any], bool]) -> int:
    """Rewrite ``path`` without the JSON lines ``drop`` picks (atomically); lines dropped."""
    try:
        lines = path.read_bytes().splitlines(keepends=True)
    except FileNotFoundError:
        return 0
    kept, dropped = [], 0
    for line in lines:
        try:
            record = json.loads(line)
        except ValueError:
            record = None
        if record is not None and drop(record):
            dropped += 1
        else:
            kept.append(line)
    if not dropped:
        return 0
    temporary = path.with_name(path.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, b"".join(kept))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temporary, path)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    return dropped


async def scrub_rejected(directory: Path, channel: str, external_id: str) -> int:
    """Drop a citizen's records from ``rejected.jsonl`` in ``directory``; records dropped."""
    wanted = (channel, external_id)
    return await asyncio.to_thread(
        _rewrite, directory / REJECTED, lambda record: _subject(record) == wanted
    )


async def expire_rejected(directory: Path, before: datetime) -> int:
    """Drop the records of ``rejected.jsonl`` written before ``before``; records dropped."""

    def old(record: Any) -> bool:
        at = _written_at(record)
        return at is not None and at < before

    return await asyncio.to_thread(_rewrite, directory / REJECTED, old)


class Eraser:
    """Erase a citizen everywhere this instance can reach: the database and its spool."""

    def __init__(self, engine: AsyncEngine, spool_directory: Path | None) -> None:
        self.engine, self.spool_directory = engine, spool_directory

    async def __call__(self, channel: str, external_id: str, by: str, via: str) -> Erased:
        erased = await erase_citizen(
            self.engine, channel, external_id, by=by, via=via, reasons=FEEDBACK_REASONS
        )
        if self.spool_directory is not None:
            try:
                await scrub_rejected(self.spool_directory, channel, external_id)
            except OSError:
                log.exception("could not remove an erased citizen's refused writes")
        log.info("erasure on %s (%s): %d row(s)", channel, via, erased.rows)
        return erased
