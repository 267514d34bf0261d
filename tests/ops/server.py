"""``motcua run`` (or any command) as a real process on a free loopback port, for ops tests."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path

TOKEN_VARS = ("TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN", "ZALO_OA_APP_ID", "METRICS_TOKEN")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def env_for(tmp_path: Path, port: int, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in TOKEN_VARS}
    env.update(
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'data' / 'motcua.db'}",
        HOST="127.0.0.1",
        PORT=str(port),
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def get(url: str, timeout: float = 2, **headers: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def wait_ready(base: str, process: subprocess.Popen[str], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            out, err = process.communicate()
            raise AssertionError(f"exited with {process.returncode}:\n{out}\n{err[-3000:]}")
        try:
            if get(base + "/readyz")[0] == 200:
                return
        except OSError:
            pass
        assert time.monotonic() < deadline, "server did not become ready"
        time.sleep(0.2)


def start(
    tmp_path: Path,
    *extra_env: tuple[str, str],
    argv: Sequence[str] = (sys.executable, "-m", "bot", "run"),
    cwd: Path | None = None,
) -> tuple[subprocess.Popen[str], str]:
    """Start and wait until ``/readyz`` answers 200; returns the process and its base URL."""
    port = free_port()
    process = subprocess.Popen(
        list(argv),
        env=env_for(tmp_path, port, **dict(extra_env)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        cwd=cwd,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, process)
    except BaseException:
        stop(process)
        raise
    return process, base


def stop(process: subprocess.Popen[str]) -> tuple[str, str]:
    if process.poll() is None:
        process.kill()
    return process.communicate(timeout=30)


def in_flight(base: str) -> int:
    """Requests being handled, the metrics request included (``/metrics`` from loopback)."""
    status, text = get(base + "/metrics")
    assert status == 200
    found = re.search(r"^motcua_http_requests_in_flight (\S+)$", text, re.M)
    assert found
    return int(float(found.group(1)))


def post_json(base: str, body: object) -> tuple[int, object]:
    request = urllib.request.Request(
        base + "/api/chat",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
