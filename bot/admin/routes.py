"""The dashboard as an aiohttp sub-application at ``/admin``: every route and who may use it."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable

from aiohttp import web

from bot.admin import audit, inbox, knowledge, posters, sessions, stats, users, volunteers
from bot.admin.aliases import LearnedAliases
from bot.admin.auth import Role
from bot.admin.context import ADMIN, PREFIX, STATIC, Admin
from bot.admin.inputs import checked
from bot.config import Settings
from bot.storage.admin_repo import AdminRepo
from bot.storage.repository import Storage
from bot.storage.stats_repo import StatsRepo
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

ALL = (Role.ADMIN, Role.SUPERVISOR, Role.VOLUNTEER)
REVIEW = (Role.ADMIN, Role.SUPERVISOR)
ADMIN_ONLY = (Role.ADMIN,)

# (method, path under /admin, route name, handler, roles). Public routes: sessions.PUBLIC.
ROUTES: list[tuple[str, str, str, Handler, tuple[Role, ...]]] = [
    ("GET", "/login", "admin-login", sessions.login_form, ()),
    ("POST", "/login", "admin-login-post", sessions.login, ()),
    ("POST", "/logout", "admin-logout", sessions.logout, ALL),
    ("GET", "/", "admin-home", sessions.home, ALL),
    ("GET", "/handoff", "admin-handoff", inbox.handoff, ALL),
    ("GET", "/inbox", "admin-inbox", inbox.page, REVIEW),
    ("GET", "/inbox/ignored", "admin-ignored", inbox.ignore_rules, REVIEW),
    ("POST", "/inbox/ignored/{id}/delete", "admin-ignore-delete", inbox.delete_ignore, ADMIN_ONLY),
    ("GET", "/inbox/{id}", "admin-unmet", inbox.detail, REVIEW),
    ("POST", "/inbox/act", "admin-inbox-act", inbox.act, REVIEW),
    ("GET", "/stats", "admin-stats", stats.page, REVIEW),
    ("GET", "/stats.csv", "admin-stats-csv", stats.export, REVIEW),
    ("GET", "/knowledge", "admin-knowledge", knowledge.index, REVIEW),
    ("GET", "/knowledge/aliases.yaml", "admin-aliases-yaml", knowledge.export, REVIEW),
    ("GET", "/knowledge/{id}", "admin-procedure", knowledge.procedure, REVIEW),
    (
        "POST",
        "/knowledge/aliases/{id}/delete",
        "admin-alias-delete",
        knowledge.delete_alias,
        ADMIN_ONLY,
    ),
    ("GET", "/posters", "admin-posters", posters.page, REVIEW),
    ("GET", "/posters/download", "admin-posters-download", posters.download, REVIEW),
    ("GET", "/volunteers", "admin-volunteers", volunteers.page, ADMIN_ONLY),
    ("POST", "/volunteers/invite", "admin-volunteer-invite", volunteers.invite, ADMIN_ONLY),
    ("POST", "/volunteers/{id}/off", "admin-volunteer-off", volunteers.off_duty, ADMIN_ONLY),
    ("POST", "/volunteers/{id}/remove", "admin-volunteer-remove", volunteers.remove, ADMIN_ONLY),
    ("GET", "/audit", "admin-audit", audit.page, ADMIN_ONLY),
    ("GET", "/audit.csv", "admin-audit-csv", audit.export, ADMIN_ONLY),
    ("GET", "/users", "admin-users", users.page, ADMIN_ONLY),
    ("POST", "/users/{name}/{op:disable|enable}", "admin-user-toggle", users.toggle, ADMIN_ONLY),
    ("GET", "/api/me", "admin-api-me", sessions.me, ALL),
    ("GET", "/api/inbox", "admin-api-inbox", inbox.api, REVIEW),
    ("GET", "/api/stats", "admin-api-stats", stats.api, REVIEW),
]


def create_admin_app(admin: Admin) -> web.Application:
    app = web.Application(middlewares=[sessions.guard, checked])
    app[ADMIN] = admin
    policy: dict[str, frozenset[Role]] = {}
    for method, path, name, handler, roles in ROUTES:
        app.router.add_route(method, path, handler, name=name)
        if roles:
            sessions.allow(policy, name, roles)
    app[sessions.POLICY] = policy
    app.router.add_static("/static/", STATIC, name="admin-static")
    return app


async def _to_admin(request: web.Request) -> web.StreamResponse:
    raise web.HTTPFound(PREFIX + "/")


def setup_admin(
    app: web.Application,
    settings: Settings,
    storage: Storage,
    store: KnowledgeStore,
    matcher: LiveMatcher,
) -> Admin:
    """Mount the dashboard on ``app`` at ``/admin``; start the learned-aliases refresh with it."""
    repo = AdminRepo(storage.engine)
    admin = Admin(
        settings=settings,
        store=store,
        repo=repo,
        stats=StatsRepo(storage.engine),
        aliases=LearnedAliases(repo, store, matcher),
    )
    app.router.add_get(PREFIX, _to_admin)
    app.add_subapp(PREFIX, create_admin_app(admin))

    async def refresh(_: web.Application) -> AsyncIterator[None]:
        every = settings.learned_aliases_refresh_seconds
        task = asyncio.create_task(admin.aliases.refresh_forever(every)) if every > 0 else None
        yield
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    app.cleanup_ctx.append(refresh)
    return admin
