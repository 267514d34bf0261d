"""A question-and-answer variant that asks a part beyond the question's weighs less than one
asking the same parts (``PassageIndex.faq``): "bản sao giấy khai sinh bao lâu thì có" is not the
answer to "xin thêm bản sao giấy khai sinh để làm gì"."""

from __future__ import annotations

import pytest

from knowledge.answers import PART_UNSAID, PassageIndex
from knowledge.base import KnowledgeBase
from knowledge.schema import Faq

COPY = "cap-ban-sao-trich-luc-ho-tich"
QUESTION = "bản sao giấy khai sinh nộp đi đâu để xin việc"


def _score(kb: KnowledgeBase, variant: str) -> float:
    faq = Faq(questions=[variant], answer="Trả lời.", legal_basis=["Luật Hộ tịch 2014"])
    proc = kb.procedures[COPY].model_copy(update={"faq": [faq]})
    found = PassageIndex([proc]).faq(proc, QUESTION)
    assert found is not None
    return found[1]


def test_a_variant_asking_a_further_part_weighs_less(kb: KnowledgeBase) -> None:
    same = _score(kb, "bản sao giấy khai sinh nộp đi đâu để xin việc")
    further = _score(kb, "bản sao giấy khai sinh nộp đi đâu để xin việc, bao lâu thì có")
    assert further == pytest.approx(PART_UNSAID * same)
