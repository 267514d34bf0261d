"""``motcua users``: dashboard accounts (add, list, passwd, disable, enable).

The password is typed twice at a hidden prompt, or read from standard input with
``--password-stdin`` (first line) for scripts; it never appears on the command line.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from typing import Any

from bot.config import Settings

ROLES = ("admin", "supervisor", "volunteer", "ward_admin", "reviewer")


def register(sub: Any) -> None:
    parser = sub.add_parser("users", help="tài khoản bảng điều khiển (/admin)")
    actions = parser.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="tạo tài khoản; mật khẩu được hỏi khi chạy")
    add.add_argument("name", help="tên đăng nhập (a-z, 0-9, . _ -)")
    add.add_argument("--role", choices=ROLES, required=True, help="vai trò")
    add.add_argument(
        "--commune",
        type=int,
        help="mã chính thức của xã, phường (bắt buộc với ward_admin; với volunteer: chỉ nhận "
        "phiếu của xã, phường này)",
    )
    add.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ stdin")
    passwd = actions.add_parser("passwd", help="đổi mật khẩu (các phiên đăng nhập bị huỷ)")
    passwd.add_argument("name")
    passwd.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ stdin")
    for name, text in (("disable", "khoá tài khoản"), ("enable", "mở khoá tài khoản")):
        actions.add_parser(name, help=text).add_argument("name")
    actions.add_parser("list", help="danh sách tài khoản")
    parser.set_defaults(handler=cmd_users)


def read_password(from_stdin: bool) -> str | None:
    """The new password, or None after printing why it is not acceptable."""
    from bot.admin.auth import check_password

    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        try:
            password = getpass.getpass("Mật khẩu: ")
            if getpass.getpass("Nhập lại mật khẩu: ") != password:
                print("Hai lần nhập không khớp.", file=sys.stderr)
                return None
        except (EOFError, KeyboardInterrupt):
            print(file=sys.stderr)
            return None
    problem = check_password(password)
    if problem:
        print(f"Mật khẩu không hợp lệ: {problem}.", file=sys.stderr)
        return None
    return password


def cmd_users(args: argparse.Namespace) -> int:
    return asyncio.run(_run(args, Settings()))


async def _run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.admin.auth import check_name, hash_password
    from bot.storage.account_repo import AccountRepo
    from bot.storage.audit_repo import AuditRepo
    from bot.storage.repository import Storage

    name = getattr(args, "name", "").strip().lower()
    if args.action == "add" and (problem := check_name(name)):
        print(f"Tên không hợp lệ: {problem}.", file=sys.stderr)
        return 2
    password = None
    if args.action in ("add", "passwd"):
        password = read_password(args.password_stdin)
        if password is None:
            return 2
    storage = await Storage.open(settings.database_url)
    try:
        repo, audit = AccountRepo(storage.engine), AuditRepo(storage.engine)
        if args.action == "list":
            for account in await repo.accounts():
                state = "đã khoá" if account.disabled else "đang dùng"
                print(f"{account.name}\t{account.role}\t{state}")
            return 0
        if args.action == "add":
            assert password is not None
            commune = getattr(args, "commune", None)
            if (args.role == "ward_admin") != (commune is not None) and args.role != "volunteer":
                print(
                    "--commune đi cùng --role ward_admin (tùy chọn với volunteer).", file=sys.stderr
                )
                return 2
            try:
                await repo.create_account(name, args.role, hash_password(password), commune)
            except ValueError:
                print(f"Tài khoản {name!r} đã có.", file=sys.stderr)
                return 1
            await audit.audit("cli", "user.add", f"user:{name}", role=args.role)
            print(
                f"Đã tạo tài khoản {name} ({args.role}). Đăng nhập tại {settings.public_url}admin"
            )
            return 0
        if args.action == "passwd":
            assert password is not None
            changed = await repo.update_account(name, password_hash=hash_password(password))
        else:
            changed = await repo.update_account(name, disabled=args.action == "disable")
        if not changed:
            print(f"Không có tài khoản {name!r}.", file=sys.stderr)
            return 1
        await audit.audit("cli", f"user.{args.action}", f"user:{name}")
        print("Đã cập nhật.")
        return 0
    finally:
        await storage.close()
