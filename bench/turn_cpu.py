"""Server CPU of one message, in process: the chat service (middlewares, core, storage) without
HTTP, on a fresh SQLite database.

    .venv/bin/python bench/turn_cpu.py [--questions load|varied|letters] [--citizens 100]
                                       [--messages 20] [--rounds 3] [--profile FILE]

``load``: the citizens of ``bench/load.py`` (its script of typed questions, button presses and a
👍, in a loop). ``varied``: every citizen of ``tests/data/conversations.jsonl`` says its own
turns, so that few texts repeat (what a cache of matched text would meet in service).
``letters``: each citizen sends one long letter of ``tests/data/match_eval.jsonl`` (splits
``letters``, ``letters2``) as its first message, one citizen after the other, once the first
message of every varied citizen has been handled untimed (what is built lazily is built); run
it with ``--messages 1 --rounds 1`` and as many citizens as letters (160): a later round would
meet the caches of the same texts. Otherwise the citizens speak concurrently, one message at a
time each. Prints, per round, the CPU time of the process (every thread: the database's too)
per message, and the CPU of the first message after start-up (which pays whatever is built
lazily). ``--profile``: cProfile on CPU time of the last round, its 40 costliest functions by
own time and by cumulative time.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import itertools
import json
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import SCRIPT

from bot import jsonio
from bot.config import Settings
from bot.runtime import Runtime
from bot.web.chat_api import render
from handlers import Incoming, Kind, Turn

ROOT = Path(__file__).resolve().parents[1]
CONVERSATIONS = ROOT / "tests" / "data" / "conversations.jsonl"
MATCH_EVAL = ROOT / "tests" / "data" / "match_eval.jsonl"
LETTERS = frozenset({"letters", "letters2"})


def varied() -> list[list[str]]:
    lines = CONVERSATIONS.read_text(encoding="utf-8").splitlines()
    return [[t["say"] for t in json.loads(line)["turns"]] for line in lines if line.strip()]


def letters() -> list[list[str]]:
    rows = [
        json.loads(line)
        for line in MATCH_EVAL.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return [[row["q"]] for row in rows if row.get("split") in LETTERS]


async def citizen(runtime: Runtime, name: str, steps: list[str], messages: int) -> int:
    buttons: list[str] = []
    sent = 0
    for step in itertools.islice(itertools.cycle(steps), messages):
        if step == "@start":
            event = Incoming(name, "web", Kind.ACTION, action="start")
        elif step.startswith("@") and buttons:
            event = Incoming(name, "web", Kind.ACTION, action=buttons[0])
        else:
            text = step if not step.startswith("@") else "xin chào"
            event = Incoming(name, "web", Kind.TEXT, text=text)
        turn: Turn = await runtime.service.handle(event)
        jsonio.dumps(render(turn))  # what the web chat sends back
        buttons = [b.action for r in turn.replies for b in r.buttons]
        sent += 1
    return sent


async def one_round(
    runtime: Runtime, scripts: list[list[str]], args: argparse.Namespace, tag: str
) -> tuple[float, int]:
    start = time.process_time()
    talks = (
        citizen(runtime, f"{tag}-{i}", scripts[i % len(scripts)], args.messages)
        for i in range(args.citizens)
    )
    if args.questions == "letters":  # one after the other: the letters time the core, not
        counts = [await talk for talk in talks]  # a database that many at once would queue on
    else:
        counts = await asyncio.gather(*talks)
    return time.process_time() - start, sum(counts)


async def run(args: argparse.Namespace) -> None:
    scripts = {"load": lambda: [list(SCRIPT)], "varied": varied, "letters": letters}[
        args.questions
    ]()
    with tempfile.TemporaryDirectory(prefix="motcua-turn-cpu-") as tmp:
        settings = Settings(
            database_url=f"sqlite+aiosqlite:///{tmp}/bench.db",
            spool_dir=Path(tmp) / "spool",
            rate_limit_per_minute=100_000,
            address_messages_per_minute=0,
            address_new_ids_per_minute=0,
            log_level="ERROR",
        )
        runtime = await Runtime.open(settings)
        try:
            start = time.process_time()
            await runtime.service.handle(Incoming("first", "web", Kind.TEXT, text="làm hộ chiếu"))
            first = time.process_time() - start
            print(f"first message after start-up: {1000 * first:.1f} ms CPU")
            if args.questions == "letters":  # what is built lazily, built before the letters
                for i, script in enumerate(varied()):
                    await runtime.service.handle(
                        Incoming(f"w{i}", "web", Kind.TEXT, text=script[0])
                    )
            per: list[float] = []
            for r in range(args.rounds):
                profile = cProfile.Profile(time.process_time) if args.profile else None
                if profile and r == args.rounds - 1:
                    profile.enable()
                cpu, sent = await one_round(runtime, scripts, args, f"r{r}")
                if profile and r == args.rounds - 1:
                    profile.disable()
                    profile.dump_stats(args.profile)
                per.append(1000 * cpu / sent)
                print(f"round {r + 1}: {sent} messages, {per[-1]:.3f} ms CPU/message")
            print(f"median {statistics.median(per):.3f} ms CPU/message ({args.questions})")
        finally:
            await runtime.close()
    if args.profile:
        stats = pstats.Stats(str(args.profile))
        stats.sort_stats("tottime").print_stats(40)
        stats.sort_stats("cumtime").print_stats(40)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", choices=("load", "varied", "letters"), default="load")
    parser.add_argument("--citizens", type=int, default=100)
    parser.add_argument("--messages", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", type=Path)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
