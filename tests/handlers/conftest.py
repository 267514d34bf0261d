from __future__ import annotations

import pytest

from handlers import Context
from knowledge.base import KnowledgeBase
from knowledge.matcher import Matcher
from knowledge.topics import load_menu


@pytest.fixture(scope="session")
def ctx(kb: KnowledgeBase) -> Context:
    return Context(kb, Matcher.build(kb.procedures.values()), load_menu())
