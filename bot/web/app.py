"""Assemble the aiohttp application: static web chat page, chat API, health check."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web
from aiohttp.typedefs import Handler

from bot.service import ChatService
from bot.web.chat_api import MAX_BODY, SERVICE, chat

STATIC = Path(__file__).with_name("static")


async def index(request: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    response: web.StreamResponse = await handler(request)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'",
    )
    return response


def create_app(service: ChatService) -> web.Application:
    app = web.Application(client_max_size=MAX_BODY * 4, middlewares=[security_headers])
    app[SERVICE] = service
    app.router.add_get("/", index)
    app.router.add_get("/healthz", healthz)
    app.router.add_post("/api/chat", chat)
    app.router.add_static("/static/", STATIC)
    return app
