"""The citizen menu covers every procedure group exactly once."""

from __future__ import annotations

from collections import Counter

from knowledge.base import KnowledgeBase
from knowledge.topics import load_menu


def test_every_group_belongs_to_exactly_one_topic(kb: KnowledgeBase) -> None:
    menu = load_menu()
    counts = Counter(group for topic in menu.topics for group in topic.groups)
    assert {g for g in kb.groups if counts[g] != 1} == set()


def test_topics_name_only_existing_groups(kb: KnowledgeBase) -> None:
    named = {group for topic in load_menu().topics for group in topic.groups}
    assert named - set(kb.groups) == set()
