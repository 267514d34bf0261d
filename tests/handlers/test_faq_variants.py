"""Every question variant of every procedure's questions-and-answers, asked as written (and
typed without diacritics) as a follow-up inside its procedure, gets that answer: the words a
variant is chosen by are read exactly as the question's words are."""

from __future__ import annotations

import pytest

from handlers import Context, Incoming, State, answer, respond
from handlers.conversation import Conversation
from handlers.state import Mode
from knowledge.base import load
from knowledge.schema import Procedure
from knowledge.text import fold

WITH_FAQ = sorted(pid for pid, proc in load().procedures.items() if proc.faq)


def ask(ctx: Context, proc: Procedure, text: str) -> str:
    """The reply to ``text`` asked while ``proc`` is current, through the in-procedure answer."""
    state = State(mode=Mode.PROCEDURE, procedure=proc.id)
    conv = Conversation(Incoming("u", "test", text=text), state, ctx)
    respond.reply(conv, proc, text)
    return conv.replies[-1].text


def unanswered(ctx: Context, proc: Procedure) -> list[str]:
    """The variants whose own question-and-answer is not in the reply to them."""
    missed = []
    for faq in proc.faq:
        for variant in faq.questions:
            for typed in dict.fromkeys((variant, fold(variant))):
                if faq.answer not in ask(ctx, proc, typed):
                    missed.append(typed)
    return missed


def test_the_knowledge_base_has_questions_and_answers() -> None:
    assert len(WITH_FAQ) >= 30


@pytest.mark.parametrize("procedure_id", WITH_FAQ)
def test_each_variant_asked_as_written_gets_its_answer(ctx: Context, procedure_id: str) -> None:
    assert unanswered(ctx, ctx.kb.procedures[procedure_id]) == []


def test_a_question_naming_only_the_procedure_gets_no_variant_it_does_not_say(
    ctx: Context,
) -> None:
    index = answer.index_for(ctx.kb.procedures)
    record = ctx.kb.procedures["cap-phieu-ly-lich-tu-phap"]
    # close to "làm lý lịch tư pháp ở sở tư pháp hay công an", but not that question
    assert index.faq(record, "ly lich tu phap") is None


def test_variants_that_read_alike_are_told_apart_by_the_words_typed(ctx: Context) -> None:
    index = answer.index_for(ctx.kb.procedures)
    renew = ctx.kb.procedures["gia-han-tam-tru"]
    when, how_long = "khi nào phải gia hạn tạm trú", "gia hạn tạm trú được bao lâu"
    assert index.similarity(when, how_long) == pytest.approx(1.0)  # the same terms
    found = [index.faq(renew, text) for text in (when, how_long)]
    assert [f[0].questions[0] if f else None for f in found] == [when, how_long]
