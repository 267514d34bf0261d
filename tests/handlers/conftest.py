from __future__ import annotations

import dataclasses

import pytest

from handlers import Context
from knowledge.base import KnowledgeBase
from knowledge.matcher import Matcher
from knowledge.places import gazetteer
from knowledge.topics import load_menu


@pytest.fixture(scope="session")
def ctx(kb: KnowledgeBase) -> Context:
    return Context(kb, Matcher.build(kb.procedures.values()), load_menu())


@pytest.fixture(scope="session")
def pctx(ctx: Context) -> Context:
    """The context with the map of communes (no desk on record); a module that needs desks or a
    clock defines its own."""
    return dataclasses.replace(ctx, places=gazetteer())
