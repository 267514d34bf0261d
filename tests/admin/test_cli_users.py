"""``python -m bot users …``: accounts from the command line, the password never in argv."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.admin.auth import verify_password
from bot.storage.account_repo import AccountRepo
from bot.storage.repository import Storage


def users(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'motcua.db'}")
    return subprocess.run(
        [sys.executable, "-m", "bot", "users", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


async def account(tmp_path: Path, name: str) -> tuple[str, str, bool] | None:
    storage = await Storage.open(f"sqlite:///{tmp_path / 'motcua.db'}")
    try:
        found = await AccountRepo(storage.engine).account(name)
        return (found.role, found.password_hash, found.disabled) if found else None
    finally:
        await storage.close()


async def test_add_reads_the_password_from_stdin_and_hashes_it(tmp_path: Path) -> None:
    done = users(
        tmp_path, "add", "An", "--role", "admin", "--password-stdin", stdin="mat-khau-dai-1\n"
    )
    assert done.returncode == 0, done.stderr
    assert "Đã tạo tài khoản an (admin)" in done.stdout and "/admin" in done.stdout
    found = await account(tmp_path, "an")
    assert found is not None
    role, hashed, disabled = found
    assert role == "admin" and not disabled and verify_password(hashed, "mat-khau-dai-1")


async def test_add_refuses_a_short_password(tmp_path: Path) -> None:
    done = users(tmp_path, "add", "an", "--role", "admin", "--password-stdin", stdin="ngan\n")
    assert done.returncode == 2 and "Mật khẩu không hợp lệ" in done.stderr
    assert await account(tmp_path, "an") is None


def test_add_refuses_an_unknown_role(tmp_path: Path) -> None:
    done = users(tmp_path, "add", "an", "--role", "boss", "--password-stdin", stdin="x" * 12)
    assert done.returncode == 2 and "invalid choice" in done.stderr


async def test_add_twice_fails_the_second_time(tmp_path: Path) -> None:
    for expected in (0, 1):
        done = users(
            tmp_path,
            "add",
            "an",
            "--role",
            "supervisor",
            "--password-stdin",
            stdin="mat-khau-dai-1\n",
        )
        assert done.returncode == expected
    assert "đã có" in done.stderr


@pytest.mark.parametrize("action", ["disable", "enable"])
async def test_disable_and_enable(tmp_path: Path, action: str) -> None:
    users(
        tmp_path, "add", "an", "--role", "supervisor", "--password-stdin", stdin="mat-khau-dai-1\n"
    )
    done = users(tmp_path, action, "an")
    assert done.returncode == 0
    found = await account(tmp_path, "an")
    assert found is not None and found[2] is (action == "disable")
    assert "an\tsupervisor" in users(tmp_path, "list").stdout
