"""A citizen's home address or birth date, typed into the web chat, reaches no table whole: the
house number, the day and the month are masked."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient

USER = "dia-chi-0123456789abcdefghij"
ADDRESS = "nhà số 15 ngõ 7 Trần Phú"


def every_text(database: Path) -> str:
    """Every row of every table, as one text."""
    with sqlite3.connect(database) as connection:
        found = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = [row[0] for row in found]
        return "\n".join(
            repr(row) for table in tables for row in connection.execute(f'SELECT * FROM "{table}"')
        )


async def say(client: TestClient[Any, Any], text: str) -> str:
    response = await client.post("/api/chat", json={"user": USER, "text": text})
    assert response.status == 200
    return "\n".join(r["text"] for r in (await response.json())["replies"])


async def test_a_house_number_is_stored_masked_the_street_kept(
    client: TestClient[Any, Any], tmp_path: Path
) -> None:
    await say(client, f"làm giấy khai sinh cho con, {ADDRESS}")
    await say(client, f"nộp ở {ADDRESS} có được không, thửa đất số 123")  # an unmet question
    stored = every_text(tmp_path / "web.db")
    assert "nhà số ** ngõ * Trần Phú" in stored and "thửa đất số ***" in stored
    assert ADDRESS not in stored and "số 123" not in stored


async def test_what_is_shown_back_is_masked_too(client: TestClient[Any, Any]) -> None:
    await say(client, f"hỏi đăng ký tạm trú, {ADDRESS}")
    shown = await say(client, "/dulieu")
    assert "nhà số ** ngõ * Trần Phú" in shown and ADDRESS not in shown


async def test_a_birth_date_is_stored_with_its_year_only(
    client: TestClient[Any, Any], tmp_path: Path
) -> None:
    await say(client, "làm căn cước cho con sinh ngày 28/8/2011")
    stored = every_text(tmp_path / "web.db")
    assert "sinh ngày **/*/2011" in stored and "28/8/2011" not in stored
