"""The supervisor and admin dashboard at ``/admin`` (aiohttp + Jinja2, server-rendered).

``setup_admin(app, settings, storage, store, matcher)`` mounts it on the web chat's application.
One module per area: ``sessions`` (sign-in, CSRF, role guard), ``inbox`` (unmet requests),
``stats``, ``knowledge``, ``audit``, ``users``; ``clustering`` and ``charts`` are pure helpers.
"""

from bot.admin.routes import setup_admin

__all__ = ["setup_admin"]
