"""Requests about personal data received by phone or in person (admins only), and the public
privacy page the notice and the footers point to."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.storage.admin_models import AuditEntry
from bot.storage.models import Message, UnmetRequest
from tests.admin.conftest import Client, Dashboard


async def messages(dash: Dashboard) -> int:
    async with dash.storage.engine.connect() as connection:
        return int(await connection.scalar(select(func.count(Message.id))) or 0)


async def words(dash: Dashboard) -> str:
    async with dash.storage.engine.connect() as connection:
        return " ".join(str(t) for t in await connection.scalars(select(Message.text)))


async def test_an_admin_erases_a_citizen_by_channel_and_id(dash: Dashboard) -> None:
    admin = await dash.signed_in("an", "admin")
    await admin.chat("dan-1", "cây khế nhà tôi muốn làm hộ chiếu")
    await admin.chat("dan-2", "cây bưởi nhà tôi muốn làm hộ chiếu")
    await admin.page("/admin/privacy")
    form = {"channel": "web", "external_id": "dan-1", "verified": "yes"}
    response = await admin.post("/admin/privacy/erase", form)
    assert response.status == 200
    assert "Đã xóa dữ liệu của người dùng này: 2 tin nhắn" in admin.last
    stored = await words(dash)
    assert "cây khế" not in stored and "cây bưởi" in stored
    page = await admin.page("/admin/privacy")
    assert "bảng điều khiển" in page and "dan-1" not in page
    async with dash.storage.engine.connect() as connection:
        entry = (
            await connection.execute(select(AuditEntry).where(AuditEntry.action == "privacy.erase"))
        ).one()
    assert (entry.user_name, entry.action, entry.target) == ("an", "privacy.erase", "web")
    assert "dan-1" not in entry.detail and "khế" not in entry.detail


async def test_an_unknown_citizen_is_reported_and_nothing_is_deleted(
    admin: Client, lite: Dashboard
) -> None:
    await admin.chat("dan-2", "làm hộ chiếu")
    before = await messages(lite)
    await admin.page("/admin/privacy")
    form = {"channel": "telegram", "external_id": "12345", "verified": "yes"}
    await admin.post("/admin/privacy/erase", form)
    assert "Không tìm thấy dữ liệu nào của người dùng này" in admin.last
    assert await messages(lite) == before


async def test_the_requester_must_have_been_verified(admin: Client, lite: Dashboard) -> None:
    await admin.chat("dan-1", "làm hộ chiếu")
    before = await messages(lite)
    await admin.page("/admin/privacy")
    response = await admin.post("/admin/privacy/erase", {"channel": "web", "external_id": "dan-1"})
    assert response.status == 400 and "xác minh" in admin.last
    assert await messages(lite) == before


async def test_a_phone_number_nobody_left_is_answered_plainly(admin: Client) -> None:
    await admin.page("/admin/privacy")
    await admin.post("/admin/privacy/erase", {"phone": "0912 345 678", "verified": "yes"})
    assert "Đã xóa 0 mục gắn với số điện thoại này" in admin.last


async def test_supervisors_cannot_erase(lite: Dashboard) -> None:
    supervisor = await lite.signed_in("binh", "supervisor")
    assert (await supervisor.get("/admin/privacy")).status == 403


async def test_the_privacy_page_names_the_controller_and_the_dashboard_links_it(
    admin: Client,
) -> None:
    home = await admin.page("/admin/")
    assert 'href="/quyen-rieng-tu"' in home
    page = await admin.page("/quyen-rieng-tu")
    assert "Ủy ban nhân dân xã/phường triển khai motcua" in page
    assert "/xoadulieu" in page and "91/2025/QH15" in page and "90 ngày" in page


async def test_a_supervisor_marks_an_unmet_request_to_keep(lite: Dashboard) -> None:
    supervisor = await lite.signed_in("binh", "supervisor")
    await supervisor.chat("dan-1", "con mèo nhà tôi bị lạc")
    [row] = await lite.storage.unmet_requests()
    await supervisor.page("/admin/inbox")
    form = [("action", "keep"), ("ids", str(row.id)), ("next", "/admin/inbox")]
    response = await supervisor.post("/admin/inbox/act", form)
    assert response.status == 200 and "Sẽ giữ lâu hơn thời hạn lưu trữ" in supervisor.last
    async with lite.storage.engine.connect() as connection:
        keep = await connection.scalar(select(UnmetRequest.keep).where(UnmetRequest.id == row.id))
        action = await connection.scalar(select(AuditEntry.action).order_by(AuditEntry.id.desc()))
    assert keep is True and action == "unmet.keep"
