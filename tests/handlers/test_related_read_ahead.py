"""A follow-up that tells a case the current procedure lists a related procedure for (what
follows it, what a case of it leads to): read with the current one's own words set aside, the
related one the matcher reads clearly ahead of every other answers it. A message without those
words is read as typed; how the current one is filed (a proxy, online) and a paper it needs stay
with it."""

from __future__ import annotations

import pytest

from handlers import Context
from tests.handlers.talk import Dialogue, Say, case

CASES = [
    case(
        "a_move_after_the_first_registration_is_the_registration_of_a_move",
        Say(
            "cuối năm nay cháu vào Đà Nẵng đi làm luôn thì có phải chuyển đăng ký không",
            procedure="dang-ky-nghia-vu-quan-su-chuyen-di-chuyen-den",
        ),
        within="dang-ky-nghia-vu-quan-su-lan-dau",
    ),
    case(
        "materials_on_the_pavement_during_a_repair_ask_the_pavement_permit",
        Say(
            "thợ sửa mái muốn để cát với đá ngoài vỉa hè mấy hôm thì có được không",
            procedure="cap-phep-su-dung-tam-thoi-long-duong-via-he",
        ),
        within="cap-giay-phep-sua-chua-cai-tao-cong-trinh",
    ),
    case(
        "the_current_one_read_first_without_its_words_stays",
        Say(
            "nếu quá một năm mà chưa khởi công được vì thiếu tiền thì sao",
            procedure="cap-giay-phep-xay-dung-nha-o-rieng-le",
        ),
        within="cap-giay-phep-xay-dung-nha-o-rieng-le",
    ),
    case(
        "a_proxy_asked_stays_with_the_current_one",
        Say("ngân hàng có làm giùm không", procedure="xoa-dang-ky-the-chap-qsdd"),
        within="xoa-dang-ky-the-chap-qsdd",
    ),
    case(
        "who_files_asked_as_a_choice_is_a_proxy_asked",
        Say("ngân hàng làm hay mình tự làm", procedure="xoa-dang-ky-the-chap-qsdd", holds=["🤝"]),
        within="xoa-dang-ky-the-chap-qsdd",
    ),
    case(
        "a_paper_the_current_one_needs_stays_with_it",
        Say("có cần giấy xác nhận độc thân không", procedure="dang-ky-ket-hon"),
        within="dang-ky-ket-hon",
    ),
]


@pytest.mark.parametrize("dialogue", CASES)
def test_related_read_ahead(ctx: Context, dialogue: Dialogue) -> None:
    dialogue.play(ctx)
