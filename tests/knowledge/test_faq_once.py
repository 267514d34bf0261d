"""``PassageIndex.faq`` reads a procedure's questions and answers once per text: a first message
asks it of the same procedure several times (the owner of the question, whether the matcher's
answer answers it, the answer planned), and gets the same answer each time."""

from __future__ import annotations

import pytest

from knowledge.answers import PassageIndex
from knowledge.base import KnowledgeBase
from knowledge.schema import Faq, Procedure

Setup = tuple[PassageIndex, Procedure, list[str]]

COPY = "cap-ban-sao-trich-luc-ho-tich"
VARIANT = "bản sao giấy khai sinh nộp đi đâu để xin việc"


@pytest.fixture
def index_and_reads(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> Setup:
    faq = Faq(questions=[VARIANT], answer="Trả lời.", legal_basis=["Luật Hộ tịch 2014"])
    proc = kb.procedures[COPY].model_copy(update={"faq": [faq]})
    index = PassageIndex([proc])
    reads: list[str] = []
    read = index._read_faq

    def counted(p: Procedure, question: str) -> tuple[Faq, float] | None:
        reads.append(question)
        return read(p, question)

    monkeypatch.setattr(index, "_read_faq", counted)
    return index, proc, reads


def test_the_same_text_is_read_once_and_answered_alike(index_and_reads: Setup) -> None:
    index, proc, reads = index_and_reads
    first = index.faq(proc, VARIANT)
    assert first is not None
    assert index.faq(proc, VARIANT) == first
    assert reads == [VARIANT]


def test_a_text_no_variant_reads_as_is_remembered_as_none(index_and_reads: Setup) -> None:
    index, proc, reads = index_and_reads
    asked = "mất bao lâu"
    assert index.faq(proc, asked) is None
    assert index.faq(proc, asked) is None
    assert reads == [asked]
