"""Conversation state lives in the database: a restart mid-walkthrough loses nothing."""

from __future__ import annotations

from tests.scenarios.conftest import Chat, Harness


async def test_follow_up_after_restart_continues_the_procedure(
    harness: Harness, chat: Chat
) -> None:
    await chat.say("làm hộ chiếu cho con")
    chat = await harness.restart(chat)
    text = await chat.say("mất mấy ngày?")
    assert text.startswith("⏱") and "hộ chiếu" in text.splitlines()[0].lower()


async def test_checklist_ticks_survive_a_restart(harness: Harness, chat: Chat) -> None:
    await chat.say("làm giấy khai sinh cho con")
    await chat.press("Danh sách kiểm tra")
    await chat.press("2. Giấy chứng sinh")
    chat = await harness.restart(chat)
    text = await chat.say("3")
    assert "✅ 2." in text and "✅ 3." in text


async def test_unmet_requests_survive_a_restart(harness: Harness, chat: Chat) -> None:
    await chat.say("con mèo nhà tôi bị ốm")
    chat = await harness.restart(chat)
    assert len(await harness.storage.unmet_requests()) == 1
