"""The desk page: who may edit which desk, validation, audit, YAML, and the bot's answer."""

from __future__ import annotations

import yaml

from tests.admin.conftest import Dashboard

HOAN_KIEM = 70  # Phường Hoàn Kiếm, Thành phố Hà Nội
CUA_NAM = 73  # another ward of Hà Nội


def desk_form(**changes: str) -> dict[str, str]:
    form = {
        "name": "Trung tâm phục vụ hành chính công phường Hoàn Kiếm",
        "address": "Số 1 phố Ví Dụ",
        "phone": "024 3825 0000",
        "map_url": "",
        "closures": "01/01/2027: Tết Dương lịch",
        "procedures": "",
        "note": "",
        **{f"hours_{i}": "07:30-11:30, 13:30-17:00" for i in range(5)},
        "hours_5": "07:30-11:30",
        "hours_6": "",
    }
    form.update(changes)
    return form


async def test_a_ward_admin_saves_its_desk_and_the_bot_answers_from_it(lite: Dashboard) -> None:
    client = await lite.signed_in("hoankiem", "ward_admin", commune=HOAN_KIEM)
    await client.get("/admin/desk")
    response = await client.post(f"/admin/desk/{HOAN_KIEM}", desk_form())
    assert response.status == 200 and "Đã lưu nơi tiếp nhận" in client.last
    await client.chat("dan", "tôi ở phường Hoàn Kiếm")
    answer = await client.chat("dan", "thứ 7 có làm việc không")
    assert "Thứ Bảy: có làm việc, 07:30–11:30" in answer
    entries, _ = await lite.audit_log.audit_entries(action="desk.save")
    assert entries[0].user_name == "hoankiem" and entries[0].target == f"commune:{HOAN_KIEM}"


async def test_a_ward_admin_cannot_edit_another_wards_desk(lite: Dashboard) -> None:
    client = await lite.signed_in("hoankiem", "ward_admin", commune=HOAN_KIEM)
    await client.get("/admin/desk")
    response = await client.post(f"/admin/desk/{CUA_NAM}", desk_form())
    assert response.status == 403


async def test_a_supervisor_reads_but_cannot_edit_a_desk(lite: Dashboard) -> None:
    client = await lite.signed_in("binh", "supervisor")
    page = await client.page(f"/admin/desk/{HOAN_KIEM}")
    assert "Bạn chỉ xem được trang này" in page
    response = await client.post(f"/admin/desk/{HOAN_KIEM}", desk_form())
    assert response.status == 403


async def test_bad_hours_and_phone_are_refused_with_reasons_and_nothing_is_lost(
    lite: Dashboard,
) -> None:
    client = await lite.signed_in("hoankiem", "ward_admin", commune=HOAN_KIEM)
    await client.get("/admin/desk")
    await client.post(f"/admin/desk/{HOAN_KIEM}", desk_form())
    response = await client.post(
        f"/admin/desk/{HOAN_KIEM}", desk_form(hours_0="17:00-07:30", phone="12345")
    )
    assert response.status == 400
    assert "giờ mở cửa phải trước giờ đóng cửa" in client.last
    assert "số điện thoại" in client.last
    assert "17:00-07:30" in client.last  # what was typed stays in the form
    assert lite.runtime is not None
    saved = lite.runtime.service.desks.current[HOAN_KIEM]
    assert saved.phone == "024 3825 0000"


async def test_the_desk_exports_as_yaml(lite: Dashboard) -> None:
    client = await lite.signed_in("hoankiem", "ward_admin", commune=HOAN_KIEM)
    await client.get("/admin/desk")
    await client.post(f"/admin/desk/{HOAN_KIEM}", desk_form())
    response = await client.get(f"/admin/desk/{HOAN_KIEM}.yaml")
    body = yaml.safe_load(await response.text())
    assert body["commune"] == HOAN_KIEM and body["hours"][5] == ["07:30-11:30"]


async def test_an_admin_sets_province_fees_every_ward_of_it_answers_them(lite: Dashboard) -> None:
    client = await lite.signed_in("an", "admin")
    await client.page("/admin/fees/1")
    line = "dang-ky-ket-hon; 10.000; 99/2026/NQ-HĐND; 01/07/2026"
    response = await client.post("/admin/fees/1", {"fees": line})
    assert response.status == 200 and "Đã lưu lệ phí địa phương" in client.last
    await client.chat("dan", "tôi ở phường Cửa Nam, Hà Nội")
    await client.chat("dan", "đăng ký kết hôn")
    answer = await client.chat("dan", "lệ phí bao nhiêu")
    assert "10.000 đồng, theo Nghị quyết 99/2026/NQ-HĐND ngày 01/07/2026" in answer


async def test_a_fee_without_its_resolution_is_refused(lite: Dashboard) -> None:
    client = await lite.signed_in("an", "admin")
    await client.page("/admin/fees/1")
    response = await client.post("/admin/fees/1", {"fees": "dang-ky-ket-hon; 10000; ; 01/07/2026"})
    assert response.status == 400 and "Chưa lưu" in client.last


async def test_a_ward_admin_reads_but_cannot_set_its_province_fees(lite: Dashboard) -> None:
    client = await lite.signed_in("hoankiem", "ward_admin", commune=HOAN_KIEM)
    await client.page("/admin/fees/1")
    response = await client.post("/admin/fees/1", {"fees": ""})
    assert response.status == 403
    assert (await client.get("/admin/fees/79")).status == 403  # another province
