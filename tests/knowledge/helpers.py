"""Write small knowledge-base trees into a temporary directory for loader tests."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from knowledge.loader import LOCALITIES_DIR, PROCEDURES_DIR
from knowledge.yamlio import read_yaml

EXAMPLE = PROCEDURES_DIR / "dang-ky-khai-sinh.yaml"


def example(**changes: Any) -> dict[str, Any]:
    """The reference procedure as a dict, stripped of links, with top-level changes applied."""
    data: dict[str, Any] = copy.deepcopy(read_yaml(EXAMPLE))
    data["linked"], data["related"] = [], []
    data.update(changes)
    return data


def write(directory: Path, name: str, data: dict[str, Any] | str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.yaml"
    text = (
        data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    )
    path.write_text(text, encoding="utf-8")
    return path


def example_locality() -> dict[str, Any]:
    data: dict[str, Any] = read_yaml(LOCALITIES_DIR / "vi-du-phuong-mau.yaml")
    return data
