"""Shared fixtures: the real knowledge base and a live matcher over it, loaded once per session."""

from __future__ import annotations

import pytest

from knowledge.base import KnowledgeBase, KnowledgeStore, load
from knowledge.live import LiveMatcher


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load()


@pytest.fixture(scope="session")
def knowledge() -> tuple[KnowledgeStore, LiveMatcher]:
    """A knowledge store and matcher for tests that run the whole service."""
    store = KnowledgeStore()
    return store, LiveMatcher(store)
