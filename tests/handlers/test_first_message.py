"""The first message of a need: a choice the knowledge or the question settles is answered, the
other procedures a tap away; a choice nothing settles is still asked."""

from __future__ import annotations

import pytest

from handlers import Context, Incoming, Kind, State, Turn, handle
from handlers.actions import Verb, act
from handlers.first import bundled
from handlers.state import Mode
from tests.handlers.talk import say


def offered(turn: Turn) -> list[str]:
    """The procedures offered as buttons in the turn."""
    return [
        b.action.split(":", 1)[1] for r in turn.replies for b in r.buttons if b.action[:2] == "p:"
    ]


def test_a_package_and_the_procedure_it_bundles_answer_the_procedure(ctx: Context) -> None:
    turn, state = say(ctx, State(), "ông ngoại tôi vừa qua đời, làm khai tử ra sao")
    assert state.mode is Mode.PROCEDURE and state.procedure == "dang-ky-khai-tu"
    assert "lien-thong-khai-tu-xoa-thuong-tru-mai-tang" in offered(turn)


def test_the_package_named_itself_is_answered(ctx: Context) -> None:
    _, state = say(ctx, State(), "làm liên thông khai tử, xóa thường trú và mai táng")
    assert state.procedure == "lien-thong-khai-tu-xoa-thuong-tru-mai-tang"


def test_bundled_needs_a_package_that_links_its_part_both_ways(ctx: Context) -> None:
    kb = ctx.kb.procedures
    package, member = kb["lien-thong-khai-tu-xoa-thuong-tru-mai-tang"], kb["dang-ky-khai-tu"]
    assert bundled(package, member) is member
    assert bundled(member, package) is None  # the part bundles nothing
    assert bundled(package, kb["dang-ky-khai-sinh"]) is None  # not one of its parts


def test_a_lost_paper_is_copied_from_the_register_first(ctx: Context) -> None:
    turn, state = say(ctx, State(), "làm mất giấy chứng nhận kết hôn, muốn xin lại")
    assert state.procedure == "cap-ban-sao-trich-luc-ho-tich"
    assert "dang-ky-lai-ket-hon" in offered(turn)
    assert "Bản sao trích lục" in turn.replies[0].text


def test_a_register_lost_too_is_registered_again(ctx: Context) -> None:
    _, state = say(
        ctx, State(), "xã mất cả sổ hộ tịch và bản chính giấy đăng ký kết hôn, phải làm sao"
    )
    assert state.procedure == "dang-ky-lai-ket-hon"


def test_a_question_that_fits_one_procedure_offered_is_answered_there(ctx: Context) -> None:
    turn, state = say(ctx, State(), "xin phép xây dựng nhà ở thì cần những giấy tờ gì")
    assert state.procedure == "cap-giay-phep-xay-dung-nha-o-rieng-le"
    assert "Giấy tờ cần chuẩn bị" in turn.replies[-1].text


def test_a_bare_name_that_fits_several_is_still_asked(ctx: Context) -> None:
    turn, state = say(ctx, State(), "giấy phép xây dựng")
    assert state.mode is Mode.CLARIFY and state.procedure is None
    assert "thủ tục nào" in turn.replies[-1].text
    assert len(offered(turn)) >= 2


def test_the_procedures_offered_beside_an_answer_can_be_picked(ctx: Context) -> None:
    turn, state = say(ctx, State(), "làm mất giấy chứng nhận kết hôn, muốn xin lại")
    assert "dang-ky-lai-ket-hon" in offered(turn)
    turn, state = handle(
        Incoming("u", "test", Kind.ACTION, action=act(Verb.PROCEDURE, "dang-ky-lai-ket-hon")),
        state,
        ctx,
    )
    assert state.procedure == "dang-ky-lai-ket-hon"
    assert "Đăng ký lại kết hôn" in turn.replies[-1].text


def test_a_better_fit_does_not_overrule_a_clear_lead_of_the_matcher(ctx: Context) -> None:
    # a transfer's passages speak of buying more than a first registration's do; the matcher
    # still ranks the first registration well ahead for a new motorbike: the citizen chooses
    turn, state = say(ctx, State(), "mua xe máy mới ở cửa hàng thì đăng ký ở đâu")
    assert state.mode is Mode.CLARIFY
    assert offered(turn)[:2] == ["dang-ky-xe-lan-dau", "dang-ky-sang-ten-xe"]


def test_the_faq_of_a_first_message_is_its_answer(ctx: Context) -> None:
    turn, state = say(ctx, State(), "ở nhờ nhà người quen thì có nhập khẩu được không")
    assert state.procedure == "dang-ky-thuong-tru"
    text = turn.replies[-1].text
    assert "8 m²" in text and "chủ nhà đồng ý" in text
    assert any(b.action.startswith("a:docs:") for b in turn.replies[-1].buttons)


def test_a_guest_sleeping_over_is_a_stay_notice(ctx: Context) -> None:
    _, state = say(ctx, State(), "khách ngủ nhờ nhà tôi hai đêm có phải khai báo không")
    assert state.procedure == "thong-bao-luu-tru"


def test_a_motorbike_named_by_its_model_bought_used_is_a_transfer(ctx: Context) -> None:
    _, state = say(ctx, State(), "mua lại chiếc xe tay ga cũ của hàng xóm thì làm giấy tờ gì")
    assert state.procedure == "dang-ky-sang-ten-xe"


def test_a_birth_in_the_family_opens_on_the_birth_registration(ctx: Context) -> None:
    turn, state = say(ctx, State(), "vợ mới sinh tuần trước, cần lo giấy tờ gì cho bé")
    assert state.procedure == "dang-ky-khai-sinh"
    assert "lien-thong-khai-sinh-thuong-tru-bhyt" in offered(turn)


def test_a_death_in_the_family_opens_on_the_death_registration(ctx: Context) -> None:
    _, state = say(ctx, State(), "bà nội vừa mất đêm qua, gia đình cần làm những gì")
    assert state.procedure == "dang-ky-khai-tu"


def test_a_procedure_with_a_foreign_element_is_taken_only_when_one_is_said(ctx: Context) -> None:
    _, state = say(ctx, State(), "đã ly hôn rồi, giờ muốn kết hôn lần nữa thì đăng ký ở đâu")
    assert state.procedure == "dang-ky-ket-hon"
    _, state = say(ctx, State(), "ly hôn ở Hàn Quốc rồi về nước kết hôn lại thì làm ở đâu")
    assert state.procedure == "ghi-chu-ly-hon-o-nuoc-ngoai"


def test_the_procedures_offered_beside_a_fit_stay_in_reach_for_one_message(ctx: Context) -> None:
    opening = "con gái tôi bị bại não, muốn xin trợ cấp khuyết tật thì phải làm gì trước"
    turn, state = say(ctx, State(), opening)
    assert state.procedure == "tro-cap-xa-hoi-hang-thang"
    assert "xac-dinh-muc-do-khuyet-tat" in offered(turn)
    _, moved = say(ctx, state, "hội đồng nào đánh giá mức độ")
    assert moved.procedure == "xac-dinh-muc-do-khuyet-tat"
    _, kept = say(ctx, state, "hết bao nhiêu tiền")  # a part of the one answered: it stays
    assert kept.procedure == "tro-cap-xa-hoi-hang-thang" and not kept.candidates


def test_a_choice_the_knowledge_settled_keeps_no_alternative_in_reach(ctx: Context) -> None:
    _, state = say(ctx, State(), "ông ngoại tôi vừa qua đời, làm khai tử ra sao")
    assert state.procedure == "dang-ky-khai-tu" and not state.candidates


def test_a_funeral_allowance_is_no_answer_while_nobody_has_died(ctx: Context) -> None:
    opening = "bà ngoại 77 tuổi ở quê không có lương hưu hay trợ cấp gì, bà có được nhận không"
    _, state = say(ctx, State(), opening)
    assert state.procedure == "tro-cap-huu-tri-xa-hoi" and not state.candidates


def test_a_death_said_keeps_the_funeral_allowance_in_the_choice(ctx: Context) -> None:
    text = "bố tôi 78 tuổi đang hưởng hưu trí xã hội vừa mất, có được tiền mai táng không"
    _, state = say(ctx, State(), text)
    assert state.procedure == "ho-tro-mai-tang-huu-tri-xa-hoi"


def test_an_identity_card_with_no_child_said_is_the_askers_own(ctx: Context) -> None:
    _, state = say(ctx, State(), "làm căn cước ở đâu cũng được hay phải về nơi thường trú")
    assert state.procedure == "cap-the-can-cuoc-tu-du-14-tuoi"
    _, state = say(ctx, State(), "làm căn cước cho bé nhà tôi ở chỗ trọ được không hay phải về quê")
    assert state.procedure != "cap-the-can-cuoc-tu-du-14-tuoi"  # a child said: not the own card


def test_a_damaged_identity_card_is_taken_to_its_reissue(ctx: Context) -> None:
    _, state = say(ctx, State(), "căn cước của mình bị vỡ mất một góc, đi làm lại thì sao")
    assert state.procedure == "cap-lai-the-can-cuoc"


def test_a_register_lost_in_other_words_is_registered_again(ctx: Context) -> None:
    _, state = say(
        ctx, State(), "giấy kết hôn nhà tôi bị mất, ủy ban bảo sổ lưu năm đó cũng cháy rồi"
    )
    assert state.procedure == "dang-ky-lai-ket-hon"


def test_a_guardianship_whose_ward_has_come_of_age_is_ended(ctx: Context) -> None:
    text = "em làm giám hộ cho cháu mấy năm nay, cháu giờ đủ 18 tuổi rồi thì có phải đăng ký gì"
    turn, state = say(ctx, State(), text)
    assert state.procedure == "dang-ky-cham-dut-giam-ho"
    assert "dang-ky-giam-ho" in offered(turn)


def test_a_guardianship_with_no_end_said_is_registered(ctx: Context) -> None:
    _, state = say(ctx, State(), "tôi muốn làm giám hộ cho cháu, bố mẹ cháu mất cả rồi")
    assert state.procedure == "dang-ky-giam-ho"


def test_an_heir_giving_up_a_share_refuses_the_estate_not_the_death(ctx: Context) -> None:
    text = "mẹ tôi qua đời, tôi muốn nhường phần đất của mình cho anh trai thì làm giấy gì"
    _, state = say(ctx, State(), text)
    assert state.procedure == "chung-thuc-van-ban-tu-choi-nhan-di-san"


def test_an_old_person_making_a_will_is_not_asking_for_an_allowance(ctx: Context) -> None:
    _, state = say(ctx, State(), "mẹ tôi 85 tuổi muốn lập di chúc chia nhà cho con cháu")
    assert state.procedure == "chung-thuc-di-chuc"
    _, state = say(ctx, State(), "mẹ tôi 85 tuổi có được trợ cấp gì không")
    assert state.procedure == "tro-cap-huu-tri-xa-hoi"


def test_a_marriage_from_abroad_is_recorded_and_a_divorce_only_when_said(ctx: Context) -> None:
    asked = "{} ở Nhật rồi, giờ về Việt Nam phải ghi vào sổ hộ tịch thế nào"
    _, state = say(ctx, State(), asked.format("tôi kết hôn"))
    assert state.procedure == "ghi-chu-ket-hon-o-nuoc-ngoai"
    _, state = say(ctx, State(), asked.format("tôi ly hôn"))
    assert state.procedure == "ghi-chu-ly-hon-o-nuoc-ngoai"


def test_a_slip_corrected_moves_to_the_procedure_meant(ctx: Context) -> None:
    _, state = say(
        ctx,
        State(),
        "tôi đăng ký giám sát việc giám hộ cho cháu",
        "à nhầm, ý tôi là chấm dứt giám sát việc giám hộ",
    )
    assert state.procedure == "dang-ky-cham-dut-giam-sat-viec-giam-ho"


def test_a_registered_young_man_moving_registers_the_move(ctx: Context) -> None:
    _, state = say(ctx, State(), "con toi dk nvqs o que roi, gio chuyen ra ha noi o thi lam gi")
    assert state.procedure == "dang-ky-nghia-vu-quan-su-chuyen-di-chuyen-den"


def test_a_lost_passport_reported_goes_before_a_new_one_unless_one_is_asked(ctx: Context) -> None:
    (rule,) = ctx.matcher.situations.preferred["trinh-bao-mat-ho-chieu"]
    assert rule.holds("đi công tác về thì mất hộ chiếu, giờ phải báo ở đâu")
    assert not rule.holds("mất hộ chiếu rồi, giờ làm lại hộ chiếu thế nào")


def test_a_child_registered_without_the_father_is_recognised(ctx: Context) -> None:
    _, state = say(
        ctx,
        State(),
        "bé nhà tôi 4 tuổi, giấy khai sinh không có tên bố vì hồi đó chưa đăng ký kết hôn, "
        "giờ bố cháu muốn nhận con",
    )
    assert state.procedure == "dang-ky-nhan-cha-me-con"


def test_a_child_not_yet_registered_is_registered_with_the_recognition(ctx: Context) -> None:
    _, state = say(
        ctx, State(), "con chưa có giấy khai sinh, bố mẹ chưa cưới, làm khai sinh có tên bố"
    )
    assert state.procedure == "dang-ky-khai-sinh-ket-hop-nhan-cha-me-con"


def test_a_business_certificate_printed_wrong_is_corrected(ctx: Context) -> None:
    turn, state = say(
        ctx, State(), "giấy chứng nhận hộ kinh doanh in nhầm tên đường so với hồ sơ, sửa thế nào"
    )
    assert state.procedure == "cap-nhat-hieu-dinh-thong-tin-ho-kinh-doanh"
    assert "thay-doi-noi-dung-ho-kinh-doanh" in offered(turn)


def test_a_business_that_wants_its_address_changed_is_a_change(ctx: Context) -> None:
    _, state = say(ctx, State(), "hộ kinh doanh của tôi ghi sai địa chỉ, giờ muốn đổi địa chỉ")
    assert state.procedure == "thay-doi-noi-dung-ho-kinh-doanh"


def test_an_estate_whose_death_register_is_lost_registers_the_death_again(ctx: Context) -> None:
    _, state = say(
        ctx,
        State(),
        "ông nội mất từ năm 1990, giấy chứng tử thất lạc, xã cũng không còn lưu sổ, "
        "nay chia đất thừa kế cần giấy tờ gì",
    )
    assert state.procedure == "dang-ky-lai-khai-tu"


def test_an_estate_shared_with_its_papers_kept_is_the_sharing(ctx: Context) -> None:
    _, state = say(
        ctx, State(), "bố tôi mất không để lại di chúc, anh em muốn chia đất thì làm văn bản ở đâu"
    )
    assert state.procedure == "chung-thuc-van-ban-thoa-thuan-phan-chia-di-san"


def test_a_shop_closed_for_good_ends_the_business(ctx: Context) -> None:
    _, state = say(ctx, State(), "cửa hàng của mẹ tôi dẹp tiệm rồi, có phải đi báo ở đâu không")
    assert state.procedure == "cham-dut-hoat-dong-ho-kinh-doanh"


def test_a_shop_closed_for_good_in_other_words_ends_the_business(ctx: Context) -> None:
    _, state = say(ctx, State(), "tiệm bánh nhà tôi nghỉ hẳn, không bán nữa thì làm gì")
    assert state.procedure == "cham-dut-hoat-dong-ho-kinh-doanh"


def test_a_shop_closed_for_a_while_is_suspended(ctx: Context) -> None:
    _, state = say(ctx, State(), "quán tôi muốn tạm nghỉ 2 tháng rồi mở lại")
    assert state.procedure == "tam-ngung-kinh-doanh-ho-kinh-doanh"


def test_more_floors_on_a_house_that_stands_is_its_renovation(ctx: Context) -> None:
    _, state = say(ctx, State(), "nhà tôi định nâng thêm 2 tầng, có cần xin phép không")
    assert state.procedure == "cap-giay-phep-sua-chua-cai-tao-cong-trinh"


def test_more_floors_on_a_permit_granted_is_not_taken_for_a_renovation(ctx: Context) -> None:
    _, state = say(ctx, State(), "đã có giấy phép xây 3 tầng, giờ muốn xây thêm 1 tầng")
    assert state.procedure != "cap-giay-phep-sua-chua-cai-tao-cong-trinh"
    assert "dieu-chinh-giay-phep-xay-dung" in state.candidates


def test_a_land_dispute_whose_mediation_failed_goes_to_the_chairman(ctx: Context) -> None:
    _, state = say(ctx, State(), "tranh chấp đất với nhà bên hòa giải ở phường bất thành, giờ sao")
    assert state.procedure == "giai-quyet-tranh-chap-dat-dai-cap-xa"


def test_a_land_dispute_not_yet_mediated_is_mediated(ctx: Context) -> None:
    _, state = say(ctx, State(), "hòa giải tranh chấp đất ở xã thế nào")
    assert state.procedure == "hoa-giai-tranh-chap-dat-dai"


def test_a_registered_young_man_leaving_for_years_registers_his_absence(ctx: Context) -> None:
    text = (
        "em tôi 19 tuổi đã đăng ký nghĩa vụ quân sự, tháng sau đi học bên Nhật 2 năm "
        "thì có phải báo ban chỉ huy quân sự xã không"
    )
    turn, state = say(ctx, State(), text)
    assert state.procedure == "dang-ky-nghia-vu-quan-su-bo-sung-tam-vang"
    assert "dang-ky-nghia-vu-quan-su-lan-dau" in offered(turn)


def test_a_young_man_of_17_registers_for_the_first_time(ctx: Context) -> None:
    _, state = say(ctx, State(), "con tôi đủ 17 tuổi đăng ký nghĩa vụ quân sự thế nào")
    assert state.procedure == "dang-ky-nghia-vu-quan-su-lan-dau"


def test_a_recognition_the_story_settles_is_offered_though_scored_below(ctx: Context) -> None:
    text = "hai đứa sống chung chưa cưới, bé 2 tuổi khai sinh không có tên bố, giờ muốn nhận con"
    turn, state = say(ctx, State(), text)
    assert state.procedure == "dang-ky-nhan-cha-me-con"
    assert "dang-ky-khai-sinh-ket-hop-nhan-cha-me-con" in offered(turn)


def test_living_where_one_cannot_register_is_declared(ctx: Context) -> None:
    text = (
        "em ở nhờ nhà người quen ở Hà Nội, không có hợp đồng gì, nhà ở quê bán rồi, giờ không "
        "đăng ký được thường trú tạm trú thì làm sao để có thông tin cư trú"
    )
    _, state = say(ctx, State(), text)
    assert state.procedure == "khai-bao-thong-tin-cu-tru"


def test_asking_how_the_whole_thing_is_done_gets_the_card(ctx: Context) -> None:
    turn, state = say(
        ctx, State(), "mình nghỉ việc cuối tháng trước, muốn lãnh bảo hiểm thất nghiệp thì làm sao"
    )
    text = turn.replies[-1].text
    assert state.procedure == "huong-tro-cap-that-nghiep"
    assert "Nộp tại:" in text and "Về điều bạn hỏi" not in text


def test_a_particular_question_in_the_first_message_still_gets_its_passages(ctx: Context) -> None:
    turn, _ = say(
        ctx, State(), "mình nghỉ việc cuối tháng trước, đóng bao lâu thì được hưởng thất nghiệp"
    )
    text = turn.replies[-1].text  # the procedure's own answer to that question, not the card
    assert "12 tháng" in text and "Nộp tại:" not in text


def test_asking_what_comes_first_names_the_procedure_before_it(ctx: Context) -> None:
    turn, state = say(
        ctx, State(), "con tôi bị bại não, muốn xin trợ cấp khuyết tật phải làm gì đầu tiên"
    )
    text = "\n".join(r.text for r in turn.replies)
    assert state.procedure == "tro-cap-xa-hoi-hang-thang"
    assert "Bước trước: Xác định mức độ khuyết tật." in text


def test_a_first_message_not_asking_what_comes_first_names_no_step_before(ctx: Context) -> None:
    turn, _ = say(ctx, State(), "con tôi bị bại não, muốn xin trợ cấp khuyết tật")
    assert "Bước trước" not in "\n".join(r.text for r in turn.replies)


def test_a_death_never_registered_years_on_is_still_registered(ctx: Context) -> None:
    _, state = say(ctx, State(), "bà tôi mất từ năm 2005 mà nhà chưa báo tử, giờ làm sao")
    assert state.procedure == "dang-ky-khai-tu"
    _, state = say(ctx, State(), "bà tôi mất từ năm 2005, đã làm khai tử rồi, giờ làm sao")
    assert state.procedure != "dang-ky-khai-tu"  # registered already: not the registration


def test_a_birth_paper_lost_with_a_spoilt_register_is_registered_again(ctx: Context) -> None:
    text = "giấy khai sinh của tôi bị mất, xã bảo sổ ngày xưa hỏng hết rồi, làm sao"
    _, state = say(ctx, State(), text)
    assert state.procedure == "dang-ky-lai-khai-sinh"
    _, state = say(ctx, State(), "giấy khai sinh của tôi bị mất, xin lại thế nào")
    assert state.procedure == "cap-ban-sao-trich-luc-ho-tich"  # the register kept: a copy


def test_a_sole_heir_with_no_will_declares_the_estate(ctx: Context) -> None:
    story = "ông tôi mất không để lại di chúc, bà mất trước rồi, {} muốn đứng tên mảnh đất"
    _, state = say(ctx, State(), story.format("tôi là con một,"))
    assert state.procedure == "chung-thuc-van-ban-khai-nhan-di-san"
    _, state = say(ctx, State(), story.format("hai chị em tôi"))
    assert state.procedure == "chung-thuc-van-ban-thoa-thuan-phan-chia-di-san"


def test_a_tenant_gone_for_good_is_removed_from_temporary_residence(ctx: Context) -> None:
    _, state = say(ctx, State(), "người thuê nhà tôi chuyển đi hẳn rồi, tôi cần báo gì không")
    assert state.procedure == "xoa-dang-ky-tam-tru"
    _, state = say(ctx, State(), "người thuê nhà tôi mới đến, tôi cần báo gì không")
    assert state.procedure != "xoa-dang-ky-tam-tru"


def test_a_household_asking_to_be_counted_near_poor_is_recognised_as_such(ctx: Context) -> None:
    text = "nha minh thu nhap thap, muon xin xet ho can ngheo thi nop giay o dau"
    _, state = say(ctx, State(), text)
    assert state.procedure == "cong-nhan-ho-ngheo-can-ngheo"
    _, state = say(ctx, State(), "tôi thu nhập thấp, xin giấy xác nhận thu nhập thấp ở đâu")
    assert state.procedure == "cong-nhan-nguoi-lao-dong-thu-nhap-thap"


def test_land_with_no_title_asked_its_first_is_registered_not_mediated(ctx: Context) -> None:
    story = "đất nhà tôi dùng từ năm 1992, {}, giờ muốn {} thì bắt đầu từ đâu"
    _, state = say(ctx, State(), story.format("không tranh chấp, chưa có sổ", "làm sổ lần đầu"))
    assert state.procedure == "dang-ky-cap-gcn-lan-dau"
    _, state = say(ctx, State(), story.format("đang tranh chấp với hàng xóm", "hòa giải"))
    assert state.procedure == "hoa-giai-tranh-chap-dat-dai"


def test_a_package_asked_by_listing_its_parts_is_the_package(ctx: Context) -> None:
    _, state = say(
        ctx, State(), "cho be lam giay khai sinh, nhap khau, the bhyt cung luc duoc khong"
    )
    assert state.procedure == "lien-thong-khai-sinh-thuong-tru-bhyt"
    _, state = say(ctx, State(), "ông mất rồi, làm khai tử, cắt khẩu tiện thể một lần được không")
    assert state.procedure == "lien-thong-khai-tu-xoa-thuong-tru-mai-tang"


@pytest.mark.parametrize(
    "text",
    [
        "đã làm khai sinh, nhập khẩu rồi, giờ làm thẻ BHYT cho bé thế nào",
        "da lam khai sinh, nhap khau roi, gio lam the bhyt cho be",
    ],
)
def test_parts_said_done_leave_the_part_still_asked(ctx: Context, text: str) -> None:
    _, state = say(ctx, State(), text)
    assert state.procedure == "cap-the-bhyt-tre-em-duoi-6-tuoi"


def test_a_polite_da_is_no_part_said_done(ctx: Context) -> None:
    _, state = say(ctx, State(), "dạ em muốn làm khai sinh, nhập khẩu và thẻ bhyt cho con")
    assert state.procedure == "lien-thong-khai-sinh-thuong-tru-bhyt"


def test_one_part_of_a_package_named_alone_stays_the_part(ctx: Context) -> None:
    _, state = say(ctx, State(), "bé nhà em mới sinh, làm thẻ bảo hiểm y tế cho bé ở đâu")
    assert state.procedure == "cap-the-bhyt-tre-em-duoi-6-tuoi"
    _, state = say(ctx, State(), "bà em mất rồi, xóa thường trú cho bà ở đâu")
    assert state.procedure == "xoa-dang-ky-thuong-tru"


def test_a_foreign_national_who_died_is_no_birth_with_a_foreign_element(ctx: Context) -> None:
    story = "Cô tôi quốc tịch Úc, {} ở đây. Nhà muốn làm {} thì cần giấy gì?"
    _, state = say(ctx, State(), story.format("về thăm nhà rồi mất", "khai tử cho cô"))
    assert state.procedure == "dang-ky-khai-tu-yeu-to-nuoc-ngoai"
    _, state = say(ctx, State(), story.format("sinh con", "khai sinh cho bé"))
    assert state.procedure == "dang-ky-khai-sinh-yeu-to-nuoc-ngoai"


def test_the_paper_named_says_which_registration_is_made_again(ctx: Context) -> None:
    preferred = ctx.matcher.situations.preferred
    death = next(r for r in preferred["dang-ky-lai-khai-tu"] if "dang-ky-lai-khai-sinh" in r.over)
    assert death.holds("giay chung tu nay mat, so o xa cung khong con")
    assert not death.holds("giấy chứng tử và giấy khai sinh của ông đều mất")  # both named
    assert not death.holds("giấy khai sinh của tôi bị mất, sổ cũng không còn")


def test_a_list_whose_pieces_name_one_part_clearly_stays_that_part(ctx: Context) -> None:
    text = "cháu tôi 4 tuổi muốn chuyển về ở với bà ngoại và nhập hộ khẩu ở đó được không"
    _, state = say(ctx, State(), text)
    assert state.procedure == "dang-ky-thuong-tru"
