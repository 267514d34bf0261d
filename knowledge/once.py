"""The process's one copy of something read from the files: the lexicon's normaliser, the map, the
answer words, the turn words. Each is built on first use, one thread building while the others
wait, or installed whole when a start restores it from the knowledge cache
(:mod:`knowledge.cache`), so that it is not read a second time."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Once(Generic[T]):
    """One ``T`` per process: :meth:`get` builds it the first time (``build``), :meth:`use`
    installs one built elsewhere."""

    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._held: list[T] = []
        self._lock = threading.Lock()  # held while it is built or installed

    def get(self) -> T:
        if not self._held:
            with self._lock:
                if not self._held:
                    self._held.append(self._build())
        return self._held[0]

    def use(self, value: T) -> None:
        """Make ``value`` the process's own."""
        with self._lock:
            self._held[:] = [value]
