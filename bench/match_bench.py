"""Matcher latency and memory on the real knowledge base and on synthetic ones.

    .venv/bin/python bench/match_bench.py [--sizes real,1000,10000] [--rounds 3]

Synthetic bases recombine real names and aliases (halves of one phrase joined to halves of
another, plus the real phrases of the procedure they copy), so their vocabulary and frequency
profile look like the real one. Queries are the evaluation set's questions. Each size runs in its
own process so that peak RSS belongs to that size alone. Prints a table; asserts nothing. The "cpu"
columns count the matching thread's CPU time only: on a shared, busy machine the wall-clock
percentiles also measure the other processes.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from knowledge.base import load
from knowledge.evaluation import read_examples
from knowledge.matcher import MatchConfig, Matcher
from knowledge.schema import Procedure

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "match_eval.jsonl"


def synthetic(real: list[Procedure], size: int, seed: int = 7) -> list[Procedure]:
    rng = random.Random(seed)
    phrases = [p for proc in real for p in [proc.name, *proc.aliases]]

    def recombine() -> str:
        a, b = rng.choice(phrases).split(), rng.choice(phrases).split()
        return " ".join(a[: max(1, len(a) // 2)] + b[len(b) // 2 :])

    out = list(real)
    for i in range(size - len(real)):
        base = real[i % len(real)]
        aliases = [recombine() for _ in range(rng.randint(5, 9))]
        out.append(
            base.model_copy(
                update={
                    "id": f"{base.id}-s{i}",
                    "name": recombine(),
                    "short_name": None,
                    "aliases": aliases,
                }
            )
        )
    return out


def run_child(size: str, rounds: int) -> dict[str, float | int | str]:
    real = list(load().procedures.values())
    procs = real if size == "real" else synthetic(real, int(size))
    started = time.perf_counter()
    matcher = Matcher.build(procs, config=MatchConfig(cache_size=0))  # time matching itself
    build_s = time.perf_counter() - started
    queries = [e.query for e in read_examples(DATA)]
    for q in queries:  # warm caches (spelling repairs) as a running service would have
        matcher.match(q)
    timings = []
    cpu = []  # this process's CPU time: what the matcher costs, whatever else the machine runs
    for _ in range(rounds):
        for q in queries:
            t0, c0 = time.perf_counter_ns(), time.thread_time_ns()
            matcher.match(q)
            cpu.append((time.thread_time_ns() - c0) / 1e6)
            timings.append((time.perf_counter_ns() - t0) / 1e6)
    timings.sort()
    cpu.sort()
    return {
        "size": size,
        "procedures": len(procs),
        "phrases": len(matcher.index.phrases),
        "build_s": round(build_s, 3),
        "queries": len(timings),
        "p50_ms": round(statistics.median(timings), 3),
        "p99_ms": round(timings[int(len(timings) * 0.99) - 1], 3),
        "max_ms": round(timings[-1], 3),
        "cpu_p50_ms": round(statistics.median(cpu), 3),
        "cpu_p99_ms": round(cpu[int(len(cpu) * 0.99) - 1], 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="real,1000,10000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_child(args.child, args.rounds)))
        return
    rows = []
    for size in args.sizes.split(","):
        out = subprocess.run(
            [sys.executable, __file__, "--child", size, "--rounds", str(args.rounds)],
            capture_output=True,
            text=True,
            check=True,
        )
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    header = (
        f"{'KB':>6} {'procs':>6} {'phrases':>8} {'build s':>8} {'queries':>8} "
        f"{'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} {'cpu p50':>8} {'cpu p99':>8} "
        f"{'peak RSS MB':>11}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['size']:>6} {r['procedures']:>6} {r['phrases']:>8} "
            f"{r['build_s']:>8} {r['queries']:>8} "
            f"{r['p50_ms']:>7} {r['p99_ms']:>7} {r['max_ms']:>7} "
            f"{r['cpu_p50_ms']:>8} {r['cpu_p99_ms']:>8} {r['peak_rss_mb']:>11}"
        )


if __name__ == "__main__":
    main()
