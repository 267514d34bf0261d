"""A question whose every word names its procedure (aliases are rich: "đất ông bà để lại" names
"Làm sổ đỏ lần đầu") still gets the question-and-answer it reads as, while a bare name does not."""

from __future__ import annotations

from handlers import Context, State, answer
from tests.handlers.talk import say

FIRST_TITLE = "dang-ky-cap-gcn-lan-dau"


def test_a_question_in_the_procedures_own_words_gets_its_answer(ctx: Context) -> None:
    proc = ctx.kb.procedures[FIRST_TITLE]
    text = "đất của ông bà để lại, không có giấy tờ gì thì có làm sổ đỏ được không"
    assert not answer.index_for(ctx.kb.procedures).specifics(proc, text)  # all its words name it
    turn, state = say(ctx, State(), text)
    assert state.procedure == FIRST_TITLE
    assert "Có thể được" in turn.replies[-1].text


def test_a_bare_name_says_less_than_any_question_of_it(ctx: Context) -> None:
    index = answer.index_for(ctx.kb.procedures)
    record = ctx.kb.procedures["cap-phieu-ly-lich-tu-phap"]
    # near "làm lý lịch tư pháp ở sở tư pháp hay công an", which says more than the name
    assert index.faq(record, "lam ly lich tu phap") is None
