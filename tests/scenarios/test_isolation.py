"""One citizen's bad request never fails another's: the chat API on SQLite and PostgreSQL.

A lone surrogate (``"\\ud800"`` in JSON: not a Unicode scalar value, so not UTF-8) or a NUL in a
user id, a text or a button payload, sent among ordinary messages at the same moment, so that
they share the storage's read and write batches.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from sqlalchemy import text
from yarl import URL

from tests.scenarios.conftest import Chat, Harness

ORDINARY = 60
BAD_FIELDS = {
    "user-surrogate": {"user": "x\ud800", "text": "xin chào"},
    "user-nul": {"user": "x\x00y", "text": "xin chào"},
    "user-control": {"user": "x\x1by", "text": "xin chào"},
    "locality-nul": {"user": "ok-loc", "text": "khai sinh", "locality": "a\x00"},
    "text-surrogate": {"user": "bad-text-1", "text": "khai sinh\ud800 cho con"},
    "text-nul": {"user": "bad-text-2", "text": "khai sinh\x00 cho con"},
    "action-surrogate": {"user": "bad-action-1", "action": "a:fees:\udfff"},
    "action-nul": {"user": "bad-action-2", "action": "a:fees\x00:x"},
}
REFUSED = {"user-surrogate", "user-nul", "user-control", "locality-nul"}


async def post_raw(chat: Chat, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """POST ``body`` as ASCII JSON, so that a lone surrogate travels as the escape ``\\ud800``."""
    response = await chat.client.post(
        "/api/chat", data=json.dumps(body), headers={"Content-Type": "application/json"}
    )
    return response.status, await response.json()


async def stored_texts(harness: Harness, user: str) -> list[str]:
    async with harness.storage.engine.connect() as connection:
        rows = await connection.execute(
            text(
                "SELECT m.text, m.action FROM messages m JOIN users u ON u.id = m.user_id "
                "WHERE u.external_id = :user AND m.direction = 'in' ORDER BY m.id"
            ),
            {"user": user},
        )
        return [r[1] or r[0] or "" for r in rows]


@pytest.mark.parametrize("case", sorted(BAD_FIELDS))
async def test_one_bad_request_among_ordinary_ones_fails_none_of_them(
    harness: Harness, chat: Chat, case: str
) -> None:
    ordinary = [{"user": f"citizen-{i}", "text": "đăng ký khai sinh"} for i in range(ORDINARY)]
    bodies = [*ordinary[: ORDINARY // 2], BAD_FIELDS[case], *ordinary[ORDINARY // 2 :]]
    answers = await asyncio.gather(*(post_raw(chat, body) for body in bodies))
    bad_status, bad_body = answers.pop(ORDINARY // 2)
    assert [status for status, _ in answers] == [200] * ORDINARY
    assert all("Đăng ký khai sinh" in body["replies"][0]["text"] for _, body in answers)
    for i in (0, ORDINARY - 1):
        assert await stored_texts(harness, f"citizen-{i}") == ["đăng ký khai sinh"]
    if case in REFUSED:
        assert bad_status == 400 and "error" in bad_body
    else:
        assert bad_status == 200 and bad_body["replies"][0]["text"].strip()


@pytest.mark.parametrize("case", ["text-surrogate", "text-nul"])
async def test_a_bad_character_in_the_text_is_cleaned_answered_and_kept(
    harness: Harness, chat: Chat, case: str
) -> None:
    status, body = await post_raw(chat, BAD_FIELDS[case])
    assert status == 200 and "Đăng ký khai sinh" in body["replies"][0]["text"]
    [kept] = await stored_texts(harness, BAD_FIELDS[case]["user"])
    assert kept == ("khai sinh\ufffd cho con" if case == "text-surrogate" else "khai sinh cho con")


@pytest.mark.parametrize("case", ["action-surrogate", "action-nul"])
async def test_a_bad_button_payload_gets_an_answer_and_is_kept(
    harness: Harness, chat: Chat, case: str
) -> None:
    status, body = await post_raw(chat, BAD_FIELDS[case])
    assert status == 200 and body["replies"][0]["text"].strip()
    [kept] = await stored_texts(harness, BAD_FIELDS[case]["user"])
    assert kept == ("a:fees:\ufffd" if case == "action-surrogate" else "a:fees:x")


@pytest.mark.parametrize("user", ["x%00", "%09", "a%1Bb"])
async def test_updates_refuse_an_unusable_user_id(chat: Chat, user: str) -> None:
    url = URL(f"/api/chat/updates?user={user}", encoded=True)
    response = await chat.client.get(url)
    assert response.status == 400 and "error" in await response.json()


@pytest.mark.parametrize("user", ["1", "citizen-1", "0912345678", "a" * 21])
async def test_updates_serve_only_ids_that_cannot_be_guessed(chat: Chat, user: str) -> None:
    response = await chat.client.get("/api/chat/updates", params={"user": user})
    assert response.status == 400 and "error" in await response.json()
    page_id = "0b6f8e9e-3c1d-4f7a-9a51-5d7c2f1e8a90"
    assert (await chat.client.get("/api/chat/updates", params={"user": page_id})).status == 200
