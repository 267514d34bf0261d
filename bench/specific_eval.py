"""Specific questions about one's own situation: is the specific fact answered, or the whole card?

.venv/bin/python bench/specific_eval.py [--file tests/data/specific_questions.jsonl]
    [--split dev|check|all] [--failures N]

One question per line: ``{"id", "q", "procedure": [ids], "facts": [phrases], "split"}``. Each
question goes through the real conversation core (``handlers.handle``, the knowledge base and
matcher as the bot loads them) twice:

* ``first`` — as a citizen's first message;
* ``follow`` — as a follow-up, after the citizen asked for the procedure by its short name and
  was shown its card.

For each it prints three rates, overall and per procedure:

* ``procedure`` — the conversation's current procedure after the turn is one of ``procedure``;
* ``fact`` — the right procedure, at least one of ``facts`` within one line of the reply (case
  and diacritics ignored), and not the whole card;
* ``card`` — the reply is the procedure's whole card (its section buttons without a "card"
  button) instead of an answer to the question.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.evalargs import arguments  # noqa: E402
from handlers import Context, Incoming, Reply, State, handle  # noqa: E402
from knowledge.base import load  # noqa: E402
from knowledge.matcher import Matcher  # noqa: E402
from knowledge.text import fold  # noqa: E402
from knowledge.topics import load_menu  # noqa: E402

DATA = ROOT / "tests" / "data" / "specific_questions.jsonl"
MODES = ("first", "follow")
TODAY = dt.date(2026, 12, 6)


def plain(text: str) -> str:
    """Lower case, no diacritics, single spaces: what facts are compared on."""
    return " ".join(fold(text).split())


def is_card(replies: Sequence[Reply]) -> bool:
    """The whole card: a reply offering the procedure's sections, none of them the card."""
    for reply in replies:
        sections = [b.action.split(":")[1] for b in reply.buttons if b.action.startswith("a:")]
        if sections and "card" not in sections:
            return True
    return False


@dataclass
class Outcome:
    procedure: bool
    fact: bool
    card: bool


def judge(row: Mapping[str, Any], replies: Sequence[Reply], current: str | None) -> Outcome:
    lines = [plain(line) for r in replies for line in r.text.splitlines()]
    right = current in row["procedure"]
    card = is_card(replies)
    said = any(plain(fact) in line for fact in row["facts"] for line in lines)
    return Outcome(procedure=right, fact=right and said and not card, card=card)


@dataclass
class Tally:
    n: Counter[str] = field(default_factory=Counter)
    procedure: Counter[str] = field(default_factory=Counter)
    fact: Counter[str] = field(default_factory=Counter)
    card: Counter[str] = field(default_factory=Counter)

    def add(self, key: str, outcome: Outcome) -> None:
        for k in (key, "*"):
            self.n[k] += 1
            self.procedure[k] += outcome.procedure
            self.fact[k] += outcome.fact
            self.card[k] += outcome.card

    def line(self, key: str, label: str) -> str:
        n = self.n[key]

        def rate(c: Counter[str]) -> str:
            return f"{c[key]:>3}/{n:<3} {c[key] / max(n, 1):.2f}"

        return (
            f"  {label:<46} procedure {rate(self.procedure)}"
            f"  fact {rate(self.fact)}  card {rate(self.card)}"
        )


def read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def ask(ctx: Context, texts: Iterable[str]) -> tuple[list[Reply], State]:
    state, replies = State(), []
    for text in texts:
        turn, state = handle(Incoming("eval", "web", text=text), state, ctx)
        replies = list(turn.replies)
    return replies, state


def score(rows: list[dict[str, Any]], ctx: Context) -> tuple[dict[str, Tally], list[str]]:
    tallies = {mode: Tally() for mode in MODES}
    failures: list[str] = []
    for row in rows:
        expected = row["procedure"][0]
        need = ctx.kb.procedures[expected].short_name or ctx.kb.procedures[expected].title
        for mode in MODES:
            texts = [row["q"]] if mode == "first" else [need, row["q"]]
            replies, state = ask(ctx, texts)
            outcome = judge(row, replies, state.procedure)
            tallies[mode].add(expected, outcome)
            if not outcome.fact:
                head = plain(replies[0].text.split("\n", 1)[0])[:60] if replies else ""
                why = (
                    f"about {state.procedure}"
                    if not outcome.procedure
                    else "whole card"
                    if outcome.card
                    else f"no {row['facts']}"
                )
                failures.append(f"{row['id']} [{mode}] {row['q']!r} → {head!r}: {why}")
    return tallies, failures


def main() -> None:
    args = arguments(file=DATA, default="dev", help="dev, check or all")
    rows = read(args.file)
    if args.split != "all":
        rows = [r for r in rows if r.get("split") == args.split]
    kb = load()
    ctx = Context(kb, Matcher.build(kb.procedures.values()), load_menu(), today=TODAY)
    tallies, failures = score(rows, ctx)
    print(f"{args.file.name} ({args.split}): {len(rows)} questions")
    for mode in MODES:
        tally = tallies[mode]
        print(f"{mode}:")
        print(tally.line("*", "all"))
        for pid in sorted(k for k in tally.n if k != "*"):
            print(tally.line(pid, pid))
    for line in failures[: args.failures]:
        print(line)


if __name__ == "__main__":
    main()
