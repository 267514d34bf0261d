"""The review part of a procedure's dashboard page: each section as citizens read it, its
checks, reports and editable texts (the pages :mod:`bot.admin.knowledge` and
:mod:`bot.admin.reviews` show it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from bot.storage.review_repo import ReviewRow
from handlers.format import AVAILABILITY, CHANNEL, fee_text
from knowledge.review import EDITABLE, REQUIRED, SECTIONS, section_of, stale_reason
from knowledge.schema import Procedure, Sourced

LABELS = {
    "documents": "Giấy tờ",
    "fees": "Lệ phí",
    "processing_time": "Thời hạn",
    "where": "Nơi nộp",
    "result": "Kết quả",
    "online": "Trực tuyến",
    "validity": "Thời hạn sử dụng",
    "in_person": "Có mặt trực tiếp",
    "proxy": "Ủy quyền",
    "same_day": "Trong ngày",
    "late": "Nộp muộn",
    "refusal": "Bị từ chối",
}
FIELD_LABELS = {
    "text": "Nội dung",
    "note": "Lưu ý",
    "not_applicable": "Lý do không áp dụng",
    "citizen_deadline": "Thời hạn người dân cần làm",
    "renew": "Cách gia hạn, làm lại",
}


# --- what a section says to citizens ----------------------------------------------------------


def citizen_lines(proc: Procedure, name: str) -> list[str]:
    """The citizen-facing content of one section, line by line (as the bot words it)."""
    section = section_of(proc, name)
    if section is None:
        return []
    lines: list[str] = []
    text = getattr(section, "text", None)
    if isinstance(text, str):
        lines.append(text)
    if name == "documents":
        lines += [d.name + (f" — {d.form}" if d.form else "") for d in proc.documents.items]
        lines += [f"Không cần nộp: {t}" for t in proc.documents.not_required]
    elif name == "fees":
        lines += [f"{fee.label}: {fee_text(fee)}" for fee in proc.fees.items]
        lines += [f"Miễn, giảm: {t}" for t in proc.fees.exemptions]
    elif name == "processing_time":
        pt = proc.processing_time
        lines += [f"{CHANNEL[entry.channel]}: {entry.text}" for entry in pt.by_channel]
        if pt.citizen_deadline:
            lines.append(f"Thời hạn bạn cần làm: {pt.citizen_deadline}")
    elif name == "where":
        lines += list(proc.where.offices)
    elif name == "result":
        lines += list(proc.result.items)
    elif name == "online":
        lines.append(AVAILABILITY[proc.online.availability])
        lines += [p.name + (f" ({p.url})" if p.url else "") for p in proc.online.portals]
        lines += [f"{i}. {step}" for i, step in enumerate(proc.online.steps, 1)]
    renew = getattr(section, "renew", None)
    if isinstance(renew, str):
        lines.append(f"Gia hạn: {renew}")
    if section.not_applicable:
        lines.append(section.not_applicable)
    if section.note:
        lines.append(section.note)
    return lines


# --- the procedure page's review part --------------------------------------------------------


def section_views(
    proc: Procedure,
    original: Procedure,
    rows: Sequence[ReviewRow],
    open_reports: Sequence[Any],
    today: dt.date,
) -> list[dict[str, Any]]:
    """Everything the page shows per section, present sections only."""
    by_section = {r.section: r for r in rows}
    views = []
    for name in SECTIONS:
        section, file_section = section_of(proc, name), section_of(original, name)
        if section is None or file_section is None:
            continue
        row = by_section.get(name, ReviewRow(proc.id, name))
        stored = row.review
        views.append(
            {
                "name": name,
                "label": LABELS[name],
                "section": section,
                "row": row,
                "fresh": section.review,
                "stale": stale_reason(file_section, stored, today) if stored else None,
                "reports": [r for r in open_reports if r.section == name],
                "lines": citizen_lines(proc, name),
                "item_notes": [
                    (getattr(it, "label", None) or getattr(it, "name", ""), it.editor_note)
                    for it in getattr(section, "items", ())
                    if getattr(it, "editor_note", None)
                ],
                "fields": [
                    (f, FIELD_LABELS[f], getattr(section, f) or "", f in REQUIRED)
                    for f in EDITABLE[name]
                    if hasattr(section, f)
                ],
            }
        )
    return views


def checked_count(proc: Procedure) -> tuple[int, int]:
    """(sections with a fresh check, sections present)."""
    present: list[Sourced] = [s for n in SECTIONS if (s := section_of(proc, n)) is not None]
    return sum(s.review is not None for s in present), len(present)
