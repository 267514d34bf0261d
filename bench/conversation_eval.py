"""Multi-turn conversations through ``POST /api/chat`` of the real app: pass rate per kind of turn.

.venv/bin/python bench/conversation_eval.py [--file tests/data/conversations.jsonl]
    [--split dev|all|...] [--failures N]

One dialogue per line: ``{"id", "split", "turns": [{"say", "kind", "expect"}]}``; ``kind`` is one
of first, aspect, detail, switch, back, correction, smalltalk, place, bad, handoff. ``expect``
may hold ``procedure`` (the id the turn's answer must be about, or null for none), ``any`` (at
least one must appear in the reply), ``all`` (all must appear), ``none`` (none may appear). Text
comparisons ignore case and diacritics. A reply is about the procedure its buttons name (section,
👍/👎, checklist buttons), else the one whose title its first line names, else none.

Each dialogue is one new citizen on an app running in this process on a fresh SQLite database
(the same service, middlewares and storage as ``motcua run``). A dialogue passes when all its
turns do.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.evalargs import arguments  # noqa: E402
from knowledge.text import fold  # noqa: E402

DATA = ROOT / "tests" / "data" / "conversations.jsonl"
KINDS = (
    "first",
    "aspect",
    "detail",
    "switch",
    "back",
    "correction",
    "smalltalk",
    "place",
    "bad",
    "handoff",
)
ABOUT_VERBS = frozenset({"a", "up", "down", "ck", "ckdone"})  # payloads naming their procedure


def plain(text: str) -> str:
    """Lower case, no diacritics, single spaces: what expectations are compared on."""
    return " ".join(fold(text).split())


def reply_procedure(replies: Sequence[Mapping[str, Any]], titles: Mapping[str, str]) -> str | None:
    """The procedure a turn's replies are about (see the module's docstring)."""
    named: Counter[str] = Counter()
    for reply in replies:
        for button in reply.get("buttons", ()):
            verb, _, rest = str(button.get("action", "")).partition(":")
            proc = rest.partition(":")[2]
            if verb in ABOUT_VERBS and proc in titles:
                named[proc] += 1
    if named:
        return named.most_common(1)[0][0]
    by_title = {plain(title): pid for pid, title in titles.items()}
    for reply in replies:
        first = str(reply.get("text", "")).split("\n", 1)[0]
        head = first.rsplit(" — ", 1)[-1]  # "💰 Lệ phí — <title>" or "📋 <title>"
        found = by_title.get(plain(head).lstrip("📋 ").strip()) or by_title.get(
            plain(head.split(" ", 1)[-1])
        )
        if found:
            return found
    return None


def check(
    expect: Mapping[str, Any], replies: Sequence[Mapping[str, Any]], titles: Mapping[str, str]
) -> list[str]:
    """What is wrong with a turn's replies (empty: the turn passes)."""
    wrong: list[str] = []
    text = plain("\n".join(str(r.get("text", "")) for r in replies))
    if not text:
        wrong.append("empty reply")
    if "procedure" in expect:
        got = reply_procedure(replies, titles)
        if got != expect["procedure"]:
            wrong.append(f"about {got}, expected {expect['procedure']}")
    if expect.get("any") and not any(plain(w) in text for w in expect["any"]):
        wrong.append(f"none of {expect['any']}")
    missing = [w for w in expect.get("all", ()) if plain(w) not in text]
    if missing:
        wrong.append(f"missing {missing}")
    present = [w for w in expect.get("none", ()) if plain(w) in text]
    if present:
        wrong.append(f"should not say {present}")
    return wrong


@dataclass
class Report:
    turns: Counter[str] = field(default_factory=Counter)
    passed: Counter[str] = field(default_factory=Counter)
    dialogues: int = 0
    dialogues_passed: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, kind: str, wrong: list[str], where: str) -> None:
        self.turns[kind] += 1
        if wrong:
            self.failures.append(f"{where}: {'; '.join(wrong)}")
        else:
            self.passed[kind] += 1

    def lines(self, title: str) -> list[str]:
        total, ok = sum(self.turns.values()), sum(self.passed.values())
        out = [
            title,
            f"  dialogues {self.dialogues_passed}/{self.dialogues}"
            f" = {self.dialogues_passed / max(self.dialogues, 1):.3f}",
            f"  turns     {ok}/{total} = {ok / max(total, 1):.3f}",
        ]
        for kind in KINDS:
            if self.turns[kind]:
                n, k = self.turns[kind], self.passed[kind]
                out.append(f"    {kind:<11} {k:>3}/{n:<3} = {k / n:.3f}")
        return out


def read_dialogues(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


Send = Any  # async (user, text) -> replies


async def score(
    dialogues: Iterable[Mapping[str, Any]], send: Send, titles: Mapping[str, str]
) -> Report:
    report = Report()
    for n, dialogue in enumerate(dialogues):
        user = f"eval-{n}-{dialogue.get('id', '')}"[:64]
        good = True
        for i, turn in enumerate(dialogue["turns"]):
            replies = await send(user, turn["say"])
            wrong = check(turn.get("expect", {}), replies, titles)
            good = good and not wrong
            said = turn["say"] if len(turn["say"]) < 60 else turn["say"][:57] + "…"
            first = plain(replies[0]["text"].split("\n", 1)[0])[:70] if replies else ""
            where = f"{dialogue.get('id')}#{i + 1} [{turn['kind']}] {said!r} → {first!r}"
            report.add(turn["kind"], wrong, where)
        report.dialogues += 1
        report.dialogues_passed += good
    return report


async def run(dialogues: list[dict[str, Any]]) -> Report:
    from aiohttp.test_utils import TestClient, TestServer

    from bot.config import Settings
    from bot.http.server import create_app
    from bot.runtime import Runtime

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{tmp}/eval.db"
        # Every dialogue is a new citizen from one address, faster than any office's Wi-Fi:
        # the per-address caps are off, or the dialogues past the cap would get a 429.
        settings = Settings(
            database_url=url,
            spool_dir=f"{tmp}/spool",
            rate_limit_per_minute=1000,
            address_messages_per_minute=0,
            address_new_ids_per_minute=0,
        )
        runtime = await Runtime.open(settings)
        client = TestClient(TestServer(create_app(runtime.service)))
        await client.start_server()
        titles = {pid: p.title for pid, p in runtime.store.current.procedures.items()}

        async def send(user: str, text: str) -> list[dict[str, Any]]:
            response = await client.post("/api/chat", json={"user": user, "text": text})
            data = await response.json()
            return list(data.get("replies", [])) if response.status == 200 else []

        try:
            return await score(dialogues, send, titles)
        finally:
            await client.close()
            await runtime.close()


def main() -> None:
    args = arguments(file=DATA, default="all", help="a split name, or all")
    dialogues = read_dialogues(args.file)
    if args.split != "all":
        dialogues = [d for d in dialogues if d.get("split") == args.split]
    report = asyncio.run(run(dialogues))
    print("\n".join(report.lines(f"{args.file.name} ({args.split})")))
    for line in report.failures[: args.failures]:
        print("  ✗", line)


if __name__ == "__main__":
    main()
