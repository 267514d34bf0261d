"""Facts told, going back and places asked, through the real core: a fact the reason of a related
procedure tells leads to it; going back by words said after a comma; a place question that
describes the places it weighs stays with the current procedure; the desk's hours with no
commune known say where the current procedure is filed."""

from __future__ import annotations

import pytest

from handlers import Context, State, texts
from tests.handlers.talk import Dialogue, Say, case, play, say

TURNS = [
    case(
        "a_fact_a_related_reason_tells_leads_to_that_procedure",
        Say("sổ đỏ nhà tôi bị mất, làm lại thế nào", procedure="cap-lai-gcn-do-bi-mat"),
        Say("tìm lại được sổ rồi, chỉ bị nhòe mực một trang", procedure="cap-doi-gcn"),
    ),
    case(
        "a_fact_of_a_paper_had_leads_to_the_related_procedure",
        Say("mất cà vẹt xe máy, làm lại giấy đăng ký xe ở đâu"),
        Say("giấy vẫn còn nhưng bị mờ hết chữ", procedure="doi-dang-ky-bien-so-xe"),
    ),
    case(
        "a_question_with_a_related_reasons_words_stays",
        Say("mất căn cước rồi, làm lại thế nào", procedure="cap-lai-the-can-cuoc"),
        Say("thẻ còn nhưng hỏng thì lệ phí bao nhiêu", procedure="cap-lai-the-can-cuoc"),
    ),
    case(
        "going_back_names_the_earlier_procedure_after_a_comma",
        Say("chứng thực văn bản thỏa thuận phân chia di sản thừa kế của bố mẹ"),
        Say("làm hộ chiếu cho con", procedure="cap-ho-chieu-pho-thong"),
        Say("đăng ký khai sinh cho cháu", procedure="dang-ky-khai-sinh"),
        Say(
            "quay lại, văn bản chia di sản thì lệ phí bao nhiêu",
            procedure="chung-thuc-van-ban-thoa-thuan-phan-chia-di-san",
        ),
    ),
    case(
        "going_back_with_nothing_before_is_asked_of_the_current_one",
        Say("mình muốn xin phép sửa lại căn nhà cấp 4"),
        Say(
            "à nói lại, nhà cũ quá nên định phá dỡ xây lại luôn",
            procedure="cap-giay-phep-xay-dung-nha-o-rieng-le",
            lacks=[texts.NOTHING_BEFORE],
        ),
    ),
    case(
        "a_place_described_by_another_procedure_stays_with_the_current_one",
        Say("đăng ký khai sinh cho con", procedure="dang-ky-khai-sinh"),
        Say(
            "làm ở xã quê chồng hay nơi đang thuê trọ",
            procedure="dang-ky-khai-sinh",
            holds=["cư trú của cha hoặc mẹ"],
        ),
    ),
    case(
        "a_place_of_two_homes_is_the_place_asked",
        Say("đăng ký kết hôn cần gì", procedure="dang-ky-ket-hon"),
        Say(
            "làm ở phường nhà em hay nhà anh ấy",
            procedure="dang-ky-ket-hon",
            holds=["một trong hai"],
        ),
    ),
    case(
        "another_procedure_named_with_a_place_asked_is_taken",
        Say("bố tôi mất hôm qua, làm khai tử thế nào", procedure="dang-ky-khai-tu"),
        Say("còn đăng ký khai sinh cho cháu ở xã nào", procedure="dang-ky-khai-sinh"),
    ),
]


@pytest.mark.parametrize("dialogue", TURNS)
def test_turn(ctx: Context, dialogue: Dialogue) -> None:
    dialogue.play(ctx)


def test_the_desk_hours_with_no_commune_say_where_it_is_filed(ctx: Context) -> None:
    turn, _ = play(ctx, Say("xin lý lịch tư pháp số 1 ở đâu"), Say("sáng thứ bảy có nhận không"))
    assert "nộp tại: Công an cấp tỉnh" in turn.replies[0].text


def test_the_desk_hours_with_no_procedure_say_no_desk(ctx: Context) -> None:
    turn, _ = say(ctx, State(), "thứ 7 phường có làm không")
    assert "nộp tại:" not in turn.replies[0].text
