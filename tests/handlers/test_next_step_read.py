"""A step said done, then the next one asked: what is asked after the step is read with the
current procedure set aside, so the words that tell the step done do not keep it current."""

from __future__ import annotations

import pytest

from handlers import Context
from tests.handlers.talk import Dialogue, Say, case

CASES = [
    case(
        "the_step_done_naming_the_current_one_does_not_outweigh_the_next",
        Say(
            "có giấy xác nhận độc thân rồi thì đăng ký kết hôn ở đâu",
            procedure="dang-ky-ket-hon",
        ),
        within="cap-giay-xac-nhan-tinh-trang-hon-nhan",
    ),
    case(
        "a_next_step_read_less_firmly_is_the_related_one_of_those_near",
        Say(
            "tách sổ xong thì bán phần đó cho người ta, sang tên mất bao lâu",
            procedure="dang-ky-bien-dong-chuyen-nhuong-thua-ke-tang-cho",
        ),
        within="tach-thua-hop-thua",
    ),
    case(
        "the_step_done_said_again_before_then_leaves_what_follows_read_alone",
        Say("xong khai tử thì cắt khẩu cho ông ở đâu", procedure="xoa-dang-ky-thuong-tru"),
        within="dang-ky-khai-tu",
    ),
    case(
        "a_question_of_the_step_done_itself_stays_with_it",
        Say("tách xong thì bao lâu có sổ mới", procedure="tach-thua-hop-thua"),
        within="tach-thua-hop-thua",
    ),
]


@pytest.mark.parametrize("dialogue", CASES)
def test_next_step_read(ctx: Context, dialogue: Dialogue) -> None:
    dialogue.play(ctx)
