"""The matcher in service: follows knowledge-base reloads and aliases learned at run time.

Both swap in a freshly built :class:`Matcher` atomically; a message being matched keeps the
snapshot it started with. The index of the real knowledge base builds in milliseconds.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from knowledge.base import KnowledgeBase, KnowledgeStore
from knowledge.matcher import MatchConfig, Matcher, MatchResult
from knowledge.text import key


class LiveMatcher:
    def __init__(
        self, store: KnowledgeStore, config: MatchConfig | None = None, built: Matcher | None = None
    ) -> None:
        """``built``: the matcher of ``store.current`` without learned aliases, already built
        (restored by :mod:`knowledge.cache`); used when its configuration is ``config``."""
        self._store = store
        self._config = config or MatchConfig()
        self._lock = threading.Lock()
        self._learned: dict[str, tuple[str, ...]] = {}
        self._built_for: KnowledgeBase = store.current
        if built is not None and built.config == self._config:
            self._current = built
        else:
            self._current = self._build(store.current)

    def _build(self, kb: KnowledgeBase) -> Matcher:
        return Matcher.build(kb.procedures.values(), self._learned, self._config)

    @property
    def current(self) -> Matcher:
        kb = self._store.current
        if kb is not self._built_for:
            with self._lock:
                if kb is not self._built_for:
                    self._current, self._built_for = self._build(kb), kb
        return self._current

    @property
    def learned(self) -> Mapping[str, tuple[str, ...]]:
        return dict(self._learned)

    def match(self, text: str, top: int = 5) -> MatchResult:
        return self.current.match(text, top)

    def add_alias(self, procedure_id: str, text: str) -> bool:
        """Learn a phrasing for a procedure; effective for the next message. False if known."""
        kb = self._store.current
        if procedure_id not in kb.procedures:
            raise KeyError(procedure_id)
        with self._lock:
            have = self._learned.get(procedure_id, ())
            if key(text) in {key(t) for t in have} or not key(text):
                return False
            self._learned[procedure_id] = (*have, text.strip())
            self._current, self._built_for = self._build(kb), kb
        return True

    def set_learned(self, learned: Mapping[str, Sequence[str]]) -> None:
        """Replace every learned alias (e.g. after reading them from the shared database)."""
        kb = self._store.current
        clean = {pid: tuple(texts) for pid, texts in learned.items() if pid in kb.procedures}
        with self._lock:
            if clean == self._learned and kb is self._built_for:
                return
            self._learned = clean
            self._current, self._built_for = self._build(kb), kb


@dataclass(frozen=True)
class WrittenAnswer:
    """An answer a supervisor wrote to a question asked inside a procedure (dashboard)."""

    id: int
    procedure_id: str
    question: str  # as the citizen asked it, masked: new questions are matched against it
    answer: str
    unit: str  # who answers: "Trả lời của <unit>, ngày …"
    day: dt.date  # written or last edited, Vietnam time
    legal_basis: str | None = None
    link: str | None = None


class LiveAnswers:
    """The supervisors' answers in service, by procedure; replaced atomically, like the learned
    aliases, when written, edited or withdrawn here or (on refresh) on another instance."""

    def __init__(self) -> None:
        self._current: Mapping[str, tuple[WrittenAnswer, ...]] = MappingProxyType({})

    @property
    def current(self) -> Mapping[str, tuple[WrittenAnswer, ...]]:
        return self._current

    def set_answers(self, answers: Iterable[WrittenAnswer]) -> None:
        grouped: dict[str, list[WrittenAnswer]] = {}
        for found in answers:
            grouped.setdefault(found.procedure_id, []).append(found)
        self._current = MappingProxyType({pid: tuple(a) for pid, a in grouped.items()})
