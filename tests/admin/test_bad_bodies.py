"""Form bodies the dashboard cannot read (bytes that are not UTF-8, a multipart body without its
boundary): 4xx, never 500, whether the sender is signed in or not, and nothing is stored."""

from __future__ import annotations

import aiohttp
import pytest

from tests.admin.conftest import Dashboard

FORM = "application/x-www-form-urlencoded"
UNREADABLE = {
    "not-utf-8": (b"name=\xff\xfe&action=\xff", FORM),
    "multipart-without-its-boundary": (b"garbage", "multipart/form-data; boundary=x"),
    "multipart-with-no-boundary": (b"garbage", "multipart/form-data"),
    "multipart-part-not-utf-8": (
        b'--x\r\nContent-Disposition: form-data; name="name"\r\n\r\n\xff\r\n--x--\r\n',
        "multipart/form-data; boundary=x",
    ),
}


@pytest.mark.parametrize("body", UNREADABLE.values(), ids=UNREADABLE.keys())
async def test_an_unreadable_sign_in_form_is_refused_not_a_server_error(
    lite: Dashboard, body: tuple[bytes, str]
) -> None:
    client = await lite.signed_in("an", "admin")
    data, kind = body
    async with aiohttp.ClientSession() as stranger:  # not signed in, no cookie
        response = await stranger.post(
            client.url("/admin/login"), data=data, headers={"Content-Type": kind}
        )
        assert 400 <= response.status < 500, response.status


@pytest.mark.parametrize("body", UNREADABLE.values(), ids=UNREADABLE.keys())
async def test_an_unreadable_form_from_a_signed_in_supervisor_is_400(
    lite: Dashboard, body: tuple[bytes, str]
) -> None:
    client = await lite.signed_in("an", "admin")
    await client.page("/admin/volunteers")
    data, kind = body
    headers = {"Content-Type": kind, "X-CSRF-Token": client.csrf}
    response = await client.session.post(
        client.url("/admin/volunteers/invite"), data=data, headers=headers
    )
    assert response.status == 400, response.status
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
