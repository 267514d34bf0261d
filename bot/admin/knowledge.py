"""The knowledge browser: procedures, their sections' verified flags and review dates, aliases
learned at run time, a "stale" filter, and the YAML export of learned aliases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import yaml
from aiohttp import web

from bot.admin.audit import record
from bot.admin.context import PREFIX, admin_of, redirect, render
from bot.admin.inputs import row_id
from bot.storage.admin_repo import AliasRow
from bot.storage.stats_repo import local_today
from knowledge.schema import Procedure, Sourced
from knowledge.text import fold, key

SECTIONS = (
    ("documents", "Giấy tờ"),
    ("fees", "Lệ phí"),
    ("processing_time", "Thời hạn"),
    ("where", "Nơi nộp"),
    ("result", "Kết quả"),
    ("online", "Trực tuyến"),
)
STALE_MONTHS = 12


def stale_before(today: date) -> date:
    """Reviewed before this day = not reviewed for 12 months."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


@dataclass(frozen=True)
class Entry:
    procedure: Procedure
    sections: list[tuple[str, str, bool]]  # field, label, verified
    stale: bool
    learned: list[AliasRow]

    @property
    def verified_sections(self) -> int:
        return sum(1 for _, _, ok in self.sections if ok)


def entry(proc: Procedure, learned: Sequence[AliasRow], cutoff: date) -> Entry:
    sections = []
    for name, label in SECTIONS:
        section = getattr(proc, name)
        assert isinstance(section, Sourced)
        sections.append((name, label, section.verified))
    return Entry(proc, sections, proc.reviewed_on < cutoff, list(learned))


def _matches(proc: Procedure, words: str) -> bool:
    hay = fold(" ".join([proc.id, proc.name, proc.short_name or "", proc.group, *proc.aliases]))
    return all(w in hay for w in fold(words).split())


async def index(request: web.Request) -> web.Response:
    admin = admin_of(request)
    kb = admin.store.current
    learned = await admin.repo.aliases()
    by_procedure: dict[str, list[AliasRow]] = {}
    for row in learned:
        by_procedure.setdefault(row.procedure_id, []).append(row)
    cutoff = stale_before(local_today())
    q = request.query.get("q", "").strip()[:100]
    group = request.query.get("group", "")
    stale_only = request.query.get("stale") == "1"
    unverified_only = request.query.get("unverified") == "1"
    entries = [
        entry(p, by_procedure.get(p.id, []), cutoff)
        for p in sorted(kb.procedures.values(), key=lambda p: (p.group, p.title.lower()))
    ]
    shown = [
        e
        for e in entries
        if (not q or _matches(e.procedure, q))
        and (not group or e.procedure.group == group)
        and (not stale_only or e.stale)
        and (not unverified_only or not e.procedure.verified)
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
        stale_only=stale_only,
        unverified_only=unverified_only,
        cutoff=cutoff,
        learned=learned,
        titles={pid: p.title for pid, p in kb.procedures.items()},
        sections=SECTIONS,
    )


async def procedure(request: web.Request) -> web.Response:
    admin = admin_of(request)
    proc = admin.store.current.procedures.get(request.match_info["id"])
    if proc is None:
        return render(request, "error.html", status=404, message="Không có thủ tục này.")
    learned = await admin.repo.aliases(proc.id)
    return render(
        request,
        "procedure.html",
        e=entry(proc, learned, stale_before(local_today())),
        p=proc,
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


def aliases_yaml(
    learned: Sequence[AliasRow], procedures: dict[str, Procedure], only: str | None = None
) -> str:
    """``aliases:`` (the file's and the learned ones) of one procedure, or of every procedure
    with learned aliases, keyed by procedure id."""
    grouped: dict[str, list[str]] = {}
    for row in learned:
        grouped.setdefault(row.procedure_id, []).append(row.text)
    if only is not None:
        body = {"aliases": merged_aliases(procedures.get(only), grouped.get(only, []))}
        return f"# Dán vào knowledge/procedures/{only}.yaml (thay khối aliases:)\n" + _dump(body)
    head = (
        "# Cách hỏi học được từ bảng điều khiển, gộp với aliases sẵn có.\n"
        "# Với mỗi mã thủ tục: dán khối aliases: vào knowledge/procedures/<mã>.yaml.\n"
    )
    every = {
        pid: {"aliases": merged_aliases(procedures.get(pid), texts)}
        for pid, texts in sorted(grouped.items())
    }
    return head + (_dump(every) if every else "{}\n")


async def export(request: web.Request) -> web.Response:
    admin = admin_of(request)
    only = request.query.get("procedure") or None
    procedures = dict(admin.store.current.procedures)
    if only is not None and only not in procedures:
        raise web.HTTPNotFound(text="unknown procedure")
    text = aliases_yaml(await admin.repo.aliases(only), procedures, only)
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
