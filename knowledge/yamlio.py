"""YAML reading that refuses duplicate keys (PyYAML silently keeps the last one).

Parsing uses libyaml's C parser when PyYAML was built with it (``yaml.CSafeLoader``): the same
safe constructors and the same duplicate-key check, about ten times faster on the knowledge base,
which is most of the start-up time. Without libyaml it falls back to the pure-Python loader.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any


def _mapping(loader: Any, node: Any, deep: bool = False) -> dict[Any, Any]:
    import yaml

    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    mapping: dict[Any, Any] = loader.construct_mapping(node, deep=deep)
    return mapping


@functools.cache
def _loader() -> Any:
    """The strict loader, made at the first file read: a start restored from the knowledge
    cache (:mod:`knowledge.cache`) reads no YAML and does not load PyYAML."""
    import yaml

    try:
        base: Any = yaml.CSafeLoader
    except AttributeError:  # PyYAML built without libyaml
        base = yaml.SafeLoader

    class StrictLoader(base):  # type: ignore[misc]
        pass

    StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    return StrictLoader


def read_yaml(path: Path) -> Any:
    import yaml

    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_loader())


def loads_yaml(text: str) -> Any:
    import yaml

    return yaml.load(text, Loader=_loader())
