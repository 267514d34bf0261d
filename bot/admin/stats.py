"""Statistics for a date range: charts (SVG) and tables, each table downloadable as CSV."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from aiohttp import web
from markupsafe import Markup

from bot.admin.charts import bars, columns
from bot.admin.context import admin_of, date_range, day_label, pct, render, when
from bot.admin.csvout import csv_response
from bot.admin.inbox import REASON_LABELS, ClusterView, clusters
from bot.storage.inbox_repo import InboxFilter
from bot.storage.stats_repo import Counts, Report, day_bounds
from knowledge.base import KnowledgeBase

TOP = 20


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    header: list[str]
    rows: list[list[Any]]


def _counts(c: Counts) -> list[Any]:
    return [c.messages, c.users, c.answer, c.clarify, c.unmet, pct(c.rate("answer"))]


COUNT_HEADER = ["tin nhắn", "người dùng", "trả lời", "hỏi lại", "chưa đáp ứng", "tỉ lệ trả lời"]


def tables(report: Report, kb: KnowledgeBase, unmet: list[ClusterView]) -> list[Table]:
    def title(pid: str) -> str:
        proc = kb.procedures.get(pid)
        return proc.title if proc else pid

    groups: Counter[str] = Counter()
    for pid, asked, _ in report.procedures:
        proc = kb.procedures.get(pid)
        groups[proc.group if proc else "(không rõ)"] += asked
    total = report.total
    fb_channel = report.feedback_by_channel
    return [
        Table(
            "summary",
            "Tổng quan",
            ["chỉ số", "giá trị"],
            [
                ["Tin nhắn", total.messages],
                ["Người dùng", total.users],
                ["Câu hỏi", total.questions],
                ["Tỉ lệ trả lời ngay", pct(total.rate("answer"))],
                ["Tỉ lệ hỏi lại", pct(total.rate("clarify"))],
                ["Tỉ lệ chưa đáp ứng", pct(total.rate("unmet"))],
            ],
        ),
        Table(
            "daily",
            "Theo ngày",
            ["ngày", *COUNT_HEADER],
            [[day_label(d), *_counts(c)] for d, c in report.days],
        ),
        Table(
            "procedures",
            "Thủ tục được hỏi nhiều nhất",
            ["mã", "thủ tục", "nhóm", "lượt hỏi", "người hỏi"],
            [
                [pid, title(pid), getattr(kb.procedures.get(pid), "group", ""), asked, users]
                for pid, asked, users in report.procedures[:TOP]
            ],
        ),
        Table(
            "groups",
            "Nhóm thủ tục được hỏi nhiều nhất",
            ["nhóm", "lượt hỏi"],
            [[g, n] for g, n in groups.most_common(TOP)],
        ),
        Table(
            "unmet",
            "Nhóm yêu cầu chưa đáp ứng nhiều nhất",
            ["câu hỏi tiêu biểu", "số lần", "người", "lần đầu", "lần cuối", "kênh", "lý do"],
            [
                [
                    c.leader.text,
                    len(c.members),
                    c.users,
                    when(c.first_seen),
                    when(c.last_seen),
                    ", ".join(f"{k} ×{n}" for k, n in c.channels),
                    ", ".join(f"{REASON_LABELS.get(k, k)} ×{n}" for k, n in c.reasons),
                ]
                for c in unmet[:TOP]
            ],
        ),
        Table(
            "feedback",
            "👍/👎 theo thủ tục",
            ["mã", "thủ tục", "👍", "👎", "tỉ lệ 👍", "lý do 👎"],
            [
                [
                    pid,
                    title(pid) if pid else "(không rõ)",
                    f.up,
                    f.down,
                    pct(f.rate),
                    "; ".join(f"{r} ×{n}" for r, n in f.reasons.items()),
                ]
                for pid, f in sorted(
                    report.feedback.items(), key=lambda kv: -(kv[1].up + kv[1].down)
                )
            ],
        ),
        Table(
            "channels",
            "Theo kênh",
            ["kênh", *COUNT_HEADER, "👍", "👎"],
            [
                [
                    name,
                    *_counts(c),
                    fb_channel[name].up if name in fb_channel else 0,
                    fb_channel[name].down if name in fb_channel else 0,
                ]
                for name, c in report.channels
            ],
        ),
        Table(
            "localities",
            "Theo địa phương",
            ["mã", "địa phương", *COUNT_HEADER],
            [
                [
                    loc,
                    kb.localities[loc].name if loc in kb.localities else loc,
                    *_counts(c),
                ]
                for loc, c in report.localities
            ],
        ),
    ]


async def _build(request: web.Request) -> tuple[date, date, Report, list[Table]]:
    admin = admin_of(request)
    first, last = date_range(request)
    report = await admin.stats.report(first, last)
    since, until = day_bounds(first, last)
    unmet_rows = await admin.inbox.inbox(
        InboxFilter(statuses=("new", "reviewed", "resolved"), since=since, until=until)
    )
    kb = admin.store.current
    return first, last, report, tables(report, kb, await clusters(unmet_rows))


def charts(report: Report, built: list[Table]) -> dict[str, Markup]:
    labels = [d.strftime("%d/%m") for d, _ in report.days]
    procedures = next(t for t in built if t.name == "procedures")
    return {
        "traffic": columns(
            labels,
            [
                ("Tin nhắn", [c.messages for _, c in report.days], "s1"),
                ("Người dùng", [c.users for _, c in report.days], "s2"),
            ],
            "Tin nhắn và người dùng mỗi ngày",
        ),
        "outcomes": columns(
            labels,
            [
                ("Trả lời", [c.answer for _, c in report.days], "ok"),
                ("Hỏi lại", [c.clarify for _, c in report.days], "warn"),
                ("Chưa đáp ứng", [c.unmet for _, c in report.days], "bad"),
            ],
            "Kết quả câu hỏi mỗi ngày",
            stacked=True,
        ),
        "procedures": bars(
            [(str(r[1]), int(r[3])) for r in procedures.rows[:10]], "Thủ tục được hỏi nhiều nhất"
        ),
    }


async def page(request: web.Request) -> web.Response:
    first, last, report, built = await _build(request)
    return render(
        request,
        "stats.html",
        first=first,
        last=last,
        report=report,
        tables=built,
        charts=charts(report, built),
        range_query=f"from={first.isoformat()}&to={last.isoformat()}",
    )


async def export(request: web.Request) -> web.StreamResponse:
    first, last, _, built = await _build(request)
    name = request.query.get("table", "")
    table = next((t for t in built if t.name == name), None)
    if table is None:
        raise web.HTTPNotFound(text="unknown table")
    return csv_response(f"thong-ke-{name}-{first}-{last}.csv", table.header, table.rows)


async def api(request: web.Request) -> web.Response:
    first, last, report, built = await _build(request)
    body = {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "days": [
            {
                "day": d.isoformat(),
                "messages": c.messages,
                "users": c.users,
                "answer": c.answer,
                "clarify": c.clarify,
                "unmet": c.unmet,
            }
            for d, c in report.days
        ],
        "tables": {t.name: {"header": t.header, "rows": t.rows} for t in built},
    }
    return web.json_response(body, dumps=lambda o: json.dumps(o, ensure_ascii=False, default=str))
