"""Helpers shared by the CLI sub-commands."""

from __future__ import annotations

import sys

from knowledge.base import KnowledgeBase, load
from knowledge.problems import KnowledgeError


def load_or_report() -> KnowledgeBase | None:
    """Load the knowledge base, or print every problem to stderr and return None."""
    try:
        return load()
    except KnowledgeError as exc:
        print(exc, file=sys.stderr)
        return None
