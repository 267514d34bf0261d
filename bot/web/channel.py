"""The web chat as a channel: the page, ``POST /api/chat``, ``GET /api/chat/updates``, its live
stream ``GET /api/chat/stream`` (with the wake-up bus it and the volunteers' console share), the
privacy page and the static files. Always on; its own setting is ``TRUSTED_PROXIES`` (whose
``X-Forwarded-For`` names the client for the per-address limits)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from aiohttp import web

from bot.config import Settings
from bot.console.app import setup_console
from bot.http.lifecycle import LIFECYCLE
from bot.http.limits import add_route
from bot.limits import Bucket, networks
from bot.live.chat import setup_live
from bot.privacy.page import setup_privacy_page
from bot.service import ChatService
from bot.web.chat_api import ANSWERS, MAX_BODY, SERVICE, TRUSTED, Answers, chat
from bot.web.updates import POLLS, setup_updates
from bot.web.widget import setup_widget

STATIC = Path(__file__).with_name("static")
PAGE: web.AppKey[str] = web.AppKey("chat-page", str)


def page() -> str:
    """``static/index.html`` with every ``/static/<file>`` it names as ``…?v=<hash of the file>``:
    a new version of a file is a new address, so a browser never runs a cached ``chat-core.js``
    with a newer ``chat.js`` (the page itself is revalidated on every load)."""

    def stamp(found: re.Match[str]) -> str:
        digest = hashlib.sha256((STATIC / found.group(1)).read_bytes()).hexdigest()[:16]
        return f"/static/{found.group(1)}?v={digest}"

    return re.sub(r"/static/([\w.-]+)", stamp, (STATIC / "index.html").read_text("utf-8"))


async def index(request: web.Request) -> web.Response:
    return web.Response(
        text=request.app[PAGE],
        content_type="text/html",
        charset="utf-8",
        headers={"Cache-Control": "no-cache"},
    )


class WebChat:
    name = "web chat"
    settings_model = None  # its settings are the runtime's (they serve the whole host)

    def __init__(self, settings: Settings, service: ChatService) -> None:
        self.settings, self.service = settings, service

    @classmethod
    def from_settings(cls, settings: Settings, service: ChatService) -> WebChat:
        return cls(settings, service)

    @staticmethod
    def status(settings: Settings) -> str | None:
        return None  # the banner names the web chat's address on its own line

    def mount(self, app: web.Application) -> None:
        app[SERVICE] = self.service
        app[ANSWERS] = Answers()
        app[TRUSTED] = networks(self.settings.trusted_proxies)
        if self.settings.id_polls_per_minute:
            app[POLLS] = Bucket(self.settings.id_polls_per_minute, self.settings.id_polls_burst)
        app[PAGE] = page()
        app.router.add_get("/", index)
        add_route(app, "POST", "/api/chat", chat, max_body=MAX_BODY)
        setup_updates(app, self.service)  # GET /api/chat/updates: pushed messages, polled
        setup_live(app, self.service, lambda: app[LIFECYCLE].draining)  # GET /api/chat/stream
        setup_console(app, self.service)  # the volunteers' web console as a handoff channel
        setup_privacy_page(app, self.settings)  # GET /quyen-rieng-tu
        app.router.add_static("/static/", STATIC)
        setup_widget(app, self.settings)  # GET /widget.js; the chat API's CORS (WIDGET_ORIGINS)

    async def start(self) -> None:
        """Nothing to start: the host serves it."""

    async def stop(self) -> None:
        """Nothing to stop: the host drains it."""
