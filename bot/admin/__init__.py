"""The supervisor and admin dashboard at ``/admin`` (aiohttp + Jinja2, server-rendered).

``bot.admin.routes.setup_admin(app, settings, storage, store, matcher)`` mounts it on the
application. The package imports nothing itself (its pages import each other's modules). One
module per area: ``sessions`` (sign-in, CSRF, role guard), ``inbox`` (unmet requests),
``stats``, ``knowledge``, ``audit``, ``users``; ``clustering`` and ``charts`` are pure helpers.
"""
