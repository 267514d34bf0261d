"""A procedure taken for a question is said to be taken, the others a tap away, or, alone, said
to be a guess with a button to say it is not that one; then it answers."""

from __future__ import annotations

from handlers import Context, Incoming, State, texts
from handlers.conversation import Conversation
from handlers.first import _picked_or_guessed

ASKED = "làm giấy khai sinh cho con cần gì"


def _said(ctx: Context, others: list[str]) -> Conversation:
    conv = Conversation(Incoming("u", "test", text=ASKED), State(), ctx)
    procs = ctx.kb.procedures
    _picked_or_guessed(conv, procs["dang-ky-khai-sinh"], [procs[p] for p in others], ASKED)
    return conv


def test_taken_with_the_others_a_tap_away(ctx: Context) -> None:
    conv = _said(ctx, ["dang-ky-khai-tu"])
    assert conv.replies[0].text.startswith(texts.PICKED.split("{")[0])
    assert ctx.kb.procedures["dang-ky-khai-tu"].title in [b.label for b in conv.replies[0].buttons]
    assert conv.state.procedure == "dang-ky-khai-sinh"  # and it answers


def test_alone_it_is_a_guess_one_can_say_is_wrong(ctx: Context) -> None:
    conv = _said(ctx, [])
    assert conv.replies[0].text == texts.GUESSED.format(
        title=ctx.kb.procedures["dang-ky-khai-sinh"].title
    )
    assert [b.label for b in conv.replies[0].buttons] == [texts.NOT_THIS]
    assert conv.state.procedure == "dang-ky-khai-sinh"
