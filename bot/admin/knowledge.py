"""The knowledge browser: procedures, their sections' verified flags, checks and review dates,
aliases learned at run time, filters (stale, unverified, not checked, expiring soon, reported),
a preview of the answers as of another day, and the YAML export of learned aliases.

The review actions on a procedure's page are in :mod:`bot.admin.reviews`."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import yaml
from aiohttp import web

from bot.admin.audit import record
from bot.admin.auth import Role
from bot.admin.context import (
    PREFIX,
    admin_of,
    parse_date,
    redirect,
    render,
    role_of,
    session_of,
)
from bot.admin.inputs import row_id
from bot.admin.review_views import checked_count, section_views
from bot.storage.alias_repo import AliasRow
from bot.storage.answer_repo import AnswerRow
from bot.storage.stats_repo import local_today
from handlers import cards
from handlers import sections as answer_sections
from knowledge.schema import Procedure, Sourced
from knowledge.text import fold, key

# The sections that carry their own legal basis and verified flag, from the one table of answer
# sections: (procedure field, the dashboard's column title).
SECTIONS = tuple((s.field, s.short or s.label) for s in answer_sections.SECTIONS if s.field)
STALE_MONTHS = 12
EXPIRING_DAYS = 30  # "sắp hết hiệu lực": a dated fact ends within this many days


def stale_before(today: date) -> date:
    """Reviewed before this day = not reviewed for 12 months."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


@dataclass(frozen=True)
class Entry:
    procedure: Procedure
    sections: list[tuple[str, str, bool | None]]  # field, label, verified (None: not written)
    stale: bool
    learned: list[AliasRow]
    checked: tuple[int, int] = (0, 0)  # sections with a fresh check, sections present
    expiring: tuple[tuple[str, date], ...] = ()  # dated facts ending within EXPIRING_DAYS
    reported: int = 0  # open error reports

    @property
    def expiring_days(self) -> list[tuple[date, str]]:
        """Each day a dated fact ends, with the labels of the facts ending then."""
        days: dict[date, list[str]] = {}
        for label, until in self.expiring:
            days.setdefault(until, []).append(label)
        return [(day, "; ".join(labels)) for day, labels in sorted(days.items())]

    @property
    def unchecked(self) -> bool:
        return self.checked[0] < self.checked[1]

    @property
    def verified_sections(self) -> int:
        return sum(1 for _, _, ok in self.sections if ok)


def expiring(proc: Procedure, today: date) -> tuple[tuple[str, date], ...]:
    """The dated facts of ``proc`` that end between today and EXPIRING_DAYS from now."""
    last = today + timedelta(days=EXPIRING_DAYS)
    return tuple(
        (fee.label, fee.valid_until)
        for fee in proc.fees.items
        if fee.valid_until is not None and today <= fee.valid_until <= last
    )


def entry(
    proc: Procedure,
    learned: Sequence[AliasRow],
    cutoff: date,
    today: date | None = None,
    reported: int = 0,
) -> Entry:
    sections = []
    for name, label in SECTIONS:
        section = getattr(proc, name)
        assert section is None or isinstance(section, Sourced)
        sections.append((name, label, section.verified if section else None))
    return Entry(
        proc,
        sections,
        proc.reviewed_on < cutoff,
        list(learned),
        checked_count(proc),
        expiring(proc, today) if today else (),
        reported,
    )


def _matches(proc: Procedure, words: str) -> bool:
    hay = fold(" ".join([proc.id, proc.name, proc.short_name or "", proc.group, *proc.aliases]))
    return all(w in hay for w in fold(words).split())


async def index(request: web.Request) -> web.Response:
    admin = admin_of(request)
    kb = admin.store.current
    learned = await admin.alias_repo.aliases()
    by_procedure: dict[str, list[AliasRow]] = {}
    for row in learned:
        by_procedure.setdefault(row.procedure_id, []).append(row)
    today = local_today()
    cutoff = stale_before(today)
    reported: dict[str, int] = {}
    for report in await admin.review_repo.reports():
        reported[report.procedure_id] = reported.get(report.procedure_id, 0) + 1
    q = request.query.get("q", "").strip()[:100]
    group = request.query.get("group", "")
    wanted = {k for k in FILTERS if request.query.get(k) == "1"}
    entries = [
        entry(p, by_procedure.get(p.id, []), cutoff, today, reported.get(p.id, 0))
        for p in sorted(kb.procedures.values(), key=lambda p: (p.group, p.title.lower()))
    ]
    shown = [
        e
        for e in entries
        if (not q or _matches(e.procedure, q))
        and (not group or e.procedure.group == group)
        and all(FILTERS[k](e) for k in wanted)
    ]
    return render(
        request,
        "knowledge.html",
        entries=shown,
        total=len(entries),
        stale_count=sum(e.stale for e in entries),
        groups=sorted(kb.groups),
        q=q,
        group=group,
        wanted=wanted,
        counts={k: sum(1 for e in entries if test(e)) for k, test in FILTERS.items()},
        cutoff=cutoff,
        learned=learned,
        titles={pid: p.title for pid, p in kb.procedures.items()},
        sections=SECTIONS,
    )


FILTERS: dict[str, Callable[[Entry], bool]] = {
    "stale": lambda e: e.stale,
    "unverified": lambda e: not e.procedure.verified,
    "unchecked": lambda e: e.unchecked,
    "expiring": lambda e: bool(e.expiring),
    "reported": lambda e: e.reported > 0,
}


async def procedure(request: web.Request) -> web.Response:
    return await procedure_page(request)


async def procedure_page(
    request: web.Request,
    problem: tuple[str, str] | None = None,
    status: int = 200,
    typed: Mapping[str, str] | None = None,
) -> web.Response:
    """A procedure with its sections to review; ``problem`` is (section, message) of a refused
    or conflicting action, shown beside that section's forms."""
    admin = admin_of(request)
    pid = request.match_info["id"]
    proc, original = admin.store.current.get(pid), admin.store.files.get(pid)
    if proc is None or original is None:
        return render(request, "error.html", status=404, message="Không có thủ tục này.")
    today = admin.store.today()
    learned = await admin.alias_repo.aliases(proc.id)
    reports = await admin.review_repo.reports(proc.id)
    rows = await admin.review_repo.reviews(proc.id)
    on = parse_date(request.query.get("on"), today)
    preview: dict[str, Any] | None = None
    if "on" in request.query:
        shown = proc.as_of(on)
        preview = {
            "on": on,
            "card": cards.card(shown),
            "fees": cards.fees(shown, admin.store.current, None),
        }
    return render(
        request,
        "procedure.html",
        status=status,
        e=entry(proc, learned, stale_before(local_today()), today, len(reports)),
        p=proc,
        answers=await admin.answer_repo.answers(proc.id),
        views=section_views(proc, original, rows, reports, today),
        card_now=cards.card(proc),
        can_review=role_of(request) in (Role.ADMIN, Role.REVIEWER),
        reports=reports,
        signer=await admin.review_repo.last_signer(session_of(request).account.name) or "",
        problem=problem,
        typed=typed or {},
        preview=preview,
        on=on,
    )


def merged_aliases(proc: Procedure | None, learned: Sequence[str]) -> list[str]:
    """The file's aliases followed by the learned ones it does not already have."""
    have = list(proc.aliases) if proc else []
    seen = {key(a) for a in have}
    for text in learned:
        if key(text) not in seen:
            seen.add(key(text))
            have.append(text)
    return have


def _dump(data: object) -> str:
    return str(
        yaml.safe_dump(
            data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000
        )
    )


def faq_entry(row: AnswerRow) -> dict[str, object]:
    """A supervisor's answer as a ``faq`` item of the procedure file (to be verified there)."""
    item: dict[str, object] = {"questions": [row.question], "answer": row.answer}
    if row.legal_basis:
        item["legal_basis"] = [row.legal_basis]
    item["verified"] = False
    if row.link:
        item["source"] = row.link
    item["editor_note"] = f"Trả lời của {row.unit}, {row.created_by} viết trên bảng điều khiển"
    return item


def aliases_yaml(
    learned: Sequence[AliasRow],
    procedures: dict[str, Procedure],
    only: str | None = None,
    answers: Sequence[AnswerRow] = (),
) -> str:
    """``aliases:`` (the file's and the learned ones) and the supervisors' answers as ``faq:``
    items, of one procedure, or of every procedure with either, keyed by procedure id."""
    grouped: dict[str, list[str]] = {}
    for row in learned:
        grouped.setdefault(row.procedure_id, []).append(row.text)
    faqs: dict[str, list[dict[str, object]]] = {}
    for answer in answers:
        faqs.setdefault(answer.procedure_id, []).append(faq_entry(answer))

    def body(pid: str) -> dict[str, object]:
        out: dict[str, object] = {}
        if pid in grouped or only is not None:
            out["aliases"] = merged_aliases(procedures.get(pid), grouped.get(pid, []))
        if pid in faqs:
            out["faq"] = faqs[pid]
        return out

    if only is not None:
        return (
            f"# Dán vào knowledge/procedures/{only}.yaml (thay khối aliases:, thêm vào faq:)\n"
            + _dump(body(only))
        )
    head = (
        "# Cách hỏi học được và câu trả lời viết trên bảng điều khiển, gộp với aliases sẵn có.\n"
        "# Với mỗi mã thủ tục: dán khối aliases: và faq: vào knowledge/procedures/<mã>.yaml.\n"
    )
    every = {pid: body(pid) for pid in sorted({*grouped, *faqs})}
    return head + (_dump(every) if every else "{}\n")


async def export(request: web.Request) -> web.Response:
    admin = admin_of(request)
    only = request.query.get("procedure") or None
    procedures = dict(admin.store.current.procedures)
    if only is not None and only not in procedures:
        raise web.HTTPNotFound(text="unknown procedure")
    answers = await admin.answer_repo.answers(only)
    text = aliases_yaml(await admin.alias_repo.aliases(only), procedures, only, answers)
    name = f"{only or 'learned'}-aliases.yaml"
    return web.Response(
        text=text,
        content_type="application/yaml",
        charset="utf-8",
        headers={"Content-Disposition": f'inline; filename="{name}"'},
    )


async def delete_alias(request: web.Request) -> web.StreamResponse:
    admin = admin_of(request)
    alias_id = row_id(request.match_info["id"])
    row = await admin.aliases.delete(alias_id)
    if row is None:
        raise web.HTTPNotFound()
    await record(request, "alias.delete", row.procedure_id, alias_id=row.id, text=row.text)
    raise redirect(f"{PREFIX}/knowledge/{row.procedure_id}", "alias_deleted")
