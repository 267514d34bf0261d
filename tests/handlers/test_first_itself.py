"""A first message that names a thing its variants share ("tạm trú", "giấy phép xây dựng") asks
for the procedure itself, unless it says a variant's own words; a first message that asks two
parts one after another gets both; a place question that tells where the citizen comes from and
lives now gets the procedure's place."""

from __future__ import annotations

import dataclasses

import pytest

from handlers import Context, State, Turn
from handlers.first import variant_acts
from handlers.state import Mode
from knowledge.places import gazetteer
from tests.handlers.talk import say


def offered(turn: Turn) -> list[str]:
    return [
        b.action.split(":", 1)[1] for r in turn.replies for b in r.buttons if b.action[:2] == "p:"
    ]


def test_a_title_opening_with_a_variant_act_is_a_variant(ctx: Context) -> None:
    kb = ctx.kb.procedures
    assert variant_acts(kb["gia-han-cap-lai-giay-phep-xay-dung"]) == ["gia han", "cap lai"]
    assert variant_acts(kb["xoa-dang-ky-tam-tru"]) == ["xoa dang ky"]
    assert variant_acts(kb["dang-ky-tam-tru"]) == []


@pytest.mark.parametrize(
    ("text", "itself"),
    [
        ("tạm trú", "dang-ky-tam-tru"),
        ("xin giấy phép xây dựng", "cap-giay-phep-xay-dung-nha-o-rieng-le"),
    ],
)
def test_a_name_its_variants_share_asks_for_the_procedure_itself(
    ctx: Context, text: str, itself: str
) -> None:
    turn, state = say(ctx, State(), text)
    assert state.mode is Mode.PROCEDURE and state.procedure == itself
    assert offered(turn)  # the variants stay a tap away


def test_a_variant_whose_words_are_said_is_not_passed_over(ctx: Context) -> None:
    _, state = say(ctx, State(), "giấy phép xây dựng bị rách nát, xin lại được không")
    assert state.procedure != "cap-giay-phep-xay-dung-nha-o-rieng-le"


def test_two_parts_asked_one_after_another_are_both_answered(ctx: Context) -> None:
    turn, state = say(ctx, State(), "làm lý lịch tư pháp nộp ở đâu, mất bao lâu")
    assert state.procedure == "cap-phieu-ly-lich-tu-phap"
    said = [r.text.split("\n", 1)[0] for r in turn.replies]
    assert any(s.startswith("📍 Nơi nộp") for s in said)
    assert any(s.startswith("⏱ Thời gian") for s in said)


def test_a_case_told_in_a_piece_of_its_own_adds_no_part(ctx: Context) -> None:
    turn, _ = say(ctx, State(), "làm lý lịch tư pháp, hồ sơ nộp ở phường rồi, bao lâu thì có")
    said = [r.text.split("\n", 1)[0] for r in turn.replies]
    assert not any(s.startswith("📍 Nơi nộp") for s in said)


def test_a_place_question_that_tells_where_one_lives_now_gets_the_place(ctx: Context) -> None:
    located = dataclasses.replace(ctx, places=gazetteer())
    state = State(mode=Mode.PROCEDURE, procedure="thay-doi-cai-chinh-bo-sung-ho-tich")
    turn, after = say(located, state, "nộp ở xã nào, tôi sinh ở Huế nhưng giờ ở Đà Nẵng")
    assert after.procedure == "thay-doi-cai-chinh-bo-sung-ho-tich"
    assert turn.replies[-1].text.startswith("📍 Nơi nộp")


def test_a_case_now_that_asks_is_still_what_is_answered(ctx: Context) -> None:
    located = dataclasses.replace(ctx, places=gazetteer())
    state = State(mode=Mode.PROCEDURE, procedure="thay-doi-cai-chinh-bo-sung-ho-tich")
    turn, _ = say(located, state, "tôi sinh ở Huế nhưng giờ ở Đà Nẵng, mất bao lâu")
    assert turn.replies[-1].text.startswith("⏱ Thời gian")


@pytest.mark.parametrize(
    "text", ["gia hạn tạm trú", "chứng thực bản sao", "bố tôi mới mất, cần làm khai tử"]
)
def test_a_message_that_only_names_its_need_gets_the_card(ctx: Context, text: str) -> None:
    turn, state = say(ctx, State(), text)
    assert state.section == "card"
    assert "❓" not in turn.replies[-1].text  # no question-and-answer its name resembles


def test_a_message_that_asks_beside_the_name_gets_what_it_asks(ctx: Context) -> None:
    turn, state = say(ctx, State(), "gia hạn tạm trú mất bao lâu")
    assert state.procedure == "gia-han-tam-tru" and state.section != "card"
    assert "ngày" in turn.replies[-1].text


def test_a_part_named_by_the_procedures_own_name_is_not_asked(ctx: Context) -> None:
    turn, _ = say(ctx, State(), "chứng thực bản sao ở đâu, bao nhiêu tiền")
    said = [r.text.split("\n", 1)[0] for r in turn.replies]
    assert any(s.startswith("📍 Nơi nộp") for s in said)
    assert any(s.startswith("💰 Lệ phí") for s in said)
    assert not any(s.startswith("📄 Giấy tờ") for s in said)  # "bản sao" is its name


def test_what_is_said_done_is_no_longer_asked(ctx: Context) -> None:
    text = "đã đổi họ cho con rồi, giờ thông tin cư trú của cháu vẫn họ cũ thì sửa thế nào"
    _, state = say(ctx, State(), text)
    assert state.procedure == "dieu-chinh-thong-tin-cu-tru"


def test_a_story_that_only_says_the_need_done_is_not_read_as_done(ctx: Context) -> None:
    _, state = say(ctx, State(), "đã đổi họ cho con rồi")
    assert state.procedure != "dieu-chinh-thong-tin-cu-tru"
