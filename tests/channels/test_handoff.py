"""Human handoff end to end through the fake Telegram server: invites, claim race, relay both
ways, a procedure card from the volunteer, closing with feedback, and the time-out path."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.handoff.repo import HandoffRepo
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.channels.telegram_harness import TelegramRig
from tests.rows import feedback_rows

CITIZEN, ANH, BINH = 9001, 9101, 9102


@pytest.fixture
async def rig(
    tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> AsyncIterator[TelegramRig]:
    rig = await TelegramRig.open(tmp_path, knowledge)
    yield rig
    await rig.close()


async def link(rig: TelegramRig, chat: int, name: str) -> None:
    code = await HandoffRepo(rig.runtime.storage.engine).invite(name)
    before = len(rig.fake.sent(chat))
    rig.fake.text(chat, f"/tinhnguyen {code}")
    sent = await rig.fake.wait_sent(chat, before + 1)
    assert "tình nguyện viên" in sent[-1]["text"]


def claim_button(message: dict) -> str:
    [button] = [b for row in message["reply_markup"]["inline_keyboard"] for b in row]
    assert button["text"] == "Nhận hỗ trợ"
    return str(button["callback_data"])


async def ask_for_a_person(rig: TelegramRig) -> None:
    rig.fake.text(CITIZEN, "đăng ký thường trú cho con")
    await rig.fake.wait_sent(CITIZEN, 1)
    rig.fake.text(CITIZEN, "/nguoi")
    sent = await rig.fake.wait_sent(CITIZEN, 2)
    assert "người đang trực" in sent[-1]["text"]


async def test_invite_code_is_single_use(rig: TelegramRig) -> None:
    code = await HandoffRepo(rig.runtime.storage.engine).invite("Anh")
    rig.fake.text(ANH, f"/tinhnguyen {code}")
    rig.fake.text(BINH, f"/tinhnguyen {code}")
    assert "tình nguyện viên" in (await rig.fake.wait_sent(ANH, 1))[0]["text"]
    assert "không đúng" in (await rig.fake.wait_sent(BINH, 1))[0]["text"]


async def test_two_volunteers_press_at_once_exactly_one_wins(rig: TelegramRig) -> None:
    await link(rig, ANH, "Anh")
    await link(rig, BINH, "Bình")
    await ask_for_a_person(rig)
    notice_anh = (await rig.fake.wait_sent(ANH, 2))[-1]
    notice_binh = (await rig.fake.wait_sent(BINH, 2))[-1]
    assert "thường trú" in notice_anh["text"]
    rig.fake.press(ANH, claim_button(notice_anh))
    rig.fake.press(BINH, claim_button(notice_binh))
    anh, binh = (await rig.fake.wait_sent(ANH, 3))[-1], (await rig.fake.wait_sent(BINH, 3))[-1]
    results = sorted(["won" if "Bạn đã nhận" in m["text"] else "lost" for m in (anh, binh)])
    assert results == ["lost", "won"]
    loser = anh if "đã có người khác nhận" in anh["text"] else binh
    assert "đã có người khác nhận" in loser["text"]
    citizen = await rig.fake.wait_sent(CITIZEN, 3)
    assert "đã nhận hỗ trợ bạn" in citizen[-1]["text"]


async def test_relay_both_ways_card_close_and_feedback(rig: TelegramRig) -> None:
    fake = rig.fake
    await link(rig, ANH, "Anh")
    await ask_for_a_person(rig)
    fake.press(ANH, claim_button((await fake.wait_sent(ANH, 2))[-1]))
    won = (await fake.wait_sent(ANH, 3))[-1]["text"]
    assert "Bạn đã nhận phiếu" in won and "thường trú" in won  # context of the conversation
    await fake.wait_sent(CITIZEN, 3)
    fake.text(CITIZEN, "con em 3 tuổi, sđt em 0912345678")
    relayed = (await fake.wait_sent(ANH, 4))[-1]["text"]
    assert "con em 3 tuổi" in relayed and "0912345678" not in relayed
    fake.text(ANH, "Chào chị, em gửi hướng dẫn ngay ạ")
    assert "Chào chị" in (await fake.wait_sent(CITIZEN, 4))[-1]["text"]
    fake.text(ANH, "/the đăng ký thường trú")
    card = (await fake.wait_sent(CITIZEN, 5))[-1]["text"]
    assert "Đăng ký thường trú" in card
    fake.text(ANH, "/dong")
    closing = (await fake.wait_sent(CITIZEN, 6))[-1]
    assert "kết thúc hỗ trợ" in closing["text"]
    [up, _] = [b for row in closing["reply_markup"]["inline_keyboard"] for b in row]
    fake.press(CITIZEN, up["callback_data"])
    assert "Cảm ơn" in (await fake.wait_sent(CITIZEN, 7))[-1]["text"]
    [feedback] = await feedback_rows(rig.runtime.storage)
    assert feedback.positive and feedback.reason and "phiếu" in feedback.reason
    fake.text(CITIZEN, "mất mấy ngày?")  # the bot takes over again
    assert (await fake.wait_sent(CITIZEN, 8))[-1]["text"].startswith("<b>⏱")


async def test_no_volunteer_on_duty_is_said_honestly_and_kept(rig: TelegramRig) -> None:
    await link(rig, ANH, "Anh")
    rig.fake.text(ANH, "/nghi")
    await rig.fake.wait_sent(ANH, 2)
    rig.fake.text(CITIZEN, "tôi ở phường Mẫu")
    await rig.fake.wait_sent(CITIZEN, 2)  # "noted" and "what do you need?"
    rig.fake.text(CITIZEN, "gặp người hỗ trợ")
    text = (await rig.fake.wait_sent(CITIZEN, 3))[-1]["text"]
    assert "chưa có tình nguyện viên nào đang trực" in text
    assert "Trung tâm Phục vụ hành chính công phường Mẫu" in text  # the centre and its hours
    [request] = await rig.runtime.storage.unmet_requests()
    assert request.reason == "handoff"


async def test_unclaimed_ticket_times_out_with_an_honest_message(rig: TelegramRig) -> None:
    await link(rig, ANH, "Anh")
    await ask_for_a_person(rig)
    notice = (await rig.fake.wait_sent(ANH, 2))[-1]
    await asyncio.sleep(0.05)
    assert await rig.runtime.handoff.sweep(claim_timeout_seconds=0.01) == 1
    assert "chưa có tình nguyện viên nào nhận" in (await rig.fake.wait_sent(CITIZEN, 3))[-1]["text"]
    rig.fake.press(ANH, claim_button(notice))
    assert "không còn chờ" in (await rig.fake.wait_sent(ANH, 3))[-1]["text"]
    assert len(await rig.runtime.storage.unmet_requests()) == 1  # the request is kept


async def test_volunteer_lookup_answers_without_a_ticket(rig: TelegramRig) -> None:
    await link(rig, ANH, "Anh")
    rig.fake.text(ANH, "/tra làm lại căn cước bị mất")
    text = (await rig.fake.wait_sent(ANH, 2))[-1]["text"]
    assert "căn cước" in text.lower()
    assert await HandoffRepo(rig.runtime.storage.engine).queue() == []
