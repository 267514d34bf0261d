"""Switches read from the knowledge base's own data, through the real core: the sibling the
lexicon prefers when the message says what sets it apart, a part of a package asked within the
package, the related procedure whose reason the message tells, a related one the matcher reads
behind others, a stay said with "lâu dài", and a surname changed ("đổi họ")."""

from __future__ import annotations

from handlers import Context, State
from handlers.follow import RULES
from tests.handlers.talk import say

PACKAGE = "mẹ em mất, nhà muốn làm liên thông khai tử, xóa hộ khẩu, mai táng"


def test_the_rules_have_one_name_each(ctx: Context) -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))


def test_stopping_for_good_after_a_suspension_is_the_ending(ctx: Context) -> None:
    _, state = say(ctx, State(), "tiệm tạp hóa nhà tôi muốn tạm ngừng kinh doanh 2 tháng")
    assert state.procedure == "tam-ngung-kinh-doanh-ho-kinh-doanh"
    _, state = say(ctx, state, "chắc tôi dẹp hẳn không bán nữa thì thủ tục thế nào")
    assert state.procedure == "cham-dut-hoat-dong-ho-kinh-doanh"


def test_a_word_of_for_good_in_a_plain_follow_up_keeps_the_suspension(ctx: Context) -> None:
    _, state = say(ctx, State(), "quán nhà em tạm nghỉ 2 tháng có phải báo không")
    _, state = say(ctx, state, "nộp luôn online được không")
    assert state.procedure == "tam-ngung-kinh-doanh-ho-kinh-doanh"


def test_the_register_lost_too_after_a_copy_is_registering_again(ctx: Context) -> None:
    _, state = say(ctx, State(), "tôi làm mất giấy khai sinh, muốn xin bản sao")
    assert state.procedure == "cap-ban-sao-trich-luc-ho-tich"
    _, state = say(ctx, state, "sổ gốc ở xã cũng bị cháy rồi thì sao")
    assert state.procedure == "dang-ky-lai-khai-sinh"


def test_a_part_of_the_package_is_asked_within_the_package(ctx: Context) -> None:
    _, state = say(ctx, State(), PACKAGE)
    assert state.procedure == "lien-thong-khai-tu-xoa-thuong-tru-mai-tang"
    _, state = say(ctx, state, "cắt khẩu thì làm trong bao lâu")
    assert state.procedure == "lien-thong-khai-tu-xoa-thuong-tru-mai-tang"


def test_a_part_of_the_package_said_alone_leaves_it(ctx: Context) -> None:
    _, state = say(ctx, State(), PACKAGE)
    _, state = say(ctx, state, "nếu chỉ khai tử riêng thôi thì cần giấy gì")
    assert state.procedure == "dang-ky-khai-tu"


def test_a_part_of_the_birth_package_is_asked_within_it(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký liên thông khai sinh thường trú bhyt cho con mới sinh")
    assert state.procedure == "lien-thong-khai-sinh-thuong-tru-bhyt"
    _, state = say(ctx, state, "nhập hộ khẩu cho bé thì cần giấy gì")
    assert state.procedure == "lien-thong-khai-sinh-thuong-tru-bhyt"


def test_the_case_a_related_reason_tells_leads_to_that_procedure(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký lại khai tử cho ông nội mất từ năm 2008")
    assert state.procedure == "dang-ky-lai-khai-tu"
    _, state = say(ctx, state, "nếu xã vẫn lưu sổ thì chỉ cần xin bản sao thôi à")
    assert state.procedure == "cap-ban-sao-trich-luc-ho-tich"


def test_a_reason_picks_among_funeral_benefits_the_one_of_the_pension_said(ctx: Context) -> None:
    _, state = say(ctx, State(), "bố tôi vừa mất, làm giấy khai tử ở đâu")
    text = "ông đang lĩnh trợ cấp hưu trí xã hội thì gia đình có được hỗ trợ tiền mai táng không"
    _, state = say(ctx, state, text)
    assert state.procedure == "ho-tro-mai-tang-huu-tri-xa-hoi"


def test_words_every_near_one_is_named_by_tell_no_reason(ctx: Context) -> None:
    _, state = say(ctx, State(), "tôi năm nay 78 tuổi, không có lương hưu, có được trợ cấp không")
    assert state.procedure == "tro-cap-huu-tri-xa-hoi"
    _, state = say(ctx, state, "có được thẻ bảo hiểm y tế không")
    assert state.procedure == "tro-cap-huu-tri-xa-hoi"


def test_a_related_one_read_behind_others_is_taken_over_a_menu(ctx: Context) -> None:
    _, state = say(ctx, State(), "người khuyết tật nặng được giám hộ thì đăng ký giám hộ thế nào")
    assert state.procedure == "dang-ky-giam-ho"
    _, state = say(ctx, state, "có được trợ cấp gì không")
    assert state.procedure == "tro-cap-xa-hoi-hang-thang"


def test_with_no_related_allowance_the_menu_is_offered(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký kết hôn ở đâu")
    turn, state = say(ctx, state, "có được trợ cấp gì không")
    assert state.procedure == "dang-ky-ket-hon"
    assert "thủ tục nào" in turn.replies[0].text


def test_a_stay_said_long_lasting_leads_to_temporary_residence(ctx: Context) -> None:
    _, state = say(ctx, State(), "nhà có khách ở qua đêm thì báo công an thế nào")
    _, state = say(ctx, state, "em họ ở lại lâu dài 2 tháng thì sao")
    assert state.procedure == "dang-ky-tam-tru"


def test_a_stay_of_a_night_keeps_the_stay_notice(ctx: Context) -> None:
    _, state = say(ctx, State(), "nhà có khách ở qua đêm thì báo công an thế nào")
    _, state = say(ctx, state, "em họ ở lại 1 đêm thì sao")
    assert state.procedure == "thong-bao-luu-tru"


def test_a_surname_changed_after_recognising_the_father(ctx: Context) -> None:
    _, state = say(ctx, State(), "bố mẹ em chưa cưới, giờ bố muốn nhận con thì làm sao")
    assert state.procedure == "dang-ky-nhan-cha-me-con"
    _, state = say(ctx, state, "nhận xong em muốn đổi họ theo bố được không")
    assert state.procedure == "thay-doi-cai-chinh-bo-sung-ho-tich"


def test_doing_it_for_someone_typed_bare_is_no_surname(ctx: Context) -> None:
    result = ctx.matcher.match("nhờ người đổi hộ được không")
    assert "ten" not in result.normalized.split()


def test_a_switch_read_without_what_it_asks_names_the_childs_card(ctx: Context) -> None:
    _, state = say(ctx, State(), "làm giấy khai sinh cho con gái mới sinh")
    text = "nhân tiện làm thẻ bảo hiểm y tế cho cháu thì nộp ở đâu, có tốn tiền không"
    _, state = say(ctx, state, text)
    assert state.procedure == "cap-the-bhyt-tre-em-duoi-6-tuoi"


def test_a_question_whose_own_words_name_nothing_stays(ctx: Context) -> None:
    _, state = say(ctx, State(), "làm giấy khai sinh cho con gái mới sinh")
    _, state = say(ctx, state, "còn cái kia thì nộp ở đâu, có tốn tiền không")
    assert state.procedure == "dang-ky-khai-sinh"
