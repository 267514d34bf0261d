"""A place told inside a question about the current procedure: the place is the words that name
one, the question is still answered, and words that name no place are not taken for one."""

from __future__ import annotations

import pytest

from handlers import Context, Incoming, State, Turn, handle
from handlers.state import Mode
from knowledge.answers import default_words

WAIVER = "chung-thuc-van-ban-tu-choi-nhan-di-san"


def ask(ctx: Context, text: str) -> tuple[Turn, State]:
    state = State(mode=Mode.PROCEDURE, procedure=WAIVER)
    return handle(Incoming("u", "test", text=text), state, ctx)


def about(turn: Turn) -> set[str]:
    return {b.action.rsplit(":", 1)[-1] for r in turn.replies for b in r.buttons}


def test_a_place_said_without_a_pause_before_the_question(pctx: Context) -> None:
    turn, state = ask(pctx, "tôi đang ở Sài Gòn không về được, nhờ chồng ký thay được không")
    text = "\n".join(r.text for r in turn.replies)
    assert "Hồ Chí Minh" in text and "chưa tìm thấy" not in text
    assert state.procedure == WAIVER and WAIVER in about(turn) and not turn.unmet


def test_words_that_name_no_place_leave_the_question_to_the_procedure(pctx: Context) -> None:
    turn, state = ask(pctx, "tôi đang ở công ty không về kịp, nhờ vợ nộp thay được không")
    text = "\n".join(r.text for r in turn.replies)
    assert "chưa tìm thấy" not in text and "xã, phường" not in text
    assert state.procedure == WAIVER and WAIVER in about(turn)


def test_a_ward_not_found_is_still_said_not_found(pctx: Context) -> None:
    turn, _ = ask(pctx, "tôi ở phường Bến Ngé có làm được không")
    assert "chưa tìm thấy “phường Bến Ngé”" in turn.replies[0].text


@pytest.mark.parametrize("text", ["nhờ chồng ký thay được không", "chồng tôi ký hộ được ko"])
def test_signing_for_someone_asks_about_a_proxy(text: str) -> None:
    assert [f.section for f in default_words().asked(text)][:1] == ["proxy"]


def start(ctx: Context, *texts: str) -> tuple[Turn, State]:
    turn, state = None, State()
    for text in texts:
        turn, state = handle(Incoming("u", "test", text=text), state, ctx)
    assert turn is not None
    return turn, state


def test_a_shop_typed_without_accents_is_no_district(pctx: Context) -> None:
    turn, state = start(pctx, "quan cafe nha minh tinh nghi 2 thang de sua, co phai bao ai ko")
    assert state.procedure == "tam-ngung-kinh-doanh-ho-kinh-doanh"
    assert "chưa tìm thấy" not in turn.replies[0].text


def test_a_district_typed_without_accents_is_still_one(pctx: Context) -> None:
    turn, _ = start(pctx, "quan 3 lam khai sinh o dau")
    assert "Quận 3" in turn.replies[0].text


def place_asked(turn: Turn) -> bool:
    """The turn answers a place: abroad, or which of the communes of that name."""
    text = "\n".join(r.text for r in turn.replies)
    picks = any(b.action.startswith("pl:") for r in turn.replies for b in r.buttons)
    return picks or "xã, phường trong nước" in text


def test_staying_for_good_is_no_place(pctx: Context) -> None:
    turn, state = start(
        pctx, "dang ky tam tru can giay to gi", "con neu mua nha o han luon thi sao"
    )
    assert not place_asked(turn) and state.place is None


def test_the_new_home_asked_about_is_no_commune_named_like_it(pctx: Context) -> None:
    turn, state = start(
        pctx, "e chuyen tro roi co can xoa tam tru ko", "o cho moi thi phai dk lai ha"
    )
    assert not place_asked(turn) and state.procedure == "dang-ky-tam-tru"


def test_a_commune_named_like_the_new_home_is_still_found(pctx: Context) -> None:
    _, state = start(pctx, "toi o cho moi, an giang")
    assert state.place == "Xã Chợ Mới, Tỉnh An Giang"


def test_living_far_away_is_no_commune(pctx: Context) -> None:
    turn, state = ask(pctx, "e o xa, nho chu e di lam dc ko")
    text = "\n".join(r.text for r in turn.replies)
    assert "chưa tìm thấy" not in text and state.procedure == WAIVER and state.place is None


def test_a_commune_named_after_its_unit_is_still_found(pctx: Context) -> None:
    _, state = ask(pctx, "toi o xa khong lao")
    assert state.place is not None and "Khổng Lào" in state.place
