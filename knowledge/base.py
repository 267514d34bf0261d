"""The immutable in-memory knowledge base and the holder that swaps it atomically on reload."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from knowledge.loader import LOCALITIES_DIR, PROCEDURES_DIR, load_localities, load_procedures
from knowledge.locality import Locality
from knowledge.problems import KnowledgeError
from knowledge.schema import Fee, Procedure
from knowledge.text import key
from knowledge.validate import cross_check


@dataclass(frozen=True)
class KnowledgeBase:
    """Read-only view of every procedure and locality. Built once; never mutated."""

    procedures: Mapping[str, Procedure]
    localities: Mapping[str, Locality]
    groups: Mapping[str, tuple[str, ...]]
    loaded_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    @classmethod
    def build(cls, procedures: list[Procedure], localities: list[Locality]) -> KnowledgeBase:
        by_group: dict[str, list[str]] = {}
        for proc in procedures:
            by_group.setdefault(proc.group, []).append(proc.id)
        return cls(
            procedures=MappingProxyType({p.id: p for p in procedures}),
            localities=MappingProxyType({loc.id: loc for loc in localities}),
            groups=MappingProxyType({g: tuple(ids) for g, ids in by_group.items()}),
        )

    def get(self, procedure_id: str) -> Procedure | None:
        return self.procedures.get(procedure_id)

    def by_code(self, code: str) -> Procedure | None:
        code = code.strip()
        for proc in self.procedures.values():
            if any(code in (c.code, c.national) for c in proc.codes):
                return proc
        return None

    def find_locality(self, text: str) -> Locality | None:
        wanted = key(text)
        if not wanted:
            return None
        for loc in self.localities.values():
            names = [loc.id, loc.name, *loc.aliases]
            if any(key(n) == wanted for n in names):
                return loc
        return None

    def fees_for(
        self, procedure: Procedure, locality: Locality | None
    ) -> list[tuple[Fee, str | None]]:
        """The locality's fee overrides (with their resolution) if any, else the national fees."""
        if locality is None:
            return [(fee, None) for fee in procedure.fees.items]
        overrides: list[tuple[Fee, str | None]] = [
            (o.fee, o.resolution) for o in locality.fee_overrides if o.procedure == procedure.id
        ]
        return overrides or [(fee, None) for fee in procedure.fees.items]


def load(
    procedures_dir: Path = PROCEDURES_DIR, localities_dir: Path = LOCALITIES_DIR
) -> KnowledgeBase:
    """Load and validate everything; raise :class:`KnowledgeError` listing every problem."""
    procs, problems = load_procedures(procedures_dir)
    locs, loc_problems = load_localities(localities_dir)
    problems += loc_problems + cross_check(procs, locs)
    if problems:
        raise KnowledgeError(problems)
    return KnowledgeBase.build([p for _, p in procs], [loc for _, loc in locs])


class KnowledgeStore:
    """Holds the current :class:`KnowledgeBase`; ``reload`` swaps in a new one or keeps the old.

    Readers take ``store.current`` once per message and use that snapshot throughout, so a reload
    in the middle of a conversation turn never mixes two versions.
    """

    def __init__(
        self, procedures_dir: Path = PROCEDURES_DIR, localities_dir: Path = LOCALITIES_DIR
    ) -> None:
        self._dirs = (procedures_dir, localities_dir)
        self._lock = threading.Lock()
        self._current = load(*self._dirs)

    @property
    def current(self) -> KnowledgeBase:
        return self._current

    def reload(self) -> KnowledgeBase:
        """Re-read the files. On any problem the old base stays and the error propagates."""
        fresh = load(*self._dirs)
        with self._lock:
            self._current = fresh
        return fresh
