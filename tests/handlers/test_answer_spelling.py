"""Follow-ups inside a procedure written as citizens write them: abbreviations ("VN", "ko") and
their own ages ("con lớn 9 tuổi") are read as the guidance says them."""

from __future__ import annotations

from handlers import Context, Incoming, State, handle
from handlers.state import Mode
from knowledge.text import key

FOREIGN_BIRTH = "dang-ky-khai-sinh-yeu-to-nuoc-ngoai"
CHILD_CARD = "cap-the-can-cuoc-duoi-14-tuoi"


def ask(ctx: Context, procedure_id: str, text: str) -> str:
    state = State(mode=Mode.PROCEDURE, procedure=procedure_id)
    turn, after = handle(Incoming("u", "test", text=text), state, ctx)
    assert after.procedure == procedure_id
    return turn.replies[-1].text


def test_vn_is_read_as_viet_nam(ctx: Context) -> None:
    [faq] = [
        f
        for f in ctx.kb.procedures[FOREIGN_BIRTH].faq
        if any("viet nam" in key(q) and "mot minh" in key(q) for q in f.questions)
    ]
    text = "chồng tôi không có ở VN thì tôi đi khai sinh cho con một mình được không"
    assert faq.answer in ask(ctx, FOREIGN_BIRTH, text)


def test_a_childs_age_meets_the_rule_for_that_age(ctx: Context) -> None:
    older = ask(ctx, CHILD_CARD, "con lớn 9 tuổi thì sao")
    assert "Từ đủ 6 tuổi" in older or "từ 6" in older
    younger = ask(ctx, CHILD_CARD, "con nhỏ 4 tuổi thì sao")
    assert "dưới 6 tuổi" in younger


def test_an_age_alone_is_not_a_detail_the_guidance_lacks(ctx: Context) -> None:
    state = State(mode=Mode.PROCEDURE, procedure=CHILD_CARD)
    turn, _ = handle(Incoming("u", "test", text="con lớn 9 tuổi thì sao"), state, ctx)
    assert not turn.unmet
