"""A request the HTTP parser cannot read (a header line past 8 KB, too many headers, two
Content-Lengths, bytes that are not HTTP) gets its 400 and one WARNING line naming the kind of
error and the client: no ERROR, no traceback, and none of the bytes sent (they can hold a cookie
or a webhook secret)."""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.logs import FLOORS, configure

SECRET = "bi-mat-cua-phien-dang-nhap"
MALFORMED = {
    "header-too-long": b"GET /healthz HTTP/1.1\r\nHost: x\r\nCookie: "
    + (SECRET * 400).encode()
    + b"\r\n\r\n",
    "too-many-headers": b"GET /healthz HTTP/1.1\r\nHost: x\r\n"
    + b"".join(b"X-%d: %s\r\n" % (i, SECRET.encode()) for i in range(300))
    + b"\r\n",
    "content-length-twice": b"POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
    b"Content-Length: 3\r\n\r\n{}",
    "length-and-chunked": b"POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
    b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
}


@pytest.fixture
def log() -> Iterator[io.StringIO]:
    """motcua's logging as ``motcua run`` sets it up (text, INFO), restored afterwards."""
    root, server = logging.getLogger(), logging.getLogger("aiohttp.server")
    saved = (root.level, list(root.handlers), {n: logging.getLogger(n).level for n in FLOORS})
    filters = list(server.filters)
    stream = io.StringIO()
    configure("INFO", "text", stream)
    try:
        yield stream
    finally:
        root.setLevel(saved[0])
        root.handlers[:] = saved[1]
        for name, level in saved[2].items():
            logging.getLogger(name).setLevel(level)
        server.filters[:] = filters


async def send(client: TestClient[Any, Any], data: bytes) -> bytes:
    reader, writer = await asyncio.open_connection(client.host, client.port)
    writer.write(data)
    await writer.drain()
    async with asyncio.timeout(5):
        answer = await reader.read()
    writer.close()
    return answer


@pytest.mark.parametrize("data", MALFORMED.values(), ids=MALFORMED.keys())
async def test_a_malformed_request_is_one_warning_without_its_bytes(
    client: TestClient[Any, Any], log: io.StringIO, data: bytes
) -> None:
    answer = await send(client, data)
    assert answer.split(b" ", 2)[1] == b"400"
    lines = log.getvalue().splitlines()
    assert not [x for x in lines if " ERROR " in x], lines
    assert "Traceback" not in log.getvalue() and SECRET not in log.getvalue()
    [warning] = [x for x in lines if " WARNING aiohttp.server " in x]
    assert "malformed HTTP request from 127.0.0.1" in warning


async def test_the_server_still_answers_after_them(
    client: TestClient[Any, Any], log: io.StringIO
) -> None:
    for data in MALFORMED.values():
        await send(client, data)
    assert (await client.get("/healthz")).status == 200
