"""``motcua qr ID | --group G``: printable A4 posters whose QR codes open motcua on a procedure."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bot.cli.common import load_or_report
from bot.config import Settings
from bot.posters import FORMATS, Links, PosterError
from bot.posters.files import find_locality, find_procedure, group_procedures, poster_file


def register(sub: Any) -> None:
    qr = sub.add_parser("qr", help="áp phích A4 có mã QR mở motcua đúng thủ tục")
    target = qr.add_mutually_exclusive_group(required=True)
    target.add_argument("id", nargs="?", help="id hoặc mã thủ tục, vd dang-ky-khai-sinh, 1.001193")
    target.add_argument(
        "--group", help="cả một lĩnh vực (tên nhóm) hoặc chủ đề (id trong topics.yaml, vd ho-tich)"
    )
    qr.add_argument("--locality", help="địa phương (id hoặc tên): in nơi tiếp nhận, giờ làm việc")
    qr.add_argument(
        "--commune",
        help="xã, phường treo áp phích (mã chính thức hoặc tên kèm tỉnh): mã QR mở đúng nơi đó",
    )
    qr.add_argument("--format", choices=FORMATS, default="pdf", help="định dạng (mặc định pdf)")
    qr.add_argument("--out", type=Path, default=Path("posters"), help="thư mục (mặc định posters/)")
    qr.set_defaults(handler=cmd_qr)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def cmd_qr(args: argparse.Namespace) -> int:
    settings = Settings()
    try:
        commune = None
        if getattr(args, "commune", None):
            from bot.places import default_commune
            from knowledge.places import gazetteer

            commune = default_commune(args.commune, gazetteer(), "--commune")
        links = Links(settings.telegram_bot_username, settings.zalo_link, commune)
    except ValueError as exc:  # PosterError, or a commune that is not one commune
        return _fail(str(exc))
    kb = load_or_report()
    if kb is None:
        return 1
    if args.group is not None:
        procs = group_procedures(kb, args.group)
        if not procs:
            return _fail(
                f"không có lĩnh vực hay chủ đề {args.group!r} / unknown group or topic "
                "(xem `motcua kb stats` và knowledge/topics.yaml)"
            )
    else:
        proc = find_procedure(kb, args.id)
        if proc is None:
            return _fail(f"không có thủ tục {args.id!r} / unknown procedure id or code")
        procs = [proc]
    locality = None
    if args.locality:
        locality = find_locality(kb, args.locality)
        if locality is None:
            return _fail(f"không có địa phương {args.locality!r} / unknown locality")
        if locality.example:
            print(f"lưu ý: {locality.id} là dữ liệu ví dụ; áp phích ghi rõ VÍ DỤ", file=sys.stderr)
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        for proc in procs:
            poster = poster_file(kb, proc, links, locality, args.format)
            path = args.out / poster.name
            path.write_bytes(poster.data)
            print(path)
    except PosterError as exc:
        return _fail(str(exc))
    if len(procs) > 1:
        print(f"{len(procs)} áp phích trong {args.out}/", file=sys.stderr)
    return 0
