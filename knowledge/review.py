"""Reviews by a ward's legal officers, laid over the procedure files.

A review of one section (kept in the dashboard's database, or pasted into the file as
``review:``) says who checked it, when, and against which legal text; it may also replace a few
short citizen-facing texts of the section (``EDITABLE``) and may carry an open error report.
:func:`overlay` applies the reviews to a knowledge base as of a day:

- a fresh check sets the section's ``verified`` and ``review``;
- a check goes stale after 12 months, or as soon as a dated fact of the section that was in force
  when it was checked (a fee item's ``valid_until``) has ended; a stale check is dropped;
- an open error report drops the check and marks the section unverified;
- corrected texts not checked since are shown, and the section is marked unverified.

The bot then says "Đã kiểm tra ngày … bởi …" under an answer only when every section it shows
carries a fresh check (:func:`citizen_line`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from knowledge.schema import DETAIL_FIELDS, Procedure, Review, Sourced

MAIN_SECTIONS: tuple[str, ...] = (
    "documents",
    "fees",
    "processing_time",
    "where",
    "result",
    "online",
)
SECTIONS: tuple[str, ...] = (*MAIN_SECTIONS, *DETAIL_FIELDS)

# Short citizen-facing texts a reviewer may correct from the dashboard, per section.
_COMMON = ("note", "not_applicable")
EDITABLE: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        **{name: _COMMON for name in MAIN_SECTIONS},
        "processing_time": ("text", "citizen_deadline", *_COMMON),
        **{name: ("text", "note") for name in DETAIL_FIELDS},
        "validity": ("text", "renew", "note"),
    }
)
REQUIRED = frozenset({"text"})  # fields that cannot be emptied
MAX_EDIT = 500  # characters of one edited text
MAX_BY = 80
MAX_AGAINST = 300
STALE_MONTHS = 12


@dataclass(frozen=True)
class SectionReview:
    """The reviewed state of one section of one procedure."""

    procedure_id: str
    section: str
    version: int = 0
    review: Review | None = None
    edits: Mapping[str, str] = field(default_factory=dict)
    reported: bool = False  # an error report is open on this section


def clean_text(value: str, limit: int = MAX_EDIT) -> str:
    """One paragraph of plain text: control characters dropped, spaces collapsed.

    Raises ValueError when it is longer than ``limit`` (never cut silently)."""
    text = " ".join("".join(c if c.isprintable() else " " for c in value).split())
    if len(text) > limit:
        raise ValueError(f"dài {len(text)} ký tự, tối đa {limit}")
    return text


def year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def stale_reason(section: Sourced, review: Review, today: dt.date) -> str | None:
    """Why the check of ``section`` no longer holds on ``today``, or None while it is fresh."""
    if review.on < year_before(today):
        return f"kiểm tra quá {STALE_MONTHS} tháng"
    for item in getattr(section, "items", ()):
        until = getattr(item, "valid_until", None)
        if isinstance(until, dt.date) and review.on <= until < today:
            label = getattr(item, "label", "một mục")
            return f"«{label}» hết hiệu lực ngày {until.strftime('%d/%m/%Y')}"
    return None


def section_of(proc: Procedure, name: str) -> Sourced | None:
    value = getattr(proc, name, None) if name in SECTIONS else None
    return value if isinstance(value, Sourced) else None


def _apply(proc: Procedure, reviews: Sequence[SectionReview], today: dt.date) -> Procedure:
    by_section = {r.section: r for r in reviews}
    updates: dict[str, Any] = {}
    for name in SECTIONS:
        section = section_of(proc, name)
        if section is None:
            continue
        change: dict[str, Any] = {}
        found = by_section.get(name)
        if found is not None:
            for fld, text in found.edits.items():
                if fld in EDITABLE[name] and getattr(section, fld) != (text or None):
                    change[fld] = text or None
            if found.reported:
                change.update(verified=False, review=None)
            elif found.review is not None:
                change.update(verified=True, review=found.review)
            elif change:  # corrected but not checked since: not verified
                change.update(verified=False, review=None)
        review = change.get("review", section.review)
        if review is not None and stale_reason(section, review, today) is not None:
            change["review"] = None
        if change:
            updates[name] = section.model_copy(update=change)
    return proc.model_copy(update=updates) if updates else proc


def overlay(
    procedures: Mapping[str, Procedure], reviews: Iterable[SectionReview], today: dt.date
) -> dict[str, Procedure]:
    """Every procedure with its reviews applied as of ``today`` (unchanged ones are the same
    objects). Reviews of unknown procedures or sections are ignored."""
    grouped: dict[str, list[SectionReview]] = {}
    for r in reviews:
        grouped.setdefault(r.procedure_id, []).append(r)
    return {pid: _apply(p, grouped.get(pid, ()), today) for pid, p in procedures.items()}


def citizen_line(sections: Iterable[Sourced]) -> str | None:
    """ "Đã kiểm tra ngày … bởi …" when every section shown carries a fresh check, else None.

    The day is that of the oldest check; the names are those of everyone who checked."""
    checks = [s.review for s in sections]
    if not checks or any(c is None for c in checks):
        return None
    done = [c for c in checks if c is not None]
    oldest = min(c.on for c in done)
    names = list(dict.fromkeys(c.by for c in sorted(done, key=lambda c: c.on)))
    return f"✅ Đã kiểm tra ngày {oldest.strftime('%d/%m/%Y')} bởi {', '.join(names)}"
