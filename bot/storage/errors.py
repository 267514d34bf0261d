"""Which database errors mean "unavailable, try later" rather than "this write is wrong"."""

from __future__ import annotations

import sqlite3
import sys

from sqlalchemy import exc as sa

# SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57 operator intervention
# (shutdown, cannot connect now, statement time-out), 40 transaction rollback (serialization
# failure, deadlock: a retry later succeeds), 58 system error (I/O).
_RETRY_CLASSES = ("08", "53", "57", "40", "58")


def unavailable(error: BaseException) -> bool:
    """True for outages and time-outs (spool and retry), False for refusals (bugs, bad data)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if _outage(current):
            return True
        if isinstance(current, sa.DBAPIError):
            current = current.orig if isinstance(current.orig, BaseException) else None
        else:
            current = current.__cause__
    return False


def _outage(error: BaseException) -> bool:
    if isinstance(error, OSError | TimeoutError | sa.TimeoutError | sa.DisconnectionError):
        return True
    if isinstance(error, sa.DBAPIError):
        return error.connection_invalidated or isinstance(
            error, sa.OperationalError | sa.InterfaceError
        )
    if isinstance(error, sqlite3.OperationalError | sqlite3.InterfaceError):
        return True  # locked, unable to open, disk I/O error, read-only
    asyncpg = sys.modules.get("asyncpg")  # loaded on PostgreSQL only: no error of it before
    if asyncpg is None:
        return False
    if isinstance(error, asyncpg.PostgresConnectionError | asyncpg.InterfaceError):
        return True
    if isinstance(error, asyncpg.PostgresError):
        return str(getattr(error, "sqlstate", "") or "")[:2] in _RETRY_CLASSES
    return False
