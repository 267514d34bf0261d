"""The matcher in service: follows knowledge-base reloads and aliases learned at run time.

Both swap in a freshly built :class:`Matcher` atomically; a message being matched keeps the
snapshot it started with. The index of the real knowledge base builds in milliseconds.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence

from knowledge.base import KnowledgeBase, KnowledgeStore
from knowledge.matcher import MatchConfig, Matcher, MatchResult
from knowledge.text import key


class LiveMatcher:
    def __init__(self, store: KnowledgeStore, config: MatchConfig | None = None) -> None:
        self._store = store
        self._config = config or MatchConfig()
        self._lock = threading.Lock()
        self._learned: dict[str, tuple[str, ...]] = {}
        self._built_for: KnowledgeBase = store.current
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
