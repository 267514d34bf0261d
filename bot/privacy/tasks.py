"""The retention purge as run by ``motcua run`` (every ``PURGE_EVERY_HOURS``) and ``motcua
purge`` (for cron): the database (:func:`bot.storage.privacy.purge`) and the spool's
``rejected.jsonl``, both by the retention settings."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.callbacks.repo import purge_callbacks
from bot.config import Settings
from bot.privacy.erasure import expire_rejected
from bot.storage.base import utcnow
from bot.storage.privacy import Purged, Retention, midnight_before, purge
from handlers.texts import FEEDBACK_REASONS

log = logging.getLogger("motcua.privacy")
FIRST_DELAY_SECONDS = 60.0  # after start: let the instance settle first


def retention(settings: Settings) -> Retention:
    return Retention(
        messages=settings.retention_messages_days,
        states=settings.retention_states_days,
        unmet=settings.retention_unmet_days,
        feedback=settings.retention_feedback_days,
        tickets=settings.retention_tickets_days,
        audit=settings.retention_audit_days,
    )


async def run_purge(engine: AsyncEngine, settings: Settings, spool: Path | None) -> Purged:
    now = utcnow()
    done = await purge(engine, retention(settings), now, reasons=FEEDBACK_REASONS)
    done.add("callbacks", await purge_callbacks(engine, settings.retention_callbacks_days, now))
    if spool is not None and settings.retention_messages_days:
        before = midnight_before(settings.retention_messages_days, now)
        done.add("rejected", await expire_rejected(spool, before))
    if done.total:
        log.info("retention purge: %s", ", ".join(f"{k} {v}" for k, v in done.rows.items() if v))
    return done


async def purge_forever(
    engine: AsyncEngine, settings: Settings, spool: Path | None, first: float = FIRST_DELAY_SECONDS
) -> None:
    """Purge every ``PURGE_EVERY_HOURS``; a failure (the database down) waits for the next."""
    delay = first
    while True:
        await asyncio.sleep(delay)
        delay = settings.purge_every_hours * 3600
        try:
            await run_purge(engine, settings, spool)
        except Exception:
            log.exception(
                "retention purge failed; next attempt in %.0f h", settings.purge_every_hours
            )
