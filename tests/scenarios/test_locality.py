"""The citizen says where they live once; answers add the local centre when motcua knows it."""

from __future__ import annotations

from tests.scenarios.conftest import Chat


async def test_known_locality_adds_centre_hours_and_says_it_is_an_example(chat: Chat) -> None:
    await chat.say("tôi ở phường Mẫu")
    await chat.say("làm giấy khai sinh cho con")
    text = await chat.say("nộp ở đâu?")
    assert "Trung tâm Phục vụ hành chính công phường Mẫu" in text
    assert "07:30-11:30" in text
    assert "dữ liệu minh họa" in text


async def test_locality_fee_override_names_its_resolution(chat: Chat) -> None:
    text = await chat.say("nhà em ở phường Mẫu, đăng ký khai sinh hết bao nhiêu tiền")
    assert text.count("💰 Lệ phí") == 1
    assert "Nghị quyết" in text and "Phường Mẫu" in text


async def test_unknown_locality_is_said_clearly(chat: Chat) -> None:
    await chat.say("đăng ký tạm trú")
    text = await chat.say("tôi ở xã Mộng Hư Ảo")
    assert "chưa tìm thấy “xã Mộng Hư Ảo”" in text
    assert text.count("chưa tìm thấy") == 1


async def test_a_name_several_communes_share_asks_which(chat: Chat) -> None:
    await chat.say("đăng ký tạm trú")
    text = await chat.say("tôi ở xã Tân Phú")
    assert "Bạn ở nơi nào" in text
    text = await chat.press("Đồng Nai")
    assert "Mình ghi nhận bạn ở Xã Tân Phú, Tỉnh Đồng Nai" in text


async def test_place_question_without_locality_asks_for_it(chat: Chat) -> None:
    await chat.say("đăng ký tạm trú")
    text = await chat.say("nộp ở đâu")
    assert "xã/phường" in text
