"""``python -m bot`` / ``motcua``: one sub-command module per area."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bot.cli import chat, kb, match, migrate, purge, qr, run, users, volunteers, widget_demo


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="motcua", description="Trợ lý thủ tục hành chính motcua")
    sub = parser.add_subparsers(dest="command", required=True)
    kb.register(sub)
    match.register(sub)
    run.register(sub)
    migrate.register(sub)
    purge.register(sub)
    chat.register(sub)
    qr.register(sub)
    volunteers.register(sub)
    users.register(sub)
    widget_demo.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    result: int = args.handler(args)
    return result
