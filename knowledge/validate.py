"""Checks across files: duplicates, dangling links, empty sections, coverage."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from pydantic import BaseModel

from knowledge.loader import PACKAGE_DIR
from knowledge.locality import Locality
from knowledge.problems import Problem
from knowledge.schema import DETAIL_FIELDS, SECTION_CONTENT, Availability, Channel, Procedure
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
        for field in DETAIL_FIELDS:
            detail = getattr(proc, field)
            if detail is not None and not detail.legal_basis and not detail.not_applicable:
                problems.append(
                    Problem(label, f"{field}.legal_basis", "an answer needs its legal basis")
                )
        for i, faq in enumerate(proc.faq):
            if not faq.legal_basis and not faq.source:
                problems.append(
                    Problem(label, f"faq[{i}]", "an answer needs its legal basis or source")
                )
    return problems


def check_channels(procedures: Labelled) -> list[Problem]:
    """Per-channel times and fees: a channel the procedure does not offer, or an entry that
    only repeats the general value."""
    problems: list[Problem] = []
    for label, proc in procedures:
        pt = proc.processing_time
        offline = proc.online.availability == Availability.KHONG
        for i, entry in enumerate(pt.by_channel):
            where = f"processing_time.by_channel[{i}]"
            if offline and entry.channel == Channel.ONLINE:
                problems.append(
                    Problem(label, where, "an online time, but online.availability is `khong`")
                )
            if entry.text == pt.text:
                problems.append(
                    Problem(label, where, "repeats processing_time.text: leave the channel out")
                )
        for i, fee in enumerate(proc.fees.items):
            where = f"fees.items[{i}]"
            if offline and fee.amount_online is not None:
                problems.append(
                    Problem(label, where, "`amount_online`, but online.availability is `khong`")
                )
            for field in ("amount_online", "amount_post"):
                value = getattr(fee, field)
                if value is not None and fee.amount is None:
                    problems.append(
                        Problem(label, f"{where}.{field}", "a channel amount needs `amount`")
                    )
                elif value is not None and value == fee.amount:
                    problems.append(
                        Problem(label, f"{where}.{field}", "same as `amount`: leave it out")
                    )
    return problems


EXPIRY_WARNING = dt.timedelta(days=30)


def check_dated(procedures: Labelled, today: dt.date) -> tuple[list[Problem], list[Problem]]:
    """Dated facts on ``today``: (errors, warnings).

    An error: a fee section whose items are all out of force (the bot would quote nothing).
    A warning: a fact that stops being in force within :data:`EXPIRY_WARNING`; its successor
    should be entered (with ``valid_from``) before then.
    """
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for label, proc in procedures:
        if proc.fees.items and not any(fee.in_force(today) for fee in proc.fees.items):
            errors.append(
                Problem(label, "fees.items", f"no fee item in force on {today.isoformat()}")
            )
        for what, until in proc.expiring():
            if today <= until <= today + EXPIRY_WARNING:
                warnings.append(
                    Problem(label, what, f"stops being in force after {until.isoformat()}")
                )
    return errors, warnings


# Reviewers' working language that must never reach a citizen: it belongs in `editor_note`.
EDITOR_TALK = re.compile(
    r"chưa (?:đọc|đối chiếu|kiểm tra|xác minh|tìm thấy văn bản|thấy văn bản)"
    r"|cần (?:kiểm tra|đối chiếu|xác minh)|theo báo chí|theo hiểu biết|(?:chỉ có )?một nguồn"
    r"|bản ký|shared/|reference/|\bTODO\b|\(đọc \d",
    re.IGNORECASE,
)
# Fields never shown to citizens.
_NOT_SHOWN = frozenset({"editor_note", "editor_notes", "sources", "source", "codes", "aliases"})


def citizen_texts(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string a citizen may read in a procedure (or a part of one), with its path."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name not in _NOT_SHOWN:
                yield from citizen_texts(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from citizen_texts(item, f"{path}[{i}]")
    elif isinstance(value, str):
        yield path, value


def check_citizen_text(procedures: Labelled) -> list[Problem]:
    """Editors' doubts and working notes in text that citizens read."""
    problems: list[Problem] = []
    for label, proc in procedures:
        for path, text in citizen_texts(proc):
            found = EDITOR_TALK.search(text)
            if found:
                problems.append(
                    Problem(label, path, f"editor talk {found.group(0)!r}: move to editor_note")
                )
    return problems


def legal_bases(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every legal-basis item in a procedure (or a part of one), with its path."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            field = getattr(value, name)
            where = f"{path}.{name}" if path else name
            if name == "legal_basis" and isinstance(field, list | tuple):
                for i, item in enumerate(field):
                    if isinstance(item, str):
                        yield f"{where}[{i}]", item
            else:
                yield from legal_bases(field, where)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from legal_bases(item, f"{path}[{i}]")


# A citation cut in two by an unquoted comma in a YAML flow list: "[Luật Phòng, chống ma túy]"
# reads as "Luật Phòng" and "chống ma túy"; "[Luật X, Điều 5]" as "Luật X" and "Điều 5".
_CITATION_PIECE = re.compile(r"^(?:điều|khoản|điểm|chương|mục|chống|và)\b", re.IGNORECASE)


def check_citations(procedures: Labelled) -> list[Problem]:
    """Legal-basis items that are pieces of one citation split at a comma."""
    problems: list[Problem] = []
    for label, proc in procedures:
        for path, item in legal_bases(proc):
            text = item.strip()
            if _CITATION_PIECE.match(text) or text.count("(") != text.count(")"):
                problems.append(
                    Problem(
                        label,
                        path,
                        f"{text!r} looks like part of a citation split at a comma: quote the item",
                    )
                )
    return problems


def check_coverage(procedures: Labelled, coverage_file: Path) -> list[Problem]:
    import yaml  # here: a start restored from the knowledge cache does not load PyYAML

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
        *check_channels(procedures),
        *check_citizen_text(procedures),
        *check_citations(procedures),
        *check_localities(localities, procedures),
    ]


VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")  # no daylight saving time


def vietnam_today() -> dt.date:
    return dt.datetime.now(VIETNAM).date()


def check_all(
    coverage_file: Path | None = None, partial: bool = False, today: dt.date | None = None
) -> list[Problem]:
    """Everything ``kb check`` reports: schema, cross-file checks and (when present) coverage.

    ``partial`` is for editors working on a few files: ids of the coverage list count as known
    link targets and missing coverage ids are not reported. Dated facts are checked as of
    ``today`` (default: today in Vietnam).
    """
    from knowledge.loader import load_localities, load_procedures

    procs, problems = load_procedures()
    locs, loc_problems = load_localities()
    coverage_file = coverage_file or default_coverage_file()
    wanted = coverage_ids(coverage_file) if coverage_file.exists() else []
    extra = frozenset(wanted) if partial else frozenset()
    problems += loc_problems + cross_check(procs, locs, extra)
    problems += check_dated(procs, today or vietnam_today())[0]
    if coverage_file.exists() and not partial:
        problems += check_coverage(procs, coverage_file)
    return sorted(problems)
