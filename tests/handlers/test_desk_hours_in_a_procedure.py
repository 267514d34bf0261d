"""The desk's hours asked while a procedure is current are answered about that procedure: the
desk's hours (or that none are on record), where the procedure is filed and whether it can be
filed online, with its buttons; a part asked beside the hours is answered first."""

from __future__ import annotations

import dataclasses

import pytest

from handlers import Context, Incoming, State, handle
from handlers.state import Mode
from knowledge.places import gazetteer
from tests.handlers.test_places import DESK, HOAN_KIEM

BIRTH = "dang-ky-khai-sinh"
NO_DESK = 91  # a commune without a desk


@pytest.fixture(scope="module")
def pctx(ctx: Context) -> Context:
    return dataclasses.replace(ctx, places=gazetteer(), desks={HOAN_KIEM: DESK})


def ask(ctx: Context, state: State, text: str) -> tuple[str, set[str]]:
    """The turn's text and the procedures its buttons name."""
    turn, _ = handle(Incoming("u", "test", text=text), state, ctx)
    named = {b.action.rsplit(":", 1)[-1] for r in turn.replies for b in r.buttons}
    return "\n".join(r.text for r in turn.replies), named


def within(commune: int | None) -> State:
    return State(mode=Mode.PROCEDURE, procedure=BIRTH, commune=commune)


def test_hours_of_a_desk_on_record_say_where_the_procedure_is_filed(pctx: Context) -> None:
    text, named = ask(pctx, within(HOAN_KIEM), "thứ 7 có làm không")
    assert "Thứ Bảy: có làm việc" in text
    assert "Đăng ký khai sinh nộp tại:" in text and "nộp trực tuyến" in text
    assert BIRTH in named


def test_hours_of_a_desk_not_on_record_say_where_the_procedure_is_filed(pctx: Context) -> None:
    text, named = ask(pctx, within(NO_DESK), "giờ làm việc thế nào")
    assert "chưa có địa chỉ và giờ làm việc" in text
    assert "Đăng ký khai sinh nộp tại:" in text
    assert BIRTH in named


def test_a_part_asked_beside_the_hours_is_answered_first(pctx: Context) -> None:
    text, named = ask(pctx, within(NO_DESK), "thứ 7 có nộp được không hay làm online")
    assert text.startswith("💻 Nộp trực tuyến — Đăng ký khai sinh")
    assert "chưa có địa chỉ và giờ làm việc" in text
    assert BIRTH in named


def test_the_desk_receiving_files_at_the_weekend_asks_no_papers(pctx: Context) -> None:
    text, _ = ask(pctx, within(HOAN_KIEM), "cuối tuần có nhận hồ sơ không")
    assert "Thứ Bảy: có làm việc" in text
    assert "Giấy tờ cần chuẩn bị" not in text


def test_hours_asked_with_no_procedure_are_the_desks_alone(pctx: Context) -> None:
    text, named = ask(pctx, State(commune=HOAN_KIEM), "mấy giờ mở cửa")
    assert DESK.address in text
    assert "nộp tại:" not in text and not named
