"""Out-of-range dates and ids and unreadable characters in dashboard URLs and forms: 400, never
500, and nothing reaches the database."""

from __future__ import annotations

import pytest

from tests.admin.conftest import Dashboard


@pytest.mark.parametrize(
    "path",
    [
        "/admin/stats?from=0001-01-01",
        "/admin/stats?to=9999-12-31",
        "/admin/api/stats?from=0001-01-01&to=0001-01-02",
        "/admin/inbox?from=0001-01-01",
        "/admin/inbox?to=not-a-date",
        "/admin/inbox/99999999999999999999",
        "/admin/inbox/%C2%B2",
        "/admin/inbox?channel=web%00",
        "/admin/knowledge?q=a%1Bb",
    ],
)
async def test_bad_values_in_admin_urls_get_400(dash: Dashboard, path: str) -> None:
    client = await dash.signed_in("an", "admin")
    response = await client.get(path)
    assert response.status == 400, (path, response.status)


async def test_an_id_beyond_bigint_in_a_form_gets_400(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "supervisor")
    await client.page("/admin/inbox")
    for ids in ("²", "99999999999999999999"):
        response = await client.post("/admin/inbox/act", {"ids": ids, "action": "reviewed"})
        assert response.status == 400, ids


async def test_a_nul_in_a_form_value_gets_400_and_stores_nothing(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "admin")
    await client.page("/admin/volunteers")
    response = await client.post("/admin/volunteers/invite", {"name": "Chị\x00Lan", "days": "7"})
    assert response.status == 400
    ordinary = await client.post("/admin/volunteers/invite", {"name": "Chị Lan", "days": "7"})
    assert ordinary.status == 200


async def test_an_ordinary_date_range_is_still_served(dash: Dashboard) -> None:
    client = await dash.signed_in("an", "admin")
    assert (await client.get("/admin/stats?from=2026-01-01&to=2026-02-01")).status == 200


async def test_a_refused_admin_url_still_carries_the_dashboard_headers(lite: Dashboard) -> None:
    client = await lite.signed_in("an", "admin")
    for path in ("/admin/inbox/99999999999999999999", "/admin/no-such-page"):
        response = await client.get(path)
        assert response.status in (400, 404)
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Frame-Options"] == "DENY"


async def test_bidi_and_zero_width_characters_are_shown_visibly(lite: Dashboard) -> None:
    client = await lite.signed_in("an", "supervisor")
    await client.chat("c1", "xin giấy phép \u202ekaraoke\u202c quán\u200d hát")
    page = await client.page("/admin/inbox")
    assert "⟦U+202E⟧karaoke⟦U+202C⟧" in page and "quán⟦U+200D⟧" in page
    assert "\u202e" not in page and "\u200d" not in page


async def test_a_zero_width_space_inside_words_is_dropped_before_the_inbox(
    lite: Dashboard,
) -> None:
    client = await lite.signed_in("an", "supervisor")
    await client.chat("c1", "xin giấy phép quán\u200b hát")
    page = await client.page("/admin/inbox")
    assert "quán hát" in page and "U+200B" not in page
