"""The database goes away for a while in the middle of conversations (PostgreSQL: its proxy
stops; SQLite: another connection holds the write lock): citizens are still answered, their
conversations go on from memory, and once the database is back the spool is replayed: every
message, unmet request and feedback row is there exactly once, and the state is the latest."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from bot.config import Settings
from bot.http.server import create_app
from bot.runtime import Runtime
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.dbs import BACKENDS
from tests.faults.tools import Citizen, Database, rows, state_of, switchable_database


@pytest.fixture(params=BACKENDS)
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    async with switchable_database(request.param, tmp_path) as database:
        yield database


async def open_app(
    db: Database, tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> tuple[Runtime, TestServer]:
    settings = Settings(
        database_url=db.url,
        spool_dir=tmp_path / "spool",
        database_timeout_seconds=0.5,
        database_retry_seconds=0.1,
        rate_limit_per_minute=10_000,
        address_messages_per_minute=0,
        address_new_ids_per_minute=0,
    )
    runtime = await Runtime.open(settings, *knowledge)
    server = TestServer(create_app(runtime.service, settings), host="127.0.0.1")
    await server.start_server()
    return runtime, server


async def test_answers_flow_through_an_outage_and_the_spool_replays_exactly_once(
    db: Database, tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> None:
    runtime, server = await open_app(db, tmp_path, knowledge)
    try:
        async with aiohttp.ClientSession() as session:
            base = f"http://127.0.0.1:{server.port}"
            anna, bao = Citizen(session, [base], "anna"), Citizen(session, [base], "bao")
            cuong = Citizen(session, [base], "cuong")
            await anna.say("đăng ký kết hôn")
            await anna.press("Danh sách kiểm tra")
            items = anna.buttons("ck:")
            assert len(items) >= 3
            await anna.send({"action": items[0]})
            assert "chưa tìm thấy" in await cuong.say("con mèo nhà tôi bị ốm")

            await db.down()
            text = "\n".join(r["text"] for r in await anna.send({"action": items[1]}))
            assert text.count("✅") == 2  # the checklist goes on from memory
            assert "⏱" in await anna.say("mất mấy ngày?")  # a follow-up: the procedure is known
            await cuong.say("con mèo nhà tôi bị ốm")  # the same unmet request: stored once
            await bao.say("đăng ký kết hôn")  # first seen during the outage
            assert "Cảm ơn" in await bao.press("👍")
            assert not runtime.turns.up and runtime.turns.spooled >= 5
            assert list((tmp_path / "spool").glob("*/seg-*.jsonl"))

            await db.up()
            assert await runtime.turns.wait_up(30), "the spool was not replayed"
            citizens = (anna, bao, cuong)
            answered = sum(c.answered for c in citizens)
            replies = sum(c.replies for c in citizens)
            assert await rows(db.direct) == {
                "in": answered,
                "out": replies,
                "events": answered + replies,
                "unmet": 1,
                "feedback": 1,
                "version": answered,  # every turn's state, applied once, in order
            }
            assert len((await state_of(db.direct, "anna"))["have"]) == 2
            text = "\n".join(r["text"] for r in await anna.send({"action": items[2]}))
            assert text.count("✅") == 3  # and on, from the database again
        assert not list((tmp_path / "spool").glob("*/seg-*.jsonl"))
    finally:
        await server.close()
        await runtime.close()


async def test_close_during_an_outage_keeps_the_spool_for_the_next_start(
    db: Database, tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> None:
    runtime, server = await open_app(db, tmp_path, knowledge)
    async with aiohttp.ClientSession() as session:
        chi = Citizen(session, [f"http://127.0.0.1:{server.port}"], "chi")
        await chi.say("đăng ký kết hôn")
        await db.down()
        await chi.say("mất mấy ngày?")
        await chi.say("lệ phí bao nhiêu")
    await server.close()
    await runtime.close()  # the database is still down: the spool stays
    assert list((tmp_path / "spool").glob("*/seg-*.jsonl"))
    await db.up()
    runtime, server = await open_app(db, tmp_path, knowledge)  # the next start replays it
    try:
        assert await rows(db.direct, "chi") | {"events": 0} == {
            "in": 3,
            "out": chi.replies,
            "events": 0,
            "unmet": 0,
            "feedback": 0,
            "version": 3,
        }
        assert not list((tmp_path / "spool").glob("*/seg-*.jsonl"))
    finally:
        await server.close()
        await runtime.close()


async def test_metrics_show_the_outage_and_the_replay(
    db: Database, tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> None:
    from prometheus_client.parser import text_string_to_metric_families

    async def scrape(session: aiohttp.ClientSession, base: str) -> dict[str, float]:
        async with session.get(base + "/metrics") as response:
            assert response.status == 200
            text = await response.text()
        return {
            s.name + "".join(f"[{v}]" for v in s.labels.values()): s.value
            for family in text_string_to_metric_families(text)
            for s in family.samples
            if s.name.startswith(("motcua_database_up", "motcua_spool"))
        }

    runtime, server = await open_app(db, tmp_path, knowledge)
    try:
        async with aiohttp.ClientSession() as session:
            base = f"http://127.0.0.1:{server.port}"
            citizen = Citizen(session, [base], "dung")
            await citizen.say("đăng ký tạm trú")
            seen = await scrape(session, base)
            assert seen["motcua_database_up"] == 1
            spooled_before = seen.get("motcua_spool_write_sets[spooled]", 0)
            await db.down()
            await citizen.say("mất mấy ngày?")
            await citizen.say("lệ phí bao nhiêu?")
            seen = await scrape(session, base)
            assert seen["motcua_database_up"] == 0
            assert seen["motcua_spool_write_sets[spooled]"] == spooled_before + 2
            await db.up()
            assert await runtime.turns.wait_up(30)
            seen = await scrape(session, base)
            assert seen["motcua_database_up"] == 1
            assert seen["motcua_spool_write_sets[replayed]"] >= 2
    finally:
        await server.close()
        await runtime.close()
