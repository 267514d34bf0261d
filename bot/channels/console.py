"""The console chat: a conversation on the terminal, buttons shown as numbered options."""

from __future__ import annotations

import asyncio
from typing import TextIO

from bot.channels.base import messages
from bot.service import ChatService
from handlers.events import Incoming, Kind

CHANNEL = "console"
WIDTH = 4000  # no platform limit; long replies still print in readable blocks


async def run_console(service: ChatService, user: str, stdin: TextIO, stdout: TextIO) -> None:
    """Greet, then answer each line until end of input ("thoát" or Ctrl+D also end)."""
    loop = asyncio.get_running_loop()

    async def send(event: Incoming) -> None:
        turn = await service.handle(event)
        for text in messages(turn.replies, WIDTH, with_numbers=True):
            stdout.write(f"\nmotcua › {text}\n")
        stdout.write("\nbạn › ")
        stdout.flush()

    await send(Incoming(user, CHANNEL, Kind.ACTION, action="start"))
    while True:
        line = await loop.run_in_executor(None, stdin.readline)
        if not line or line.strip().lower() in ("thoát", "thoat", "exit", "quit"):
            stdout.write("\nTạm biệt!\n")
            return
        await send(Incoming(user, CHANNEL, Kind.TEXT, text=line.rstrip("\n")))
