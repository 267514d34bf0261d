"""The passage index of a knowledge base: built once, in a thread when prepared."""

from __future__ import annotations

import threading

import pytest

from knowledge.answers import PassageIndex, index_for, prepare
from knowledge.base import KnowledgeBase, load


def _fresh() -> KnowledgeBase:
    return load()  # a new base object: no index known for it yet


def test_a_prepared_index_is_built_in_another_thread_and_is_the_one_questions_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kb = _fresh()
    builders: list[str] = []
    original = PassageIndex.__init__

    def noted(self: PassageIndex, *args: object, **kwargs: object) -> None:
        builders.append(threading.current_thread().name)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(PassageIndex, "__init__", noted)
    future = prepare(kb.procedures)
    assert prepare(kb.procedures) is future  # asked again: the same build
    index = index_for(kb.procedures)  # waits for the build under way
    assert future.result() is index
    assert builders == ["passage-index"]
    assert index.search(kb.procedures["dang-ky-khai-sinh"], "hết bao nhiêu tiền")


def test_an_index_never_prepared_is_built_on_first_use_and_kept() -> None:
    kb = _fresh()
    index = index_for(kb.procedures)
    assert index_for(kb.procedures) is index
    assert prepare(kb.procedures).result() is index


def test_each_knowledge_base_has_its_own_index() -> None:
    one, two = _fresh(), _fresh()
    assert index_for(one.procedures) is not index_for(two.procedures)
