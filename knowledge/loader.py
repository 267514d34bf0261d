"""Read procedure and locality files into validated models, collecting every problem found."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from knowledge.locality import Locality
from knowledge.problems import Problem
from knowledge.schema import Procedure
from knowledge.yamlio import read_yaml

PACKAGE_DIR = Path(__file__).resolve().parent
PROCEDURES_DIR = PACKAGE_DIR / "procedures"
LOCALITIES_DIR = PACKAGE_DIR / "localities"

M = TypeVar("M", bound=BaseModel)


def _field_path(loc: Iterable[int | str]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def parse_file(path: Path, model: type[M], label: str) -> tuple[M | None, list[Problem]]:
    """Parse one YAML file into ``model``; on failure return the problems, each naming a field."""
    import yaml  # here: a start restored from the knowledge cache does not load PyYAML

    try:
        raw = read_yaml(path)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return None, [Problem(label, "", f"not valid YAML: {exc}".replace("\n", " "))]
    if not isinstance(raw, dict):
        return None, [Problem(label, "", "the file must hold a mapping (key: value) at top level")]
    try:
        return model.model_validate(raw), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            message = err["msg"]
            if err["type"] == "extra_forbidden":
                message = "unknown key (typo?)"
            elif err["type"] == "missing":
                message = "required field is missing"
            problems.append(Problem(label, _field_path(err["loc"]), message))
        return None, problems


def _load_dir(directory: Path, model: type[M]) -> tuple[list[tuple[str, M]], list[Problem]]:
    items: list[tuple[str, M]] = []
    problems: list[Problem] = []
    if not directory.is_dir():
        return items, problems
    for path in sorted(directory.glob("*.yaml")):
        label = f"{directory.name}/{path.name}"
        item, found = parse_file(path, model, label)
        problems.extend(found)
        if item is not None:
            item_id = getattr(item, "id", None)
            if item_id != path.stem:
                problems.append(Problem(label, "id", f"id {item_id!r} must equal the file name"))
            items.append((label, item))
    return items, problems


def load_procedures(
    directory: Path = PROCEDURES_DIR,
) -> tuple[list[tuple[str, Procedure]], list[Problem]]:
    return _load_dir(directory, Procedure)


def load_localities(
    directory: Path = LOCALITIES_DIR,
) -> tuple[list[tuple[str, Locality]], list[Problem]]:
    return _load_dir(directory, Locality)
