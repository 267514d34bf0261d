"""Browser tests: the real server (``python -m bot run``) driven by Debian's Chromium.

Never a downloaded browser: ``make browser`` installs Debian's ``chromium``; without it these
tests skip. ``MOTCUA_BROWSER_BASE_URL=http://host:port`` points them at an already running
server instead of starting one.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000
STARTUP_S = 30.0
REPO = Path(__file__).resolve().parents[2]
SERVER_LOGS = pytest.StashKey[list[Path]]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives the web chat in headless Chromium")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Attach the server's output to a failing browser test's report."""
    report = yield
    if report.failed and item.get_closest_marker("browser"):
        for log in item.config.stash.get(SERVER_LOGS, []):
            text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
            report.sections.append((f"server {log.name}", text[-20_000:] or "(empty)"))
    return report


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=2) as resp:
            return bool(resp.status == 200)
    except (urllib.error.URLError, OSError):
        return False


# Dashboard accounts created (with `python -m bot users add`) before the server starts.
ACCOUNTS = {
    "admin": ("quan-tri", "mat-khau-quan-tri-1"),
    "supervisor": ("giam-sat", "mat-khau-giam-sat-1"),
    "ward_admin": ("phuong-hoan-kiem", "mat-khau-phuong-1"),
    "reviewer": ("kiem-tra", "mat-khau-kiem-tra-1"),
}
WARD_ADMIN_COMMUNE = "70"  # Phường Hoàn Kiếm, Thành phố Hà Nội (official code)


def create_accounts(env: dict[str, str]) -> None:
    for role, (name, password) in ACCOUNTS.items():
        commune = ["--commune", WARD_ADMIN_COMMUNE] if role == "ward_admin" else []
        add = [sys.executable, "-m", "bot", "users", "add", name, "--role", role, *commune]
        subprocess.run(
            [*add, "--password-stdin"],
            cwd=REPO,
            env=env,
            input=password + "\n",
            text=True,
            capture_output=True,
            timeout=120,
            check=True,
        )


@pytest.fixture(scope="session")
def accounts(base_url: str) -> dict[str, tuple[str, str]]:
    """Role → (name, password) on the server under test (not on a server given by URL)."""
    if os.environ.get("MOTCUA_BROWSER_BASE_URL"):
        pytest.skip("dashboard accounts exist only on the server these tests start")
    return ACCOUNTS


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium, or skip (checked before the server is started)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium not installed: run `make browser`")
    return CHROMIUM


@contextmanager
def running_server(
    request: pytest.FixtureRequest, tmp: Path, **settings: str
) -> Iterator[tuple[str, dict[str, str]]]:
    """``python -m bot run`` on a free port with a fresh SQLite database; (URL, environment).

    ``settings`` are extra environment variables (e.g. a Telegram token for a fake server).
    """
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN")}
    env.update(
        HOST="127.0.0.1",
        PORT=str(port),
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp / 'db.sqlite'}",
        PYTHONUNBUFFERED="1",
        **settings,
    )
    create_accounts(env)
    out_log, err_log = tmp / "stdout.log", tmp / "stderr.log"
    request.config.stash.setdefault(SERVER_LOGS, []).extend([out_log, err_log])
    url = f"http://127.0.0.1:{port}"
    with out_log.open("wb") as out, err_log.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
        )
    try:
        deadline = time.monotonic() + STARTUP_S
        while not _healthy(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                why = f"exited with {proc.returncode}" if proc.poll() is not None else "timed out"
                pytest.fail(
                    f"`python -m bot run` not healthy at {url}/healthz ({why}); "
                    "its output is in the 'server' sections below.",
                    pytrace=False,
                )
            time.sleep(0.1)
        yield url, env
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="session")
def base_url(
    chromium: Path, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    override = os.environ.get("MOTCUA_BROWSER_BASE_URL")
    if override:
        yield override.rstrip("/")
        return
    with running_server(request, tmp_path_factory.mktemp("web-server")) as (url, _):
        yield url


@pytest.fixture(scope="module")
def browser(chromium: Path) -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield b
        b.close()


@contextmanager
def page_factory(browser: Any, base_url: str) -> Iterator[Callable[..., Any]]:
    """``make(width=…, height=…)`` gives a fresh, isolated page (not yet navigated).

    Any alert/confirm, uncaught page error or request leaving ``base_url`` fails the test.
    """
    sync_api.expect.set_options(timeout=TIMEOUT_MS)
    problems: list[str] = []
    contexts: list[Any] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            problems.append(f"request outside the server: {route.request.url}")
            route.abort()

    def dialog(d: Any) -> None:
        problems.append(f"{d.type} dialog: {d.message!r}")
        d.dismiss()

    def make(width: int = 390, height: int = 800) -> Any:
        ctx = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
        contexts.append(ctx)
        ctx.set_default_timeout(TIMEOUT_MS)
        ctx.route("**/*", guard)
        page = ctx.new_page()
        page.on("dialog", dialog)
        page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
        return page

    yield make
    for ctx in contexts:
        ctx.close()
    assert not problems, problems


@pytest.fixture
def open_page(browser: Any, base_url: str) -> Iterator[Callable[..., Any]]:
    """A factory: ``open_page(width=…, height=…)`` gives a fresh, isolated page for the server."""
    with page_factory(browser, base_url) as make:
        yield make
