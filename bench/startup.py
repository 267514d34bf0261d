"""Start-up time and memory of ``motcua run``: from the process start to ``/readyz`` 200, and RSS.

    .venv/bin/python bench/startup.py [--runs 5] [--cache warm|cold|off] [--against TREE]

Each run starts ``python -m bot run`` on a fresh SQLite file and a free port, polls ``/readyz``
every 20 ms, then asks one question about a place through ``POST /api/chat`` (so whatever is
loaded lazily is loaded) and reads the process's resident memory. Prints the median and the
range of the time to ready, the CPU time the process used until then (steadier than wall time
on a shared machine), the RSS at ready and the RSS after the question.

``--cache``: ``warm`` (default) starts with the knowledge cache of this build already written
(one start writes it first, untimed), ``cold`` with an empty cache directory each run (the start
reads the YAML and writes the cache), ``off`` with no cache. ``--against TREE`` runs another
checkout (e.g. ``git worktree add /tmp/main main``) with the same interpreter, alternating with
this one run by run, and prints both side by side.
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


def one_run(tree: Path, cache: str) -> tuple[float, float, float, float]:
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
            ready = time.perf_counter() - started
            at_ready, cpu = rss_mb(proc.pid), cpu_s(proc.pid)
            body = json.dumps({"user": "bench", "text": "tôi ở phường Hoàn Kiếm"}).encode()
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/api/chat",
                data=body,
                headers={"Content-Type": "application/json"},
            )
            with urllib.request.urlopen(request, timeout=10) as r:
                r.read()
            after = rss_mb(proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=15)
    return ready, at_ready, after, cpu


def report(name: str, runs: list[tuple[float, float, float, float]]) -> None:
    print(name)
    for label, idx, unit in (
        ("ready", 0, "s"),
        ("CPU to ready", 3, "s"),
        ("RSS at ready", 1, "MB"),
        ("RSS after", 2, "MB"),
    ):
        values = [r[idx] for r in runs]
        print(
            f"{label:>13}: median {statistics.median(values):.2f} {unit} "
            f"(min {min(values):.2f}, max {max(values):.2f}, {len(values)} runs)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cache", choices=("warm", "cold", "off"), default="warm")
    parser.add_argument("--against", type=Path, help="another checkout, run alternately")
    args = parser.parse_args()
    trees = [ROOT, *([args.against.resolve()] if args.against else [])]
    runs: dict[Path, list[tuple[float, float, float, float]]] = {tree: [] for tree in trees}
    with tempfile.TemporaryDirectory() as caches:
        if args.cache == "warm":  # one untimed start per tree writes its cache
            for tree in trees:
                one_run(tree, caches)
        for i in range(args.runs):
            for tree in trees:
                cache = {"warm": caches, "cold": f"{caches}/{i}", "off": ""}[args.cache]
                runs[tree].append(one_run(tree, cache))
    for tree in trees:
        report(f"{tree} (knowledge cache: {args.cache})", runs[tree])


if __name__ == "__main__":
    main()
