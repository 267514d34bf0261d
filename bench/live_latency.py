"""How long a message pushed to a web citizen takes to reach their open stream, across instances.

    .venv/bin/python bench/live_latency.py --backend sqlite --streams 200 --pushes 100
    .venv/bin/python bench/live_latency.py --backend postgresql  # $MOTCUA_TEST_PG or local

Two instances on one fresh database (as behind the proxy): ``--streams`` citizens hold
``GET /api/chat/stream`` open on instance B; ``--pushes`` messages, each to one of them in turn,
are pushed on instance A through the outbound sender the handoff uses. Prints the push → event
latency (median, p95, max) and the open streams' count on B before and after they are closed.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp.test_utils import TestClient, TestServer

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.http.server import create_app  # noqa: E402
from bot.live.chat import LIVE  # noqa: E402
from bot.runtime import Runtime  # noqa: E402
from handlers.events import Reply  # noqa: E402
from knowledge.base import KnowledgeStore  # noqa: E402
from knowledge.live import LiveMatcher  # noqa: E402
from tests.dbs import fresh_database  # noqa: E402


async def _instance(url: str, store: KnowledgeStore, matcher: LiveMatcher) -> tuple[Any, Any]:
    # Every simulated browser comes from this one address: no cap on new citizen ids per address.
    settings = Settings(database_url=url, address_new_ids_per_minute=0)
    runtime = await Runtime.open(settings, store, matcher)
    server = TestServer(create_app(runtime.service))
    client: TestClient[Any, Any] = TestClient(server, connector=aiohttp.TCPConnector(limit=0))
    await client.start_server()
    return runtime, client


async def _first_data(response: Any) -> int:
    """Read up to the next event; its id (EOFError when the stream ended, as after its lifetime)."""
    event_id = 0
    while True:
        line = await response.content.readline()
        if not line:
            raise EOFError
        if line.startswith(b"id: "):
            event_id = int(line[4:])
        if line.startswith(b"data: "):
            return event_id


async def run(backend: str, streams: int, pushes: int) -> None:
    random.seed(7)
    store = KnowledgeStore()
    matcher = LiveMatcher(store)
    with tempfile.TemporaryDirectory() as tmp:
        async with fresh_database(backend, Path(tmp)) as url:
            (ra, ca), (rb, cb) = [await _instance(url, store, matcher) for _ in range(2)]
            try:
                users = [f"bench-citizen-{n:012d}" for n in range(streams)]
                opened = [await cb.get("/api/chat/stream", params={"user": u}) for u in users]
                assert all(r.status == 200 for r in opened), {r.status for r in opened}
                hub = cb.app[LIVE].hub
                print(f"{backend}: {hub.count} streams open on instance B")
                latencies, seen, reconnections = [], [0] * streams, 0
                for n in range(pushes):
                    k = n % streams
                    await asyncio.sleep(random.uniform(0, 0.3))  # pushes come at any moment
                    started = time.perf_counter()
                    waiting = asyncio.create_task(_first_data(opened[k]))
                    await ra.service.outbound.send("web", users[k], (Reply(f"tin {n}"),))
                    try:
                        seen[k] = await asyncio.wait_for(waiting, 10)
                    except EOFError:  # the stream's lifetime ended: reconnect as a browser does
                        reconnections += 1
                        opened[k] = await cb.get(
                            "/api/chat/stream",
                            params={"user": users[k]},
                            headers={"Last-Event-ID": str(seen[k])},
                        )
                        seen[k] = await asyncio.wait_for(_first_data(opened[k]), 10)
                    latencies.append((time.perf_counter() - started) * 1000)
                latencies.sort()
                p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
                print(
                    f"{backend}: push on A → event on B, {pushes} pushes: median "
                    f"{statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms, "
                    f"max {latencies[-1]:.1f} ms ({reconnections} after a stream's end)"
                )
                for response in opened:
                    response.close()
                deadline = time.monotonic() + 10
                while hub.count and time.monotonic() < deadline:
                    await asyncio.sleep(0.1)
                print(f"{backend}: {hub.count} streams left on B after the browsers closed")
            finally:
                for runtime, client in ((ra, ca), (rb, cb)):
                    await client.close()
                    await runtime.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--streams", type=int, default=200)
    parser.add_argument("--pushes", type=int, default=100)
    args = parser.parse_args()
    asyncio.run(run(args.backend, args.streams, args.pushes))


if __name__ == "__main__":
    main()
