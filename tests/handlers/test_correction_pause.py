"""Corrections through the real core: "à xin lỗi, …" before a pause takes back what was said,
and a correction that tells a fact and then what it means ("…, vậy thì …", "… ý em là …") is
answered for what it means."""

from __future__ import annotations

import pytest

from handlers import Context
from handlers.intents import Rejection, rejection
from tests.handlers.talk import Dialogue, Say, case

TURNS = [
    case(
        "what_a_correction_means_after_its_then_is_answered",
        Say("bố mất không để di chúc, ba chị em muốn chia nhà đất thì làm văn bản gì"),
        Say(
            "à xin lỗi, hai em kia nhường hết cho tôi rồi, chỉ mình tôi nhận thì làm văn bản"
            " khai nhận đúng không",
            procedure="chung-thuc-van-ban-khai-nhan-di-san",
        ),
    ),
    case(
        "what_a_correction_means_is_read_with_the_object_set_aside",
        Say("đăng ký lại khai sinh cho mẹ vì bản chính và sổ gốc đều mất"),
        Say(
            "à xin lỗi, sổ gốc ở xã vẫn giữ, chỉ thất lạc bản chính, vậy thì xin bản sao thôi"
            " phải không",
            procedure="cap-ban-sao-trich-luc-ho-tich",
        ),
    ),
    case(
        "a_polite_sorry_without_a_slip_asks_of_the_current_procedure",
        Say("xin phiếu lý lịch tư pháp ở đâu"),
        Say(
            "xin lỗi, cho em hỏi lệ phí bao nhiêu",
            procedure="cap-phieu-ly-lich-tu-phap",
            holds=["Lệ phí"],
        ),
    ),
]


@pytest.mark.parametrize("dialogue", TURNS)
def test_turn(ctx: Context, dialogue: Dialogue) -> None:
    dialogue.play(ctx)


def test_a_sorry_before_a_pause_is_a_correction_of_what_follows() -> None:
    assert rejection("a xin loi, 3 dua kia nhuong het cho e") == Rejection(
        "3 dua kia nhuong het cho e"
    )


def test_a_sorry_without_its_interjection_or_its_pause_is_no_correction() -> None:
    assert rejection("xin lỗi, cho em hỏi lệ phí") is None
    assert rejection("à xin lỗi cho em hỏi") is None
