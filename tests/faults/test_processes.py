"""Real ``python -m bot run`` processes: two instances on one database hammering one citizen,
learned aliases reaching the other instance, and ``kill -9`` (with and without a spool).

Every test runs on SQLite and PostgreSQL. A citizen counts what it was answered; the database
must then hold exactly one ``in`` row per answer and one ``out`` row per reply, and the state's
``version`` must equal the number of turns (each turn's state applied once, on top of the one
before: a lost update would leave it short).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.storage.alias_repo import AliasRepo
from bot.storage.database import create_engine
from tests.dbs import BACKENDS
from tests.faults.tools import Bot, Citizen, Database, rows, state_of, switchable_database

UNMET_QUESTION = "giấy tờ khi đón con chào đời"  # unmet in the knowledge base as shipped


@pytest.fixture(params=BACKENDS)
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    async with switchable_database(request.param, tmp_path) as database:
        yield database


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as client:
        yield client


async def bots(db: Database, tmp_path: Path, count: int) -> list[Bot]:
    started = []
    for i in range(count):  # one after the other: the first one creates the schema
        started.append(await Bot(db.url, tmp_path / f"bot{i}").start())
    return started


async def test_two_instances_hammering_one_citizen_lose_no_update(
    db: Database, tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    a, b = await bots(db, tmp_path, 2)
    try:
        citizen = Citizen(session, [a.base, b.base], "hammered")
        await citizen.say("đăng ký kết hôn", a.base)
        await citizen.press("Danh sách kiểm tra", a.base)
        items = citizen.buttons("ck:")
        assert len(items) >= 4
        for ticked in (len(items), 0):  # tick every item at once, then untick them all
            await asyncio.gather(*(citizen.send({"action": item}) for item in items))
            assert len((await state_of(db.direct, "hammered"))["have"]) == ticked
        await asyncio.gather(*(citizen.say("mất mấy ngày?") for _ in range(40)))
        assert await rows(db.direct) == {
            "in": citizen.answered,
            "out": citizen.replies,
            "events": citizen.answered + citizen.replies,
            "unmet": 0,
            "feedback": 0,
            "version": citizen.answered,
        }
    finally:
        for bot in (a, b):
            await bot.stop()
    assert all("kept changing" not in bot.log.read_text() for bot in (a, b))


async def test_a_learned_alias_reaches_the_other_instance(
    db: Database, tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    [other] = await bots(db, tmp_path, 1)
    try:
        citizen = Citizen(session, [other.base], "alias")
        assert "chưa tìm thấy" in await citizen.say(UNMET_QUESTION)
        engine = create_engine(db.direct)  # the dashboard of another instance learns it
        try:
            await AliasRepo(engine).add_alias("dang-ky-khai-sinh", UNMET_QUESTION, "an")
        finally:
            await engine.dispose()
        for _ in range(50):  # LEARNED_ALIASES_REFRESH_SECONDS=0.5 in tests.faults.tools.Bot
            if "Đăng ký khai sinh" in await citizen.say(UNMET_QUESTION):
                break
            await asyncio.sleep(0.2)
        else:
            raise AssertionError("the other instance never picked the alias up")
    finally:
        await other.stop()


async def test_kill_9_mid_conversation_then_restart_resumes_the_state(
    db: Database, tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    [bot] = await bots(db, tmp_path, 1)
    citizen = Citizen(session, [bot.base], "killed")
    try:
        await citizen.say("đăng ký kết hôn")
        await citizen.press("Danh sách kiểm tra")
        items = citizen.buttons("ck:")
        for item in items[:2]:
            await citizen.send({"action": item})
        acknowledged = citizen.answered
        in_flight = [asyncio.create_task(citizen.say("mất mấy ngày?")) for _ in range(6)]
        await asyncio.sleep(0.05)
        bot.kill()  # kill -9 while some of those are being answered
        results = await asyncio.gather(*in_flight, return_exceptions=True)
        acknowledged += sum(not isinstance(r, BaseException) for r in results)
        await bot.start()  # the same port, database and spool directory
        counted = await rows(db.direct, "killed")
        # Each turn is one transaction: its rows and its state, or nothing of it.
        assert acknowledged <= counted["in"] <= acknowledged + len(in_flight)
        assert (
            counted["version"] == counted["in"]
            and counted["events"] == counted["in"] + counted["out"]
        )
        assert len((await state_of(db.direct, "killed"))["have"]) == 2
        text = "\n".join(r["text"] for r in await citizen.send({"action": items[2]}))
        assert text.count("✅") == 3
    finally:
        await bot.stop()


async def test_kill_9_during_an_outage_loses_nothing_of_the_spool(
    db: Database, tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    [bot] = await bots(db, tmp_path, 1)
    citizen = Citizen(session, [bot.base], "spooled")
    try:
        await citizen.say("đăng ký kết hôn")
        await citizen.press("Danh sách kiểm tra")
        items = citizen.buttons("ck:")
        await citizen.send({"action": items[0]})
        await db.down()
        await citizen.send({"action": items[1]})  # answered; its write set is in the spool
        assert "⏱" in await citizen.say("mất mấy ngày?")
        await citizen.say(UNMET_QUESTION)
        bot.kill()
        await db.up()
        await bot.start()  # replays the dead process's spool before serving
        assert await rows(db.direct, "spooled") == {
            "in": citizen.answered,
            "out": citizen.replies,
            "events": citizen.answered + citizen.replies,
            "unmet": 1,
            "feedback": 0,
            "version": citizen.answered,
        }
        assert len((await state_of(db.direct, "spooled"))["have"]) == 2
        assert not list((tmp_path / "bot0" / "spool").glob("*/seg-*.jsonl"))
    finally:
        await bot.stop()
