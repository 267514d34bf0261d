"""Body limits per route, declared by the surface that adds the route.

A surface adds a route with :func:`add_route` (or declares a path prefix with
:func:`declare_body_limit`) and says the largest body it takes; the host's middleware answers
413 before the handler when ``Content-Length`` is over it, and cuts a chunked body at the same
size when the handler reads it. Paths no surface declared take ``DEFAULT_MAX_BODY``.
"""

from __future__ import annotations

from aiohttp import web
from aiohttp.typedefs import Handler

DEFAULT_MAX_BODY = 16 * 1024  # anything undeclared (GET routes read no body)
HOST_MAX_BODY = 1 << 20  # the application's own cap; a larger declared limit is applied per request
BODY_LIMITS: web.AppKey[list[tuple[str, int]]] = web.AppKey("body-limits", list)


def declare_body_limit(app: web.Application, prefix: str, limit: int) -> None:
    """Requests whose path starts with ``prefix`` may carry up to ``limit`` bytes (longest
    declared prefix wins)."""
    limits = app.setdefault(BODY_LIMITS, [])
    limits.append((prefix, limit))
    limits.sort(key=lambda entry: len(entry[0]), reverse=True)


def add_route(
    app: web.Application, method: str, path: str, handler: Handler, *, max_body: int
) -> None:
    """Add a route together with the largest body it accepts."""
    app.router.add_route(method, path, handler)
    declare_body_limit(app, path, max_body)


def body_limit(app: web.Application, path: str) -> int:
    return next(
        (limit for prefix, limit in app.get(BODY_LIMITS, ()) if path.startswith(prefix)),
        DEFAULT_MAX_BODY,
    )


@web.middleware
async def body_limits(request: web.Request, handler: Handler) -> web.StreamResponse:
    limit = body_limit(request.app, request.path)
    if request.content_length is not None and request.content_length > limit:
        return web.json_response({"error": f"body over {limit} bytes"}, status=413)
    if request.body_exists and (request.content_length is None or limit > HOST_MAX_BODY):
        request = request.clone(client_max_size=limit)  # chunked: read() stops at the limit
    return await handler(request)
