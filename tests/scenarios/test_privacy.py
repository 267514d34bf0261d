"""A citizen's data rights over ``POST /api/chat``, on SQLite and PostgreSQL: the notice, what
is stored, erasure with confirmation (their words leave every table, another citizen's stay),
and requests that must change nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from bot.storage.admin_models import AuditEntry
from bot.storage.models import Message
from bot.storage.schema import metadata
from bot.storage.stats_repo import StatsRepo, local_today
from bot.web.outbox import Outbox
from handlers.events import Reply
from tests.scenarios.conftest import Chat, Harness

A, B = "dan-a-7f3e", "dan-b-9c1d"
A_WORDS = ("mèo vằn", "cây khế nhà tôi", "góp ý khế chua")
B_WORDS = ("chó đốm", "cây bưởi nhà tôi", "góp ý bưởi ngọt")


async def everything(harness: Harness) -> str:
    """Every row of every table, as one lower-case text."""
    rows: list[str] = []
    async with harness.storage.engine.connect() as connection:
        for table in metadata.sorted_tables:
            rows += [repr(tuple(row)) for row in await connection.execute(select(table))]
    return "\n".join(rows).lower()


async def converse(chat: Chat, harness: Harness, words: tuple[str, str, str]) -> None:
    """Leave a trace in every kind of row: messages, state, unmet request, feedback with a typed
    reason, a handoff ticket, the web outbox."""
    await chat.say(f"con {words[0]} bị lạc thì báo ở đâu")  # unmet
    await chat.say(f"{words[1]} muốn làm hộ chiếu")
    await chat.press("👎")
    await chat.say(words[2])  # the reason, typed
    await chat.say(f"gặp người hỗ trợ về {words[1]}")
    await chat.say("gặp người hỗ trợ")
    await Outbox(harness.storage.engine).put(chat.user, (Reply(f"tin cho {words[0]}"),))


async def test_erasure_in_the_web_chat_leaves_none_of_their_words(
    chat: Chat, harness: Harness
) -> None:
    chat.user = A
    await converse(chat, harness, A_WORDS)
    other = Chat(chat.client, B)
    await converse(other, harness, B_WORDS)
    before = await everything(harness)
    assert all(w in before for w in (*A_WORDS, *B_WORDS, A, B))

    asked = await chat.say("xóa dữ liệu của tôi")
    assert "không khôi phục" in asked and chat.labels == ["🗑 Xóa dữ liệu của tôi", "Không xóa"]
    done = await chat.press("Xóa dữ liệu")
    assert done.startswith("Đã xóa dữ liệu của bạn") and "tin nhắn" in done

    after = await everything(harness)
    assert not [w for w in (*A_WORDS, A) if w in after]
    assert all(w in after for w in (*B_WORDS, B))
    async with harness.storage.engine.connect() as connection:
        audit = (
            await connection.execute(select(AuditEntry).where(AuditEntry.action == "privacy.erase"))
        ).one()
    assert audit.target == "web" and '"via": "chat"' in audit.detail


async def test_erasure_leaves_todays_statistics_unchanged(chat: Chat, harness: Harness) -> None:
    chat.user = A
    await converse(chat, harness, A_WORDS)
    await Chat(chat.client, B).say("làm hộ chiếu")
    stats = StatsRepo(harness.storage.engine)
    today = local_today()
    await chat.say("/xoadulieu")
    before = await stats.report(today - timedelta(days=1), today)
    await chat.press("Xóa dữ liệu")  # the confirmation itself is not logged
    after = await stats.report(today - timedelta(days=1), today)
    assert after.days == before.days and after.total == before.total
    assert after.channels == before.channels and after.procedures == before.procedures
    assert after.feedback.keys() == before.feedback.keys()


async def test_keeping_erases_nothing(chat: Chat, harness: Harness) -> None:
    chat.user = A
    await converse(chat, harness, A_WORDS)
    await chat.say("/xoadulieu")
    assert "vẫn được giữ" in await chat.press("Không xóa")
    stored = await everything(harness)
    assert all(w in stored for w in A_WORDS)


async def test_a_repeated_request_is_answered_and_deletes_nothing_else(
    chat: Chat, harness: Harness
) -> None:
    chat.user = A
    await chat.say(f"{A_WORDS[1]} muốn làm hộ chiếu")
    await Chat(chat.client, B).say(f"{B_WORDS[1]} muốn làm hộ chiếu")
    await chat.say("/xoadulieu")
    button = next(b["action"] for b in chat.buttons if "Xóa" in b["label"])
    await chat.post({"user": A, "action": button})
    rows = await message_count(harness)
    again = await chat.post({"user": A, "action": button})  # the old button, pressed again
    assert again[0]["text"].startswith("motcua không còn lưu dữ liệu nào của bạn")
    assert await message_count(harness) == rows
    assert B_WORDS[1] in await everything(harness)


async def test_an_unknown_citizen_is_told_nothing_is_stored(chat: Chat, harness: Harness) -> None:
    await Chat(chat.client, B).say(f"{B_WORDS[1]} muốn làm hộ chiếu")
    rows = await message_count(harness)
    replies = await chat.post({"user": "never-seen", "action": "pv:erase"})
    assert replies[0]["text"].startswith("motcua không còn lưu dữ liệu nào của bạn")
    assert await message_count(harness) == rows


async def test_what_is_stored_is_shown_masked(chat: Chat, harness: Harness) -> None:
    chat.user = A
    await chat.say("số điện thoại 0912345678, làm hộ chiếu")
    shown = await chat.say("/dulieu")
    assert "tin nhắn" in shown and "làm hộ chiếu" in shown
    assert "0912345678" not in shown and "Gõ /xoadulieu" in shown
    assert "0912345678" not in await everything(harness)


async def test_nothing_stored_is_said_plainly(chat: Chat) -> None:
    replies = await chat.post({"user": A, "action": "pv:data"})
    assert replies[0]["text"].startswith("motcua không lưu dữ liệu nào của bạn")


async def test_the_first_answer_carries_the_notice_once(chat: Chat) -> None:
    first = await chat.say("làm hộ chiếu")
    assert "🔒 motcua lưu tin nhắn của bạn" in first and "/quyen-rieng-tu" in first
    assert chat.buttons  # the answer keeps its buttons
    assert "🔒" not in await chat.say("hết bao nhiêu tiền")


async def message_count(harness: Harness) -> Any:
    async with harness.storage.engine.connect() as connection:
        return await connection.scalar(select(func.count(Message.id)))


async def test_a_number_typed_with_odd_spaces_is_stored_masked(
    chat: Chat, harness: Harness
) -> None:
    chat.user = A
    await chat.say("sđt của tôi 0912\u00a0345\u200b678, cccd 001  203  004  567, làm hộ chiếu")
    async with harness.storage.engine.connect() as connection:
        query = select(Message.text).where(Message.direction == "in")
        [stored] = (await connection.execute(query)).scalars()
    assert stored == "sđt của tôi *******678, cccd *********567, làm hộ chiếu"


async def test_a_card_number_typed_in_groups_is_stored_masked(chat: Chat, harness: Harness) -> None:
    chat.user = A
    await chat.say("chuyển lệ phí từ thẻ 9704 1234 5678 9012 được không")
    async with harness.storage.engine.connect() as connection:
        query = select(Message.text).where(Message.direction == "in")
        [stored] = (await connection.execute(query)).scalars()
    assert stored == "chuyển lệ phí từ thẻ *************012 được không"
