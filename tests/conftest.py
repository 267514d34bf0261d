"""Shared fixtures: the real knowledge base, loaded once per test session."""

from __future__ import annotations

import pytest

from knowledge.base import KnowledgeBase, load


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load()
