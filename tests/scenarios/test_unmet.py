"""Unmet requests, handoff and feedback are answered kindly and recorded for the supervisors."""

from __future__ import annotations

from tests.rows import feedback_rows
from tests.scenarios.conftest import Chat, Harness


async def test_out_of_scope_is_admitted_recorded_and_a_person_offered(
    harness: Harness, chat: Chat
) -> None:
    text = await chat.say("con mèo nhà tôi bị ốm thì làm sao")
    assert "chưa tìm thấy thủ tục" in text
    assert any("người hỗ trợ" in label for label in chat.labels)
    [row] = await harness.storage.unmet_requests()
    assert row.reason == "no_match" and row.channel == "web"
    assert row.text == "con mèo nhà tôi bị ốm thì làm sao"
    assert row.candidates and all(c.id and c.score >= 0 for c in row.candidates)
    assert any("con mèo" in line for line in row.context)


async def test_identical_unmet_request_is_recorded_once(harness: Harness, chat: Chat) -> None:
    await chat.say("xin visa đi Nhật")
    await chat.say("xin visa đi Nhật")
    rows = await harness.storage.unmet_requests()
    assert len(rows) == 1


async def test_rejecting_every_candidate_records_a_rejection(harness: Harness, chat: Chat) -> None:
    await chat.say("căn cước")
    text = await chat.press("Không phải các mục trên")
    assert "người hỗ trợ" in text or any("người hỗ trợ" in b for b in chat.labels)
    [row] = await harness.storage.unmet_requests()
    assert row.reason == "rejected" and row.text == "căn cước"
    assert len(row.candidates) >= 2


async def test_correction_records_the_wrong_match(harness: Harness, chat: Chat) -> None:
    await chat.say("làm giấy khai sinh cho con")
    await chat.say("không phải, ý tôi là đăng ký lại khai sinh")
    [row] = await harness.storage.unmet_requests()
    assert row.reason == "rejected" and row.procedure_id == "dang-ky-khai-sinh"
    assert row.detail and "dang ky lai khai sinh" in row.detail


async def test_handoff_request_is_recorded_with_the_question(harness: Harness, chat: Chat) -> None:
    await chat.say("đăng ký thường trú cho người thuê nhà")
    text = await chat.say("gặp người hỗ trợ")
    assert "chưa có tình nguyện viên nào đang trực" in text  # nobody on duty in this test
    [row] = await harness.storage.unmet_requests()
    assert row.reason == "handoff" and "thường trú" in row.text


async def test_thumbs_up_is_stored(harness: Harness, chat: Chat) -> None:
    await chat.say("đăng ký kết hôn")
    text = await chat.press("👍")
    assert "Cảm ơn" in text
    [row] = await feedback_rows(harness.storage)
    assert row.positive and row.procedure_id == "dang-ky-ket-hon"


async def test_thumbs_down_asks_why_and_records_it(harness: Harness, chat: Chat) -> None:
    await chat.say("đăng ký kết hôn")
    text = await chat.press("👎")
    assert set(chat.labels) >= {"Sai thông tin", "Không đúng thủ tục", "Khó hiểu", "Khác"}
    text = await chat.press("Khó hiểu")
    assert "ghi lại" in text
    [fb] = await feedback_rows(harness.storage)
    assert not fb.positive and fb.reason == "Khó hiểu"
    [row] = await harness.storage.unmet_requests()
    assert row.reason == "thumbs_down" and row.procedure_id == "dang-ky-ket-hon"
    assert row.detail == "Khó hiểu"


async def test_personal_data_is_masked_before_it_is_stored(harness: Harness, chat: Chat) -> None:
    await chat.say(
        "con mèo của tôi bị lạc, sđt 0912345678, số 001203004567, mail an.nguyen@gmail.com"
    )
    user_id = await harness.storage.user("web", chat.user)
    stored = " ".join(m.text for m in await harness.storage.messages_for(user_id))
    for secret in ("001203004567", "0912345678", "an.nguyen"):
        assert secret not in stored
    [row] = await harness.storage.unmet_requests()
    assert "001203004567" not in row.text and "0912345678" not in row.text


async def test_thumbs_down_without_a_reason_is_still_recorded(harness: Harness, chat: Chat) -> None:
    await chat.say("đăng ký kết hôn")
    await chat.press("👎")
    await chat.say("đăng ký tạm trú")  # moves on without giving a reason
    [fb] = await feedback_rows(harness.storage)
    assert not fb.positive and fb.reason is None
    [row] = await harness.storage.unmet_requests()
    assert row.reason == "thumbs_down"
