"""The volunteers page (admins only): invite codes, the list, off duty and removal, all audited."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from bot.admin.volunteers import CITIZEN_LEFT, OFF_DUTY, REMOVED
from bot.handoff.models import Ticket, Volunteer
from bot.handoff.repo import HandoffRepo
from handlers.events import Reply
from tests.admin.conftest import Client, Dashboard

CODE_RE = re.compile(r'<code class="code">([0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4})</code>')


@dataclass
class Pushed:
    """A stand-in Telegram sender on the service's outbound: what would have been pushed."""

    sent: list[tuple[str, str]] = field(default_factory=list)

    async def __call__(self, external_id: str, replies: tuple[Reply, ...]) -> None:
        self.sent.extend((external_id, r.text) for r in replies)


def handoff(dash: Dashboard) -> HandoffRepo:
    return HandoffRepo(dash.storage.engine)


async def volunteer(dash: Dashboard, name: str, external_id: str) -> Volunteer:
    code = await handoff(dash).invite(name)
    linked = await handoff(dash).redeem(code, "telegram", external_id)
    assert linked is not None
    return linked


@pytest.fixture
def pushed(lite: Dashboard) -> Pushed:
    assert lite.runtime is not None
    sender = Pushed()
    lite.runtime.service.outbound.register("telegram", sender)
    return sender


async def test_the_list_shows_channel_and_duty(lite: Dashboard, admin: Client) -> None:
    anh = await volunteer(lite, "Nguyễn Văn Anh", "9101")
    await volunteer(lite, "Trần Thị Bình", "9102")
    await handoff(lite).set_duty(anh.id, False)
    page = await admin.page("/admin/volunteers")
    rows = re.findall(r"<tr>\s*<td>([^<]+)</td>\s*<td>([^<]+)</td>\s*<td>(.*?)</td>", page, re.S)
    assert [(n, c, "đang trực" in d) for n, c, d in rows] == [
        ("Nguyễn Văn Anh", "Telegram", False),
        ("Trần Thị Bình", "Telegram", True),
    ]


async def test_an_invite_is_shown_once_and_links_an_account(lite: Dashboard, admin: Client) -> None:
    await admin.page("/admin/volunteers")
    response = await admin.post("/admin/volunteers/invite", {"name": " Lê  Chi ", "days": "3"})
    assert response.status == 200
    [code] = CODE_RE.findall(admin.last)
    assert f"/tinhnguyen {code}" in admin.last and "hết hạn sau 3 ngày" in admin.last
    linked = await handoff(lite).redeem(code, "zalo", "z-1")  # what /tinhnguyen does
    assert linked is not None and linked.name == "Lê Chi" and linked.on_duty


async def test_an_invite_is_audited_without_its_code(lite: Dashboard, admin: Client) -> None:
    await admin.page("/admin/volunteers")
    await admin.post("/admin/volunteers/invite", {"name": "Lê Chi", "days": "7"})
    [code] = CODE_RE.findall(admin.last)
    [entry], _ = await lite.audit_log.audit_entries(action="volunteer.invite")
    assert (entry.user_name, entry.target, entry.detail) == ("an", "invite:Lê Chi", {"days": 7})
    assert code not in str(entry.detail)


async def test_an_unused_invite_is_listed(admin: Client) -> None:
    await admin.page("/admin/volunteers")
    await admin.post("/admin/volunteers/invite", {"name": "Phạm Dũng", "days": "7"})
    page = await admin.page("/admin/volunteers")
    pending = page.split("Mã mời chưa dùng")[1]
    assert "Phạm Dũng" in pending and not CODE_RE.search(page)  # the code is never shown again


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"name": "   ", "days": "7"}, "Hãy nhập tên"),
        ({"name": "A" * 81, "days": "7"}, "Hãy nhập tên"),
        ({"name": "Lê Chi", "days": "0"}, "từ 1 đến 30"),
        ({"name": "Lê Chi", "days": "31"}, "từ 1 đến 30"),
        ({"name": "Lê Chi", "days": "bảy"}, "từ 1 đến 30"),
    ],
)
async def test_a_bad_invite_form_is_refused(
    lite: Dashboard, admin: Client, form: dict[str, str], message: str
) -> None:
    await admin.page("/admin/volunteers")
    response = await admin.post("/admin/volunteers/invite", form)
    assert response.status == 400 and message in admin.last
    assert not CODE_RE.search(admin.last)
    assert (await lite.audit_log.audit_entries(action="volunteer.invite"))[1] == 0


async def test_an_invite_without_the_csrf_token_is_refused(lite: Dashboard, admin: Client) -> None:
    await admin.page("/admin/volunteers")
    response = await admin.post("/admin/volunteers/invite", {"name": "Lê Chi"}, csrf=False)
    assert response.status == 403 and not CODE_RE.search(admin.last)
    assert (await lite.audit_log.audit_entries(action="volunteer.invite"))[1] == 0


@pytest.mark.parametrize("role", ["supervisor", "volunteer"])
async def test_only_admins_see_the_page(lite: Dashboard, role: str) -> None:
    client = await lite.signed_in("binh", role)
    assert (await client.get("/admin/volunteers")).status == 403
    await client.page("/admin/handoff")  # a page of theirs, for a valid CSRF token
    assert 'href="/admin/volunteers"' not in client.last
    response = await client.post("/admin/volunteers/invite", {"name": "Lê Chi", "days": "7"})
    assert response.status == 403 and not CODE_RE.search(client.last)


async def test_off_duty_tells_the_volunteer_and_is_audited(
    lite: Dashboard, admin: Client, pushed: Pushed
) -> None:
    anh = await volunteer(lite, "Anh", "9101")
    await admin.page("/admin/volunteers")
    response = await admin.post(f"/admin/volunteers/{anh.id}/off", allow_redirects=False)
    assert response.status == 302
    assert response.headers["Location"] == "/admin/volunteers?msg=volunteer_off"
    assert await handoff(lite).on_duty() == []
    assert pushed.sent == [("9101", OFF_DUTY)]
    [entry], _ = await lite.audit_log.audit_entries(action="volunteer.off_duty")
    assert entry.target == f"volunteer:{anh.id}" and entry.detail == {"name": "Anh"}


async def test_removal_unlinks_and_is_audited(
    lite: Dashboard, admin: Client, pushed: Pushed
) -> None:
    anh = await volunteer(lite, "Anh", "9101")
    await admin.page("/admin/volunteers")
    response = await admin.post(f"/admin/volunteers/{anh.id}/remove")
    assert response.status == 200 and "Đã gỡ tình nguyện viên" in admin.last
    assert await handoff(lite).volunteer("telegram", "9101") is None  # a citizen again
    assert pushed.sent == [("9101", REMOVED)]
    [entry], _ = await lite.audit_log.audit_entries(action="volunteer.remove")
    assert entry.detail == {"name": "Anh", "channel": "telegram", "closed_tickets": []}


async def test_removal_closes_a_held_ticket_and_tells_the_citizen(
    lite: Dashboard, admin: Client, pushed: Pushed
) -> None:
    anh = await volunteer(lite, "Anh", "9101")
    web_id = "3c2b1a09-8f7e-4d6c-b5a4-93827160f5e4"  # the page's random id
    citizen = await lite.storage.user("web", web_id)
    ticket, _ = await handoff(lite).open_ticket(
        Ticket(citizen_id=citizen, channel="web", external_id=web_id, summary="gặp người")
    )
    assert await handoff(lite).claim(ticket.id, anh.id)
    page = await admin.page("/admin/volunteers")
    assert f"#{ticket.id}" in page
    await admin.post(f"/admin/volunteers/{anh.id}/remove")
    closed = await handoff(lite).get(ticket.id)
    assert closed is not None and closed.status == "closed"
    updates = await admin.session.get(admin.url("/api/chat/updates"), params={"user": web_id})
    assert [r["text"] for r in (await updates.json())["replies"]] == [CITIZEN_LEFT]
    [entry], _ = await lite.audit_log.audit_entries(action="volunteer.remove")
    assert entry.detail["closed_tickets"] == [ticket.id]


@pytest.mark.parametrize("op", ["off", "remove"])
async def test_actions_need_the_csrf_token(lite: Dashboard, admin: Client, op: str) -> None:
    anh = await volunteer(lite, "Anh", "9101")
    await admin.page("/admin/volunteers")
    response = await admin.post(f"/admin/volunteers/{anh.id}/{op}", csrf=False)
    assert response.status == 403
    assert [v.on_duty for v in await handoff(lite).volunteers()] == [True]


@pytest.mark.parametrize("role", ["supervisor", "volunteer"])
async def test_only_admins_may_act(lite: Dashboard, role: str) -> None:
    anh = await volunteer(lite, "Anh", "9101")
    client = await lite.signed_in("binh", role)
    await client.page("/admin/handoff")
    for op in ("off", "remove"):
        assert (await client.post(f"/admin/volunteers/{anh.id}/{op}")).status == 403
    assert [v.on_duty for v in await handoff(lite).volunteers()] == [True]


@pytest.mark.parametrize("path", ["/admin/volunteers/999/remove", "/admin/volunteers/abc/off"])
async def test_an_unknown_volunteer_is_404(admin: Client, path: str) -> None:
    await admin.page("/admin/volunteers")
    assert (await admin.post(path)).status == 404
