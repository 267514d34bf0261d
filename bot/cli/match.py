"""``motcua match "câu hỏi"`` and ``motcua match --batch [--top K]`` (JSON lines, stable format)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bot.cli.common import load_or_report
from knowledge.matcher import Matcher, Outcome

_OUTCOME_VI = {
    Outcome.ANSWER: "answer (trả lời)",
    Outcome.CLARIFY: "clarify (hỏi lại)",
    Outcome.UNMET: "unmet (chưa có câu trả lời)",
}


def register(sub: Any) -> None:
    match = sub.add_parser("match", help="khớp câu hỏi với thủ tục")
    match.add_argument("query", nargs="?", help="câu hỏi (bỏ qua khi dùng --batch)")
    match.add_argument(
        "--batch", action="store_true", help="một câu hỏi mỗi dòng từ stdin → JSON lines"
    )
    match.add_argument("--top", type=int, default=5, help="số kết quả tối đa (mặc định 5)")
    match.set_defaults(handler=cmd_match)


def cmd_match(args: argparse.Namespace) -> int:
    if args.top < 1:
        print("--top must be at least 1", file=sys.stderr)
        return 2
    kb = load_or_report()
    if kb is None:
        return 1
    matcher = Matcher.build(kb.procedures.values())
    if args.batch:
        for line in sys.stdin:
            query = line.rstrip("\n")
            result = matcher.match(query, top=args.top)
            sys.stdout.write(json.dumps(result.to_json(args.top), ensure_ascii=False) + "\n")
        sys.stdout.flush()
        return 0
    if not args.query:
        print(
            'usage: motcua match "câu hỏi"  |  motcua match --batch < questions.txt',
            file=sys.stderr,
        )
        return 2
    result = matcher.match(args.query, top=args.top)
    print(f"Câu hỏi:   {result.query}")
    print(f"Chuẩn hóa: {result.normalized or '—'}")
    print(f"Kết luận:  {_OUTCOME_VI[result.outcome]}")
    print(f"Khía cạnh: {result.aspect.value if result.aspect else '—'}")
    for rank, cand in enumerate(result.candidates, 1):
        print(f"  {rank}. {cand.score:.3f}  {cand.id:<48} {cand.name}  ← “{cand.phrase}”")
    if not result.candidates:
        print("  (không có ứng viên)")
    return 0
