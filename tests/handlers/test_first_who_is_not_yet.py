"""A first message whose story makes a sibling's condition false is not answered with that
sibling: a young man who never registered for military service registers for the first time
before any absence (Luật Nghĩa vụ quân sự 2015, Điều 16 và 17), and someone selling land is not
sent to the release of a mortgage nobody named."""

from __future__ import annotations

import pytest

from handlers import Context, State, Turn
from tests.handlers.talk import say

FIRST = "dang-ky-nghia-vu-quan-su-lan-dau"
ABSENCE = "dang-ky-nghia-vu-quan-su-bo-sung-tam-vang"
RELEASE = "xoa-dang-ky-the-chap-qsdd"


def offered(turn: Turn) -> list[str]:
    return [
        b.action.split(":", 1)[1] for r in turn.replies for b in r.buttons if b.action[:2] == "p:"
    ]


def first_choice(turn: Turn, procedure: str | None) -> str | None:
    """The procedure answered, or the first one offered when the turn asks which."""
    return procedure or next(iter(offered(turn)), None)


@pytest.mark.parametrize(
    "text",
    [
        "em chưa đi đăng ký nghĩa vụ quân sự, sắp đi học xa thì phải làm gì",
        "em 18 tuổi chưa từng đăng ký nghĩa vụ quân sự, giờ đi học xa có sao không",
        "chưa có giấy chứng nhận đăng ký nghĩa vụ quân sự, sắp đi học xa",
        "em chưa đk nvqs mà sắp đi học xa thì sao",
        "em mới 17 tuổi, sắp đi học xa, có phải đăng ký nghĩa vụ quân sự không",
    ],
)
def test_one_never_registered_who_goes_away_registers_first(ctx: Context, text: str) -> None:
    turn, state = say(ctx, State(), text)
    assert first_choice(turn, state.procedure) != ABSENCE
    assert state.procedure == FIRST or FIRST in offered(turn)


def test_one_registered_who_goes_away_still_registers_his_absence(ctx: Context) -> None:
    text = (
        "em tôi 19 tuổi đã đăng ký nghĩa vụ quân sự, tháng sau đi học bên Nhật 2 năm "
        "thì có phải báo ban chỉ huy quân sự xã không"
    )
    _, state = say(ctx, State(), text)
    assert state.procedure == ABSENCE


@pytest.mark.parametrize(
    "text", ["bán nhà đất cần giấy tờ gì", "tôi bán nhà đất thì làm thủ tục gì"]
)
def test_a_sale_of_land_is_not_the_release_of_a_mortgage(ctx: Context, text: str) -> None:
    turn, state = say(ctx, State(), text)
    assert state.procedure != RELEASE
    assert first_choice(turn, state.procedure) != RELEASE


def test_a_mortgage_released_before_a_sale_is_still_its_release(ctx: Context) -> None:
    _, state = say(ctx, State(), "giải chấp sổ đỏ để bán nhà thì làm sao")
    assert state.procedure == RELEASE
