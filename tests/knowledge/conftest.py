"""The matcher over the real knowledge base, built once for every knowledge test."""

from __future__ import annotations

import pytest

from knowledge.base import KnowledgeBase
from knowledge.matcher import Matcher


@pytest.fixture(scope="session")
def matcher(kb: KnowledgeBase) -> Matcher:
    return Matcher.build(kb.procedures.values())
