"""A citizen walks through a procedure: card, every aspect, follow-ups, clarify, checklist."""

from __future__ import annotations

import pytest

from tests.scenarios.conftest import Chat


async def test_greeting_offers_topics_and_a_person(chat: Chat) -> None:
    await chat.post({"user": chat.user, "action": "start"})
    assert "motcua" in chat.text
    assert "Khai sinh, kết hôn, khai tử" in chat.labels
    assert any("người hỗ trợ" in label for label in chat.labels)


async def test_question_without_diacritics_gets_the_procedure_card(chat: Chat) -> None:
    text = await chat.say("lam giay khai sinh cho con")
    assert "Đăng ký khai sinh" in text
    for part in ("Cơ quan giải quyết", "Thời gian", "Lệ phí", "Trực tuyến"):
        assert part in text
    for label in (
        "Giấy tờ",
        "Lệ phí",
        "Thời gian",
        "Nơi nộp",
        "Nộp trực tuyến",
        "liên quan",
        "Danh sách kiểm tra",
        "người hỗ trợ",
    ):
        assert any(label in b for b in chat.labels), label


async def test_question_naming_an_aspect_is_answered_first(chat: Chat) -> None:
    text = await chat.say("làm hộ chiếu hết bao nhiêu tiền")
    assert text.startswith("💰 Lệ phí") and "hộ chiếu" in text.lower()
    assert "đồng" in text
    # ...and the rest is offered.
    assert any("Giấy tờ" in b for b in chat.labels)
    assert not any(b.startswith("💰") for b in chat.labels)


@pytest.mark.parametrize(
    ("question", "heading"),
    [
        ("cần mang gì?", "📄 Giấy tờ cần chuẩn bị"),
        ("hết bao nhiêu tiền?", "💰 Lệ phí"),
        ("mất mấy ngày?", "⏱ Thời gian"),
        ("nộp ở đâu?", "📍 Nơi nộp"),
        ("nộp online được không?", "💻 Nộp trực tuyến"),
        ("ai được làm?", "👤 Ai được làm"),
        ("mẫu tờ khai", "📝 Mẫu đơn, tờ khai"),
    ],
)
async def test_follow_up_without_naming_the_procedure(
    chat: Chat, question: str, heading: str
) -> None:
    await chat.say("đăng ký kết hôn")
    text = await chat.say(question)
    assert text.startswith(heading), text[:80]
    assert "Đăng ký kết hôn" in text.splitlines()[0]


@pytest.mark.parametrize(
    "label", ["Giấy tờ", "Lệ phí", "Thời gian", "Nơi nộp", "Nộp trực tuyến", "Thủ tục liên quan"]
)
async def test_every_section_button_answers_with_source_and_review_date(
    chat: Chat, label: str
) -> None:
    await chat.say("đăng ký thường trú")
    text = await chat.press(label)
    assert "Thường trú" in text or "thường trú" in text
    if label != "Thủ tục liên quan":
        assert "Trang chính thức:" in text and "Rà soát lần cuối:" in text


async def test_unverified_facts_are_flagged(chat: Chat) -> None:
    text = await chat.say("đổi giấy phép lái xe mất bao nhiêu tiền")
    assert "chưa được xác minh" in text


async def test_new_need_in_free_text_switches_procedure(chat: Chat) -> None:
    await chat.say("đăng ký tạm trú")
    text = await chat.say("còn làm lý lịch tư pháp thì cần giấy tờ gì")
    assert text.startswith("📄") and "lý lịch tư pháp" in text.lower()
    text = await chat.say("mất mấy ngày")
    assert "lý lịch tư pháp" in text.splitlines()[0].lower()


async def test_clarify_then_pick_a_candidate(chat: Chat) -> None:
    text = await chat.say("căn cước")
    assert "thủ tục nào" in text
    assert 2 <= len(chat.buttons) <= 4 and chat.labels[-1] == "Không phải các mục trên"
    text = await chat.press("Cấp lại")
    assert text.startswith("📋") and "Cấp lại thẻ căn cước" in text


async def test_clarify_answered_with_a_number(chat: Chat) -> None:
    await chat.say("căn cước")
    first = chat.labels[0]
    text = await chat.say("1")
    assert text.startswith("📋") and first.split(" (")[0] in text


async def test_correction_after_a_wrong_answer(chat: Chat) -> None:
    await chat.say("làm giấy khai sinh cho con")
    text = await chat.say("không phải, ý tôi là đăng ký lại khai sinh")
    assert "Đăng ký lại khai sinh" in text


async def test_related_procedures_are_buttons(chat: Chat) -> None:
    await chat.say("làm giấy khai sinh cho con")
    text = await chat.press("Thủ tục liên quan")
    assert "liên thông" in text.lower()
    text = await chat.press("Liên thông")
    assert text.startswith("📋") and "thường trú" in text.lower()


async def test_checklist_lists_what_is_missing_and_where_to_get_it(chat: Chat) -> None:
    await chat.say("làm giấy khai sinh cho con")
    text = await chat.press("Danh sách kiểm tra")
    assert "⬜ 1." in text
    text = await chat.press("1. Tờ khai")
    assert "✅ 1." in text
    text = await chat.press("Xong")
    assert (
        "Bạn còn thiếu" not in text
        or "Tờ khai đăng ký khai sinh" not in text.split("Bạn còn thiếu")[1]
    )
    assert "Giấy chứng sinh" in text and "Bệnh viện" in text


async def test_checklist_by_numbers_on_a_text_channel(chat: Chat) -> None:
    await chat.say("làm hộ chiếu")
    await chat.press("Danh sách kiểm tra")
    text = await chat.say("1 2")
    assert "✅ 1." in text and "✅ 2." in text and "⬜ 3." in text


async def test_numbered_option_picks_a_topic(chat: Chat) -> None:
    await chat.post({"user": chat.user, "action": "start"})
    text = await chat.say("2")
    assert "Thường trú, tạm trú" in text
    assert any("tạm trú" in label.lower() for label in chat.labels)


async def test_reset_forgets_the_procedure(chat: Chat) -> None:
    await chat.say("đăng ký kết hôn")
    await chat.say("/huy")
    text = await chat.say("hết bao nhiêu tiền?")
    assert "thủ tục nào" in text
