"""Checks across files: duplicates, dangling links, empty sections, coverage."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import yaml

from knowledge.loader import PACKAGE_DIR
from knowledge.locality import Locality
from knowledge.problems import Problem
from knowledge.schema import SECTION_CONTENT, Procedure
from knowledge.text import key
from knowledge.yamlio import read_yaml

Labelled = Sequence[tuple[str, Procedure]]


def default_coverage_file() -> Path:
    """``../shared/knowledge-coverage.yaml`` beside the project, or ``MOTCUA_COVERAGE_FILE``."""
    override = os.environ.get("MOTCUA_COVERAGE_FILE")
    if override:
        return Path(override)
    return PACKAGE_DIR.parent.parent / "shared" / "knowledge-coverage.yaml"


def coverage_ids(path: Path) -> list[str]:
    data = read_yaml(path)
    return [str(entry["id"]) for entry in data.get("procedures", [])]


def check_duplicates(procedures: Labelled) -> list[Problem]:
    problems: list[Problem] = []
    ids: dict[str, str] = {}
    alias_owner: dict[str, tuple[str, str]] = {}
    code_owner: dict[str, str] = {}
    for label, proc in procedures:
        if proc.id in ids:
            problems.append(Problem(label, "id", f"duplicate id, also in {ids[proc.id]}"))
        ids[proc.id] = label
        names = [("name", proc.name)] + [(f"aliases[{i}]", a) for i, a in enumerate(proc.aliases)]
        seen_here: set[str] = set()
        for field, alias in names:
            k = key(alias)
            if k in seen_here and field != "name":
                problems.append(Problem(label, field, f"alias {alias!r} repeats another alias"))
            seen_here.add(k)
            owner = alias_owner.get(k)
            if owner and owner[0] != proc.id:
                problems.append(
                    Problem(label, field, f"alias {alias!r} also names {owner[0]} ({owner[1]})")
                )
            alias_owner.setdefault(k, (proc.id, field))
        for i, code in enumerate(proc.codes):
            if code.current and code.code in code_owner and code_owner[code.code] != proc.id:
                problems.append(
                    Problem(
                        label,
                        f"codes[{i}]",
                        f"code {code.code} is current in {code_owner[code.code]} too",
                    )
                )
            if code.current:
                code_owner[code.code] = proc.id
    return problems


def check_links(procedures: Labelled, extra_known: frozenset[str] = frozenset()) -> list[Problem]:
    known = {proc.id for _, proc in procedures} | extra_known
    problems: list[Problem] = []
    for label, proc in procedures:
        for field in ("linked", "related"):
            for i, link in enumerate(getattr(proc, field)):
                if link.id == proc.id:
                    problems.append(
                        Problem(label, f"{field}[{i}].id", "a procedure cannot link itself")
                    )
                elif link.id not in known:
                    problems.append(
                        Problem(label, f"{field}[{i}].id", f"unknown procedure {link.id!r}")
                    )
    return problems


def check_sections(procedures: Labelled) -> list[Problem]:
    problems: list[Problem] = []
    for label, proc in procedures:
        for section, content in SECTION_CONTENT.items():
            value = getattr(proc, section)
            if not getattr(value, content) and not value.not_applicable:
                problems.append(
                    Problem(
                        label,
                        f"{section}.{content}",
                        "empty: add content or `not_applicable: <why>`",
                    )
                )
            if section != "online" and not value.legal_basis and not value.not_applicable:
                problems.append(
                    Problem(
                        label, f"{section}.legal_basis", "a factual section needs its legal basis"
                    )
                )
        if not proc.processing_time.legal_basis:
            problems.append(
                Problem(label, "processing_time.legal_basis", "a deadline needs its legal basis")
            )
        for i, fee in enumerate(proc.fees.items):
            if not fee.legal_basis and not proc.fees.legal_basis:
                problems.append(
                    Problem(label, f"fees.items[{i}].legal_basis", "a fee needs its legal basis")
                )
    return problems


def check_coverage(procedures: Labelled, coverage_file: Path) -> list[Problem]:
    try:
        wanted = coverage_ids(coverage_file)
    except (OSError, yaml.YAMLError, AttributeError, KeyError, TypeError) as exc:
        return [Problem(str(coverage_file), "", f"cannot read coverage file: {exc}")]
    have = {proc.id for _, proc in procedures}
    return [
        Problem("procedures/", pid, f"coverage id missing: add procedures/{pid}.yaml")
        for pid in wanted
        if pid not in have
    ]


def check_localities(
    localities: Sequence[tuple[str, Locality]], procedures: Labelled
) -> list[Problem]:
    known = {proc.id for _, proc in procedures}
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for label, loc in localities:
        if loc.id in seen:
            problems.append(Problem(label, "id", f"duplicate locality id, also in {seen[loc.id]}"))
        seen[loc.id] = label
        for i, override in enumerate(loc.fee_overrides):
            if override.procedure not in known:
                problems.append(
                    Problem(
                        label,
                        f"fee_overrides[{i}].procedure",
                        f"unknown procedure {override.procedure!r}",
                    )
                )
    return problems


def cross_check(
    procedures: Labelled,
    localities: Sequence[tuple[str, Locality]],
    extra_known: frozenset[str] = frozenset(),
) -> list[Problem]:
    return [
        *check_duplicates(procedures),
        *check_links(procedures, extra_known),
        *check_sections(procedures),
        *check_localities(localities, procedures),
    ]


def check_all(coverage_file: Path | None = None, partial: bool = False) -> list[Problem]:
    """Everything ``kb check`` reports: schema, cross-file checks and (when present) coverage.

    ``partial`` is for editors working on a few files: ids of the coverage list count as known
    link targets and missing coverage ids are not reported.
    """
    from knowledge.loader import load_localities, load_procedures

    procs, problems = load_procedures()
    locs, loc_problems = load_localities()
    coverage_file = coverage_file or default_coverage_file()
    wanted = coverage_ids(coverage_file) if coverage_file.exists() else []
    extra = frozenset(wanted) if partial else frozenset()
    problems += loc_problems + cross_check(procs, locs, extra)
    if coverage_file.exists() and not partial:
        problems += check_coverage(procs, coverage_file)
    return sorted(problems)
