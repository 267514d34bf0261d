"""Resolution accuracy and speed of knowledge.places on the phrasings in tests/data/places.yaml.

    .venv/bin/python bench/places_eval.py [-v]

A phrasing counts as right when the kind of answer (one commune, a choice, an old name, a split
ward, a district, a province, abroad, unknown…) and the communes meant or offered are the ones
expected. Prints the load time of the gazetteer, the accuracy per kind and overall, and the
median time of one resolution; ``-v`` lists the misses.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from knowledge.places import Gazetteer, Resolution  # noqa: E402

CASES = ROOT / "tests" / "data" / "places.yaml"


def right(result: Resolution, case: dict[str, object]) -> bool:
    if result.found.value != case["found"]:
        return False
    wanted = case.get("communes")
    return wanted is None or {c.full for c in result.communes} == set(wanted)  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    places = Gazetteer.load()
    loaded = time.perf_counter() - started
    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    total: Counter[str] = Counter()
    good: Counter[str] = Counter()
    times = []
    for case in cases:
        t0 = time.perf_counter()
        result = places.resolve(case["text"])
        times.append(time.perf_counter() - t0)
        total[case["found"]] += 1
        if right(result, case):
            good[case["found"]] += 1
        elif args.verbose:
            got = ", ".join(c.full for c in result.communes)
            print(f"MISS {case['text']!r}: {result.found.value} [{got}], want {case['found']}")
    print(f"gazetteer load: {loaded * 1000:.0f} ms ({len(places.communes)} communes)")
    for kind in sorted(total):
        print(f"  {kind:<9} {good[kind]:>3}/{total[kind]:<3}")
    n, ok = sum(total.values()), sum(good.values())
    print(f"accuracy: {ok}/{n} = {ok / n:.1%}")
    print(f"resolve: median {statistics.median(times) * 1e6:.0f} µs, max {max(times) * 1e6:.0f} µs")


if __name__ == "__main__":
    main()
