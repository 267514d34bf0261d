"""``python -m bot`` / ``motcua``: one sub-command module per area.

Only the module of the command given is imported (all of them for ``--help`` or a mistyped
command), so that ``motcua run`` does not load the posters, the terminal chat or the widget demo.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# command -> its module under bot.cli, in the order of the help
COMMANDS = {
    "kb": "kb",
    "match": "match",
    "run": "run",
    "migrate": "migrate",
    "purge": "purge",
    "chat": "chat",
    "qr": "qr",
    "volunteers": "volunteers",
    "users": "users",
    "widget-demo": "widget_demo",
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of ``only`` (a command name) alone."""
    parser = argparse.ArgumentParser(prog="motcua", description="Trợ lý thủ tục hành chính motcua")
    sub = parser.add_subparsers(dest="command", required=True)
    for command, module in COMMANDS.items():
        if only is None or command == only:
            importlib.import_module(f"bot.cli.{module}").register(sub)
    return parser


def _command(argv: Sequence[str]) -> str | None:
    """The command named by ``argv`` when it is the first word and a known one."""
    first = next((a for a in argv if not a.startswith("-")), None)
    return first if first in COMMANDS and argv and argv[0] == first else None


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    words = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(_command(words)).parse_args(words)
    result: int = args.handler(args)
    return result
