"""Aggregates for the dashboard's statistics, computed by the database over a date range.

Days are Vietnam days (UTC+7, no daylight saving). Only incoming messages count; a message's
outcome (answer / clarify / unmet) is set for free-text questions, None for buttons and small talk.
Rows removed by the retention purge or a citizen's erasure left their counts in the anonymous
daily tables (:mod:`bot.storage.privacy_models`), which are added to what the rows still give:
figures per day do not change when rows go. Users are distinct per day there, so over a range
a citizen whose rows are gone counts once for each day they wrote.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Date, Select, case, cast, func, literal_column, select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlalchemy.sql.elements import ColumnElement

from bot.storage.models import Feedback, Message, User
from bot.storage.privacy_models import DailyCount, DailyFeedback

UTC_OFFSET_HOURS = 7  # Asia/Ho_Chi_Minh
LOCAL = timedelta(hours=UTC_OFFSET_HOURS)
OUTCOMES = ("answer", "clarify", "unmet")


def local_today(now: datetime | None = None) -> date:
    return ((now or datetime.now(UTC)) + LOCAL).date()


def day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """UTC instants of ``first`` 00:00 and the day after ``last`` 00:00, Vietnam time."""
    start = datetime.combine(first, time(), UTC) - LOCAL
    end = datetime.combine(last + timedelta(days=1), time(), UTC) - LOCAL
    return start, end


@dataclass(frozen=True)
class Counts:
    messages: int = 0
    users: int = 0
    answer: int = 0
    clarify: int = 0
    unmet: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.messages + other.messages,
            self.users + other.users,
            self.answer + other.answer,
            self.clarify + other.clarify,
            self.unmet + other.unmet,
        )

    @property
    def questions(self) -> int:
        return self.answer + self.clarify + self.unmet

    def rate(self, outcome: str) -> float | None:
        """Share of the free-text questions that ended with ``outcome``; None without any."""
        total = self.questions
        return getattr(self, outcome) / total if total else None


@dataclass(frozen=True)
class FeedbackCounts:
    up: int = 0
    down: int = 0
    reasons: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float | None:
        """Share of 👍 among the votes; None without any."""
        total = self.up + self.down
        return self.up / total if total else None


@dataclass(frozen=True)
class Report:
    first: date
    last: date
    total: Counts
    days: list[tuple[date, Counts]]
    channels: list[tuple[str, Counts]]
    localities: list[tuple[str, Counts]]
    procedures: list[tuple[str, int, int]]  # procedure id, questions answered with it, users
    feedback: dict[str, FeedbackCounts]  # by procedure id ("" when none)
    feedback_by_channel: dict[str, FeedbackCounts]


def local_day(dialect: str, column: Any) -> ColumnElement[Any]:
    """The Vietnam day of a UTC timestamp column, computed by the database."""
    if dialect == "postgresql":
        shifted = func.timezone("UTC", column) + literal_column(
            f"interval '{UTC_OFFSET_HOURS} hours'"
        )
        return cast(shifted, Date)
    return func.date(column, f"+{UTC_OFFSET_HOURS} hours")


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


class StatsRepo:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    def _day(self) -> ColumnElement[Any]:
        return local_day(self.engine.dialect.name, Message.created_at)

    @staticmethod
    def _counting(*keys: Any) -> Select[Any]:
        sums = [
            func.coalesce(func.sum(case((Message.outcome == name, 1), else_=0)), 0)
            for name in OUTCOMES
        ]
        return select(
            *keys, func.count(Message.id), func.count(func.distinct(Message.user_id)), *sums
        )

    async def report(self, first: date, last: date) -> Report:
        start, end = day_bounds(first, last)
        in_range = (
            Message.direction == "in",
            Message.created_at >= start,
            Message.created_at < end,
        )
        day = self._day().label("day")
        channel = func.coalesce(Message.channel, User.channel).label("channel")

        async with self._sessions() as session:
            total_row = (await session.execute(self._counting().where(*in_range))).one()
            day_rows = await session.execute(
                self._counting(day).where(*in_range).group_by(day).order_by(day)
            )
            channel_rows = await session.execute(
                self._counting(channel)
                .join(User, User.id == Message.user_id)
                .where(*in_range)
                .group_by(channel)
                .order_by(func.count(Message.id).desc())
            )
            locality_rows = await session.execute(
                self._counting(Message.locality)
                .where(*in_range, Message.locality.is_not(None))
                .group_by(Message.locality)
                .order_by(func.count(Message.id).desc())
            )
            procedure_rows = await session.execute(
                select(
                    Message.procedure_id,
                    func.count(Message.id),
                    func.count(func.distinct(Message.user_id)),
                )
                .where(*in_range, Message.outcome == "answer", Message.procedure_id.is_not(None))
                .group_by(Message.procedure_id)
                .order_by(func.count(Message.id).desc(), Message.procedure_id)
            )
            fb_range = (Feedback.created_at >= start, Feedback.created_at < end)
            fb_rows = await session.execute(
                select(
                    Feedback.procedure_id,
                    Feedback.channel,
                    Feedback.positive,
                    Feedback.reason,
                    func.count(Feedback.id),
                )
                .where(*fb_range)
                .group_by(
                    Feedback.procedure_id, Feedback.channel, Feedback.positive, Feedback.reason
                )
            )

            kept = await session.execute(
                select(
                    DailyCount.day,
                    DailyCount.dimension,
                    DailyCount.value,
                    *(
                        func.sum(getattr(DailyCount, name))
                        for name in ("messages", "users", *OUTCOMES)
                    ),
                )
                .where(DailyCount.day >= first, DailyCount.day <= last)
                .group_by(DailyCount.day, DailyCount.dimension, DailyCount.value)
            )
            fb_kept = await session.execute(
                select(
                    DailyFeedback.procedure_id,
                    DailyFeedback.channel,
                    DailyFeedback.positive,
                    DailyFeedback.reason,
                    func.sum(DailyFeedback.count),
                )
                .where(DailyFeedback.day >= first, DailyFeedback.day <= last)
                .group_by(
                    DailyFeedback.procedure_id,
                    DailyFeedback.channel,
                    DailyFeedback.positive,
                    DailyFeedback.reason,
                )
            )

            def counts(row: Any, skip: int) -> Counts:
                return Counts(*(int(v or 0) for v in tuple(row)[skip:]))

            days = {_as_date(r[0]): counts(r, 1) for r in day_rows}
            total = counts(total_row, 0)
            channel_counts = {str(r[0]): counts(r, 1) for r in channel_rows}
            locality_counts = {str(r[0]): counts(r, 1) for r in locality_rows}
            answered = {str(r[0]): (int(r[1]), int(r[2])) for r in procedure_rows}
            for row in kept:
                day_of, dimension, value, extra = _as_date(row[0]), row[1], row[2], counts(row, 3)
                if dimension == "day":
                    total = total + extra
                    days[day_of] = days.get(day_of, Counts()) + extra
                elif dimension == "channel":
                    channel_counts[value] = channel_counts.get(value, Counts()) + extra
                elif dimension == "locality":
                    locality_counts[value] = locality_counts.get(value, Counts()) + extra
                elif dimension == "procedure":
                    before = answered.get(value, (0, 0))
                    answered[value] = (before[0] + extra.messages, before[1] + extra.users)
            report_days = []
            current = first
            while current <= last:  # every day of the range, zero when nothing happened
                report_days.append((current, days.get(current, Counts())))
                current += timedelta(days=1)
            channels = _by_messages(channel_counts)
            localities = _by_messages(locality_counts)
            procedures = sorted(
                ((pid, n, users) for pid, (n, users) in answered.items()),
                key=lambda item: (-item[1], item[0]),
            )
            feedback, by_channel = _feedback([*fb_rows, *fb_kept])
        return Report(
            first, last, total, report_days, channels, localities, procedures, feedback, by_channel
        )


def _by_messages(counts: dict[str, Counts]) -> list[tuple[str, Counts]]:
    return sorted(counts.items(), key=lambda item: (-item[1].messages, item[0]))


def _feedback(rows: list[Any]) -> tuple[dict[str, FeedbackCounts], dict[str, FeedbackCounts]]:
    tallies: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"up": 0, "down": 0, "reasons": defaultdict(int)}
    )
    channels: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"up": 0, "down": 0, "reasons": defaultdict(int)}
    )
    for procedure_id, channel, positive, reason, count in rows:
        if count is None:
            continue
        for tally in (tallies[procedure_id or ""], channels[channel]):
            tally["up" if positive else "down"] += int(count)
            if not positive and reason:
                tally["reasons"][reason] += int(count)

    def freeze(source: dict[str, dict[str, Any]]) -> dict[str, FeedbackCounts]:
        return {
            key: FeedbackCounts(
                value["up"],
                value["down"],
                dict(sorted(value["reasons"].items(), key=lambda kv: (-kv[1], kv[0]))),
            )
            for key, value in source.items()
        }

    return freeze(tallies), freeze(channels)
