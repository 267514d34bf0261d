"""A thing the citizen already has, that another procedure issues, told before "thì" while a
procedure is current: the case of a question asked of the current one, not a need of its own."""

from __future__ import annotations

import pytest

from handlers import Context
from tests.handlers.talk import Dialogue, Say, case

CASES = [
    case(
        "an account had is the case of the copy asked",
        Say(
            "mình có vneid mức 2 rồi thì sao",
            procedure="cap-ban-sao-trich-luc-ho-tich",
            holds=("VNeID mức 2",),
        ),
        within="cap-ban-sao-trich-luc-ho-tich",
    ),
    case(
        "an account had, asked of filing online, stays with the passport",
        Say(
            "em có tài khoản định danh mức 2 rồi thì làm online được không",
            procedure="cap-ho-chieu-pho-thong",
        ),
        within="cap-ho-chieu-pho-thong",
    ),
]


@pytest.mark.parametrize("dialogue", CASES)
def test_a_thing_had_stays_with_the_current_one(ctx: Context, dialogue: Dialogue) -> None:
    dialogue.play(ctx)
