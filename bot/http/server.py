"""The HTTP host: one aiohttp application, its middlewares and probes, and the mounted surfaces.

Middlewares, outermost first: request id, metrics and access log, drain (503 once shutdown has
begun), per-route body limits; security headers are added to every response as it is sent.
Every surface (the web chat, each webhook) is a :class:`bot.channels.base.Channel` that adds its
own routes and declares its own body limit; the dashboard mounts itself the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

from aiohttp import web

from bot import metrics
from bot.channels.base import Channel
from bot.config import Settings
from bot.http.headers import FRAME_ANCESTORS, frame_ancestors, security_headers
from bot.http.lifecycle import LIFECYCLE, Lifecycle, drain
from bot.http.limits import HOST_MAX_BODY, body_limits
from bot.http.probes import Health, setup_probes
from bot.logs import request_ids
from bot.service import ChatService


def create_app(
    service: ChatService,
    settings: Settings | None = None,
    channels: Sequence[Channel] | None = None,
    health: Health | None = None,
) -> web.Application:
    """The host with ``channels`` mounted (None: the web chat alone, as tests of it want)."""
    token = settings.metrics_token if settings else None
    app = web.Application(
        client_max_size=HOST_MAX_BODY,
        middlewares=[request_ids, metrics.http_metrics, drain, body_limits],
    )
    origins = (settings.frame_ancestors if settings else "").split(",")
    app[FRAME_ANCESTORS] = frame_ancestors([o.strip() for o in origins if o.strip()])
    app.on_response_prepare.append(security_headers)
    app[LIFECYCLE] = Lifecycle(metrics_token=token.get_secret_value() if token else None)
    setup_probes(app, health or Health.of(service))
    if channels is None:
        from bot.web.channel import WebChat

        channels = [WebChat(settings or Settings(), service)]
    for channel in channels:
        channel.mount(app)
    return app
