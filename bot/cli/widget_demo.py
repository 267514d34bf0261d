"""``motcua widget-demo``: a page of another origin with the chat widget on it.

It stands in for a ward's website: a page served on a second port (another origin) whose own
stylesheet is deliberately hostile (every button red, every text serif and huge) and which
carries the one tag a ward would paste. Add its origin to ``WIDGET_ORIGINS`` on the server::

    WIDGET_ORIGINS=http://127.0.0.1:8081 motcua run &
    motcua widget-demo --port 8081 --server http://127.0.0.1:8080

The page keeps a strict Content-Security-Policy of its own (no inline script or style), which
the widget must live with.
"""

from __future__ import annotations

import argparse
import html
from typing import Any

from aiohttp import web

PAGE = """<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Phường Mẫu — Trang thông tin điện tử</title>
  <link rel="stylesheet" href="/site.css">
  <script src="{server}/widget.js"{attributes} async></script>
</head>
<body>
  <header><p class="site">Ủy ban nhân dân phường Mẫu</p></header>
  <main>
    <h1>Trang thông tin điện tử phường Mẫu</h1>
    <p>Trang minh họa: bong bóng trò chuyện ở góc dưới bên phải là trợ lý motcua, nhúng bằng
    một thẻ script từ máy chủ motcua (một nguồn gốc khác).</p>
    <p><button type="button">Nút của trang</button></p>
  </main>
</body>
</html>
"""
# What a careless site stylesheet does to anything it reaches; the widget must not change.
SITE_CSS = """
* { font-family: Georgia, serif !important; }
body { font-size: 22px; color: #402; background: #ffe; }
button { background: #c00 !important; color: #ff0 !important; border: 4px dashed #000 !important; }
div, section { border: 3px solid lime !important; padding: 20px !important; }
"""


def _csp(server: str) -> str:
    return (
        f"default-src 'self'; script-src 'self' {server}; connect-src 'self' {server}; "
        f"style-src 'self'; img-src 'self' data:; base-uri 'none'"
    )


def demo_app(
    server: str, locality: str | None = None, procedure: str | None = None
) -> web.Application:
    """The demo site: ``/`` (the page with the widget tag) and ``/site.css``."""
    server = server.rstrip("/")
    attributes = "".join(
        f' data-{name}="{html.escape(value)}"'
        for name, value in (("locality", locality), ("procedure", procedure))
        if value
    )
    page = PAGE.format(server=html.escape(server), attributes=attributes)
    headers = {"Content-Security-Policy": _csp(server), "Cache-Control": "no-cache"}

    async def index(request: web.Request) -> web.Response:
        return web.Response(text=page, content_type="text/html", headers=headers)

    async def css(request: web.Request) -> web.Response:
        return web.Response(text=SITE_CSS, content_type="text/css")

    app = web.Application()
    app.router.add_get("/", index)
    app.router.add_get("/site.css", css)
    return app


def register(sub: Any) -> None:
    cmd = sub.add_parser(
        "widget-demo", help="trang minh họa nhúng bong bóng trò chuyện, ở một nguồn gốc khác"
    )
    cmd.add_argument("--host", default="127.0.0.1")
    cmd.add_argument("--port", type=int, default=8081)
    cmd.add_argument(
        "--server", default="http://127.0.0.1:8080", help="địa chỉ máy chủ motcua (có /widget.js)"
    )
    cmd.add_argument("--locality", default=None, help="data-locality của thẻ nhúng")
    cmd.add_argument("--procedure", default=None, help="data-procedure: mở sẵn một thủ tục")
    cmd.set_defaults(handler=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    print(
        f"Trang minh họa: http://{args.host}:{args.port}/ — nhớ đặt "
        f"WIDGET_ORIGINS=http://{args.host}:{args.port} cho máy chủ {args.server}"
    )
    web.run_app(
        demo_app(args.server, args.locality, args.procedure),
        host=args.host,
        port=args.port,
        print=None,
    )
    return 0
