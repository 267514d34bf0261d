"""The web chat's outbox: messages pushed to a web citizen until their page fetches them.

A web page cannot be pushed to, so the web channel's outbound sender (handoff relay, time-outs)
stores each message here and the page polls ``GET /api/chat/updates`` (:mod:`bot.web.updates`).
The rows are in the database, so every instance behind a load balancer sees them.

The text is what the citizen must read, as a Telegram or Zalo push would deliver it (a
volunteer's words are not masked). It is a delivery queue, not a record: rows older than
:data:`KEEP` are deleted whenever a message is added, and :meth:`Outbox.after` never returns them.

The page asks for the messages after the last id it has shown. On PostgreSQL, ids come from a
sequence and concurrent transactions may commit out of id order, so that a poll could step over a
message committed late; a per-citizen advisory lock makes one citizen's messages commit in id
order. SQLite has a single writer, which gives the same guarantee.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import delete, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from bot.storage.base import utcnow
from bot.storage.outbox_models import KEEP, WebOutboxMessage
from handlers.events import Button, Reply

CHANNEL = "web"
MAX_TEXT = 8000  # characters of one stored message (a procedure card is well under this)
MAX_MESSAGES = 10  # messages in one answer
MAX_CHARS = 32_000  # characters of text in one answer (at least one message is always given)


@dataclass(frozen=True)
class Pushed:
    id: int
    text: str
    buttons: tuple[Button, ...]


def _lock_key(external_id: str) -> int:
    digest = hashlib.sha256(f"motcua.web_outbox:{external_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _buttons(raw: str) -> tuple[Button, ...]:
    try:
        items = json.loads(raw)
    except ValueError:
        return ()
    if not isinstance(items, list):
        return ()
    return tuple(
        Button(b["label"], b["action"])
        for b in items
        if isinstance(b, dict)
        and isinstance(b.get("label"), str)
        and isinstance(b.get("action"), str)
    )


def _clip(value: str) -> str:
    return value if len(value) <= MAX_TEXT else value[: MAX_TEXT - 1] + "…"


class Outbox:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    async def put(self, external_id: str, replies: tuple[Reply, ...]) -> None:
        """Queue ``replies`` for the web citizen ``external_id`` (an outbound sender)."""
        rows = [
            WebOutboxMessage(
                external_id=external_id,
                text=_clip(reply.text),
                buttons=json.dumps(
                    [{"label": b.label, "action": b.action} for b in reply.buttons],
                    ensure_ascii=False,
                ),
            )
            for reply in replies
            if reply.text or reply.buttons
        ]
        if not rows:
            return
        async with self._sessions.begin() as session:
            if self.engine.dialect.name == "postgresql":
                await session.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _lock_key(external_id)}
                )
            await session.execute(
                delete(WebOutboxMessage).where(WebOutboxMessage.created_at < utcnow() - KEEP)
            )
            session.add_all(rows)

    async def after(
        self,
        external_id: str,
        after: int,
        limit: int = MAX_MESSAGES,
        max_chars: int = MAX_CHARS,
    ) -> tuple[list[Pushed], bool]:
        """The citizen's messages with an id above ``after``, oldest first, and whether more wait.

        At most ``limit`` messages and about ``max_chars`` characters of text.
        """
        async with self._sessions() as session:
            rows = list(
                await session.scalars(
                    select(WebOutboxMessage)
                    .where(
                        WebOutboxMessage.external_id == external_id,
                        WebOutboxMessage.id > after,
                        WebOutboxMessage.created_at >= utcnow() - KEEP,
                    )
                    .order_by(WebOutboxMessage.id)
                    .limit(limit + 1)
                )
            )
        found: list[Pushed] = []
        size = 0
        for row in rows[:limit]:
            size += len(row.text)
            if found and size > max_chars:
                break
            found.append(Pushed(row.id, row.text, _buttons(row.buttons)))
        return found, len(found) < len(rows)
