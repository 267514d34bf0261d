"""A citizen asks for erasure while a volunteer holds their ticket: the request reaches motcua,
not the volunteer; once confirmed the ticket's relayed text goes and the volunteer is told."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.handoff.models import Ticket
from tests.web.test_web_handoff import Setup, claimed, setup  # noqa: F401


async def tickets(s: Setup) -> int:
    async with s.rig.runtime.storage.engine.connect() as connection:
        return int(await connection.scalar(select(func.count(Ticket.id))) or 0)


async def test_erasure_mid_handoff_is_answered_by_motcua_and_closes_the_ticket(
    setup: Setup,  # noqa: F811
) -> None:
    await claimed(setup)
    [asked] = await setup.say("/xoadulieu")
    assert "không khôi phục" in asked  # motcua asked; nothing went to the volunteer
    assert await tickets(setup) == 1
    [done] = await setup.press("pv:erase")
    assert done.startswith("Đã xóa dữ liệu của bạn") and "yêu cầu gặp người hỗ trợ" in done
    assert await tickets(setup) == 0
    told = await setup.volunteer_got(4)
    assert "đã xóa dữ liệu của họ" in told


async def test_keeping_mid_handoff_leaves_the_ticket(setup: Setup) -> None:  # noqa: F811
    await claimed(setup)
    await setup.say("xóa dữ liệu của tôi")
    [kept] = await setup.press("pv:keep")
    assert "vẫn được giữ" in kept and await tickets(setup) == 1
