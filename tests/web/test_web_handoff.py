"""A web-chat citizen in the handoff, over HTTP: the volunteer is on the fake Telegram server, the
citizen uses ``POST /api/chat`` and sees what the volunteer sends through ``GET /api/chat/updates``
without writing anything first."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.handoff.repo import HandoffRepo
from bot.http.server import create_app
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.channels.telegram_harness import TelegramRig

CITIZEN, ANH = "7f3e9a2c-41b6-4d0e-8a57-c2b9e1d04f63", 9101  # the page's random id


@dataclass
class Setup:
    rig: TelegramRig
    client: TestClient[Any, Any]
    after: int = 0

    async def say(self, text: str) -> list[str]:
        return await self.post({"user": CITIZEN, "text": text})

    async def press(self, action: str) -> list[str]:
        return await self.post({"user": CITIZEN, "action": action})

    async def post(self, payload: dict[str, str]) -> list[str]:
        response = await self.client.post("/api/chat", json=payload)
        assert response.status == 200
        return [r["text"] for r in (await response.json())["replies"]]

    async def pushed(self, count: int = 1, timeout: float = 10) -> list[dict[str, Any]]:
        """Poll as the page does until ``count`` new messages came; they are then seen."""
        found: list[dict[str, Any]] = []
        deadline = asyncio.get_running_loop().time() + timeout
        while len(found) < count:
            response = await self.client.get(
                "/api/chat/updates", params={"user": CITIZEN, "after": str(self.after)}
            )
            body = await response.json()
            found += body["replies"]
            self.after = body["after"]
            if len(found) < count:
                assert asyncio.get_running_loop().time() < deadline, found
                await asyncio.sleep(0.05)
        return found

    async def volunteer_says(self, text: str) -> None:
        self.rig.fake.text(ANH, text)

    async def volunteer_got(self, count: int) -> str:
        return str((await self.rig.fake.wait_sent(ANH, count))[-1]["text"])


@pytest.fixture
async def setup(
    tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> AsyncIterator[Setup]:
    rig = await TelegramRig.open(tmp_path, knowledge)
    client = TestClient(TestServer(create_app(rig.runtime.service)))
    await client.start_server()
    code = await HandoffRepo(rig.runtime.storage.engine).invite("Anh")
    rig.fake.text(ANH, f"/tinhnguyen {code}")
    await rig.fake.wait_sent(ANH, 1)
    try:
        yield Setup(rig, client)
    finally:
        await client.close()
        await rig.close()


async def ask_for_a_person(s: Setup) -> str:
    await s.say("đăng ký thường trú cho con")
    [waiting] = await s.say("gặp người hỗ trợ")
    assert "1 người đang trực" in waiting and "nhắn cho bạn ngay tại đây" in waiting
    notice = (await s.rig.fake.wait_sent(ANH, 2))[-1]
    [button] = [b for row in notice["reply_markup"]["inline_keyboard"] for b in row]
    return str(button["callback_data"])


async def claimed(s: Setup) -> None:
    s.rig.fake.press(ANH, await ask_for_a_person(s))
    assert "Bạn đã nhận phiếu" in await s.volunteer_got(3)
    [notice] = await s.pushed()
    assert notice["text"] == "Tình nguyện viên Anh đã nhận hỗ trợ bạn. Bạn cứ nhắn tiếp ở đây nhé."


async def test_the_claim_reaches_the_page_without_the_citizen_writing(setup: Setup) -> None:
    await claimed(setup)


async def test_the_volunteers_words_reach_the_page(setup: Setup) -> None:
    await claimed(setup)
    await setup.volunteer_says("Chào chị, em gửi hướng dẫn ngay ạ")
    [message] = await setup.pushed()
    assert message["text"] == "🙋 Tình nguyện viên Anh: Chào chị, em gửi hướng dẫn ngay ạ"


async def test_the_citizens_words_reach_the_volunteer_masked(setup: Setup) -> None:
    await claimed(setup)
    assert await setup.say("con em 3 tuổi, sđt em 0912345678") == []  # delivered, nothing to add
    relayed = await setup.volunteer_got(4)
    assert "con em 3 tuổi" in relayed and "0912345678" not in relayed


async def test_a_procedure_card_from_the_volunteer_reaches_the_page(setup: Setup) -> None:
    await claimed(setup)
    await setup.volunteer_says("/the đăng ký thường trú")
    [card] = await setup.pushed()
    assert "Đăng ký thường trú" in card["text"]


async def test_closing_asks_the_citizen_and_the_answer_is_recorded(setup: Setup) -> None:
    await claimed(setup)
    await setup.volunteer_says("/dong")
    [closing] = await setup.pushed()
    assert "kết thúc hỗ trợ" in closing["text"]
    up, down = closing["buttons"]
    assert (up["label"], down["label"]) == ("👍", "👎")
    assert "Cảm ơn" in (await setup.press(up["action"]))[0]
    [feedback] = await setup.rig.runtime.storage.feedback_rows()
    assert feedback.positive and feedback.channel == "web"


async def test_an_unclaimed_ticket_times_out_on_the_page(setup: Setup) -> None:
    await ask_for_a_person(setup)
    await asyncio.sleep(0.05)
    assert await setup.rig.runtime.handoff.sweep(claim_timeout_seconds=0.01) == 1
    [timeout] = await setup.pushed()
    assert "chưa có tình nguyện viên nào nhận hỗ trợ kịp" in timeout["text"]


async def test_a_timed_out_citizen_is_offered_a_call_back_and_can_take_it(setup: Setup) -> None:
    await ask_for_a_person(setup)
    await asyncio.sleep(0.05)
    await setup.rig.runtime.handoff.sweep(claim_timeout_seconds=0.01)
    [timeout] = await setup.pushed()
    assert "liên hệ lại" not in timeout["text"]
    [offer] = timeout["buttons"]
    assert "Bạn muốn được gọi lại vào lúc nào?" in (await setup.press(offer["action"]))[-1]
