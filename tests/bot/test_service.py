"""The chat service: one citizen's flood costs the others nothing; close waits for turns."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import Settings
from bot.middleware import SLOW_DOWN
from bot.runtime import Runtime
from handlers.events import Incoming
from knowledge.answers import PassageIndex
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.faults.tools import rows


@pytest.fixture
async def runtime(
    db_url: str, tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> AsyncIterator[Runtime]:
    settings = Settings(database_url=db_url, spool_dir=tmp_path / "spool", rate_limit_per_minute=30)
    opened = await Runtime.open(settings, *knowledge)
    try:
        yield opened
    finally:
        await opened.close()


async def test_a_flood_from_one_citizen_does_not_hold_up_another(
    runtime: Runtime, db_url: str
) -> None:
    service = runtime.service
    done: dict[str, float] = {}

    async def flood() -> list[str]:
        turns = await asyncio.gather(
            *(service.handle(Incoming("flood", "web", text="mất mấy ngày?")) for _ in range(400))
        )
        done["flood"] = time.monotonic()
        return [t.replies[0].text for t in turns]

    async def calm() -> None:
        for text in ("đăng ký kết hôn", "mất mấy ngày?", "lệ phí bao nhiêu", "cảm ơn"):
            turn = await service.handle(Incoming("calm", "web", text=text))
            assert turn.replies[0].text != SLOW_DOWN
        done["calm"] = time.monotonic()

    answers, _ = await asyncio.gather(flood(), calm())
    assert done["calm"] < done["flood"]  # not queued behind the flood
    assert answers.count(SLOW_DOWN) == 400 - 30  # the flood is cut at the limit...
    flooded = await rows(db_url, "flood")
    assert (flooded["in"], flooded["version"]) == (30, 30)  # ...and what was cut is not stored
    assert (await rows(db_url, "calm"))["in"] == 4


async def test_close_lets_the_turns_in_flight_finish(runtime: Runtime, db_url: str) -> None:
    texts = ("đăng ký kết hôn", "mất mấy ngày?", "lệ phí bao nhiêu")
    turns = [
        asyncio.create_task(runtime.service.handle(Incoming(f"c{i % 5}", "web", text=t)))
        for i, t in enumerate(texts * 5)
    ]
    await asyncio.sleep(0)  # they have started
    await runtime.close()
    assert all(t.done() and t.result().replies for t in turns)
    assert (await rows(db_url))["in"] == len(turns)


async def test_a_reloaded_knowledge_base_has_its_passage_index_built_off_the_turns(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = KnowledgeStore()
    settings = Settings(database_url=db_url, spool_dir=tmp_path / "spool")
    opened = await Runtime.open(settings, store, LiveMatcher(store))
    builders: list[str] = []
    original = PassageIndex.__init__

    def noted(self: PassageIndex, *args: object, **kwargs: object) -> None:
        builders.append(threading.current_thread().name)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(PassageIndex, "__init__", noted)
    try:
        store.reload()  # a new base: its index starts building at once, in a thread
        await opened.service.handle(Incoming("a", "web", text="đăng ký kết hôn"))
        turn = await opened.service.handle(Incoming("a", "web", text="hết bao nhiêu tiền?"))
    finally:
        await opened.close()
    assert builders == ["passage-index"]  # not built inside a turn, and only once
    assert "đồng" in turn.replies[0].text or "miễn" in turn.replies[0].text.lower()
