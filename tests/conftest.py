"""Shared fixtures: the real knowledge base and a live matcher over it, loaded once per session."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from knowledge.base import KnowledgeBase, KnowledgeStore, load
from knowledge.live import LiveMatcher


@pytest.fixture(scope="session", autouse=True)
def knowledge_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Runtimes (and servers) started by the tests keep the knowledge cache in the session's
    temporary directory, not in the user's."""
    before = os.environ.get("KNOWLEDGE_CACHE_DIR")
    os.environ["KNOWLEDGE_CACHE_DIR"] = str(tmp_path_factory.mktemp("knowledge-cache"))
    yield
    if before is None:
        del os.environ["KNOWLEDGE_CACHE_DIR"]
    else:
        os.environ["KNOWLEDGE_CACHE_DIR"] = before


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load()


@pytest.fixture(scope="session")
def knowledge() -> tuple[KnowledgeStore, LiveMatcher]:
    """A knowledge store and matcher for tests that run the whole service."""
    store = KnowledgeStore()
    return store, LiveMatcher(store)
