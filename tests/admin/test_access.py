"""Sign-in, sessions, roles and CSRF: who may reach what (SQLite; the rules are backend-free)."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from bot.admin.routes import ROUTES
from bot.admin.sessions import COOKIE, LOGIN_COOKIE
from tests.admin.conftest import PASSWORD, Client, Dashboard


async def test_unauthenticated_page_redirects_to_login_with_next(lite: Dashboard) -> None:
    client = lite.client()
    response = await client.get("/admin/stats?from=2026-01-01", allow_redirects=False)
    assert response.status == 302
    location = response.headers["Location"]
    assert location.startswith("/admin/login?next=")
    assert unquote(location.split("next=")[1]) == "/admin/stats?from=2026-01-01"


async def test_unauthenticated_api_gets_401_json(lite: Dashboard) -> None:
    response = await lite.client().get("/admin/api/me")
    assert response.status == 401
    assert "error" in await response.json()


async def test_bare_admin_path_leads_to_the_dashboard(lite: Dashboard) -> None:
    response = await lite.client().get("/admin", allow_redirects=False)
    assert response.status == 302 and response.headers["Location"] == "/admin/"


async def test_login_sets_a_hardened_session_cookie_and_goes_home(lite: Dashboard) -> None:
    await lite.account("binh", "supervisor")
    client = lite.client()
    await client.get("/admin/login")
    response = await client.post(
        "/admin/login", {"name": "binh", "password": PASSWORD}, allow_redirects=False
    )
    assert response.status == 302 and response.headers["Location"] == "/admin/inbox"
    cookie = response.cookies[COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == "/admin"
    assert not cookie["secure"]  # plain HTTP here
    me = await client.get("/admin/api/me")
    assert await me.json() == {"name": "binh", "role": "supervisor"}


async def test_cookies_are_secure_behind_an_https_proxy(lite: Dashboard) -> None:
    await lite.account("binh", "supervisor")
    client = lite.client(**{"X-Forwarded-Proto": "https"})
    form = await client.get("/admin/login")
    login_cookie = form.cookies[LOGIN_COOKIE]
    assert login_cookie["secure"]
    response = await client.post(
        "/admin/login",
        {"name": "binh", "password": PASSWORD},
        allow_redirects=False,
        cookies={LOGIN_COOKIE: login_cookie.value},  # the jar keeps Secure cookies off plain HTTP
    )
    assert response.cookies[COOKIE]["secure"]


async def test_login_goes_back_to_the_page_asked_for(lite: Dashboard) -> None:
    await lite.account("binh", "supervisor")
    client = lite.client()
    await client.get("/admin/login?next=%2Fadmin%2Fstats")
    response = await client.post(
        "/admin/login",
        {"name": "binh", "password": PASSWORD, "next": "/admin/stats"},
        allow_redirects=False,
    )
    assert response.headers["Location"] == "/admin/stats"


async def test_wrong_password_is_refused_and_audited(lite: Dashboard) -> None:
    await lite.account("binh", "supervisor")
    client = lite.client()
    response = await client.login("binh", "sai-mat-khau-roi")
    assert response.status == 401
    assert "Sai tên đăng nhập hoặc mật khẩu" in client.last
    assert COOKIE not in {c.key for c in client.session.cookie_jar}
    entries, _ = await lite.audit_log.audit_entries(action="login.failed")
    assert [e.user_name for e in entries] == ["binh"]


async def test_unknown_account_gets_the_same_answer(lite: Dashboard) -> None:
    client = lite.client()
    response = await client.login("khong-co", PASSWORD)
    assert response.status == 401 and "Sai tên đăng nhập hoặc mật khẩu" in client.last


async def test_login_form_without_its_csrf_token_is_refused(lite: Dashboard) -> None:
    await lite.account("binh", "supervisor")
    client = lite.client()
    await client.get("/admin/login")
    response = await client.post("/admin/login", {"name": "binh", "password": PASSWORD}, csrf=False)
    assert response.status == 403
    assert (await client.get("/admin/api/me")).status == 401


async def test_five_failures_lock_the_login_even_with_the_right_password(lite: Dashboard) -> None:
    await lite.account("binh", "supervisor")
    client = lite.client()
    for _ in range(5):
        assert (await client.login("binh", "sai-mat-khau-roi")).status == 401
    response = await client.login("binh", PASSWORD)
    assert response.status == 429
    assert "Retry-After" in response.headers
    assert (await client.get("/admin/api/me")).status == 401


async def test_the_lock_is_per_name(lite: Dashboard) -> None:
    await lite.account("binh", "supervisor")
    await lite.account("chi", "supervisor")
    client = lite.client()
    for _ in range(5):
        await client.login("binh", "sai-mat-khau-roi")
    assert (await client.login("chi", PASSWORD)).status == 200


async def test_logout_ends_the_session(lite: Dashboard) -> None:
    client = await lite.signed_in("binh", "supervisor")
    token = next(c.value for c in client.session.cookie_jar if c.key == COOKIE)
    await client.page("/admin/inbox")
    response = await client.post("/admin/logout", allow_redirects=False)
    assert response.status == 302 and response.headers["Location"].startswith("/admin/login")
    assert await lite.accounts.session(token) is None
    assert (await client.get("/admin/api/me")).status == 401


async def test_disabling_an_account_ends_its_sessions(lite: Dashboard, admin: Client) -> None:
    other = await lite.signed_in("binh", "supervisor")
    await admin.page("/admin/users")
    response = await admin.post("/admin/users/binh/disable")
    assert response.status == 200
    assert (await other.get("/admin/api/me")).status == 401
    assert (await lite.client().login("binh")).status == 401


async def test_an_admin_cannot_lock_themself_out(lite: Dashboard, admin: Client) -> None:
    await admin.page("/admin/users")
    await admin.post("/admin/users/an/disable")
    assert "Không thể tự khoá" in admin.last
    assert (await admin.get("/admin/api/me")).status == 200


async def test_post_without_csrf_token_is_refused_and_changes_nothing(
    lite: Dashboard, admin: Client
) -> None:
    await lite.account("binh", "supervisor")
    response = await admin.post("/admin/users/binh/disable", csrf=False)
    assert response.status == 403
    assert "CSRF" in admin.last
    account = await lite.accounts.account("binh")
    assert account is not None and not account.disabled


async def test_post_with_another_sessions_csrf_token_is_refused(
    lite: Dashboard, admin: Client
) -> None:
    other = await lite.signed_in("binh", "admin")
    await other.page("/admin/users")
    response = await admin.post("/admin/users/binh/disable", {"csrf_token": other.csrf}, csrf=False)
    assert response.status == 403


async def test_csrf_token_in_a_header_is_accepted(lite: Dashboard, admin: Client) -> None:
    await lite.account("binh", "supervisor")
    await admin.page("/admin/users")
    response = await admin.post(
        "/admin/users/binh/disable", csrf=False, headers={"X-CSRF-Token": admin.csrf}
    )
    assert response.status == 200


async def test_supervisor_cannot_reach_admin_only_pages(lite: Dashboard) -> None:
    client = await lite.signed_in("binh", "supervisor")
    for path in ("/admin/audit", "/admin/users", "/admin/audit.csv"):
        response = await client.get(path)
        assert response.status == 403, path
    assert "không có quyền" in client.last


async def test_volunteer_lands_on_the_handoff_queue_and_nowhere_else(lite: Dashboard) -> None:
    client = await lite.signed_in("chi", "volunteer")
    assert "Hàng chờ hỗ trợ" in client.last
    assert (await client.get("/admin/inbox")).status == 403
    assert (await client.get("/admin/api/stats")).status == 403
    assert (await client.get("/admin/api/stats")).content_type == "application/json"


ROLES = ("admin", "supervisor", "volunteer", "ward_admin", "reviewer")
HOAN_KIEM = 70  # the ward admin's own commune


def _concrete(path: str) -> str:
    return (
        path.replace("{id}", "999999")
        .replace("{name}", "khong-co")
        .replace("{op:disable|enable}", "disable")
        .replace("{code:\\d+}", str(HOAN_KIEM))
        .replace("{province:\\d+}", "1")
        .replace("{section}", "fees")
    )


@pytest.mark.parametrize("role", ROLES)
async def test_roles_matrix_every_route(lite: Dashboard, role: str) -> None:
    """Each route × role: allowed (never 401/403), or 403; anonymous: login redirect / 401."""
    commune = HOAN_KIEM if role == "ward_admin" else None
    client = await lite.signed_in(f"u-{role}", role, commune)
    await client.page("/admin/")
    anonymous = lite.client()
    problems = []
    last = sorted(ROUTES, key=lambda r: r[2] == "admin-logout")  # signing out comes last
    for method, path, name, _, roles in last:
        if not roles:
            continue
        url = "/admin" + _concrete(path)
        if method == "GET":
            response = await client.get(url, allow_redirects=False)
        else:
            response = await client.post(url, allow_redirects=False)
        allowed = role in {r.value for r in roles}
        if allowed and response.status in (401, 403):
            problems.append(f"{role} refused {method} {url}: {response.status}")
        if not allowed and response.status != 403:
            problems.append(f"{role} reached {method} {url}: {response.status}")
        if name == "admin-logout":
            continue
        if method == "GET":
            anon = await anonymous.get(url, allow_redirects=False)
        else:
            anon = await anonymous.post(url, allow_redirects=False)
        expected = 401 if url.startswith("/admin/api/") else 302
        if anon.status != expected:
            problems.append(f"anonymous {method} {url}: {anon.status}")
    assert not problems, problems


async def test_security_headers_on_dashboard_pages(lite: Dashboard) -> None:
    response = await lite.client().get("/admin/login")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cache-Control"] == "no-store"
