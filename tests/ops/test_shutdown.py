"""Graceful shutdown of a real ``motcua run`` process: SIGTERM drains, then exits 0."""

from __future__ import annotations

import json
import signal
import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.ops.server import get, in_flight, post_json, start, stop

BODY = json.dumps({"user": "slow-citizen", "text": "lam giay khai sinh cho con"}).encode()
HEAD = (
    "POST /api/chat HTTP/1.1\r\nHost: motcua\r\nContent-Type: application/json\r\n"
    f"Content-Length: {len(BODY)}\r\n\r\n"
).encode()


def address(base: str) -> tuple[str, int]:
    parts = urlsplit(base)
    assert parts.hostname and parts.port
    return parts.hostname, parts.port


def response_of(sock: socket.socket) -> tuple[int, bytes]:
    """Read one HTTP/1.1 response with a Content-Length; its status and body."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"connection closed after {data!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk
        body += chunk
    return int(head.split(b" ", 2)[1]), body


def wait_in_flight(base: str, count: int) -> None:
    deadline = time.monotonic() + 10
    while in_flight(base) < count + 1:  # + the metrics request itself
        assert time.monotonic() < deadline, "the slow request never reached the server"
        time.sleep(0.05)


def refused(base: str, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(address(base), timeout=1).close()
        except ConnectionRefusedError:
            return True
        time.sleep(0.05)
    return False


def test_sigterm_finishes_the_slow_request_refuses_new_ones_and_exits_0(tmp_path: Path) -> None:
    server, base = start(tmp_path, ("SHUTDOWN_TIMEOUT_SECONDS", "20"))
    try:
        slow = socket.create_connection(address(base), timeout=20)
        slow.sendall(HEAD + BODY[:12])  # the rest of the body comes after SIGTERM
        idle = socket.create_connection(address(base), timeout=20)  # a keep-alive connection
        idle.sendall(b"GET /healthz HTTP/1.1\r\nHost: motcua\r\n\r\n")
        assert response_of(idle)[0] == 200
        wait_in_flight(base, 1)

        server.send_signal(signal.SIGTERM)
        assert refused(base), "the listening socket stayed open"
        idle.sendall(b"GET / HTTP/1.1\r\nHost: motcua\r\n\r\n")  # on a connection opened before
        idle_status, _ = response_of(idle)
        assert idle_status == 200
        assert idle.recv(1024) == b"", "a draining server closes the connection after answering"
        assert server.poll() is None  # still waiting for the slow request

        slow.sendall(BODY[12:])
        status, body = response_of(slow)
        assert status == 200
        assert json.loads(body)["replies"][-1]["text"]  # answered in full
        assert server.wait(timeout=30) == 0
        out, err = server.communicate(timeout=10)
        assert "Đang dừng motcua" in out
        assert "Traceback" not in err
    finally:
        stop(server)


def test_during_the_drain_delay_requests_are_served_but_readyz_is_503(tmp_path: Path) -> None:
    """The proxy's health check sees 503 and stops sending before the port closes."""
    server, base = start(tmp_path, ("SHUTDOWN_DRAIN_DELAY_SECONDS", "3"))
    try:
        started = time.monotonic()
        server.send_signal(signal.SIGTERM)
        deadline = started + 2
        while get(base + "/readyz")[0] != 503:
            assert time.monotonic() < deadline, "/readyz never turned 503"
            time.sleep(0.05)
        assert post_json(base, {"user": "late", "text": "đăng ký tạm trú"})[0] == 200
        assert server.poll() is None
        assert refused(base), "the listening socket stayed open after the delay"
        assert time.monotonic() - started >= 3
        assert server.wait(timeout=30) == 0
    finally:
        stop(server)


def test_a_request_that_never_completes_does_not_hold_shutdown(tmp_path: Path) -> None:
    server, base = start(tmp_path, ("SHUTDOWN_TIMEOUT_SECONDS", "1"))
    try:
        stuck = socket.create_connection(address(base), timeout=20)
        stuck.sendall(HEAD + BODY[:5])  # never finished
        wait_in_flight(base, 1)
        started = time.monotonic()
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=20) == 0
        assert time.monotonic() - started < 10
        _, err = server.communicate(timeout=10)
        assert "still running" in err  # the drain says what it gave up on
        stuck.close()
    finally:
        stop(server)


@pytest.mark.parametrize("sig", [signal.SIGINT])
def test_ctrl_c_stops_cleanly_too(tmp_path: Path, sig: signal.Signals) -> None:
    server, _ = start(tmp_path)
    try:
        server.send_signal(sig)
        assert server.wait(timeout=30) == 0
    finally:
        stop(server)
