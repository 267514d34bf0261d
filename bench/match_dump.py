"""Everything the matcher says about every text of the test data, to compare two trees.

    .venv/bin/python bench/match_dump.py [--sizes real,1000] [--top 50] > /tmp/dump.txt

For each knowledge base (the real one; a synthetic one of that many procedures, built as
``bench/match_bench.py`` builds it) and each text (the questions of ``match_eval.jsonl`` and
every ``real_questions*.jsonl``, every turn of every conversation file), one line: the outcome,
aspect, normalised text, topics, flags, the query as read (weights and credits, exact floats),
the ``top`` best candidates (exact scores) and the options a clarification offers. Two trees
whose dumps are equal match alike; a change meant to be faster only is checked so. Run it in each
tree (``PYTHONPATH=.`` in a copy) and ``diff`` the outputs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.match_bench import synthetic  # noqa: E402
from knowledge.base import load  # noqa: E402
from knowledge.matcher import MatchConfig, Matcher  # noqa: E402

DATA = ROOT / "tests" / "data"


def texts() -> Iterator[str]:
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if "q" in row:
                yield row["q"]
            for turn in row.get("turns", ()):
                yield turn["say"]


def dump(matcher: Matcher, text: str, top: int) -> str:
    result = matcher.match(text, top=top)
    query = matcher.read(matcher.normalizer.normalize(text))
    return json.dumps(
        {
            "q": text,
            "outcome": result.outcome.value,
            "aspect": result.aspect.value if result.aspect else None,
            "normalized": result.normalized,
            "topics": result.topics,
            "unrelated": result.unrelated,
            "letter": query.letter,
            "named_topic": query.named_topic,
            "weights": sorted((f, repr(w)) for f, w in query.weights.items()),
            "credit": sorted((f, repr(w)) for f, w in query.credit.items()),
            "said": sorted(query.said),
            "said_any": sorted(query.said_any),
            "tied": sorted((f, sorted(w)) for f, w in query.tied.items()),
            "candidates": [
                (c.id, repr(c.score), c.phrase, repr(c.coverage)) for c in result.candidates
            ],
            "options": [c.id for c in matcher.clarify_options(result)],
        },
        ensure_ascii=False,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="real,1000")
    parser.add_argument("--top", type=int, default=50)
    args = parser.parse_args()
    real = list(load().procedures.values())
    seen: set[str] = set()
    unique = [t for t in texts() if not (t in seen or seen.add(t))]
    for size in args.sizes.split(","):
        procs = real if size == "real" else synthetic(real, int(size))
        matcher = Matcher.build(procs, config=MatchConfig(cache_size=0))
        for text in unique:
            print(size, dump(matcher, text, args.top))


if __name__ == "__main__":
    main()
