"""Start-up time and memory of ``motcua run``: from the process start to ``/readyz`` 200, RSS, and
how long the first answers after that take.

    .venv/bin/python bench/startup.py [--runs 5] [--cache warm|cold|off] [--against TREE]

Each run starts ``python -m bot run`` on a fresh SQLite file and a free port, polls ``/readyz``
every 20 ms, then sends three messages through ``POST /api/chat``, in this order, timing each
answer: a procedure asked by name ("đăng ký khai sinh": the first answer after the start pays for
whatever is still built or loaded lazily), a follow-up inside it ("cần giấy tờ gì": the section
words and passages of that procedure) and, from another citizen, a place ("tôi ở phường Hoàn
Kiếm": the gazetteer). It reads the process's resident memory at ready and after the three.
Prints the median and the range of the time to ready, the CPU time the process used until then
(steadier than wall time on a shared machine), each answer's time and both RSS figures.

``--cache``: ``warm`` (default) starts with the knowledge cache of this build already written
(one start writes it first, untimed), ``cold`` with an empty cache directory each run (the start
reads the YAML and writes the cache), ``off`` with no cache. ``--against TREE`` runs another
checkout (e.g. ``git worktree add --detach /tmp/main main``) with the same interpreter,
alternating with this one run by run, and prints the medians of both side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_s(pid: int) -> float:
    """User + system CPU seconds the process used (less noisy than wall time on a busy host)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


QUESTIONS = (  # (label, citizen, text), asked in this order right after ready
    ("first answer", "bench-a", "đăng ký khai sinh"),
    ("follow-up", "bench-a", "cần giấy tờ gì"),
    ("place", "bench-b", "tôi ở phường Hoàn Kiếm"),
)
# (label, unit) of each figure of a run, in the order printed
FIGURES = (
    ("ready", "s"),
    ("CPU to ready", "s"),
    *((label, "ms") for label, _, _ in QUESTIONS),
    ("RSS at ready", "MB"),
    ("RSS after", "MB"),
)


def ask(port: int, user: str, text: str) -> float:
    """Milliseconds from sending a message to reading the whole answer."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/chat",
        data=json.dumps({"user": user, "text": text}).encode(),
        headers={"Content-Type": "application/json"},
    )
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as r:
        if r.status != 200:
            raise SystemExit(f"/api/chat answered {r.status} to {text!r}")
        r.read()
    return (time.perf_counter() - started) * 1000


def one_run(tree: Path, cache: str) -> dict[str, float]:
    """One start: each figure of :data:`FIGURES` by its label."""
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp}/bench.db",
            "PORT": str(port),
            "LOG_LEVEL": "WARNING",
            "KNOWLEDGE_CACHE_DIR": cache or "",
            "SPOOL_DIR": f"{tmp}/spool",
        }
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            cwd=tree,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            while True:
                if proc.poll() is not None:
                    raise SystemExit(f"motcua run exited with {proc.returncode}")
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                time.sleep(0.02)
            found = {"ready": time.perf_counter() - started}
            found["RSS at ready"], found["CPU to ready"] = rss_mb(proc.pid), cpu_s(proc.pid)
            for label, user, text in QUESTIONS:
                found[label] = ask(port, user, text)
            found["RSS after"] = rss_mb(proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=15)
    return found


def report(cache: str, runs: dict[Path, list[dict[str, float]]]) -> None:
    """One line per figure, one column per tree: the median, the range in parentheses."""
    trees = list(runs)
    for i, tree in enumerate(trees, 1):
        print(f"[{i}] {tree} (knowledge cache: {cache}, {len(runs[tree])} runs)")
    print(
        f"{'':>13}  "
        + "  ".join(f"{f'[{i}] median (min–max)':<26}" for i in range(1, len(trees) + 1))
    )
    for label, unit in FIGURES:
        cells = []
        for tree in trees:
            values = [run[label] for run in runs[tree]]
            digits = 0 if unit == "ms" else 2
            cells.append(
                f"{statistics.median(values):.{digits}f} {unit} "
                f"({min(values):.{digits}f}–{max(values):.{digits}f})"
            )
        print(f"{label:>13}: " + "  ".join(f"{c:<26}" for c in cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cache", choices=("warm", "cold", "off"), default="warm")
    parser.add_argument("--against", type=Path, help="another checkout, run alternately")
    args = parser.parse_args()
    trees = [ROOT, *([args.against.resolve()] if args.against else [])]
    runs: dict[Path, list[dict[str, float]]] = {tree: [] for tree in trees}
    with tempfile.TemporaryDirectory() as caches:
        if args.cache == "warm":  # one untimed start per tree writes its cache
            for tree in trees:
                one_run(tree, caches)
        for i in range(args.runs):
            for tree in trees:
                cache = {"warm": caches, "cold": f"{caches}/{i}", "off": ""}[args.cache]
                runs[tree].append(one_run(tree, cache))
    report(args.cache, runs)


if __name__ == "__main__":
    main()
