"""The unmet inbox: requests grouped by similarity, a detail view, and the review actions.

Statuses go new → reviewed → resolved / ignored. Actions apply to every selected request (a whole
cluster at once): add the phrasing as an alias of a procedure (live for the next message), mark
out of scope, ignore forever (the phrasing is no longer recorded), note, reviewed, reopen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aiohttp import web

from bot.admin.audit import record
from bot.admin.clustering import Cluster, cluster
from bot.admin.context import PREFIX, admin_of, parse_date, redirect, render, safe_next, who
from bot.admin.inputs import row_id
from bot.admin.offload import grouped
from bot.storage.alias_repo import AliasExists
from bot.storage.inbox_repo import InboxFilter
from bot.storage.repository import UnmetRow
from bot.storage.stats_repo import day_bounds, local_today
from knowledge.text import key

STATUS_VIEWS: dict[str, tuple[str, ...]] = {
    "open": ("new", "reviewed"),
    "new": ("new",),
    "reviewed": ("reviewed",),
    "resolved": ("resolved",),
    "ignored": ("ignored",),
    "all": (),
}
STATUS_LABELS = {
    "open": "Chưa xử lý xong",
    "new": "Mới",
    "reviewed": "Đã xem",
    "resolved": "Đã giải quyết",
    "ignored": "Bỏ qua",
    "all": "Tất cả",
}
REASON_LABELS = {
    "no_match": "Không tìm thấy",
    "rejected": "Người dân bác bỏ",
    "thumbs_down": "👎",
    "handoff": "Xin người hỗ trợ",
    "no_answer_in_procedure": "Không có trong hướng dẫn",
}
ACTIONS = ("alias", "reviewed", "resolved", "out_of_scope", "ignore", "reopen", "note", "keep")
MAX_CLUSTERS = 200


@dataclass(frozen=True)
class ClusterView:
    leader: UnmetRow
    members: tuple[UnmetRow, ...]
    users: int
    first_seen: datetime
    last_seen: datetime
    channels: list[tuple[str, int]]
    reasons: list[tuple[str, int]]
    statuses: list[tuple[str, int]]

    @property
    def ids(self) -> str:
        return ",".join(str(m.id) for m in self.members)

    @property
    def phrasings(self) -> list[tuple[str, int]]:
        """Distinct texts (by normalised form) with their counts, most frequent first."""
        counts: Counter[str] = Counter()
        first: dict[str, str] = {}
        for member in self.members:
            k = key(member.text)
            counts[k] += 1
            first.setdefault(k, member.text)
        return [(first[k], n) for k, n in counts.most_common()]


def view(found: Cluster[UnmetRow]) -> ClusterView:
    members = found.members
    return ClusterView(
        leader=found.leader,
        members=members,
        users=len({m.user_id for m in members}),
        first_seen=min(m.created_at for m in members),
        last_seen=max(m.created_at for m in members),
        channels=Counter(m.channel for m in members).most_common(),
        reasons=Counter(m.reason for m in members).most_common(),
        statuses=Counter(m.status for m in members).most_common(),
    )


def clusters_of(rows: Sequence[UnmetRow]) -> list[ClusterView]:
    return [view(c) for c in cluster(rows, lambda r: r.text)]


async def clusters(rows: Sequence[UnmetRow]) -> list[ClusterView]:
    """:func:`clusters_of`, grouped off the event loop (:mod:`bot.admin.offload`)."""
    groups = await grouped([r.text for r in rows])
    return [view(Cluster(rows[lead], tuple(rows[i] for i in members))) for lead, members in groups]


IN_PROCEDURE = "no_answer_in_procedure"  # a question about a procedure its guidance lacks


@dataclass(frozen=True)
class ProcedureQuestions:
    """The questions asked inside one procedure that its guidance did not answer."""

    procedure_id: str
    title: str
    clusters: list[ClusterView]

    @property
    def count(self) -> int:
        return sum(len(c.members) for c in self.clusters)


async def per_procedure(
    rows: Sequence[UnmetRow], titles: Mapping[str, str]
) -> list[ProcedureQuestions]:
    """In-procedure questions grouped per procedure (most asked first), alike phrasings
    together: what each procedure's guidance lacks, for its editors."""
    by_procedure: dict[str, list[UnmetRow]] = {}
    for row in rows:
        if row.reason == IN_PROCEDURE and row.procedure_id:
            by_procedure.setdefault(row.procedure_id, []).append(row)
    groups = [
        ProcedureQuestions(pid, titles.get(pid, pid), await clusters(members))
        for pid, members in by_procedure.items()
    ]
    return sorted(groups, key=lambda g: (-g.count, g.title))


def _filter(request: web.Request) -> tuple[InboxFilter, dict[str, str]]:
    params = {
        k: request.query[k]
        for k in ("status", "reason", "channel", "from", "to")
        if request.query.get(k)
    }
    status = params.get("status", "open")
    if status not in STATUS_VIEWS:
        status = params["status"] = "open"
    since = until = None
    if "from" in params or "to" in params:
        today = local_today()
        first = parse_date(params.get("from"), today.replace(year=today.year - 5))
        last = parse_date(params.get("to"), today)
        since, until = day_bounds(first, last)
    return (
        InboxFilter(
            statuses=STATUS_VIEWS[status],
            reason=params.get("reason") if params.get("reason") in REASON_LABELS else None,
            channel=params.get("channel", "")[:32] or None,
            since=since,
            until=until,
        ),
        params,
    )


async def page(request: web.Request) -> web.Response:
    where, params = _filter(request)
    admin = admin_of(request)
    rows = await admin.inbox.inbox(where)
    found = await clusters(rows)
    titles = {pid: p.title for pid, p in admin.store.current.procedures.items()}
    return render(
        request,
        "inbox.html",
        in_procedure=await per_procedure(rows, titles),
        clusters=found[:MAX_CLUSTERS],
        more=max(0, len(found) - MAX_CLUSTERS),
        total=len(rows),
        params=params,
        current=params.get("status", "open"),
        statuses=STATUS_LABELS,
        reasons=REASON_LABELS,
        here=request.path_qs,
    )


async def api(request: web.Request) -> web.Response:
    where, _ = _filter(request)
    found = await clusters(await admin_of(request).inbox.inbox(where))
    return web.json_response(
        {
            "clusters": [
                {
                    "text": c.leader.text,
                    "procedure": c.leader.procedure_id,
                    "count": len(c.members),
                    "ids": [m.id for m in c.members],
                    "first_seen": c.first_seen.isoformat(),
                    "last_seen": c.last_seen.isoformat(),
                    "channels": dict(c.channels),
                    "reasons": dict(c.reasons),
                    "statuses": dict(c.statuses),
                }
                for c in found
            ]
        },
        dumps=_dumps,
    )


def _dumps(obj: Any) -> str:
    import json

    return json.dumps(obj, ensure_ascii=False)


async def detail(request: web.Request) -> web.Response:
    admin = admin_of(request)
    request_id = row_id(request.match_info["id"])
    found = await admin.inbox.unmet_by_ids([request_id])
    if not found:
        return render(request, "error.html", status=404, message="Không có yêu cầu này.")
    row = found[0]
    where, params = _filter(request)
    rows = await admin.inbox.inbox(where)
    if all(r.id != row.id for r in rows):
        rows = [row, *rows]
    mine = next(c for c in await clusters(rows) if any(m.id == row.id for m in c.members))
    before, after = await admin.inbox.conversation_around(row.user_id, row.created_at)
    kb = admin.store.current
    candidates = [(c, kb.procedures.get(c.id)) for c in row.candidates]
    offered = [p for _, p in candidates if p is not None]
    others = sorted(
        (p for p in kb.procedures.values() if p not in offered), key=lambda p: p.title.lower()
    )
    return render(
        request,
        "unmet.html",
        row=row,
        cluster=mine,
        before=before,
        after=after,
        candidates=candidates,
        offered=offered,
        others=others,
        params=params,
        back=f"{PREFIX}/inbox" + (f"?{request.query_string}" if request.query_string else ""),
        here=request.path_qs,
        statuses=STATUS_LABELS,
        reasons=REASON_LABELS,
        answer_unit=admin.settings.answer_unit,
    )


def _ids(values: Sequence[str]) -> list[int]:
    out: list[int] = []
    for value in values:
        for part in value.split(","):
            if part.strip():
                out.append(row_id(part))
    return sorted(set(out))[:5000]


async def act(request: web.Request) -> web.StreamResponse:
    """One action on the selected requests (``ids``: numbers or comma-separated lists)."""
    admin = admin_of(request)
    form = await request.post()
    action = str(form.get("action", ""))
    back = safe_next(str(form.get("next", "")), PREFIX + "/inbox")
    ids = _ids([str(v) for v in form.getall("ids", [])])
    if action not in ACTIONS:
        raise web.HTTPBadRequest(text="unknown action")
    rows = await admin.inbox.unmet_by_ids(ids)
    if not rows:
        raise redirect(back, "nothing_selected")
    ids = [r.id for r in rows]
    repo, by = admin.inbox, who(request)
    if action == "alias":
        raise await _alias(request, rows, form, back)
    if action == "note":
        note = str(form.get("note", ""))
        await repo.set_note(ids, note)
        await record(request, "unmet.note", _target(ids), ids=ids, note=note.strip()[:2000])
        raise redirect(back, "noted")
    if action == "keep":
        await repo.set_keep(ids)
        await record(request, "unmet.keep", _target(ids), ids=ids)
        raise redirect(back, "kept")
    if action == "ignore":
        texts = _distinct(r.text for r in rows)
        for text in texts:
            await repo.add_ignore(text, by)
        await repo.set_status(ids, "ignored", "ignored")
        await record(request, "unmet.ignore", _target(ids), ids=ids, texts=texts)
        raise redirect(back, "ignored")
    status, resolution = {
        "reviewed": ("reviewed", None),
        "resolved": ("resolved", None),
        "out_of_scope": ("resolved", "out_of_scope"),
        "reopen": ("new", None),
    }[action]
    await repo.set_status(ids, status, resolution)
    await record(request, f"unmet.{action}", _target(ids), ids=ids)
    raise redirect(back, "status_changed")


def _target(ids: Sequence[int]) -> str:
    return "unmet:" + ",".join(map(str, ids))


def _distinct(texts: Any) -> list[str]:
    seen: dict[str, str] = {}
    for text in texts:
        seen.setdefault(key(text), text)
    return [t for k, t in seen.items() if k]


async def _alias(
    request: web.Request, rows: Sequence[UnmetRow], form: Any, back: str
) -> web.HTTPFound:
    admin = admin_of(request)
    procedure_id = str(form.get("procedure_id", ""))
    text = str(form.get("text", "")).strip()
    texts = _distinct([text] if text else [])
    if form.get("all_phrasings"):
        texts = _distinct([*texts, *(r.text for r in rows)])
    if procedure_id not in admin.store.current.procedures or not texts:
        return redirect(back, "alias_invalid")
    added: list[str] = []
    known = False
    for phrasing in texts:
        try:
            row = await admin.aliases.add(procedure_id, phrasing, who(request))
        except AliasExists as exc:
            if exc.procedure_id != procedure_id:
                if not added:
                    return redirect(back, "alias_conflict")
                continue
            known = True
            continue
        except ValueError:
            continue
        added.append(row.text)
    if not added and not known:
        return redirect(back, "alias_invalid")
    ids = [r.id for r in rows]
    await admin.inbox.set_status(ids, "resolved", f"alias:{procedure_id}")
    await record(request, "unmet.alias", procedure_id, ids=ids, aliases=added)
    return redirect(back, "alias_added" if added else "alias_exists")


async def delete_ignore(request: web.Request) -> web.StreamResponse:
    admin = admin_of(request)
    rule_id = row_id(request.match_info["id"])
    rule = await admin.inbox.delete_ignore(rule_id)
    if rule is None:
        raise web.HTTPNotFound()
    await record(request, "ignore.delete", f"ignore:{rule.id}", text=rule.text)
    raise redirect(PREFIX + "/inbox/ignored", "ignore_deleted")


async def ignore_rules(request: web.Request) -> web.Response:
    rules = await admin_of(request).inbox.ignore_rules()
    return render(request, "ignored.html", rules=rules)


async def handoff(request: web.Request) -> web.Response:
    """The volunteers' queue: open and claimed tickets, and who is on duty."""
    repo = admin_of(request).handoff
    volunteers = {v.id: v for v in await repo.volunteers()}
    return render(request, "handoff.html", tickets=await repo.queue(), volunteers=volunteers)
