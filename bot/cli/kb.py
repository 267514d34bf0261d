"""``motcua kb check|show|export|stats``: inspect and validate the knowledge base."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from bot.cli.common import load_or_report
from knowledge.base import KnowledgeBase, load
from knowledge.loader import load_procedures
from knowledge.schema import Procedure
from knowledge.validate import check_all, check_dated, default_coverage_file, vietnam_today


def register(sub: Any) -> None:
    kb = sub.add_parser("kb", help="cơ sở tri thức thủ tục")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)

    check = kb_sub.add_parser("check", help="validate every file")
    check.add_argument(
        "--coverage", type=Path, default=None, help="coverage YAML (default ../shared)"
    )
    check.add_argument(
        "--partial", action="store_true", help="editing a few files: coverage ids count as existing"
    )
    check.add_argument(
        "--on", type=_date, default=None, help="check dated facts as of YYYY-MM-DD (default today)"
    )
    check.set_defaults(handler=cmd_check)

    show = kb_sub.add_parser("show", help="print one procedure")
    show.add_argument("id")
    show.add_argument(
        "--on", type=_date, default=None, help="as the law stands on YYYY-MM-DD (default today)"
    )
    show.set_defaults(handler=cmd_show)

    export = kb_sub.add_parser("export", help="print the whole knowledge base")
    export.add_argument("--json", action="store_true", required=True, help="as one JSON document")
    export.set_defaults(handler=cmd_export)

    stats = kb_sub.add_parser("stats", help="counts")
    stats.set_defaults(handler=cmd_stats)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from exc


def cmd_check(args: argparse.Namespace) -> int:
    coverage = args.coverage or default_coverage_file()
    today = args.on or vietnam_today()
    problems = check_all(coverage, partial=args.partial, today=today)
    for problem in problems:
        print(problem)
    procs, _ = load_procedures()
    for warning in check_dated(procs, today)[1]:
        print(f"warning: {warning}")
    if problems:
        print(f"kb check: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    if args.partial:
        print("kb check --partial: OK (links to coverage ids not yet written were accepted)")
        return 0
    kb = load()
    covered = (
        f"coverage checked against {coverage}" if coverage.exists() else "coverage file not found"
    )
    print(
        f"kb check: OK — {len(kb.procedures)} procedures, "
        f"{len(kb.localities)} localities; {covered}"
    )
    return 0


def _lines(title: str, items: list[str]) -> list[str]:
    return [title, *(f"  - {item}" for item in items)] if items else []


def render(proc: Procedure) -> str:
    out = [f"{proc.name}  [{proc.id}]", proc.summary]
    out.append(
        "Mã: " + (", ".join(c.code + ("" if c.current else " (cũ)") for c in proc.codes) or "—")
    )
    out.append(f"Lĩnh vực: {proc.group} | Cấp: {proc.level.value}")
    out.append(f"Tiếp nhận: {proc.agency.receives} | Quyết định: {proc.agency.decides}")
    out += _lines("Cách gọi khác:", proc.aliases)
    out += _lines("Ai được nộp:", proc.applicants)
    out += _lines("Điều kiện:", proc.conditions)
    docs = [
        f"{d.name}"
        + (f" ({d.form})" if d.form else "")
        + f" — {d.kind.value} x{d.count}"
        + (f" — khi: {d.when}" if d.when else "")
        for d in proc.documents.items
    ]
    out += _lines("Giấy tờ:", docs or [proc.documents.not_applicable or ""])
    out += _lines("Không cần mang:", proc.documents.not_required)
    fees = [
        f"{f.label}: {f.amount_text or f.amount}"
        + (f" (online {f.amount_online})" if f.amount_online is not None else "")
        + (f" (bưu chính {f.amount_post})" if f.amount_post is not None else "")
        + (f" (đến hết {f.valid_until:%d/%m/%Y})" if f.valid_until else "")
        + (f" (từ {f.valid_from:%d/%m/%Y})" if f.valid_from else "")
        for f in proc.fees.items
    ]
    out += _lines("Lệ phí:", fees or [proc.fees.not_applicable or ""])
    out.append(f"Thời gian: {proc.processing_time.text}")
    out += [f"  {t.channel.value}: {t.text}" for t in proc.processing_time.by_channel]
    if proc.processing_time.citizen_deadline:
        out.append(f"Hạn của người dân: {proc.processing_time.citizen_deadline}")
    out += _lines("Nơi nộp:", proc.where.offices or [proc.where.not_applicable or ""])
    out += _lines("Kết quả:", proc.result.items)
    out.append(f"Trực tuyến: {proc.online.availability.value}")
    out += _lines("Các bước:", proc.online.steps)
    out += _lines("Liên thông:", [f"{link.id}: {link.reason}" for link in proc.linked])
    out += _lines("Liên quan:", [f"{link.id}: {link.reason}" for link in proc.related])
    out += _lines("Căn cứ pháp lý:", proc.legal_basis)
    out += _lines("Ghi chú:", proc.notes)
    out.append(f"Đã xác minh: {'có' if proc.verified else 'chưa'} | Rà soát: {proc.reviewed_on}")
    return "\n".join(out)


def cmd_show(args: argparse.Namespace) -> int:
    kb = load_or_report()
    if kb is None:
        return 1
    proc = kb.get(args.id) or kb.by_code(args.id)
    if proc is None:
        print(f"không có thủ tục {args.id!r}", file=sys.stderr)
        return 1
    print(render(proc.as_of(args.on or vietnam_today())))
    return 0


def export_document(kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "format": "motcua-kb/1",
        "generated_at": kb.loaded_at.isoformat(),
        "procedures": [p.model_dump(mode="json") for p in kb.procedures.values()],
        "localities": [loc.model_dump(mode="json") for loc in kb.localities.values()],
    }


def cmd_export(args: argparse.Namespace) -> int:
    kb = load_or_report()
    if kb is None:
        return 1
    json.dump(export_document(kb), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def unverified_count(proc: Procedure) -> int:
    sections = [
        proc.documents,
        proc.fees,
        proc.processing_time,
        proc.where,
        proc.result,
        proc.online,
    ]
    count = sum(not s.verified for s in sections) + sum(not f.verified for f in proc.fees.items)
    return count + (not proc.verified)


def cmd_stats(args: argparse.Namespace) -> int:
    kb = load_or_report()
    if kb is None:
        return 1
    procs = list(kb.procedures.values())
    print(f"procedures        {len(procs)}")
    print(f"documents         {sum(len(p.documents.items) for p in procs)}")
    print(f"fees              {sum(len(p.fees.items) for p in procs)}")
    print(f"aliases           {sum(len(p.aliases) for p in procs)}")
    print(f"unverified facts  {sum(unverified_count(p) for p in procs)}")
    print(f"verified procs    {sum(p.verified for p in procs)}")
    print(f"localities        {len(kb.localities)}")
    print("per group:")
    for group, ids in sorted(kb.groups.items(), key=lambda g: (-len(g[1]), g[0])):
        print(f"  {len(ids):3d}  {group}")
    return 0
