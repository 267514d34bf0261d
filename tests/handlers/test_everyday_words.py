"""Everyday words read as the guidance's: words that only say who is asking ("hai đứa") make
no question specific, so the part asked is answered, not the whole card; "đổi phòng trọ" is the
guidance's "chuyển trọ"."""

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


def test_changing_lodgings_is_moving_them(ctx: Context) -> None:
    # "Chuyển trọ có gia hạn tạm trú được không?" of "Gia hạn tạm trú", in other words
    turn, state = say(ctx, State(), "đổi phòng trọ rồi thì gia hạn tạm trú được không")
    assert state.procedure == "gia-han-tam-tru"
    assert "Không gia hạn" in turn.replies[-1].text
