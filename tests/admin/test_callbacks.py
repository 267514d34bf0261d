"""Call-backs end to end: a web citizen with nobody on duty leaves a number; it is stored in its
own table only (not in messages, states, logs or CSV exports), listed for volunteers and
admins, its status changed with CSRF and audit, erased with the citizen, purged when old."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from bot.callbacks.middleware import StoreCallbacks
from bot.callbacks.models import Callback
from bot.callbacks.repo import purge_callbacks
from bot.config import Settings
from bot.logs import FLOORS
from bot.privacy.tasks import run_purge
from bot.storage.admin_models import AuditEntry
from bot.storage.base import utcnow
from bot.storage.models import ConversationState, Message, UnmetRequest
from tests.admin.conftest import Client, Dashboard

CITIZEN = "7d0c9a52-8a8e-4d0b-9a43-2f6a1c5b9e10"
TYPED = "0912 345 678"
PHONE = "0912345678"
TRACES = (PHONE, "912 345", "912345", "345 678")  # the number, whole or in its typed groups


async def act(client: Client, action: str, user: str = CITIZEN) -> dict[str, Any]:
    response = await client.session.post(
        client.url("/api/chat"), json={"user": user, "action": action}
    )
    assert response.status == 200
    body: dict[str, Any] = await response.json()
    return body


async def leave_number(client: Client, user: str = CITIZEN, typed: str = TYPED) -> str:
    """Ask for a person with nobody on duty, take the call-back offer, give the number."""
    asked = await act(client, "human", user)
    last = asked["replies"][-1]
    assert "chưa có tình nguyện viên nào đang trực" in last["text"]
    assert "liên hệ sau" not in last["text"]
    assert last["buttons"][0]["action"] == "cb"
    await act(client, "cb", user)
    await act(client, "cb:am", user)
    return await client.chat(user, typed)


async def stored(dash: Dashboard) -> list[Callback]:
    async with dash.storage.engine.connect() as connection:
        return list((await connection.execute(select(Callback))).all())


async def everything_else(dash: Dashboard) -> str:
    """Every text the turns stored: message log, conversation states, unmet requests."""
    async with dash.storage.engine.connect() as connection:
        texts = [str(t) for t in await connection.scalars(select(Message.text))]
        texts += [str(s) for s in await connection.scalars(select(ConversationState.state))]
        texts += [str(t) for t in await connection.scalars(select(UnmetRequest.text))]
        texts += [str(t) for t in await connection.scalars(select(UnmetRequest.context))]
    return "\n".join(texts)


async def test_a_citizen_with_nobody_on_duty_leaves_a_number(dash: Dashboard) -> None:
    citizen = dash.client()
    answer = await leave_number(citizen)
    assert "gọi lại số có đuôi 678 vào buổi sáng" in answer
    [row] = await stored(dash)
    assert (row.phone, row.slot, row.status, row.channel) == (PHONE, "am", "pending", "web")
    kept = await everything_else(dash)
    assert "*******678" in kept  # the citizen's message, masked as stored
    assert not any(trace in kept for trace in TRACES)


async def test_a_second_number_replaces_the_one_waiting(lite: Dashboard) -> None:
    citizen = lite.client()
    await leave_number(citizen)
    await leave_number(citizen, typed="0387 654 321")
    [row] = await stored(lite)
    assert row.phone == "0387654321"


async def test_the_number_never_reaches_the_logs(
    lite: Dashboard, caplog: pytest.LogCaptureFixture
) -> None:
    for name, floor in FLOORS.items():  # libraries at the floors `motcua run` gives them,
        caplog.set_level(floor, logger=name)
    caplog.set_level(logging.DEBUG)  # motcua's own loggers at their most talkative
    await leave_number(lite.client())
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "call-back #1 stored" in logged
    assert not any(trace in logged for trace in TRACES)


async def test_volunteers_and_admins_see_the_number(lite: Dashboard) -> None:
    await leave_number(lite.client())
    for name, role in (("vy", "volunteer"), ("an", "admin")):
        page = await (await lite.signed_in(name, role)).page("/admin/callbacks")
        assert f'href="tel:{PHONE}"' in page and "Chưa gọi" in page


async def test_a_supervisor_sees_the_queue_with_the_number_masked(lite: Dashboard) -> None:
    await leave_number(lite.client())
    page = await (await lite.signed_in("binh", "supervisor")).page("/admin/callbacks")
    assert "*******678" in page and PHONE not in page


HOAN_KIEM = 70  # official code of Phường Hoàn Kiếm, Thành phố Hà Nội


async def placed(dash: Dashboard, place: str) -> None:
    """Give the stored call-back the place its citizen named in the chat."""
    async with dash.storage.engine.begin() as connection:
        await connection.execute(update(Callback).values(locality=place))


async def test_a_volunteer_of_another_ward_sees_no_number_and_cannot_change_it(
    lite: Dashboard,
) -> None:
    await leave_number(lite.client())
    await placed(lite, "Phường Ba Đình, Thành phố Hà Nội")
    other = await lite.signed_in("hoa", "volunteer", commune=HOAN_KIEM)
    page = await other.page("/admin/callbacks")
    assert "Chưa có yêu cầu gọi lại nào" in page and "Chưa gọi (0)" in page
    assert not any(trace in page for trace in (PHONE, "*******678"))
    assert (await other.post("/admin/callbacks/1", {"status": "called"})).status == 404
    [row] = await stored(lite)
    assert (row.status, row.updated_by) == ("pending", None)


async def test_a_volunteer_of_the_call_backs_ward_sees_and_changes_it(lite: Dashboard) -> None:
    await leave_number(lite.client())
    await placed(lite, "Phường Hoàn Kiếm, Thành phố Hà Nội")
    hoa = await lite.signed_in("hoa", "volunteer", commune=HOAN_KIEM)
    page = await hoa.page("/admin/callbacks")
    assert f'href="tel:{PHONE}"' in page and "Chưa gọi (1)" in page
    assert (await hoa.post("/admin/callbacks/1", {"status": "called"})).status == 200
    [row] = await stored(lite)
    assert (row.status, row.updated_by) == ("called", "hoa")


async def test_a_call_back_whose_place_is_unknown_is_for_every_ward(lite: Dashboard) -> None:
    await leave_number(lite.client())
    [row] = await stored(lite)
    assert row.locality is None
    hoa = await lite.signed_in("hoa", "volunteer", commune=HOAN_KIEM)
    assert f'href="tel:{PHONE}"' in await hoa.page("/admin/callbacks")


@pytest.mark.parametrize("role", ["reviewer", "ward_admin"])
async def test_other_roles_cannot_open_the_page(lite: Dashboard, role: str) -> None:
    commune = 70 if role == "ward_admin" else None
    client = await lite.signed_in("khac", role, commune=commune)
    assert (await client.get("/admin/callbacks")).status == 403


async def test_the_status_is_changed_and_audited_without_the_number(lite: Dashboard) -> None:
    await leave_number(lite.client())
    volunteer = await lite.signed_in("vy", "volunteer")
    await volunteer.page("/admin/callbacks")
    response = await volunteer.post("/admin/callbacks/1", {"status": "called"})
    assert response.status == 200 and "Đã cập nhật trạng thái gọi lại" in volunteer.last
    [row] = await stored(lite)
    assert (row.status, row.updated_by) == ("called", "vy")
    async with lite.storage.engine.connect() as connection:
        entry = (
            await connection.execute(
                select(AuditEntry).where(AuditEntry.action == "callback.status")
            )
        ).one()
    assert entry.target == "callback:1" and "called" in entry.detail
    assert not any(trace in entry.detail for trace in TRACES)


async def test_a_status_change_without_the_csrf_token_is_refused(lite: Dashboard) -> None:
    await leave_number(lite.client())
    volunteer = await lite.signed_in("vy", "volunteer")
    await volunteer.page("/admin/callbacks")
    response = await volunteer.post("/admin/callbacks/1", {"status": "called"}, csrf=False)
    assert response.status == 403
    [row] = await stored(lite)
    assert row.status == "pending"


@pytest.mark.parametrize(
    ("path", "status", "expected"),
    [("/admin/callbacks/1", "asleep", 400), ("/admin/callbacks/999", "called", 404)],
)
async def test_a_bad_status_or_a_forged_id_is_a_clear_error(
    lite: Dashboard, path: str, status: str, expected: int
) -> None:
    await leave_number(lite.client())
    volunteer = await lite.signed_in("vy", "volunteer")
    await volunteer.page("/admin/callbacks")
    assert (await volunteer.post(path, {"status": status})).status == expected


async def test_the_number_is_in_no_csv_export(lite: Dashboard) -> None:
    await leave_number(lite.client())
    volunteer = await lite.signed_in("vy", "volunteer")
    await volunteer.page("/admin/callbacks")
    await volunteer.post("/admin/callbacks/1", {"status": "unreachable"})
    admin = await lite.signed_in("an", "admin")
    exports = [await (await admin.get("/admin/audit.csv")).text()]
    for table in ("daily", "procedures", "channels", "localities", "unmet"):
        response = await admin.get(f"/admin/stats.csv?table={table}")
        if response.status == 200:
            exports.append(await response.text())
    assert "callback.status" in exports[0]
    assert not any(trace in text for text in exports for trace in TRACES)


async def test_xoadulieu_erases_the_call_back(dash: Dashboard) -> None:
    citizen = dash.client()
    await leave_number(citizen)
    await citizen.chat(CITIZEN, "/xoadulieu")
    erased = await act(citizen, "pv:erase")
    assert "Đã xóa dữ liệu của bạn" in erased["replies"][-1]["text"]
    assert await stored(dash) == []


async def test_an_admin_erases_a_call_back_by_phone_number(lite: Dashboard) -> None:
    await leave_number(lite.client())
    admin = await lite.signed_in("an", "admin")
    await admin.page("/admin/privacy")
    await admin.post("/admin/privacy/erase", {"phone": "+84 912 345 678", "verified": "yes"})
    assert "Đã xóa 1 mục gắn với số điện thoại này" in admin.last
    assert await stored(lite) == []


async def test_call_backs_are_purged_after_the_retention_period(dash: Dashboard) -> None:
    await leave_number(dash.client())
    await leave_number(dash.client(), user="9e1b7c3a-1d2e-4f5a-8b6c-7d8e9f0a1b2c")
    engine = dash.storage.engine
    async with engine.begin() as connection:
        await connection.execute(
            update(Callback)
            .where(Callback.id == 1)
            .values(created_at=utcnow() - timedelta(days=31))
        )
    done = await run_purge(engine, Settings(database_url=dash.url), None)
    assert done.rows["callbacks"] == 1
    assert [row.id for row in await stored(dash)] == [2]


async def test_the_retention_period_is_configurable(lite: Dashboard) -> None:
    await leave_number(lite.client())
    engine = lite.storage.engine
    async with engine.begin() as connection:
        await connection.execute(update(Callback).values(created_at=utcnow() - timedelta(days=8)))
    assert await purge_callbacks(engine, 10) == 0
    assert await purge_callbacks(engine, 7) == 1


async def test_with_the_database_down_no_call_is_promised(lite: Dashboard) -> None:
    citizen = lite.client()
    await act(citizen, "cb:pm")
    assert lite.runtime is not None
    middlewares = lite.runtime.service.middlewares
    store = next(m for m in middlewares if isinstance(m, StoreCallbacks))

    async def down(*args: Any, **kwargs: Any) -> int:
        raise ConnectionRefusedError("database down")

    store.repo.add = down  # type: ignore[method-assign]
    answer = await citizen.chat(CITIZEN, TYPED)
    assert "chưa ghi được số của bạn" in answer and "gọi lại số" not in answer


async def test_dulieu_tells_the_citizen_a_call_back_is_kept(lite: Dashboard) -> None:
    citizen = lite.client()
    await leave_number(citizen)
    answer = await citizen.chat(CITIZEN, "/dulieu")
    assert "1 yêu cầu gọi lại kèm số điện thoại bạn để lại (xóa sau 30 ngày" in answer
    assert not any(trace in answer for trace in TRACES)
