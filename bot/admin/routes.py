"""The dashboard as an aiohttp sub-application at ``/admin``: every route and who may use it."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

from aiohttp import web

from bot.admin import sessions
from bot.admin.aliases import LearnedAliases
from bot.admin.auth import Role
from bot.admin.context import ADMIN, PREFIX, STATIC, Admin
from bot.admin.inputs import checked
from bot.admin.overlay import Reviews
from bot.admin.supervisor_answers import SupervisorAnswers
from bot.config import Settings
from bot.http.limits import declare_body_limit
from bot.places import Desks
from bot.storage.alias_repo import AliasRepo
from bot.storage.answer_repo import AnswerRepo
from bot.storage.repository import Storage
from bot.storage.review_repo import ReviewRepo
from bot.storage.stats_repo import StatsRepo
from knowledge.base import KnowledgeStore
from knowledge.live import LiveAnswers, LiveMatcher

log = logging.getLogger("motcua.admin")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class _Pages:
    """The handlers of one module of pages, imported at the first request to one of them: a
    start does not load the dashboard's pages (nor what they draw with), only its routes."""

    def __init__(self, module: str) -> None:
        self.module = module

    def __getattr__(self, name: str) -> Handler:
        module = self.module

        async def handler(request: web.Request) -> web.StreamResponse:
            found: Handler = getattr(importlib.import_module(module), name)
            return await found(request)

        handler.__name__ = handler.__qualname__ = name
        handler.__module__ = module
        return handler


answers = _Pages("bot.admin.answers")
audit = _Pages("bot.admin.audit")
callbacks = _Pages("bot.admin.callbacks")
console = _Pages("bot.console.routes")
desks = _Pages("bot.admin.desks")
inbox = _Pages("bot.admin.inbox")
knowledge = _Pages("bot.admin.knowledge")
posters = _Pages("bot.admin.posters")
privacy = _Pages("bot.admin.privacy")
reviews = _Pages("bot.admin.reviews")
stats = _Pages("bot.admin.stats")
users = _Pages("bot.admin.users")
volunteers = _Pages("bot.admin.volunteers")

ALL = (Role.ADMIN, Role.SUPERVISOR, Role.VOLUNTEER)
REVIEW = (Role.ADMIN, Role.SUPERVISOR)
ADMIN_ONLY = (Role.ADMIN,)
SIGNED_IN = tuple(Role)
DESK_READ = (Role.ADMIN, Role.SUPERVISOR, Role.WARD_ADMIN)  # a ward admin: its own commune
DESK_EDIT = (Role.ADMIN, Role.WARD_ADMIN)  # a ward admin: its own commune
KNOWLEDGE = (Role.ADMIN, Role.SUPERVISOR, Role.REVIEWER)  # read the knowledge base
CHECK = (Role.ADMIN, Role.REVIEWER)  # check, report, correct it

# (method, path under /admin, route name, handler, roles). Public routes: sessions.PUBLIC.
ROUTES: list[tuple[str, str, str, Handler, tuple[Role, ...]]] = [
    ("GET", "/login", "admin-login", sessions.login_form, ()),
    ("POST", "/login", "admin-login-post", sessions.login, ()),
    ("POST", "/logout", "admin-logout", sessions.logout, SIGNED_IN),
    ("GET", "/", "admin-home", sessions.home, SIGNED_IN),
    ("GET", "/desk", "admin-desk", desks.page, DESK_READ),
    ("GET", "/desk/{code:\\d+}.yaml", "admin-desk-yaml", desks.export, DESK_READ),
    ("GET", "/desk/{code:\\d+}", "admin-desk-commune", desks.page, DESK_READ),
    ("POST", "/desk/{code:\\d+}", "admin-desk-save", desks.save, DESK_EDIT),
    ("GET", "/fees/{province:\\d+}", "admin-fees", desks.fees_page, DESK_READ),
    ("POST", "/fees/{province:\\d+}", "admin-fees-save", desks.fees_save, ADMIN_ONLY),
    ("GET", "/handoff", "admin-handoff", inbox.handoff, ALL),
    ("GET", "/console", "admin-console", console.page, ALL),
    ("GET", "/api/console/board", "admin-console-board", console.board, ALL),
    ("GET", "/api/console/stream", "admin-console-stream", console.stream, ALL),
    ("POST", "/api/console/duty", "admin-console-duty", console.duty, ALL),
    ("POST", "/api/console/tickets/{id}/claim", "admin-console-claim", console.claim, ALL),
    ("POST", "/api/console/tickets/{id}/messages", "admin-console-say", console.say, ALL),
    ("POST", "/api/console/tickets/{id}/section", "admin-console-section", console.section, ALL),
    ("POST", "/api/console/tickets/{id}/close", "admin-console-close", console.close, ALL),
    ("GET", "/callbacks", "admin-callbacks", callbacks.page, ALL),
    ("POST", "/callbacks/{id}", "admin-callback-status", callbacks.change, ALL),
    ("GET", "/inbox", "admin-inbox", inbox.page, REVIEW),
    ("GET", "/inbox/ignored", "admin-ignored", inbox.ignore_rules, REVIEW),
    ("POST", "/inbox/ignored/{id}/delete", "admin-ignore-delete", inbox.delete_ignore, ADMIN_ONLY),
    ("GET", "/inbox/{id}", "admin-unmet", inbox.detail, REVIEW),
    ("POST", "/inbox/act", "admin-inbox-act", inbox.act, REVIEW),
    ("POST", "/inbox/{id}/answer", "admin-answer-write", answers.write, REVIEW),
    ("POST", "/answers/{id}/edit", "admin-answer-edit", answers.edit, REVIEW),
    ("POST", "/answers/{id}/withdraw", "admin-answer-withdraw", answers.withdraw, REVIEW),
    ("GET", "/stats", "admin-stats", stats.page, REVIEW),
    ("GET", "/stats.csv", "admin-stats-csv", stats.export, REVIEW),
    ("GET", "/knowledge", "admin-knowledge", knowledge.index, KNOWLEDGE),
    ("GET", "/knowledge/aliases.yaml", "admin-aliases-yaml", knowledge.export, KNOWLEDGE),
    ("GET", "/knowledge/reviews.yaml", "admin-reviews-yaml", reviews.export, KNOWLEDGE),
    ("GET", "/reports", "admin-reports", reviews.queue, KNOWLEDGE),
    ("POST", "/reports/{id}/close", "admin-report-close", reviews.close, CHECK),
    ("GET", "/knowledge/{id}", "admin-procedure", knowledge.procedure, KNOWLEDGE),
    ("POST", "/knowledge/{id}/review/{section}", "admin-review", reviews.act, CHECK),
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
    ("GET", "/privacy", "admin-privacy", privacy.page, ADMIN_ONLY),
    ("POST", "/privacy/erase", "admin-privacy-erase", privacy.erase, ADMIN_ONLY),
    ("GET", "/audit", "admin-audit", audit.page, ADMIN_ONLY),
    ("GET", "/audit.csv", "admin-audit-csv", audit.export, ADMIN_ONLY),
    ("GET", "/users", "admin-users", users.page, ADMIN_ONLY),
    ("POST", "/users/{name}/{op:disable|enable}", "admin-user-toggle", users.toggle, ADMIN_ONLY),
    ("GET", "/api/me", "admin-api-me", sessions.me, SIGNED_IN),
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


MAX_BODY = 64 * 1024  # the dashboard's forms


async def _to_admin(request: web.Request) -> web.StreamResponse:
    raise web.HTTPFound(PREFIX + "/")


def setup_admin(
    app: web.Application,
    settings: Settings,
    storage: Storage,
    store: KnowledgeStore,
    matcher: LiveMatcher,
    live_answers: LiveAnswers | None = None,
    desk_board: Desks | None = None,
) -> Admin:
    """Mount the dashboard on ``app`` at ``/admin``; start the refresh of learned aliases and
    supervisors' answers and reviews with it. ``live_answers``: the chat service's
    (``service.answers``)."""
    review_repo = ReviewRepo(storage.engine)
    admin = Admin(
        settings=settings,
        store=store,
        engine=storage.engine,
        stats=StatsRepo(storage.engine),
        aliases=LearnedAliases(AliasRepo(storage.engine), store, matcher),
        answers=SupervisorAnswers(AnswerRepo(storage.engine), live_answers or LiveAnswers()),
        desks=desk_board or Desks(),
        review_repo=review_repo,
        reviews=Reviews(review_repo, store),
    )
    app.router.add_get(PREFIX, _to_admin)
    app.add_subapp(PREFIX, create_admin_app(admin))
    declare_body_limit(app, PREFIX, MAX_BODY)

    async def refresh(_: web.Application) -> AsyncIterator[None]:
        every = settings.learned_aliases_refresh_seconds
        tasks = (
            [
                asyncio.create_task(_refresh_forever(admin, every)),
                asyncio.create_task(admin.desks.refresh_forever(admin.desk_repo, every)),
                asyncio.create_task(admin.reviews.refresh_forever(every)),
            ]
            if every > 0
            else []
        )
        yield
        for task in tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    app.cleanup_ctx.append(refresh)
    return admin


async def _refresh_forever(admin: Admin, every: float) -> None:
    """Re-read what other instances may have added: learned aliases, supervisors' answers."""
    while True:
        await asyncio.sleep(every)
        loads = (("learned aliases", admin.aliases.load), ("answers", admin.answers.load))
        for name, load in loads:
            try:
                await load()
            except Exception:  # the database may be briefly unavailable; try next round
                log.exception("refreshing %s failed", name)
