"""``motcua run``: the web chat on HOST:PORT, plus the channels whose tokens are set."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import signal
import sys
from typing import Any

from bot.config import Settings

log = logging.getLogger("motcua")


def register(sub: Any) -> None:
    run = sub.add_parser("run", help="chạy motcua: web chat (và Telegram/Zalo khi có token)")
    run.add_argument("--host", help="địa chỉ lắng nghe (mặc định HOST hoặc 127.0.0.1)")
    run.add_argument("--port", type=int, help="cổng (mặc định PORT hoặc 8080)")
    run.set_defaults(handler=cmd_run)


def cmd_run(args: argparse.Namespace) -> int:
    # What the start allocates (modules, the knowledge base, the matcher) lives as long as the
    # process: the collector's passes over it only slow the start (by about a seventh). It is
    # turned on once the service is ready, after Runtime.open has frozen that heap.
    gc.disable()
    overrides = {k: v for k, v in (("host", args.host), ("port", args.port)) if v is not None}
    settings = Settings(**overrides)
    from bot.logs import configure

    configure(settings.log_level, settings.log_format)
    try:
        return asyncio.run(serve(settings))
    except KeyboardInterrupt:
        return 0


async def serve(settings: Settings) -> int:
    # Imported here so `motcua kb …` and `motcua match …` start without the web stack.
    from aiohttp import web

    from bot.admin.routes import setup_admin
    from bot.channels.registry import channel_status, configured_channels
    from bot.cli.serve import open_runtime
    from bot.http.lifecycle import LIFECYCLE, shutdown
    from bot.http.server import create_app
    from bot.memory import trim_forever

    runtime = await open_runtime(settings)
    if runtime is None:
        return 1
    channels = configured_channels(settings, runtime.service)  # the web chat first
    app = create_app(runtime.service, settings, channels)
    setup_admin(  # /admin
        app,
        settings,
        runtime.storage,
        runtime.store,
        runtime.matcher,
        live_answers=runtime.service.answers,
        desk_board=runtime.service.desks,
    )
    # In-flight requests are waited for below; what is left after that is cut at cleanup.
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
    await runner.setup()
    site = web.TCPSite(runner, settings.host, settings.port)
    try:
        await site.start()
    except OSError as exc:
        print(f"Không mở được cổng {settings.host}:{settings.port}: {exc}", file=sys.stderr)
        await runner.cleanup()
        await runtime.close()
        return 1
    gc.enable()
    print(f"motcua đang chạy: {settings.public_url}  (Ctrl+C để dừng)", flush=True)
    print("\n".join(channel_status(settings)), flush=True)
    print(f"  Bảng điều khiển: {settings.public_url}admin", flush=True)
    started = []
    for channel in channels:
        try:
            await channel.start()
            started.append(channel)
        except Exception as exc:  # one platform down must not stop the web chat
            print(f"  {channel.name}: không khởi động được: {exc}", file=sys.stderr, flush=True)
    sweeper = asyncio.create_task(_sweep(runtime, settings.handoff_claim_timeout_seconds))
    trimmer = asyncio.create_task(trim_forever())  # freed memory back to the system
    purger = None
    if settings.purge_every_hours > 0:  # retention (docs/privacy.md); else `motcua purge`
        from bot.privacy.tasks import purge_forever

        directory = runtime.turns.spool.directory
        purger = asyncio.create_task(purge_forever(runtime.storage.engine, settings, directory))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    for sig in (signal.SIGINT, signal.SIGTERM):  # a second signal must not restart the drain
        loop.remove_signal_handler(sig)
    print("Đang dừng motcua…", flush=True)
    await shutdown(
        app[LIFECYCLE],
        site,
        started,
        settings.shutdown_timeout_seconds,
        delay=settings.shutdown_drain_delay_seconds,
    )
    sweeper.cancel()
    trimmer.cancel()
    if purger is not None:
        purger.cancel()
    await runner.cleanup()
    await runtime.close()
    log.info("motcua stopped")
    return 0


async def _sweep(runtime: Any, timeout: float) -> None:
    """Expire unclaimed handoff tickets every few seconds (safe with several instances)."""
    while True:
        await asyncio.sleep(min(30.0, timeout / 4))
        try:
            await runtime.handoff.sweep(timeout)
        except Exception:  # the database may be briefly unavailable; try again next round
            logging.getLogger("motcua.handoff").exception("handoff sweep failed")
