"""What a citizen writes reaches a volunteer on Telegram (or Zalo) with its bidirectional controls
shown as marks, as the dashboard and the console show them: a right-to-left override in the
citizen's words cannot turn the rest of the volunteer's notice around."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.channels.telegram_harness import TelegramRig
from tests.channels.test_handoff import ANH, CITIZEN, claim_button, link

OVERRIDE = "\u202e"  # RIGHT-TO-LEFT OVERRIDE


@pytest.fixture
async def rig(
    tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> AsyncIterator[TelegramRig]:
    rig = await TelegramRig.open(tmp_path, knowledge)
    yield rig
    await rig.close()


async def test_the_notice_and_the_relayed_words_show_the_override_as_a_mark(
    rig: TelegramRig,
) -> None:
    fake = rig.fake
    await link(rig, ANH, "Anh")
    fake.text(CITIZEN, f"đăng ký thường trú {OVERRIDE}ởđ")
    await fake.wait_sent(CITIZEN, 1)
    fake.text(CITIZEN, "/nguoi")
    await fake.wait_sent(CITIZEN, 2)
    notice = (await fake.wait_sent(ANH, 2))[-1]
    assert "⟦U+202E⟧ởđ" in notice["text"] and OVERRIDE not in notice["text"]
    fake.press(ANH, claim_button(notice))
    await fake.wait_sent(ANH, 3)
    before = len(fake.sent(ANH))
    fake.text(CITIZEN, f"cảm ơn {OVERRIDE}ạ")
    relayed = (await fake.wait_sent(ANH, before + 1))[-1]["text"]
    assert "cảm ơn ⟦U+202E⟧ạ" in relayed and OVERRIDE not in relayed
