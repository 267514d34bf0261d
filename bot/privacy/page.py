"""``GET /quyen-rieng-tu``: the privacy page citizens are pointed to (first-contact notice, web
chat footer, dashboard footer). Who the data controller is and the retention periods come from
the settings, so the page says what this deployment does."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from bot.config import Settings

PATH = "/quyen-rieng-tu"
TEMPLATES = Path(__file__).with_name("templates")
_ENV = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(settings: Settings) -> str:
    return _ENV.get_template("privacy.html").render(s=settings)


def setup_privacy_page(app: web.Application, settings: Settings) -> None:
    body = render(settings)  # the settings do not change while running

    async def page(request: web.Request) -> web.Response:
        return web.Response(
            text=body, content_type="text/html", headers={"Cache-Control": "no-cache"}
        )

    app.router.add_get(PATH, page)
