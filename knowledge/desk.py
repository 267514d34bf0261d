"""A commune's one-stop desk (Trung tâm phục vụ hành chính công), as the commune enters it.

Pure data and rules: the dashboard validates and stores it, the bot reads it. Every time is
Vietnam's local time; the caller says what time it is (:meth:`Desk.status` takes ``now``).
Local fees are set by a province's People's Council, so they are keyed by province
(:class:`ProvinceFees`) and shared by every commune of the province.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from typing import Annotated

from pydantic import Field, StringConstraints, field_validator, model_validator

from knowledge.schema import ProcedureId, Strict, Text

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
MAX_SESSIONS = 3
SESSION_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")
# A Vietnamese number: 0 then 9 or 10 digits (mobile 10, landline with area code 11), or +84.
PHONE_RE = re.compile(r"^(?:0|\+84)\d{9,10}$")
RESOLUTION_RE = re.compile(r"^\d{1,4}/\d{4}/NQ-HĐND$")

Session = Annotated[str, StringConstraints(pattern=SESSION_RE.pattern)]


def parse_session(text: str) -> tuple[dt.time, dt.time]:
    match = SESSION_RE.match(text.strip())
    if not match:
        raise ValueError(f"giờ “{text}” cần có dạng 07:30-11:30")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    start, end = dt.time(h1, m1), dt.time(h2, m2)
    if start >= end:
        raise ValueError(f"giờ “{text}”: giờ mở cửa phải trước giờ đóng cửa")
    return start, end


def check_day(sessions: list[str]) -> list[str]:
    """Sessions of one day, in order and not overlapping ("07:30-11:30", "13:30-17:00")."""
    if len(sessions) > MAX_SESSIONS:
        raise ValueError(f"mỗi ngày tối đa {MAX_SESSIONS} buổi")
    parsed = [parse_session(s) for s in sessions]
    for (_, end), (start, _) in itertools.pairwise(parsed):
        if start < end:
            raise ValueError("các buổi trong ngày phải theo thứ tự và không chồng lên nhau")
    return [s.strip() for s in sessions]


def check_phone(phone: str) -> str:
    compact = re.sub(r"[\s.\-()]", "", phone)
    if not PHONE_RE.match(compact):
        raise ValueError(
            f"số điện thoại “{phone}” không hợp lệ: cần 10–11 chữ số bắt đầu bằng 0 (hoặc +84)"
        )
    return phone.strip()


class Closure(Strict):
    first: dt.date
    last: dt.date
    reason: Text  # "Nghỉ Tết Nguyên đán"

    @model_validator(mode="after")
    def _order(self) -> Closure:
        if self.last < self.first:
            raise ValueError("ngày nghỉ: ngày kết thúc phải sau ngày bắt đầu")
        return self


class Desk(Strict):
    commune: int  # the official commune code
    name: Text  # "Trung tâm phục vụ hành chính công phường X"
    address: Text
    map_url: Annotated[str, StringConstraints(pattern=r"^https://\S+$", max_length=500)] | None = (
        None
    )
    phone: Text | None = None
    # Monday first; each day its sessions ("07:30-11:30"); an empty day is closed.
    hours: list[list[Session]] = Field(min_length=7, max_length=7)
    closures: list[Closure] = Field(default_factory=list)
    procedures: list[ProcedureId] = Field(default_factory=list)  # received here; [] = not said
    note: Text | None = None

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        return check_phone(value) if value else None

    @field_validator("hours")
    @classmethod
    def _hours(cls, value: list[list[str]]) -> list[list[str]]:
        for day, sessions in zip(WEEKDAYS, value, strict=True):
            try:
                check_day(sessions)
            except ValueError as exc:
                raise ValueError(f"{day}: {exc}") from None
        if not any(value):
            raise ValueError("cần ít nhất một buổi làm việc trong tuần")
        return value

    def sessions(self, day: dt.date) -> list[tuple[dt.time, dt.time]]:
        if self.closed_for(day):
            return []
        return [parse_session(s) for s in self.hours[day.weekday()]]

    def closed_for(self, day: dt.date) -> Closure | None:
        return next((c for c in self.closures if c.first <= day <= c.last), None)

    def status(self, now: dt.datetime) -> Status:
        """Open at ``now`` (Vietnam time, naive or aware)? Until when, or when it opens next."""
        today, clock = now.date(), now.time().replace(tzinfo=None)
        for start, end in self.sessions(today):
            if start <= clock < end:
                return Status(True, dt.datetime.combine(today, end))
        for offset in range(0, 32):
            day = today + dt.timedelta(days=offset)
            for start, _ in self.sessions(day):
                if offset or start > clock:
                    return Status(False, dt.datetime.combine(day, start))
        return Status(False, None)


@dataclass(frozen=True)
class Status:
    open: bool
    at: dt.datetime | None  # open: when it closes; closed: when it opens next (None: unknown)


class LocalFee(Strict):
    procedure: ProcedureId
    amount: int = Field(ge=0)  # đồng
    resolution: Annotated[str, StringConstraints(pattern=RESOLUTION_RE.pattern)]
    resolution_date: dt.date
    note: Text | None = None


class ProvinceFees(Strict):
    province: int
    fees: list[LocalFee] = Field(default_factory=list)

    def for_procedure(self, procedure: str) -> list[LocalFee]:
        return [f for f in self.fees if f.procedure == procedure]
