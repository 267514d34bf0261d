"""/readyz, /metrics, request ids and body limits on the production app (every route mounted)."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import text

from bot.admin.routes import MAX_BODY as ADMIN_MAX_BODY
from bot.channels.telegram.channel import MAX_UPDATE_BYTES
from bot.channels.zalo_common import MAX_WEBHOOK_BODY
from bot.http.lifecycle import LIFECYCLE
from bot.http.limits import DEFAULT_MAX_BODY, body_limit
from bot.storage.database import create_engine
from bot.web.chat_api import MAX_BODY
from knowledge.answers import prepare
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.ops.rig import TELEGRAM_SECRET, Ops, ops_app

Knowledge = tuple[KnowledgeStore, LiveMatcher]


@pytest.fixture
async def ops(tmp_path: Path, knowledge: Knowledge) -> Any:
    async with ops_app(tmp_path, knowledge) as rig:
        yield rig


async def scrape(ops: Ops, **headers: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = await ops.client.get("/metrics", headers=headers)
    assert response.status == 200, await response.text()
    assert response.headers["Content-Type"].startswith("text/plain; version=")
    samples = {}
    for family in text_string_to_metric_families(await response.text()):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def value(samples: dict[Any, float], name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


async def say(ops: Ops, user: str, text: str) -> dict[str, Any]:
    response = await ops.client.post("/api/chat", json={"user": user, "text": text})
    assert response.status == 200
    body: dict[str, Any] = await response.json()
    return body


# --- readiness --------------------------------------------------------------------------------


async def test_readyz_is_200_with_the_database_and_knowledge_base(ops: Ops) -> None:
    response = await ops.client.get("/readyz")
    assert response.status == 200
    body = await response.json()
    assert body["status"] == "ready" and body["procedures"] > 50
    assert (await ops.client.get("/healthz")).status == 200


async def test_the_passage_index_is_built_before_the_service_is_ready(tmp_path: Path) -> None:
    store = KnowledgeStore()  # a knowledge base no question has been asked about
    async with ops_app(tmp_path, (store, LiveMatcher(store))) as rig:
        assert prepare(rig.runtime.store.current.procedures).done()


async def test_readyz_is_503_when_the_database_is_unreachable(ops: Ops) -> None:
    storage = ops.runtime.storage
    real = storage.engine
    storage.engine = create_engine("postgresql://nobody@127.0.0.1:9/none")  # nothing listens
    try:
        response = await ops.client.get("/readyz")
        assert response.status == 503
        assert await response.json() == {"status": "unavailable", "reason": "database unreachable"}
        assert (await ops.client.get("/healthz")).status == 200  # alive, just not ready
    finally:
        await storage.engine.dispose()
        storage.engine = real
    assert (await ops.client.get("/readyz")).status == 200


async def test_readyz_for_the_proxy_is_degraded_not_503_when_only_the_database_is_down(
    ops: Ops,
) -> None:
    """The proxy checks ``?degraded=ok``: answers still flow and writes are spooled."""
    storage = ops.runtime.storage
    real = storage.engine
    storage.engine = create_engine("postgresql://nobody@127.0.0.1:9/none")  # nothing listens
    try:
        response = await ops.client.get("/readyz?degraded=ok")
        assert response.status == 200
        assert (await response.json())["status"] == "degraded"
        assert (await ops.client.get("/readyz")).status == 503  # the strict probe still says so
    finally:
        await storage.engine.dispose()
        storage.engine = real


async def test_readyz_for_the_proxy_is_503_while_stopping(ops: Ops) -> None:
    ops.client.app[LIFECYCLE].draining = True
    response = await ops.client.get("/readyz?degraded=ok")
    assert response.status == 503 and (await response.json())["status"] == "stopping"


async def test_readyz_does_not_hang_on_a_database_that_never_answers(ops: Ops) -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(30)  # accepts the connection, never says a word

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    storage = ops.runtime.storage
    real = storage.engine
    storage.engine = create_engine(f"postgresql://nobody@127.0.0.1:{port}/none")
    try:
        started = asyncio.get_running_loop().time()
        response = await ops.client.get("/readyz")
        assert response.status == 503
        assert asyncio.get_running_loop().time() - started < 5  # READY_DB_TIMEOUT is 2 s
    finally:
        storage.engine = real
        server.close()


async def test_readyz_is_503_without_a_knowledge_base(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    store = KnowledgeStore(empty, empty)
    async with ops_app(tmp_path, (store, LiveMatcher(store))) as ops:
        response = await ops.client.get("/readyz")
        assert response.status == 503
        assert (await response.json())["reason"] == "knowledge base empty"


async def test_draining_answers_with_connection_close_then_refuses(ops: Ops) -> None:
    state = ops.client.app[LIFECYCLE]
    state.draining = True  # SIGTERM: what still arrives on open connections is answered
    chat = await ops.client.post("/api/chat", json={"user": "u", "text": "xin chào"})
    assert chat.status == 200 and chat.headers["Connection"] == "close"
    ready = await ops.client.get("/readyz")
    assert ready.status == 503 and (await ready.json())["status"] == "stopping"
    assert (await ops.client.get("/nope")).headers["Connection"] == "close"
    rows = await ops.rows()
    state.closed = True  # in-flight requests done: anything new is refused, nothing stored
    chat = await ops.client.post("/api/chat", json={"user": "u", "text": "xin chào"})
    assert chat.status == 503 and chat.headers["Connection"] == "close"
    assert (await ops.client.get("/healthz")).status == 200
    assert (await ops.client.get("/metrics")).status == 200
    assert await ops.rows() == rows


async def test_lifecycle_waits_for_in_flight_requests(ops: Ops) -> None:
    state = ops.client.app[LIFECYCLE]
    # A request whose body is still arriving is in flight until it is answered.
    reader, writer = await asyncio.open_connection("127.0.0.1", ops.client.port)
    body = b'{"user": "slow", "text": "xin chao"}'
    head = f"POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Length: {len(body)}\r\n\r\n"
    writer.write(head.encode() + body[:5])
    await writer.drain()
    for _ in range(100):
        if state.in_flight:
            break
        await asyncio.sleep(0.02)
    assert state.in_flight == 1
    assert not await state.wait_idle(0.1)
    writer.write(body[5:])
    await writer.drain()
    assert await state.wait_idle(5)
    assert (await reader.readline()).startswith(b"HTTP/1.1 200")
    writer.close()


# --- metrics ----------------------------------------------------------------------------------


async def test_metrics_count_messages_unmet_requests_and_http(ops: Ops) -> None:
    before = await scrape(ops)
    await say(ops, "m1", "làm giấy khai sinh cho con")
    await say(ops, "m1", "con mèo nhà tôi biết hát không")
    after = await scrape(ops)

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("motcua_messages_total", channel="web", outcome="answer") == 1
    assert grew("motcua_messages_total", channel="web", outcome="unmet") == 1
    assert grew("motcua_unmet_requests_total", reason="no_match") == 1
    assert grew("motcua_turn_seconds_count", channel="web") == 2
    assert grew("motcua_http_requests_total", route="/api/chat", method="POST", status="200") == 2
    assert grew("motcua_http_requests_total", route="/metrics", method="GET", status="200") == 1
    assert value(after, "process_resident_memory_bytes") > 0


async def test_metrics_handoff_queue_is_read_on_scrape(ops: Ops) -> None:
    assert value(await scrape(ops), "motcua_handoff_queue_length") == 0
    await say(ops, "h1", "/nguoi")  # a citizen asks for a person: a ticket waits
    assert value(await scrape(ops), "motcua_handoff_queue_length") == 1


async def test_metrics_count_database_errors(ops: Ops) -> None:
    before = value(await scrape(ops), "motcua_database_errors_total")
    with pytest.raises(Exception, match="no_such_table"):
        async with ops.runtime.storage.engine.connect() as conn:
            await conn.execute(text("SELECT * FROM no_such_table"))
    assert value(await scrape(ops), "motcua_database_errors_total") == before + 1


async def test_metrics_routes_hide_webhook_secrets_and_unknown_paths(ops: Ops) -> None:
    await ops.client.post(ops.telegram.path, data=b"{}")  # wrong secret: 403
    await ops.client.get("/no/such/page/0912345678")
    await ops.client.get("/admin/inbox/12345", allow_redirects=False)
    body = await (await ops.client.get("/metrics")).text()
    assert 'route="/admin/inbox/{id}",status="302"' in body
    assert ops.telegram.path not in body and ops.zalo.webhook_path not in body
    assert 'route="/telegram/{secret}",status="403"' in body
    assert 'route="unmatched",status="404"' in body
    assert "0912345678" not in body


async def test_metrics_from_another_host_are_refused(ops: Ops) -> None:
    response = await ops.client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.7"})
    assert response.status == 403  # came through a proxy: not loopback


async def test_metrics_token_opens_metrics_to_other_hosts(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    async with ops_app(tmp_path, knowledge, metrics_token="scrape-me-please") as ops:
        proxied = {"X-Forwarded-For": "10.0.0.5"}
        assert (await ops.client.get("/metrics", headers=proxied)).status == 401
        wrong = {**proxied, "Authorization": "Bearer nope"}
        assert (await ops.client.get("/metrics", headers=wrong)).status == 401
        await scrape(ops, **proxied, Authorization="Bearer scrape-me-please")


# --- request ids ------------------------------------------------------------------------------


async def test_every_response_carries_a_request_id(ops: Ops) -> None:
    ids = set()
    for path in ("/healthz", "/readyz", "/", "/nope", "/admin/login"):
        response = await ops.client.get(path, allow_redirects=False)
        assert re.fullmatch(r"[0-9a-f]{16}", response.headers["X-Request-Id"]), path
        ids.add(response.headers["X-Request-Id"])
    assert len(ids) == 5


async def test_a_well_formed_proxy_request_id_is_kept_others_replaced(ops: Ops) -> None:
    kept = await ops.client.get("/healthz", headers={"X-Request-Id": "caddy-42.a:b"})
    assert kept.headers["X-Request-Id"] == "caddy-42.a:b"
    for bad in ("has space", "x" * 65, 'quote"', "ý"):
        response = await ops.client.get("/healthz", headers={"X-Request-Id": bad})
        assert re.fullmatch(r"[0-9a-f]{16}", response.headers["X-Request-Id"]), bad


# --- body limits ------------------------------------------------------------------------------


async def test_each_surface_declares_its_own_body_limit(ops: Ops) -> None:
    app = ops.client.app
    assert body_limit(app, "/api/chat") == MAX_BODY
    assert body_limit(app, ops.telegram.path) == MAX_UPDATE_BYTES
    assert body_limit(app, ops.zalo.webhook_path) == MAX_WEBHOOK_BODY
    assert body_limit(app, ops.oa.webhook_path) == MAX_WEBHOOK_BODY
    assert body_limit(app, "/admin/login") == ADMIN_MAX_BODY == 64 * 1024
    assert body_limit(app, "/healthz") == DEFAULT_MAX_BODY == 16 * 1024


@pytest.mark.parametrize(
    ("path", "size"),
    [
        ("/api/chat", MAX_BODY + 1),
        ("TELEGRAM", MAX_WEBHOOK_BODY + 1),
        ("ZALO", MAX_WEBHOOK_BODY + 1),
        ("OA", MAX_WEBHOOK_BODY + 1),
        ("/admin/login", 64 * 1024 + 1),
        ("/admin/inbox/act", 64 * 1024 + 1),
        ("/healthz", 16 * 1024 + 1),
    ],
)
async def test_a_declared_oversized_body_is_413_before_any_handler(
    ops: Ops, path: str, size: int
) -> None:
    path = {
        "TELEGRAM": ops.telegram.path,
        "ZALO": ops.zalo.webhook_path,
        "OA": ops.oa.webhook_path,
    }.get(path, path)
    method = ops.client.get if path == "/healthz" else ops.client.post
    response = await method(
        path, data=b"x" * size, headers={"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
    )
    assert response.status == 413
    assert sum((await ops.rows()).values()) == 0 and ops.queued() == 0


async def _chunks(total: int, size: int = 16 * 1024) -> Any:
    sent = 0
    while sent < total:
        yield b"a" * min(size, total - sent)
        sent += size


@pytest.mark.parametrize(
    ("path", "size"), [("/api/chat", MAX_BODY + 10), ("/admin/login", 64 * 1024 + 10)]
)
async def test_a_chunked_oversized_body_is_cut_at_the_route_limit(
    ops: Ops, path: str, size: int
) -> None:
    response = await ops.client.post(
        path, data=_chunks(size), headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert response.status == 413
    assert sum((await ops.rows()).values()) == 0


async def test_a_chunked_oversized_telegram_update_is_refused(ops: Ops) -> None:
    response = await ops.client.post(
        ops.telegram.path,
        data=_chunks(MAX_WEBHOOK_BODY + 10, 64 * 1024),
        headers={"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET},
    )
    assert 400 <= response.status < 500
    assert ops.queued() == 0


# --- outbound timeouts ------------------------------------------------------------------------


async def test_every_telegram_request_has_finite_timeouts(ops: Ops) -> None:
    bot = ops.telegram.app.bot
    for request in bot._request:  # getUpdates' and everything else's HTTPX clients
        timeouts = request._client.timeout.as_dict()  # type: ignore[attr-defined]
        assert set(timeouts) == {"connect", "read", "write", "pool"}
        assert all(t is not None and 0 < t <= 30 for t in timeouts.values()), timeouts


async def test_every_zalo_call_has_a_total_timeout(ops: Ops) -> None:
    assert 0 < ops.zalo.api.timeout <= 30
    assert 0 < ops.oa._timeout <= 30 and 0 < ops.oa.tokens._timeout <= 30
