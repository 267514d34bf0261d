"""The immutable in-memory knowledge base and the holder that swaps it atomically on reload."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from knowledge.loader import LOCALITIES_DIR, PROCEDURES_DIR, load_localities, load_procedures
from knowledge.locality import Locality
from knowledge.problems import KnowledgeError
from knowledge.review import SectionReview, overlay
from knowledge.schema import Fee, Procedure
from knowledge.text import key
from knowledge.validate import cross_check, vietnam_today


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
    in the middle of a conversation turn never mixes two versions. ``current`` is the files with
    the reviewers' work laid over them (:mod:`knowledge.review`) as of today in Vietnam: a new
    set of reviews, or a new day, swaps in a new snapshot the same way.
    """

    def __init__(
        self,
        procedures_dir: Path = PROCEDURES_DIR,
        localities_dir: Path = LOCALITIES_DIR,
        today: Callable[[], dt.date] = vietnam_today,
        files: KnowledgeBase | None = None,
    ) -> None:
        """``files``: the directories' knowledge base already loaded and validated (restored by
        :mod:`knowledge.cache`); otherwise they are read now."""
        self._dirs = (procedures_dir, localities_dir)
        self._lock = threading.Lock()
        self._today = today
        self._reviews: tuple[SectionReview, ...] = ()
        self._listeners: list[Callable[[KnowledgeBase], object]] = []
        self._files = files if files is not None else load(*self._dirs)
        self._day = today()
        self._current = self._overlaid(self._files, self._reviews, self._day)
        self._announced = self._current  # the last base listeners were told of

    @staticmethod
    def _overlaid(
        files: KnowledgeBase, reviews: tuple[SectionReview, ...], day: dt.date
    ) -> KnowledgeBase:
        procedures = overlay(files.procedures, reviews, day)
        if all(procedures[pid] is p for pid, p in files.procedures.items()):
            return files
        return KnowledgeBase(
            procedures=MappingProxyType(procedures),
            localities=files.localities,
            groups=files.groups,
            loaded_at=files.loaded_at,
        )

    @property
    def current(self) -> KnowledgeBase:
        day = self._today()
        if day != self._day:
            with self._lock:
                if day != self._day:
                    self._current = self._overlaid(self._files, self._reviews, day)
                    self._day = day
            self._swapped()
        return self._current

    def on_swap(self, listener: Callable[[KnowledgeBase], object]) -> None:
        """Call ``listener`` with each new current base (reload, reviews, a new day), in the
        thread that swapped it in: it must be quick (start work elsewhere)."""
        self._listeners.append(listener)

    def _swapped(self) -> None:
        current = self._current
        if current is not self._announced:
            self._announced = current
            for listener in self._listeners:
                listener(current)

    def today(self) -> dt.date:
        """Today as the store counts days (in Vietnam unless told otherwise)."""
        return self._today()

    @property
    def files(self) -> KnowledgeBase:
        """The procedure files as loaded, without reviews."""
        return self._files

    @property
    def reviews(self) -> tuple[SectionReview, ...]:
        return self._reviews

    def set_reviews(self, reviews: Iterable[SectionReview]) -> KnowledgeBase:
        """Lay these reviews (all of them, e.g. read from the shared database) over the files."""
        wanted = tuple(reviews)
        with self._lock:
            if wanted != self._reviews:
                self._reviews = wanted
                self._current = self._overlaid(self._files, wanted, self._day)
            current = self._current
        self._swapped()
        return current

    def reload(self) -> KnowledgeBase:
        """Re-read the files. On any problem the old base stays and the error propagates."""
        fresh = load(*self._dirs)
        with self._lock:
            self._files = fresh
            self._current = self._overlaid(fresh, self._reviews, self._day)
            current = self._current
        self._swapped()
        return current
