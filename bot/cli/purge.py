"""``motcua purge``: delete what is older than the retention periods, then exit (for cron).

``motcua run`` purges on its own every ``PURGE_EVERY_HOURS``; this command is for deployments
that prefer a scheduled job (set ``PURGE_EVERY_HOURS=0`` then). Counts of what was deleted are
printed; message-log and feedback rows leave their anonymous daily counts behind.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

from bot.config import Settings

LABELS = {
    "messages": "tin nhắn",
    "feedback": "góp ý",
    "unmet": "yêu cầu chưa đáp ứng",
    "tickets": "phiếu hỗ trợ",
    "audit": "dòng nhật ký",
    "states": "trạng thái hội thoại",
    "users": "người dùng không còn dữ liệu",
    "outbox": "tin web chờ gửi",
    "deliveries": "mã tin đã nhận từ Telegram, Zalo",
    "callbacks": "yêu cầu gọi lại (số điện thoại)",
    "rejected": "bản ghi bị từ chối trong spool",
}


def register(sub: Any) -> None:
    cmd = sub.add_parser("purge", help="xóa dữ liệu quá thời hạn lưu trữ rồi thoát")
    cmd.set_defaults(handler=cmd_purge)


def cmd_purge(args: argparse.Namespace) -> int:
    from bot.logs import configure

    settings = Settings()
    configure(settings.log_level, settings.log_format)
    try:
        rows = asyncio.run(purge(settings))
    except (OSError, ValueError) as exc:
        from bot.cli.migrate import safe_url

        print(
            f"Không mở được cơ sở dữ liệu ({safe_url(settings.database_url)}): {exc}",
            file=sys.stderr,
        )
        return 1
    done = [f"{count} {LABELS.get(kind, kind)}" for kind, count in rows.items() if count]
    print("Đã xóa: " + ", ".join(done) if done else "Không có gì quá thời hạn lưu trữ.")
    return 0


async def purge(settings: Settings) -> dict[str, int]:
    from bot.privacy.tasks import run_purge
    from bot.storage.repository import Storage
    from bot.storage.turns.spool import spool_directory

    storage = await Storage.open(settings.database_url, timeout=settings.database_timeout_seconds)
    try:
        spool = spool_directory(settings.spool_dir, settings.database_url)
        return (await run_purge(storage.engine, settings, spool)).rows
    finally:
        await storage.close()
