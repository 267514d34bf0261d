"""The two token-free entry points as a newcomer uses them: ``motcua chat`` and ``motcua run``."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN")}
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'data' / 'motcua.db'}"
    env.update(extra)
    return env


def test_console_chat_shows_buttons_as_numbers_and_follows_up(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input="lam giay khai sinh cho con\nhết bao nhiêu tiền?\n1\nthoát\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(tmp_path),
        timeout=120,
        check=True,
    )
    out = proc.stdout
    assert "Xin chào" in out and "1. Khai sinh, kết hôn, khai tử" in out
    assert "📋 Đăng ký khai sinh" in out
    assert "💰 Lệ phí — Đăng ký khai sinh" in out
    assert "Trả lời bằng số để chọn." in out
    assert "Tạm biệt" in out
    assert (tmp_path / "data" / "motcua.db").exists()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_run_serves_the_web_chat_and_stops_cleanly(tmp_path: Path) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        env=_env(tmp_path, PORT=str(port), HOST="127.0.0.1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        assert f"http://localhost:{port}/" in first, first
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    assert r.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline, "server did not become healthy"
                time.sleep(0.2)
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=20) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def test_run_reports_a_busy_port(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        proc = subprocess.run(
            [sys.executable, "-m", "bot", "run"],
            env=_env(tmp_path, PORT=str(port)),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
        )
    assert proc.returncode == 1
    assert f"Không mở được cổng 127.0.0.1:{port}" in proc.stderr
