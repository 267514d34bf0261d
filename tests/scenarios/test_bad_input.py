"""Bad input gets a clear reply or a 4xx, never a crash, and stored state survives it."""

from __future__ import annotations

import pytest

from tests.scenarios.conftest import Chat


async def test_empty_message(chat: Chat) -> None:
    assert "chưa nhập nội dung" in await chat.say("   ")


async def test_emoji_only(chat: Chat) -> None:
    assert "biểu tượng" in await chat.say("😀🙏🎉")


async def test_huge_message_is_truncated_politely(chat: Chat) -> None:
    text = await chat.say("làm giấy khai sinh cho con " + "rat gap " * 1500)
    assert "chỉ đọc phần đầu" in text


async def test_invisible_characters_inside_words_are_read_through(chat: Chat) -> None:
    # zero-width space, soft hyphen, word joiner: what a pasted text carries unseen
    text = await chat.say("đăng k\u200bý k\u00adết h\u2060ôn")
    assert "Đăng ký kết hôn" in text.splitlines()[0]


async def test_unknown_action_and_stale_procedure(chat: Chat) -> None:
    await chat.post({"user": chat.user, "action": "xyz:1:2"})
    assert "Nút này đã cũ" in chat.text
    await chat.post({"user": chat.user, "action": "a:fees:thu-tuc-khong-ton-tai"})
    assert "không còn trong dữ liệu" in chat.text


async def test_bad_input_does_not_lose_the_conversation(chat: Chat) -> None:
    await chat.say("đăng ký kết hôn")
    await chat.say("")
    await chat.post({"user": chat.user, "action": "ck:99:dang-ky-ket-hon"})
    bad = await chat.client.post("/api/chat", data=b"{not json")
    assert bad.status == 400
    assert "Đăng ký kết hôn" in (await chat.say("hết bao nhiêu tiền")).splitlines()[0]


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[1, 2]",
        b'{"text": "xin chao"}',
        b'{"user": "", "text": "xin chao"}',
        b'{"user": "u"}',
        b'{"user": "u", "text": "a", "action": "start"}',
        b'{"user": "u", "text": 5}',
        b'{"user": 5, "text": "a"}',
        b'{"user": "u", "action": null}',
        b"\xff\xfe",
    ],
)
async def test_malformed_requests_get_400_with_a_json_error(chat: Chat, body: bytes) -> None:
    response = await chat.client.post(
        "/api/chat", data=body, headers={"Content-Type": "application/json"}
    )
    assert response.status == 400
    assert "error" in await response.json()


async def test_body_over_16_kb_gets_413(chat: Chat) -> None:
    body = b'{"user": "u", "text": "' + b"a" * (16 * 1024) + b'"}'
    response = await chat.client.post("/api/chat", data=body)
    assert response.status == 413
    assert "error" in await response.json()


async def test_page_and_health_are_served(chat: Chat) -> None:
    page = await chat.client.get("/")
    assert page.status == 200 and "motcua" in await page.text()
    assert (await chat.client.get("/healthz")).status == 200
    assert (await chat.client.get("/static/chat.js")).status == 200


async def test_body_sent_in_several_chunks_is_read_whole(chat: Chat) -> None:
    async def chunks():  # type: ignore[no-untyped-def]
        body = (
            '{"user": "' + chat.user + '", "text": "' + "a " * 3000 + 'đăng ký kết hôn"}'
        ).encode()
        for i in range(0, len(body), 1000):
            yield body[i : i + 1000]

    response = await chat.client.post("/api/chat", data=chunks())
    assert response.status == 200
