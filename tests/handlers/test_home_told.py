"""The home itself told with its old and new names while a procedure is current ("nhà e ở
phường … cũ, giờ … phường …", "căn hộ ở …"): the commune now is where the citizen lives, and
the current procedure's place section answers for it."""

from __future__ import annotations

from handlers import Context, Incoming, State, Turn, handle
from handlers.state import Mode

RESIDENCE = "dang-ky-thuong-tru"


def tell(ctx: Context, text: str) -> tuple[str, State]:
    state = State(mode=Mode.PROCEDURE, procedure=RESIDENCE)
    turn: Turn
    turn, after = handle(Incoming("u", "test", text=text), state, ctx)
    return "\n".join(r.text for r in turn.replies), after


def test_a_home_told_by_the_short_pronoun_is_where_one_lives(pctx: Context) -> None:
    said = "nha e o phuong Linh Trung cu, gio sap nhap thanh phuong Linh Xuan roi"
    text, state = tell(pctx, said)
    assert "📍 Nơi nộp — Đăng ký thường trú" in text
    assert "Phường Linh Xuân" in text and state.commune is not None


def test_a_flat_told_with_its_new_ward_is_where_one_lives(pctx: Context) -> None:
    text, state = tell(pctx, "can ho o phuong Hiep Binh Chanh cu, gio la phuong Hiep Binh")
    assert "📍 Nơi nộp — Đăng ký thường trú" in text
    assert "Phường Hiệp Bình" in text and state.procedure == RESIDENCE


def test_a_home_not_told_is_no_place(pctx: Context) -> None:
    _, state = tell(pctx, "nhà em ở xa lắm, nhờ người nhà nộp thay được không")
    assert state.commune is None
