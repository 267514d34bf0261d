"""The volunteers' web console over HTTP, through the real app: a web citizen asks for a person,
a volunteer signed in to the dashboard sees the ticket, claims it, talks with the citizen, sends a
procedure section and closes; the citizen reads it all through the web chat's own endpoints."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import aiohttp
from sqlalchemy import update

from bot.handoff.models import Ticket
from bot.handoff.repo import HandoffRepo
from tests.admin.conftest import Client, Dashboard

CITIZEN = "3d9b7c1e-6a2f-4e8d-b5c0-9f1a7e2d4c68"
API = "/admin/api/console"
HOAN_KIEM = 70  # official code of Phường Hoàn Kiếm, Thành phố Hà Nội
WITHIN = 2.0


class Citizen:
    def __init__(self, client: Client, user: str = CITIZEN) -> None:
        self.client, self.user, self.after = client, user, 0

    async def say(self, text: str) -> str:
        return await self.client.chat(self.user, text)

    async def press(self, action: str) -> str:
        url = self.client.url("/api/chat")
        response = await self.client.session.post(url, json={"user": self.user, "action": action})
        return "\n".join(r["text"] for r in (await response.json())["replies"])

    async def pushed(self) -> list[dict[str, Any]]:
        response = await self.client.get(
            "/api/chat/updates", params={"user": self.user, "after": str(self.after)}
        )
        body = await response.json()
        self.after = body["after"]
        return list(body["replies"])


async def volunteer(dash: Dashboard, name: str, commune: int | None = None) -> Client:
    client = await dash.signed_in(name, "volunteer", commune=commune)
    page = await client.page("/admin/console")
    assert "Bàn hỗ trợ trực tuyến" in page
    return client


async def api(client: Client, path: str, **form: str) -> tuple[int, dict[str, Any]]:
    response = await client.post(API + path, form)
    return response.status, await response.json()


async def board(client: Client, after: int | None = None) -> dict[str, Any]:
    params = {"after": str(after)} if after is not None else {}
    response = await client.get(API + "/board", params=params)
    assert response.status == 200
    return dict(await response.json())


async def ask_for_a_person(dash: Dashboard, user: str = CITIZEN) -> tuple[Citizen, int]:
    citizen = Citizen(dash.client(), user)
    await citizen.say("đăng ký thường trú cho con, số em 0912345678")
    await citizen.say("gặp người hỗ trợ")
    ticket = await HandoffRepo(dash.storage.engine).active_for_citizen(
        (await HandoffRepo(dash.storage.engine).queue())[-1].citizen_id
    )
    assert ticket is not None
    return citizen, ticket.id


async def claimed(dash: Dashboard) -> tuple[Client, Citizen, int]:
    lan = await volunteer(dash, "lan")
    citizen, ticket = await ask_for_a_person(dash)
    status, body = await api(lan, f"/tickets/{ticket}/claim")
    assert status == 200, body
    return lan, citizen, ticket


async def test_a_volunteer_on_duty_counts_and_the_queue_shows_the_ticket_masked(
    dash: Dashboard,
) -> None:
    lan = await volunteer(dash, "lan")
    assert (await api(lan, "/duty", on="1"))[0] == 200
    citizen = Citizen(dash.client())
    await citizen.say("đăng ký thường trú cho con, số em 0912345678")
    assert "1 người đang trực" in await citizen.say("gặp người hỗ trợ")
    [ticket] = (await board(lan))["tickets"]
    assert ticket["status"] == "open" and ticket["channel"] == "Web"
    shown = json.dumps(ticket, ensure_ascii=False)
    assert "đăng ký thường trú" in shown and "0912345678" not in shown


async def test_the_claim_greets_the_citizen_on_their_channel(dash: Dashboard) -> None:
    lan, citizen, _ = await claimed(dash)
    [greeting] = await citizen.pushed()
    assert (
        greeting["text"] == "Tình nguyện viên lan đã nhận hỗ trợ bạn. Bạn cứ nhắn tiếp ở đây nhé."
    )
    [shown] = (await board(lan))["tickets"]
    assert shown["mine"] and shown["holder"] == "lan"


async def test_a_second_claim_fails_cleanly_and_the_first_keeps_the_ticket(
    dash: Dashboard,
) -> None:
    _, _, ticket = await claimed(dash)
    minh = await volunteer(dash, "minh")
    status, body = await api(minh, f"/tickets/{ticket}/claim")
    assert status == 409
    assert body["error"] == f"Phiếu #{ticket} đã có người khác nhận rồi."
    [shown] = (await board(minh))["tickets"]
    assert shown["holder"] == "lan" and not shown["mine"]


async def test_simultaneous_claims_have_one_winner(dash: Dashboard) -> None:
    clients = [await volunteer(dash, f"tnv-{i}") for i in range(4)]
    _, ticket = await ask_for_a_person(dash)
    results = await asyncio.gather(*(api(c, f"/tickets/{ticket}/claim") for c in clients))
    assert sorted(status for status, _ in results) == [200, 409, 409, 409]


async def test_words_go_both_ways_and_the_console_keeps_them_masked(dash: Dashboard) -> None:
    lan, citizen, ticket = await claimed(dash)
    await citizen.pushed()
    assert (await api(lan, f"/tickets/{ticket}/messages", text="Chào chị, em giúp ạ"))[0] == 200
    [words] = await citizen.pushed()
    assert words["text"] == "🙋 Tình nguyện viên lan: Chào chị, em giúp ạ"
    assert await citizen.say("cảm ơn em, sđt chị 0987654321") == ""  # delivered, nothing to add
    lines = (await board(lan, after=0))["lines"]
    said = [(x["author"], x["text"]) for x in lines]
    assert ("volunteer", "Chào chị, em giúp ạ") in said
    [(_, theirs)] = [x for x in said if x[0] == "citizen"]
    assert "cảm ơn em" in theirs and "0987654321" not in theirs


async def test_a_section_reaches_the_citizen(dash: Dashboard) -> None:
    lan, citizen, ticket = await claimed(dash)
    await citizen.pushed()
    proc = next(iter(dash.knowledge[0].current.procedures.values()))
    status, body = await api(lan, f"/tickets/{ticket}/section", procedure=proc.id, section="card")
    assert status == 200, body
    [card] = await citizen.pushed()
    assert proc.title in card["text"]


async def test_closing_asks_the_citizen_to_rate_and_the_rating_is_recorded(
    dash: Dashboard,
) -> None:
    lan, citizen, ticket = await claimed(dash)
    await citizen.pushed()
    assert (await api(lan, f"/tickets/{ticket}/close"))[0] == 200
    [closing] = await citizen.pushed()
    assert "kết thúc hỗ trợ" in closing["text"]
    up, _ = closing["buttons"]
    assert "Cảm ơn" in await citizen.press(up["action"])
    [feedback] = await dash.storage.feedback_rows()
    assert feedback.positive and feedback.channel == "web"
    assert (await board(lan))["tickets"] == []


async def test_forged_ticket_ids_get_404(lite: Dashboard) -> None:
    lan = await volunteer(lite, "lan")
    for raw in ("abc", "99999", "9" * 40, "-1", "1.5"):
        status, body = await api(lan, f"/tickets/{raw}/claim")
        assert (status, body["error"]) == (404, "Không có phiếu này."), raw


async def test_claiming_a_closed_ticket_fails_cleanly(lite: Dashboard) -> None:
    lan, _, ticket = await claimed(lite)
    assert (await api(lan, f"/tickets/{ticket}/close"))[0] == 200
    minh = await volunteer(lite, "minh")
    status, body = await api(minh, f"/tickets/{ticket}/claim")
    assert (status, body["error"]) == (409, f"Phiếu #{ticket} không còn chờ hỗ trợ.")
    status, body = await api(lan, f"/tickets/{ticket}/messages", text="còn đó không?")
    assert status == 409 and "không giữ phiếu này" in body["error"]


async def test_a_huge_message_is_refused_and_nothing_is_sent(lite: Dashboard) -> None:
    lan, citizen, ticket = await claimed(lite)
    await citizen.pushed()
    status, body = await api(lan, f"/tickets/{ticket}/messages", text="a" * 2001)
    assert status == 413 and "2000" in body["error"]
    response = await lan.post(API + f"/tickets/{ticket}/messages", {"text": "a" * 100_000})
    assert response.status == 413
    assert await citizen.pushed() == []


async def test_an_empty_message_is_refused(lite: Dashboard) -> None:
    lan, _, ticket = await claimed(lite)
    assert await api(lan, f"/tickets/{ticket}/messages", text="   ") == (
        400,
        {"error": "Tin nhắn trống."},
    )


async def test_a_post_without_the_csrf_token_is_refused(lite: Dashboard) -> None:
    lan = await volunteer(lite, "lan")
    _, ticket = await ask_for_a_person(lite)
    response = await lan.post(API + f"/tickets/{ticket}/claim", {}, csrf=False)
    assert response.status == 403
    assert (await board(lan))["tickets"][0]["status"] == "open"


async def test_a_volunteer_of_another_ward_neither_sees_nor_claims(lite: Dashboard) -> None:
    _, ticket = await ask_for_a_person(lite)
    async with lite.storage.engine.begin() as conn:
        await conn.execute(
            update(Ticket)
            .where(Ticket.id == ticket)
            .values(locality="Phường Ba Đình, Thành phố Hà Nội")
        )
    other = await volunteer(lite, "hoa", commune=HOAN_KIEM)
    assert (await board(other))["tickets"] == []
    status, body = await api(other, f"/tickets/{ticket}/claim")
    assert status == 403 and "xã, phường khác" in body["error"]
    anyone = await volunteer(lite, "lan")
    assert [t["id"] for t in (await board(anyone))["tickets"]] == [ticket]


async def test_a_volunteer_of_the_tickets_ward_claims_it(lite: Dashboard) -> None:
    _, ticket = await ask_for_a_person(lite)
    async with lite.storage.engine.begin() as conn:
        await conn.execute(
            update(Ticket)
            .where(Ticket.id == ticket)
            .values(locality="Phường Hoàn Kiếm, Thành phố Hà Nội")
        )
    hoa = await volunteer(lite, "hoa", commune=HOAN_KIEM)
    assert (await api(hoa, f"/tickets/{ticket}/claim"))[0] == 200


async def test_roles_without_the_handoff_cannot_open_the_console(lite: Dashboard) -> None:
    reviewer = await lite.signed_in("kiem-tra", "reviewer")
    assert (await reviewer.get("/admin/console")).status == 403
    assert (await reviewer.get(API + "/board")).status == 403
    anonymous = lite.client()
    assert (await anonymous.get(API + "/board")).status == 401


async def _events(response: aiohttp.ClientResponse, wanted: str, timeout: float = WITHIN) -> Any:
    """Read the console stream until an event named ``wanted``; its data."""
    deadline = time.monotonic() + timeout
    name = ""
    while True:
        left = deadline - time.monotonic()
        assert left > 0, f"no {wanted} event in time"
        line = (await asyncio.wait_for(response.content.readline(), left)).decode().strip()
        if line.startswith("event: "):
            name = line.removeprefix("event: ")
        elif line.startswith("data: ") and name == wanted:
            return json.loads(line.removeprefix("data: "))


async def test_the_console_stream_shows_a_new_ticket_and_the_citizens_words_at_once(
    dash: Dashboard,
) -> None:
    lan = await volunteer(dash, "lan")
    assert (await api(lan, "/duty", on="1"))[0] == 200
    stream = await lan.get(API + "/stream")
    assert stream.status == 200
    assert (await _events(stream, "board"))["tickets"] == []
    started = time.monotonic()
    citizen, ticket = await ask_for_a_person(dash)
    while not (await _events(stream, "board"))["tickets"]:
        pass
    assert time.monotonic() - started < WITHIN + 1  # the two chat turns included
    assert (await api(lan, f"/tickets/{ticket}/claim"))[0] == 200
    started = time.monotonic()
    await citizen.say("chị cần làm gấp")
    line = await _events(stream, "line")
    while line["author"] != "citizen":
        line = await _events(stream, "line")
    assert line["text"] == "chị cần làm gấp" and line["ticket"] == ticket
    assert time.monotonic() - started < WITHIN
    stream.close()


async def test_an_unknown_procedure_or_section_is_refused_and_nothing_is_sent(
    lite: Dashboard,
) -> None:
    lan, citizen, ticket = await claimed(lite)
    await citizen.pushed()
    proc = next(iter(lite.knowledge[0].current.procedures))
    path = f"/tickets/{ticket}/section"
    assert await api(lan, path, procedure="khong-co", section="card") == (
        400,
        {"error": "Hãy chọn một thủ tục."},
    )
    assert await api(lan, path, procedure=proc, section="khong-co") == (
        400,
        {"error": "Thủ tục này không có phần đã chọn."},
    )
    assert await citizen.pushed() == []
