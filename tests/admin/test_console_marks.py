"""The volunteers' console shows a citizen's bidirectional controls (and the other invisible
characters the dashboard's pages mark) as visible marks: a message cannot read backwards or hide
part of itself in the queue, the conversation or the live stream."""

from __future__ import annotations

import asyncio
import json

from tests.admin.conftest import Dashboard
from tests.admin.test_console import API, Citizen, api, board, volunteer

OVERRIDE = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: what follows is shown backwards


async def test_the_queue_shows_invisible_characters_as_marks(lite: Dashboard) -> None:
    lan = await volunteer(lite, "lan")
    citizen = Citizen(lite.client())
    await citizen.say(f"làm hộ chiếu {OVERRIDE}gnaht 5 trong")
    await citizen.say("gặp người hỗ trợ")
    shown = json.dumps((await board(lan))["tickets"], ensure_ascii=False)
    assert "⟦U+202E⟧gnaht 5 trong" in shown and OVERRIDE not in shown


async def test_the_conversation_shows_them_as_marks(lite: Dashboard) -> None:
    lan = await volunteer(lite, "lan")
    citizen = Citizen(lite.client())
    await citizen.say("gặp người hỗ trợ")
    [ticket] = (await board(lan))["tickets"]
    assert (await api(lan, f"/tickets/{ticket['id']}/claim"))[0] == 200
    await citizen.say(f"cảm ơn {OVERRIDE}ạ")
    lines = (await board(lan, after=0))["lines"]
    theirs = [x["text"] for x in lines if x["author"] == "citizen"]
    assert theirs == ["cảm ơn ⟦U+202E⟧ạ"]


async def test_the_console_stream_shows_them_as_marks(lite: Dashboard) -> None:
    lan = await volunteer(lite, "lan")
    citizen = Citizen(lite.client())
    await citizen.say(f"hỏi {OVERRIDE}lêt")
    await citizen.say("gặp người hỗ trợ")
    response = await lan.get(API + "/stream")
    assert response.status == 200
    read = b""
    async with asyncio.timeout(10):
        while b"event: board" not in read or not read.endswith(b"\n\n"):
            read += await response.content.readany()
    response.close()
    shown = read.decode()
    assert "⟦U+202E⟧lêt" in shown and OVERRIDE not in shown
