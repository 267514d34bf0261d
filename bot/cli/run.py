"""``motcua run``: for now, an interactive look-up on the terminal.

The web chat, storage and channels arrive with the conversation issue; until then ``make run``
gives a newcomer something real: type a question, get the matched procedure.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.cli.common import load_or_report
from bot.cli.kb import render
from knowledge.matcher import Matcher, Outcome


def register(sub: Any) -> None:
    run = sub.add_parser("run", help="chạy motcua (hiện tại: tra cứu thủ tục trên terminal)")
    run.set_defaults(handler=cmd_run)


def cmd_run(args: argparse.Namespace) -> int:
    kb = load_or_report()
    if kb is None:
        return 1
    matcher = Matcher.build(kb.procedures.values())
    print(f"motcua — {len(kb.procedures)} thủ tục. Gõ câu hỏi (Ctrl+D để thoát).")
    for line in sys.stdin:
        question = line.strip()
        if not question:
            continue
        result = matcher.match(question)
        if result.outcome is Outcome.ANSWER and result.best:
            proc = kb.procedures[result.best.id]
            print(render(proc))
        elif result.outcome is Outcome.CLARIFY:
            print("Bạn muốn hỏi thủ tục nào?")
            for cand in matcher.clarify_options(result):
                print(f"  - {cand.name}  (motcua kb show {cand.id})")
        else:
            print("Xin lỗi, motcua chưa có thông tin cho câu hỏi này.")
        print()
    return 0
