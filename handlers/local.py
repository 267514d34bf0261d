"""What is local to the citizen's commune: its desk (address, hours, open now) and the local fees
of its province, shown in the procedure's place and fee sections."""

from __future__ import annotations

import datetime as dt

from handlers import texts
from handlers.format import footer, place_head
from knowledge.desk import WEEKDAYS, Desk, ProvinceFees
from knowledge.places import Commune
from knowledge.schema import Procedure
from knowledge.turns import default_turns

PORTAL = "https://dichvucong.gov.vn"


def place_section(
    proc: Procedure, commune: Commune, desk: Desk | None, now: dt.datetime | None
) -> str:
    """The place section for a citizen whose commune is known (with or without its desk)."""
    lines = place_head(proc, texts.LABEL_PLACE)
    lines += ["", f"Nơi bạn ở: {commune.full}."]
    # Filed elsewhere (the police, a province office…): the offices above say where.
    if at_commune_desk(proc, desk):
        lines.append(no_desk(commune) if desk is None else desk_card(desk, now))
    return "\n".join([*lines, "", footer(proc, proc.where)])


def with_local_fees(text: str, lines: list[str]) -> str:
    """The fee section with the province's own fees inserted before its sources line."""
    if not lines:
        return text
    body, _, tail = text.rpartition("\n\n")
    return "\n".join([body, *lines]) + "\n\n" + tail if body else "\n".join([text, *lines])


def at_commune_desk(proc: Procedure, desk: Desk | None) -> bool:
    """Is this procedure filed at the commune's one-stop desk (not at the police, a province
    office…)? The desk's own list decides when it has one."""
    if desk is not None and desk.procedures:
        return proc.id in desk.procedures
    receives, turns = proc.agency.receives.lower(), default_turns()
    commune_desk = any(w in receives for w in turns.desk_level) and any(
        w in receives for w in turns.desk_body
    )
    return commune_desk and not receives.startswith(turns.desk_elsewhere)


def local_fees(proc: Procedure, commune: Commune, fees: ProvinceFees | None) -> list[str]:
    """Lines for the fees set by the commune's province (HĐND resolution), if it entered any."""
    if fees is None:
        return []
    return [
        f"Tại {commune.province.name}: {fee.amount:,} đồng".replace(",", ".")
        + f", theo Nghị quyết {fee.resolution} ngày {fee.resolution_date:%d/%m/%Y}"
        + (f" ({fee.note})" if fee.note else "")
        for fee in fees.for_procedure(proc.id)
    ]


def no_desk(commune: Commune) -> str:
    return (
        f"Mình chưa có địa chỉ và giờ làm việc của Trung tâm phục vụ hành chính công "
        f"{commune.name} ({commune.province.name}). Bạn xem trên trang của UBND {commune.name}, "
        f"hoặc nộp trực tuyến tại {PORTAL}."
    )


def desk_card(desk: Desk, now: dt.datetime | None) -> str:
    lines = [f"📍 {desk.name}", desk.address]
    if desk.map_url:
        lines.append(f"Bản đồ: {desk.map_url}")
    if desk.phone:
        lines.append(f"Điện thoại: {desk.phone}")
    lines.extend(week(desk))
    if now is not None:
        lines.append(open_now(desk, now))
    if desk.note:
        lines.append(desk.note)
    lines.append(f"Nộp trực tuyến: {PORTAL}")
    return "\n".join(lines)


def sessions_text(sessions: list[str]) -> str:
    return ", ".join(s.replace("-", "–") for s in sessions)


def week(desk: Desk) -> list[str]:
    """ "Thứ Hai – Thứ Sáu: 07:30–11:30, 13:30–17:00", days with the same hours together."""
    lines: list[str] = []
    day = 0
    while day < 7:
        last = day
        while last + 1 < 7 and desk.hours[last + 1] == desk.hours[day]:
            last += 1
        span = WEEKDAYS[day] if last == day else f"{WEEKDAYS[day]} – {WEEKDAYS[last]}"
        sessions = desk.hours[day]
        lines.append(f"{span}: {sessions_text(sessions) if sessions else 'nghỉ'}")
        day = last + 1
    return lines


def today_text(desk: Desk, now: dt.datetime) -> str:
    today = now.date()
    label = f"Hôm nay ({WEEKDAYS[today.weekday()].lower()} {today.day}/{today.month})"
    closure = desk.closed_for(today)
    if closure is not None:
        return f"{label}: nghỉ ({closure.reason})."
    sessions = desk.hours[today.weekday()]
    if not sessions:
        return f"{label}: nghỉ."
    return f"{label}: làm việc {sessions_text(sessions)}."


def open_now(desk: Desk, now: dt.datetime) -> str:
    status = desk.status(now)
    clock = now.strftime("%H:%M")
    if status.open and status.at is not None:
        return f"Bây giờ ({clock}) đang mở cửa, đến {status.at:%H:%M}."
    if status.at is None:
        return f"Bây giờ ({clock}) đang đóng cửa."
    when = status.at
    if when.date() == now.date():
        day = "hôm nay"
    elif when.date() == now.date() + dt.timedelta(days=1):
        day = "ngày mai"
    else:
        day = f"{WEEKDAYS[when.weekday()].lower()} {when.day}/{when.month}"
    return f"Bây giờ ({clock}) đang đóng cửa; mở lại lúc {when:%H:%M} {day}."
