"""Wake-ups across instances: "something new for topic T", so that open streams re-read it.

The bus carries no data, only topic names (``web:<page id>``, ``ticket:<id>``, ``queue``); the
messages themselves are rows (the web outbox, the console's messages) that a woken stream reads
after its cursor. A missed wake-up therefore loses nothing: every stream also re-reads on its
heartbeat, and a listener that lost its connection wakes every stream when it is back.

- PostgreSQL: ``NOTIFY motcua_live, '<topic>'`` from any instance; each instance keeps one
  connection that ``LISTEN``s and wakes its own subscribers.
- SQLite (one file, one or more processes): each publish adds a row to ``live_events``; each
  instance reads the rows after its cursor (by id) every :data:`POLL_SECONDS`, and deletes rows
  older than :data:`KEEP`.

Subscribers are bounded (:class:`Hub`, ``limit``): past it, :meth:`Hub.subscribe` raises
:class:`Full` and the caller answers 503 (the page then polls).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Index, String, delete, func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, BigId, UTCDateTime, utcnow

log = logging.getLogger("motcua.live")
CHANNEL = "motcua_live"
POLL_SECONDS = 0.25  # SQLite: how often an instance looks for new events
KEEP = timedelta(minutes=2)  # SQLite: events are wake-ups, not a record
MAX_TOPIC = 160
RECONNECT_SECONDS = (0.5, 1, 2, 5, 10)  # PostgreSQL listener: waits between reconnections


class LiveEvent(Base):
    """A published topic (SQLite only; PostgreSQL carries it in NOTIFY)."""

    __tablename__ = "live_events"
    __table_args__ = (Index(None, "created_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    topic: Mapped[str] = mapped_column(String(MAX_TOPIC))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Full(Exception):
    """This instance already serves as many live streams as it may."""


class Subscription:
    """One open stream's wake-up: :meth:`wait` returns True when one of its topics was published
    (or everything must be re-read), False when ``timeout`` passed first."""

    def __init__(self, topics: frozenset[str]) -> None:
        self.topics = topics
        self._event = asyncio.Event()

    def wake(self) -> None:
        self._event.set()

    async def wait(self, timeout: float) -> bool:
        try:
            await asyncio.wait_for(self._event.wait(), timeout)
        except TimeoutError:
            return False
        self._event.clear()
        return True


class Hub:
    """This instance's subscribers by topic."""

    def __init__(self, limit: int = 2000) -> None:
        self.limit = limit
        self._by_topic: dict[str, set[Subscription]] = {}
        self.count = 0

    @contextlib.contextmanager
    def subscribe(self, topics: Iterable[str]) -> Iterator[Subscription]:
        if self.count >= self.limit:
            raise Full
        sub = Subscription(frozenset(topics))
        self.count += 1
        for topic in sub.topics:
            self._by_topic.setdefault(topic, set()).add(sub)
        try:
            yield sub
        finally:
            self.count -= 1
            for topic in sub.topics:
                subs = self._by_topic.get(topic)
                if subs is not None:
                    subs.discard(sub)
                    if not subs:
                        del self._by_topic[topic]

    def wake(self, topic: str) -> None:
        for sub in self._by_topic.get(topic, ()):
            sub.wake()

    def wake_all(self) -> None:
        for subs in self._by_topic.values():
            for sub in subs:
                sub.wake()


class Bus:
    """Publish a topic to every instance; :attr:`hub` holds this instance's subscribers."""

    def __init__(self, engine: AsyncEngine, limit: int = 2000) -> None:
        self.engine = engine
        self.hub = Hub(limit)
        self._task: asyncio.Task[None] | None = None
        self.stopped = False

    async def publish(self, topic: str) -> None:
        raise NotImplementedError

    async def _run(self) -> None:
        raise NotImplementedError

    async def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="live-bus")

    async def stop(self) -> None:
        self.stopped = True
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self.hub.wake_all()  # open streams notice the end at once

    async def publish_quietly(self, topic: str) -> None:
        """Publish; a failure is logged, never raised (streams still re-read on heartbeat)."""
        try:
            await self.publish(topic)
        except Exception as exc:
            log.warning("live: publishing failed (%s)", type(exc).__name__)


class PgBus(Bus):
    async def publish(self, topic: str) -> None:
        async with self.engine.connect() as connection:
            await connection.execute(
                text("SELECT pg_notify(:channel, :topic)"),
                {"channel": CHANNEL, "topic": topic[:MAX_TOPIC]},
            )
            await connection.commit()

    def _dsn(self) -> str:
        url = self.engine.url.set(drivername="postgresql")
        return url.render_as_string(hide_password=False)

    async def _run(self) -> None:
        import asyncpg

        failures = 0
        while True:
            connection: Any = None
            try:
                connection = await asyncpg.connect(self._dsn(), timeout=5)
                lost = asyncio.Event()
                connection.add_termination_listener(lambda _c, lost=lost: lost.set())
                await connection.add_listener(
                    CHANNEL, lambda _c, _pid, _channel, topic: self.hub.wake(topic)
                )
                if failures:
                    log.info("live: listening again")
                failures = 0
                self.hub.wake_all()  # whatever was published while not listening is re-read
                await lost.wait()
                log.warning("live: listener connection lost")
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("live: cannot listen (%s)", type(exc).__name__)
            finally:
                if connection is not None and not connection.is_closed():
                    with contextlib.suppress(Exception):
                        await asyncio.shield(connection.close(timeout=2))
            await asyncio.sleep(RECONNECT_SECONDS[min(failures, len(RECONNECT_SECONDS) - 1)])
            failures += 1


class PollBus(Bus):
    def __init__(self, engine: AsyncEngine, limit: int = 2000, every: float = POLL_SECONDS):
        super().__init__(engine, limit)
        self.every = every
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    async def publish(self, topic: str) -> None:
        async with self._sessions.begin() as session:
            session.add(LiveEvent(topic=topic[:MAX_TOPIC]))

    async def _run(self) -> None:
        cursor: int | None = None
        rounds = 0
        while True:
            try:
                async with self._sessions() as session:
                    if cursor is None:
                        cursor = int(await session.scalar(select(func.max(LiveEvent.id))) or 0)
                    rows = (
                        await session.execute(
                            select(LiveEvent.id, LiveEvent.topic)
                            .where(LiveEvent.id > cursor)
                            .order_by(LiveEvent.id)
                            .limit(1000)
                        )
                    ).all()
                for event_id, topic in rows:
                    cursor = event_id
                    self.hub.wake(topic)
                rounds += 1
                if rounds % 240 == 0:  # about once a minute
                    async with self._sessions.begin() as session:
                        await session.execute(
                            delete(LiveEvent).where(LiveEvent.created_at < utcnow() - KEEP)
                        )
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("live: polling failed (%s)", type(exc).__name__)
            await asyncio.sleep(self.every)


def make_bus(engine: AsyncEngine, limit: int = 2000) -> Bus:
    """LISTEN/NOTIFY on PostgreSQL, polling ``live_events`` otherwise."""
    if engine.dialect.name == "postgresql":
        return PgBus(engine, limit)
    return PollBus(engine, limit)
