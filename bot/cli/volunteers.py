"""``motcua volunteers``: invite codes for the community digital-technology team."""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

from bot.config import Settings


def register(sub: Any) -> None:
    parser = sub.add_parser("volunteers", help="tình nguyện viên: tạo mã mời, xem danh sách")
    actions = parser.add_subparsers(dest="action", required=True)
    invite = actions.add_parser("invite", help="tạo mã mời một lần cho một tình nguyện viên")
    invite.add_argument("name", help="tên tình nguyện viên (để tổ nhận biết)")
    invite.add_argument("--days", type=int, default=7, help="hiệu lực (ngày), mặc định 7")
    actions.add_parser("list", help="danh sách tình nguyện viên")
    parser.set_defaults(handler=cmd_volunteers)


def cmd_volunteers(args: argparse.Namespace) -> int:
    return asyncio.run(_run(args, Settings()))


async def _run(args: argparse.Namespace, settings: Settings) -> int:
    from datetime import timedelta

    from bot.handoff.repo import HandoffRepo
    from bot.storage.repository import Storage

    storage = await Storage.open(settings.database_url)
    try:
        repo = HandoffRepo(storage.engine)
        if args.action == "invite":
            code = await repo.invite(args.name, timedelta(days=args.days))
            print(f"Mã mời cho {args.name}: {code}")
            print(f"Tình nguyện viên nhắn cho bot (Telegram/Zalo): /tinhnguyen {code}")
            print(f"Mã dùng một lần, hết hạn sau {args.days} ngày.")
        else:
            for v in await repo.volunteers():
                duty = "đang trực" if v.on_duty else "nghỉ"
                print(f"{v.id}\t{v.name}\t{v.channel}\t{duty}")
    finally:
        await storage.close()
    return 0
