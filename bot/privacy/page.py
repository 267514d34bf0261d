"""``GET /quyen-rieng-tu``: the privacy page citizens are pointed to (first-contact notice, web
chat footer, dashboard footer). Who the data controller is and the retention periods come from
the settings, so the page says what this deployment does."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from aiohttp import web

from bot.config import Settings

if TYPE_CHECKING:
    from jinja2 import Environment

PATH = "/quyen-rieng-tu"
TEMPLATES = Path(__file__).with_name("templates")


@functools.cache
def _env() -> Environment:
    """Made at the first page drawn: Jinja2 is not loaded by a start."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(settings: Settings) -> str:
    return _env().get_template("privacy.html").render(s=settings)


def setup_privacy_page(app: web.Application, settings: Settings) -> None:
    @functools.cache
    def body() -> str:  # drawn once, at the first request: the settings do not change
        return render(settings)

    async def page(request: web.Request) -> web.Response:
        return web.Response(
            text=body(), content_type="text/html", headers={"Cache-Control": "no-cache"}
        )

    app.router.add_get(PATH, page)
