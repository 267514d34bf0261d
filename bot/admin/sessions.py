"""Sign-in, sessions and the guard in front of every dashboard route.

Sessions are server-side rows (``admin_sessions``); the cookie holds only a random token, HttpOnly,
SameSite=Lax, Secure over HTTPS. Every POST carries the session's CSRF token (compared in constant
time); the login form, having no session yet, uses a double-submit cookie instead. Each route
declares the roles allowed on it; a route without a declaration is refused.
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
from collections.abc import Iterable
from datetime import timedelta

from aiohttp import web
from aiohttp.typedefs import Handler

from bot.admin.auth import Role, hash_password, needs_rehash, verify_password
from bot.admin.context import (
    PREFIX,
    SESSION_KEY,
    admin_of,
    redirect,
    render,
    safe_next,
    session_of,
)
from bot.limits import client_address, limit_key, networks
from bot.storage.account_repo import SessionRow

COOKIE = "motcua_admin"
LOGIN_COOKIE = "motcua_admin_login"  # CSRF token of the login form (double submit)
API = PREFIX + "/api/"
PUBLIC = frozenset({"admin-login", "admin-login-post", "admin-static"})
POLICY: web.AppKey[dict[str, frozenset[Role]]] = web.AppKey("admin-policy", dict)
HOME = {
    Role.ADMIN: PREFIX + "/inbox",
    Role.SUPERVISOR: PREFIX + "/inbox",
    Role.VOLUNTEER: PREFIX + "/console",
    Role.WARD_ADMIN: PREFIX + "/desk",
    Role.REVIEWER: PREFIX + "/knowledge",
}
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def secure(request: web.Request) -> bool:
    configured = admin_of(request).settings.admin_cookie_secure
    if configured is not None:
        return configured
    forwarded = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
    return request.secure or forwarded == "https"


def _set_cookie(request: web.Request, response: web.StreamResponse, name: str, value: str) -> None:
    response.set_cookie(
        name, value, path=PREFIX, httponly=True, samesite="Lax", secure=secure(request)
    )


def _denied(request: web.Request, status: int, message: str) -> web.Response:
    if request.path.startswith(API):
        return web.json_response({"error": message}, status=status)
    return render(request, "error.html", status=status, message=message)


def _same(a: str, b: str) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(a.encode(), b.encode())


async def _posted_token(request: web.Request) -> str:
    header = request.headers.get("X-CSRF-Token", "")
    if header:
        return header
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        try:
            value = (await request.post()).get("csrf_token", "")
        except ValueError:  # not UTF-8, or multipart without its boundary: no token in it
            return ""
        return value if isinstance(value, str) else ""
    return ""


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Authentication, role check and CSRF check; security headers on every answer."""
    response = await _guarded(request, handler)
    response.headers["Content-Security-Policy"] = CSP
    response.headers.setdefault("Cache-Control", "no-store")
    response.headers["X-Frame-Options"] = "DENY"
    return response


async def _guarded(request: web.Request, handler: Handler) -> web.StreamResponse:
    route = request.match_info.route.name
    if route is None:  # no such route: 404 / 405 as aiohttp decides
        return await handler(request)
    if route in PUBLIC:
        if request.method == "POST" and not _same(
            await _posted_token(request), request.cookies.get(LOGIN_COOKIE, "")
        ):
            return _denied(request, 403, "Biểu mẫu đã hết hạn, hãy tải lại trang đăng nhập.")
        return await handler(request)
    token = request.cookies.get(COOKIE, "")
    session = await admin_of(request).accounts.session(token) if token else None
    if session is None:
        if request.path.startswith(API):
            return web.json_response({"error": "chưa đăng nhập"}, status=401)
        target = request.path_qs if request.method == "GET" else PREFIX + "/"
        raise redirect(f"{PREFIX}/login?next={_quote(target)}")
    request[SESSION_KEY] = session
    allowed = request.app[POLICY].get(route)
    if allowed is None or Role(session.account.role) not in allowed:
        return _denied(request, 403, "Tài khoản của bạn không có quyền vào trang này.")
    if request.method not in ("GET", "HEAD", "OPTIONS") and not _same(
        await _posted_token(request), session.csrf_token
    ):
        return _denied(request, 403, "Thiếu hoặc sai mã CSRF: hãy tải lại trang rồi thử lại.")
    return await handler(request)


def _quote(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="")


def allow(policy: dict[str, frozenset[Role]], name: str, roles: Iterable[Role]) -> None:
    policy[name] = frozenset(roles)


# --- handlers ---------------------------------------------------------------------------------


def _address(request: web.Request) -> str:
    return client_address(request, networks(admin_of(request).settings.trusted_proxies))


async def login_form(request: web.Request) -> web.StreamResponse:
    token = request.cookies.get(COOKIE, "")
    if token and (session := await admin_of(request).accounts.session(token)) is not None:
        raise redirect(HOME[Role(session.account.role)])
    return _login_page(request)


def _login_page(
    request: web.Request, status: int = 200, error: str | None = None, name: str = ""
) -> web.Response:
    csrf = secrets.token_urlsafe(32)
    response = render(
        request,
        "login.html",
        status=status,
        csrf=csrf,
        error=error,
        name=name,
        next=safe_next(request.query.get("next"), ""),
    )
    _set_cookie(request, response, LOGIN_COOKIE, csrf)
    return response


async def login(request: web.Request) -> web.StreamResponse:
    admin = admin_of(request)
    form = await request.post()
    name = str(form.get("name", "")).strip().lower()[:64]
    password = str(form.get("password", ""))[:1024]
    where = _address(request)
    counted = limit_key(where)  # an IPv6 client by its /64
    if admin.limiter.blocked(counted, name):
        wait = -(-admin.limiter.retry_after(counted, name) // 60)
        response = _login_page(
            request, 429, f"Đăng nhập sai quá nhiều lần. Hãy thử lại sau {wait} phút.", name
        )
        response.headers["Retry-After"] = str(admin.limiter.retry_after(counted, name))
        return response
    if pause := admin.limiter.delay(name):  # many failures on this name: slow, never locked
        await asyncio.sleep(pause)
    account = await admin.accounts.account(name) if name else None
    usable = account is not None and not account.disabled
    ok = await asyncio.to_thread(
        verify_password, account.password_hash if account and usable else None, password
    )
    if not ok or account is None:
        admin.limiter.failed(counted, name)
        await admin.audit_log.audit(name or "?", "login.failed", None, address=where)
        return _login_page(request, 401, "Sai tên đăng nhập hoặc mật khẩu.", name)
    admin.limiter.succeeded(counted, name)
    if needs_rehash(account.password_hash):
        await admin.accounts.update_account(name, password_hash=hash_password(password))
    lifetime = timedelta(hours=admin.settings.admin_session_hours)
    token, _ = await admin.accounts.open_session(account.id, lifetime)
    await admin.audit_log.audit(account.name, "login", None, address=where)
    target = safe_next(str(form.get("next", "")), HOME[Role(account.role)])
    response = web.HTTPFound(target)
    _set_cookie(request, response, COOKIE, token)
    response.del_cookie(LOGIN_COOKIE, path=PREFIX)
    raise response


async def logout(request: web.Request) -> web.StreamResponse:
    admin = admin_of(request)
    session: SessionRow = session_of(request)
    await admin.accounts.close_session(request.cookies.get(COOKIE, ""))
    await admin.audit_log.audit(session.account.name, "logout")
    response = redirect(PREFIX + "/login", "logged_out")
    response.del_cookie(COOKIE, path=PREFIX)
    raise response


async def home(request: web.Request) -> web.StreamResponse:
    raise redirect(HOME[Role(session_of(request).account.role)])


async def me(request: web.Request) -> web.Response:
    account = session_of(request).account
    return web.json_response({"name": account.name, "role": account.role})
