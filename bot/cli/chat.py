"""``motcua chat``: talk to motcua on the terminal (same database as ``run``)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

from bot.config import Settings


def register(sub: Any) -> None:
    chat = sub.add_parser("chat", help="trò chuyện với motcua ngay trên terminal")
    chat.add_argument("--user", default="console", help="mã người dùng (mặc định: console)")
    chat.set_defaults(handler=cmd_chat)


def cmd_chat(args: argparse.Namespace) -> int:
    try:
        return asyncio.run(_chat(Settings(log_level="WARNING"), args.user))
    except KeyboardInterrupt:
        return 0


async def _chat(settings: Settings, user: str) -> int:
    from bot.channels.console import run_console
    from bot.cli.serve import open_runtime

    runtime = await open_runtime(settings)
    if runtime is None:
        return 1
    try:
        await run_console(runtime.service, user, sys.stdin, sys.stdout)
    finally:
        await runtime.close()
    return 0
