"""The ceiling for ``bench/load.py --compare-constant``: aiohttp doing nothing but HTTP.

    .venv/bin/python bench/constant_server.py --port 8081

``POST /api/chat`` reads and parses the JSON body as motcua's chat API does, checks it has a
``user``, and returns one constant reply with one button (so the load script's button presses
work); ``GET /healthz`` answers. The same machine, load generator and request mix then show what
share of the HTTP stack's capacity motcua's own work leaves.
"""

from __future__ import annotations

import argparse
import json

from aiohttp import web

REPLY = json.dumps(
    {"replies": [{"text": "Xin chào", "buttons": [{"label": "👍 Hữu ích", "action": "fb:1"}]}]},
    ensure_ascii=False,
)


async def chat(request: web.Request) -> web.Response:
    payload = json.loads(await request.read())
    if not isinstance(payload, dict) or not payload.get("user"):
        return web.json_response({"error": "user"}, status=400)
    return web.Response(text=REPLY, content_type="application/json")


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    app = web.Application()
    app.router.add_post("/api/chat", chat)
    app.router.add_get("/healthz", healthz)
    web.run_app(app, host="127.0.0.1", port=args.port, print=None, access_log=None)


if __name__ == "__main__":
    main()
