"""Switches read from the knowledge base's own data, through the real core: the sibling the
lexicon prefers when the message says what sets it apart, a part of a package asked within the
package, the related procedure whose reason the message tells, a related one the matcher reads
behind others, a stay said with "lâu dài", and a surname changed ("đổi họ")."""

from __future__ import annotations

import pytest

from handlers import Context
from handlers.follow import RULES, STEPS
from tests.handlers.talk import Dialogue, Say, case

PACKAGE = "mẹ em mất, nhà muốn làm liên thông khai tử, xóa hộ khẩu, mai táng"


def test_the_rules_have_one_name_each(ctx: Context) -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))


def test_every_rule_is_a_step_in_its_order_and_each_step_has_one_name(ctx: Context) -> None:
    names = [step.name for step in STEPS]
    assert len(names) == len(set(names))
    assert [n for n in names if n in {rule.name for rule in RULES}] == [r.name for r in RULES]


SWITCHES = [
    case(
        "stopping_for_good_after_a_suspension_is_the_ending",
        Say(
            "tiệm tạp hóa nhà tôi muốn tạm ngừng kinh doanh 2 tháng",
            procedure="tam-ngung-kinh-doanh-ho-kinh-doanh",
        ),
        Say(
            "chắc tôi dẹp hẳn không bán nữa thì thủ tục thế nào",
            procedure="cham-dut-hoat-dong-ho-kinh-doanh",
        ),
    ),
    case(
        "a_word_of_for_good_in_a_plain_follow_up_keeps_the_suspension",
        Say("quán nhà em tạm nghỉ 2 tháng có phải báo không"),
        Say("nộp luôn online được không", procedure="tam-ngung-kinh-doanh-ho-kinh-doanh"),
    ),
    case(
        "the_register_lost_too_after_a_copy_is_registering_again",
        Say(
            "tôi làm mất giấy khai sinh, muốn xin bản sao",
            procedure="cap-ban-sao-trich-luc-ho-tich",
        ),
        Say("sổ gốc ở xã cũng bị cháy rồi thì sao", procedure="dang-ky-lai-khai-sinh"),
    ),
    case(
        "a_part_of_the_package_is_asked_within_the_package",
        Say(PACKAGE, procedure="lien-thong-khai-tu-xoa-thuong-tru-mai-tang"),
        Say(
            "cắt khẩu thì làm trong bao lâu", procedure="lien-thong-khai-tu-xoa-thuong-tru-mai-tang"
        ),
    ),
    case(
        "a_part_of_the_package_said_alone_leaves_it",
        Say(PACKAGE),
        Say("nếu chỉ khai tử riêng thôi thì cần giấy gì", procedure="dang-ky-khai-tu"),
    ),
    case(
        "a_part_of_the_birth_package_is_asked_within_it",
        Say(
            "đăng ký liên thông khai sinh thường trú bhyt cho con mới sinh",
            procedure="lien-thong-khai-sinh-thuong-tru-bhyt",
        ),
        Say(
            "nhập hộ khẩu cho bé thì cần giấy gì", procedure="lien-thong-khai-sinh-thuong-tru-bhyt"
        ),
    ),
    case(
        "the_case_a_related_reason_tells_leads_to_that_procedure",
        Say("đăng ký lại khai tử cho ông nội mất từ năm 2008", procedure="dang-ky-lai-khai-tu"),
        Say(
            "nếu xã vẫn lưu sổ thì chỉ cần xin bản sao thôi à",
            procedure="cap-ban-sao-trich-luc-ho-tich",
        ),
    ),
    case(
        "a_reason_picks_among_funeral_benefits_the_one_of_the_pension_said",
        Say("bố tôi vừa mất, làm giấy khai tử ở đâu"),
        Say(
            "ông đang lĩnh trợ cấp hưu trí xã hội thì gia đình có được hỗ trợ tiền mai táng không",
            procedure="ho-tro-mai-tang-huu-tri-xa-hoi",
        ),
    ),
    case(
        "words_every_near_one_is_named_by_tell_no_reason",
        Say(
            "tôi năm nay 78 tuổi, không có lương hưu, có được trợ cấp không",
            procedure="tro-cap-huu-tri-xa-hoi",
        ),
        Say("có được thẻ bảo hiểm y tế không", procedure="tro-cap-huu-tri-xa-hoi"),
    ),
    case(
        "a_related_one_read_behind_others_is_taken_over_a_menu",
        Say(
            "người khuyết tật nặng được giám hộ thì đăng ký giám hộ thế nào",
            procedure="dang-ky-giam-ho",
        ),
        Say("có được trợ cấp gì không", procedure="tro-cap-xa-hoi-hang-thang"),
    ),
    case(
        "with_no_related_allowance_the_menu_is_offered",
        Say("đăng ký kết hôn ở đâu"),
        Say(
            "có được trợ cấp gì không", procedure="dang-ky-ket-hon", holds=["thủ tục nào"], reply=0
        ),
    ),
    case(
        "a_stay_said_long_lasting_leads_to_temporary_residence",
        Say("nhà có khách ở qua đêm thì báo công an thế nào"),
        Say("em họ ở lại lâu dài 2 tháng thì sao", procedure="dang-ky-tam-tru"),
    ),
    case(
        "a_stay_of_a_night_keeps_the_stay_notice",
        Say("nhà có khách ở qua đêm thì báo công an thế nào"),
        Say("em họ ở lại 1 đêm thì sao", procedure="thong-bao-luu-tru"),
    ),
    case(
        "a_surname_changed_after_recognising_the_father",
        Say(
            "bố mẹ em chưa cưới, giờ bố muốn nhận con thì làm sao",
            procedure="dang-ky-nhan-cha-me-con",
        ),
        Say(
            "nhận xong em muốn đổi họ theo bố được không",
            procedure="thay-doi-cai-chinh-bo-sung-ho-tich",
        ),
    ),
    case(
        "a_switch_read_without_what_it_asks_names_the_childs_card",
        Say("làm giấy khai sinh cho con gái mới sinh"),
        Say(
            "nhân tiện làm thẻ bảo hiểm y tế cho cháu thì nộp ở đâu, có tốn tiền không",
            procedure="cap-the-bhyt-tre-em-duoi-6-tuoi",
        ),
    ),
    case(
        "a_question_whose_own_words_name_nothing_stays",
        Say("làm giấy khai sinh cho con gái mới sinh"),
        Say("còn cái kia thì nộp ở đâu, có tốn tiền không", procedure="dang-ky-khai-sinh"),
    ),
]


@pytest.mark.parametrize("dialogue", SWITCHES)
def test_switch(ctx: Context, dialogue: Dialogue) -> None:
    dialogue.play(ctx)


def test_doing_it_for_someone_typed_bare_is_no_surname(ctx: Context) -> None:
    result = ctx.matcher.match("nhờ người đổi hộ được không")
    assert "ten" not in result.normalized.split()


CHANGES = [
    case(
        "whether_the_number_changes_stays_with_the_reissue",
        Say("thẻ căn cước bị hỏng làm lại ở đâu", procedure="cap-lai-the-can-cuoc"),
        Say("so dinh danh co doi ko", procedure="cap-lai-the-can-cuoc", holds=["giữ nguyên"]),
        Say("thẻ cũ hết hạn rồi thì có phải đổi không", procedure="cap-doi-the-can-cuoc"),
    ),
    case(
        "when_the_card_is_exchanged_is_the_first_cards_validity",
        Say("con 14t lam can cuoc lan dau o dau", procedure="cap-the-can-cuoc-tu-du-14-tuoi"),
        Say(
            "the dung toi may tuoi thi doi",
            procedure="cap-the-can-cuoc-tu-du-14-tuoi",
            holds=["25 tuổi"],
        ),
    ),
    case(
        "whether_the_plate_changes_once_transferred_stays_with_the_transfer",
        Say("mua xe máy cũ của người quen thì sang tên thế nào", procedure="dang-ky-sang-ten-xe"),
        Say(
            "sang tên xong thì biển số có bị đổi không",
            procedure="dang-ky-sang-ten-xe",
            holds=["định danh"],
        ),
    ),
]


@pytest.mark.parametrize("dialogue", CHANGES)
def test_whether_a_thing_held_changes_is_asked_of_the_current_one(
    ctx: Context, dialogue: Dialogue
) -> None:
    # "có đổi không" said of a thing the citizen holds asks what befalls it, not the exchange
    # the sibling's verb names; "có phải đổi không" still asks for that exchange
    dialogue.play(ctx)
