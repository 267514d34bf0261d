"""Statistics over HTTP on SQLite and PostgreSQL: the day's numbers, rates, tables, CSV."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from bot.admin.stats import TOP
from bot.storage.stats_repo import local_today
from tests.admin.conftest import Client, Dashboard


async def conversation(client: Client) -> None:
    """Two citizens: an answer, a clarification, an unmet request, a 👎 with a reason."""
    await client.chat("c1", "đăng ký kết hôn")  # answer
    await client.chat("c1", "căn cước")  # clarify
    await client.chat("c2", "giấy phép karaoke")  # unmet


async def test_todays_numbers(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    await conversation(client)
    body = await (await client.get("/admin/api/stats")).json()
    today = body["days"][-1]
    assert today["day"] == local_today().isoformat()
    assert (today["messages"], today["users"]) == (3, 2)
    assert (today["answer"], today["clarify"], today["unmet"]) == (1, 1, 1)
    assert len(body["days"]) == 30


async def test_messages_record_channel_outcome_procedure(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    await client.chat("c1", "đăng ký kết hôn")
    body = await (await client.get("/admin/api/stats")).json()
    procedures = body["tables"]["procedures"]["rows"]
    assert procedures[0][0] == "dang-ky-ket-hon" and procedures[0][3:] == [1, 1]
    channels = body["tables"]["channels"]["rows"]
    assert channels[0][:3] == ["web", 1, 1]
    groups = body["tables"]["groups"]["rows"]
    assert groups == [[dash.knowledge[0].current.procedures["dang-ky-ket-hon"].group, 1]]


async def test_page_shows_totals_rates_and_charts(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    await conversation(client)
    page = await client.page("/admin/stats")
    assert '<span class="value" id="total-messages">3</span>' in page
    assert '<span class="value" id="total-users">2</span>' in page
    assert "33%" in page  # one answer in three questions
    assert page.count('<svg class="chart"') == 3
    assert "giấy phép karaoke" in page  # top unmet clusters


async def test_date_range_excludes_other_days(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    await conversation(client)
    yesterday = (local_today() - timedelta(days=1)).isoformat()
    body = await (await client.get(f"/admin/api/stats?from={yesterday}&to={yesterday}")).json()
    assert [d["messages"] for d in body["days"]] == [0]
    assert body["tables"]["unmet"]["rows"] == []


async def test_feedback_rate_per_procedure_with_reasons(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    session, url = client.session, client.url("/api/chat")
    await client.chat("c1", "đăng ký kết hôn")
    body = await (await session.post(url, json={"user": "c1", "text": "đăng ký kết hôn"})).json()
    down = next(
        b["action"] for r in body["replies"] for b in r["buttons"] if b["label"].startswith("👎")
    )
    body = await (await session.post(url, json={"user": "c1", "action": down})).json()
    reason = next(
        b["action"] for r in body["replies"] for b in r["buttons"] if b["label"] == "Khó hiểu"
    )
    await session.post(url, json={"user": "c1", "action": reason})
    stats = await (await client.get("/admin/api/stats")).json()
    [row] = stats["tables"]["feedback"]["rows"]
    assert row[0] == "dang-ky-ket-hon" and row[2:5] == [0, 1, "0%"]
    assert row[5] == "Khó hiểu ×1"


async def test_every_table_exports_as_csv_matching_the_page(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    await conversation(client)
    body = await (await client.get("/admin/api/stats")).json()
    for name, table in body["tables"].items():
        response = await client.get(f"/admin/stats.csv?table={name}")
        assert response.status == 200, name
        assert response.content_type == "text/csv"
        assert "attachment" in response.headers["Content-Disposition"]
        text = (await response.read()).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == table["header"], name
        assert rows[1:] == [["" if v is None else str(v) for v in r] for r in table["rows"]], name
        assert len(rows) - 1 <= max(TOP, len(body["days"]), 6)


async def test_unknown_csv_table_is_404(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    assert (await client.get("/admin/stats.csv?table=nope")).status == 404
