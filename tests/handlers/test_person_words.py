"""Words that only say who is asking ("hai đứa", "tôi", "em") make no question specific: the part
asked is answered, not the whole card."""

from __future__ import annotations

from handlers import Context, State, answer
from tests.handlers.talk import say

MARRIAGE = "dang-ky-ket-hon"


def test_dua_says_who_not_what(ctx: Context) -> None:
    index = answer.index_for(ctx.kb.procedures)
    proc = ctx.kb.procedures[MARRIAGE]
    assert "dua" not in index.specifics(proc, "hai đứa khác tỉnh thì đăng ký kết hôn ở đâu")


def test_where_two_of_us_register_is_answered(ctx: Context) -> None:
    turn, state = say(ctx, State(), "hai đứa khác xã thì đăng ký kết hôn ở đâu")
    assert state.procedure == MARRIAGE
    assert "một trong hai" in turn.replies[-1].text
