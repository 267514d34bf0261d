"""Turns in the middle of a conversation through the real core: a request for a person after a
complaint, the next step said after what is done ("… xong thì …"), a stay said longer than the
current procedure's bound, and corrections that deny what they no longer mean."""

from __future__ import annotations

from handlers import Context, State, Turn, texts
from handlers.follow import next_part, then_part
from tests.handlers.talk import say


def text_of(turn: Turn) -> str:
    return "\n".join(r.text for r in turn.replies)


def test_a_request_for_a_person_after_a_complaint_is_a_handoff(ctx: Context) -> None:
    _, state = say(ctx, State(), "hòa giải tranh chấp đất đai ở xã")
    turn, _ = say(ctx, state, "rắc rối quá, cho mình gặp cán bộ được không")
    assert texts.HANDOFF in text_of(turn)


def test_a_request_for_a_person_after_a_complaint_typed_bare_is_a_handoff(ctx: Context) -> None:
    _, state = say(ctx, State(), "rut bhxh 1 lan can gi")
    turn, _ = say(ctx, state, "kho hieu qua e muon noi chuyen voi nhan vien")
    assert texts.HANDOFF in text_of(turn)


def test_a_question_that_mentions_an_officer_is_no_handoff(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký khai sinh cho con")
    turn, state = say(ctx, state, "nộp qua mạng được không hay phải gặp cán bộ")
    assert texts.HANDOFF not in text_of(turn)
    assert state.procedure == "dang-ky-khai-sinh"


def test_the_step_after_one_said_done_is_the_procedure_asked(ctx: Context) -> None:
    _, state = say(ctx, State(), "muốn chuyển đất vườn lên thổ cư thì làm hồ sơ gì")
    assert state.procedure == "chuyen-muc-dich-su-dung-dat"
    _, state = say(ctx, state, "lên thổ cư xong xây nhà có cần giấy phép xây dựng không")
    assert state.procedure == "cap-giay-phep-xay-dung-nha-o-rieng-le"


def test_the_step_after_is_read_past_who_it_is_for(ctx: Context) -> None:
    _, state = say(ctx, State(), "thủ tục tách thửa đất cho 2 anh em")
    assert state.procedure == "tach-thua-hop-thua"
    _, state = say(ctx, state, "tách xong cho em trai thì làm hợp đồng tặng cho chứng thực ở xã")
    assert state.procedure == "chung-thuc-hop-dong-giao-dich"


def test_a_step_of_the_current_procedure_said_done_stays(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký kết hôn")
    _, state = say(ctx, state, "làm xong có lấy luôn trong ngày được không")
    assert state.procedure == "dang-ky-ket-hon"
    _, state = say(ctx, state, "nộp hồ sơ xong thì bao lâu có kết quả")
    assert state.procedure == "dang-ky-ket-hon"


def test_what_befalls_one_who_does_not_do_it_stays_with_the_current(ctx: Context) -> None:
    _, state = say(ctx, State(), "em đi làm xa mấy tháng, khai báo tạm vắng thế nào")
    assert state.procedure == "khai-bao-tam-vang"
    _, state = say(ctx, state, "không khai thì có bị cắt hộ khẩu không")
    assert state.procedure == "khai-bao-tam-vang"
    _, state = say(ctx, state, "mất bao lâu")
    assert state.procedure == "khai-bao-tam-vang"


def test_a_consequence_of_not_doing_another_procedure_is_that_one(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký tạm trú")
    _, state = say(ctx, state, "không báo tạm vắng ở quê thì có bị phạt không")
    assert state.procedure == "khai-bao-tam-vang"


def test_a_stay_longer_than_a_visit_is_a_temporary_residence(ctx: Context) -> None:
    _, state = say(ctx, State(), "khai báo lưu trú cho khách như thế nào")
    assert state.procedure == "thong-bao-luu-tru"
    _, state = say(ctx, state, "nếu nó ở lại làm luôn nửa năm thì sao")
    assert state.procedure == "dang-ky-tam-tru"


def test_a_stay_of_a_few_nights_is_a_notice_of_stay(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký tạm trú")
    _, state = say(ctx, state, "em chỉ ở 2 tuần thôi thì có phải đăng ký không")
    assert state.procedure == "thong-bao-luu-tru"


def test_a_stay_within_the_current_procedures_bounds_stays(ctx: Context) -> None:
    _, state = say(ctx, State(), "khai báo lưu trú cho khách như thế nào")
    _, state = say(ctx, state, "khách ngủ lại 2 đêm thì báo trước mấy giờ")
    assert state.procedure == "thong-bao-luu-tru"


def test_a_number_of_days_that_is_no_stay_switches_nothing(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký tạm trú")
    _, state = say(ctx, state, "nộp ở phường 3 ngày có kết quả không")
    assert state.procedure == "dang-ky-tam-tru"


def test_a_correction_telling_a_shorter_stay_is_a_temporary_residence(ctx: Context) -> None:
    _, state = say(ctx, State(), "em muốn đăng ký thường trú vào nhà đang thuê")
    assert state.procedure == "dang-ky-thuong-tru"
    turn, state = say(ctx, state, "à nhầm, em chỉ ở trọ 2 năm thôi chứ không nhập khẩu")
    assert state.procedure == "dang-ky-tam-tru"
    assert texts.REJECTED not in text_of(turn)


def test_a_correction_telling_another_age_is_read_with_it(ctx: Context) -> None:
    _, state = say(ctx, State(), "làm căn cước lần đầu cho đứa 15 tuổi")
    assert state.procedure == "cap-the-can-cuoc-tu-du-14-tuoi"
    _, state = say(ctx, state, "à không, cháu mới 10 tuổi")
    assert state.procedure == "cap-the-can-cuoc-duoi-14-tuoi"


def test_a_correction_whose_age_the_procedure_shown_holds_leads_to_no_age_bound(
    ctx: Context,
) -> None:
    _, state = say(ctx, State(), "làm căn cước lần đầu cho đứa 15 tuổi")
    _, state = say(ctx, state, "à không, cháu 16 tuổi rồi")
    assert state.procedure != "cap-the-can-cuoc-duoi-14-tuoi"


def test_a_range_of_nights_is_a_stay_below_the_bound(ctx: Context) -> None:
    _, state = say(ctx, State(), "xóa đăng ký tạm trú cho người thuê trọ đã chuyển đi")
    assert state.procedure == "xoa-dang-ky-tam-tru"
    _, state = say(ctx, state, "còn người nhà ngủ lại 2-3 đêm thì báo sao")
    assert state.procedure == "thong-bao-luu-tru"


def test_going_back_typed_bare_reads_chuyen_as_part_of_the_name(ctx: Context) -> None:
    _, state = say(ctx, State(), "muon chuyen dat vuon len tho cu")
    assert state.procedure == "chuyen-muc-dich-su-dung-dat"
    _, state = say(ctx, state, "lam ho chieu can gi")
    assert state.procedure == "cap-ho-chieu-pho-thong"
    _, state = say(ctx, state, "quay lai chuyen doi dat vuon, nop o dau")
    assert state.procedure == "chuyen-muc-dich-su-dung-dat"


def test_going_back_to_the_matter_of_an_earlier_procedure_drops_the_word(ctx: Context) -> None:
    _, state = say(ctx, State(), "ông mất tuần trước, làm khai tử ở đâu")
    _, state = say(ctx, state, "làm hộ chiếu cần gì")
    _, state = say(ctx, state, "quay lại chuyện khai tử, cần giấy gì")
    assert state.procedure == "dang-ky-khai-tu"


def test_a_switch_the_matcher_is_unsure_of_takes_the_one_of_the_current_group(
    ctx: Context,
) -> None:
    _, state = say(ctx, State(), "con trai cưới vợ muốn tách hộ riêng")
    assert state.procedure == "tach-ho"
    _, state = say(ctx, state, "còn muốn đổi chủ hộ sang tên vợ thì sao")
    assert state.procedure == "dieu-chinh-thong-tin-cu-tru"


def test_a_switch_with_none_of_the_current_group_offered_asks_which(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký khai sinh cho con")
    turn, state = say(ctx, state, "còn muốn đổi chủ hộ sang tên vợ thì sao")
    assert state.procedure == "dang-ky-khai-sinh"
    assert "thủ tục nào" in text_of(turn)


def test_a_switch_read_unsure_takes_the_one_of_the_current_group(ctx: Context) -> None:
    _, state = say(ctx, State(), "mua xe máy mới thì đăng ký biển số ở đâu")
    assert state.procedure == "dang-ky-xe-lan-dau"
    _, state = say(ctx, state, "còn chiếc xe cũ em bán cho hàng xóm thì làm giấy tờ sao")
    assert state.procedure == "dang-ky-sang-ten-xe"


def test_a_correction_reads_what_is_meant_without_what_it_denies(ctx: Context) -> None:
    _, state = say(ctx, State(), "mất sổ đỏ thì làm lại sao")
    assert state.procedure == "cap-lai-gcn-do-bi-mat"
    _, state = say(ctx, state, "à không, sổ bị nhòe hết chữ chứ không phải mất")
    assert state.procedure == "cap-doi-gcn"


def test_a_correction_denying_a_word_then_telling_the_case_reads_the_case(ctx: Context) -> None:
    _, state = say(ctx, State(), "xin phép sửa nhà cấp 4")
    assert state.procedure == "cap-giay-phep-sua-chua-cai-tao-cong-trinh"
    _, state = say(ctx, state, "không phải sửa, nhà em đập đi xây lại mới hoàn toàn")
    assert state.procedure == "cap-giay-phep-xay-dung-nha-o-rieng-le"


def test_a_step_done_told_in_a_related_reason_leads_to_that_procedure(ctx: Context) -> None:
    _, state = say(ctx, State(), "vay ngân hàng thế chấp sổ đỏ, đăng ký ở đâu")
    assert state.procedure == "dang-ky-the-chap-qsdd"
    _, state = say(ctx, state, "trả hết nợ ngân hàng xong thì làm sao lấy sổ về")
    assert state.procedure == "xoa-dang-ky-the-chap-qsdd"


def test_a_step_done_sharing_few_words_with_a_related_reason_stays(ctx: Context) -> None:
    _, state = say(ctx, State(), "vay ngân hàng thế chấp sổ đỏ, đăng ký ở đâu")
    _, state = say(ctx, state, "đăng ký xong thì bao lâu ngân hàng giải ngân")
    assert state.procedure == "dang-ky-the-chap-qsdd"


def test_what_befalls_after_a_step_done_is_no_next_step(ctx: Context) -> None:
    _, state = say(ctx, State(), "bị mất hộ chiếu rồi, phải trình báo ở đâu")
    assert state.procedure == "trinh-bao-mat-ho-chieu"
    _, state = say(ctx, state, "trình báo xong mà tìm thấy hộ chiếu thì còn dùng được không")
    assert state.procedure == "trinh-bao-mat-ho-chieu"


def test_a_correction_keeping_what_the_procedure_shown_does_is_read_whole(ctx: Context) -> None:
    _, state = say(ctx, State(), "xin 2 bản sao giấy khai sinh cho con nộp hồ sơ đi học")
    assert state.procedure == "cap-ban-sao-trich-luc-ho-tich"
    _, state = say(ctx, state, "à nhầm, em cần bản sao giấy kết hôn chứ không phải khai sinh")
    assert state.procedure == "cap-ban-sao-trich-luc-ho-tich"


def test_what_a_step_done_brings_is_asked_of_it(ctx: Context) -> None:
    _, state = say(ctx, State(), "con trai cưới vợ muốn tách hộ riêng")
    assert state.procedure == "tach-ho"
    _, state = say(ctx, state, "tách hộ xong có được làm hộ nghèo riêng không")
    assert state.procedure == "tach-ho"


def test_whether_another_must_follow_a_step_done_is_no_next_step() -> None:
    assert next_part("khai tử xong rồi có cần đi cắt khẩu cho ông nữa không") is None
    assert next_part("lên thổ cư xong xây nhà có cần giấy phép không") == (
        "xây nhà có cần giấy phép không"
    )


def test_a_paper_had_then_a_need_is_the_next_step(ctx: Context) -> None:
    _, state = say(ctx, State(), "muốn xin giấy xác nhận khuyết tật cho con")
    _, state = say(ctx, state, "có giấy xác nhận rồi thì xin trợ cấp hằng tháng ở đâu")
    assert state.procedure == "tro-cap-xa-hoi-hang-thang"


def test_a_done_word_with_nothing_named_after_it_stays(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký tạm trú")
    _, state = say(ctx, state, "nộp rồi thì bao lâu có kết quả")
    assert state.procedure == "dang-ky-tam-tru"


def test_one_part_of_a_linked_package_asked_alone_is_that_part(ctx: Context) -> None:
    _, state = say(ctx, State(), "liên thông khai tử, xóa thường trú và mai táng phí làm sao")
    assert state.procedure == "lien-thong-khai-tu-xoa-thuong-tru-mai-tang"
    _, state = say(ctx, state, "nếu chỉ làm khai tử thôi thì nộp ở đâu")
    assert state.procedure == "dang-ky-khai-tu"


def test_a_part_of_the_package_asked_without_alone_stays_in_it(ctx: Context) -> None:
    _, state = say(ctx, State(), "liên thông khai tử, xóa thường trú và mai táng phí làm sao")
    _, state = say(ctx, state, "khai tử trong bao lâu thì xong")
    assert state.procedure == "lien-thong-khai-tu-xoa-thuong-tru-mai-tang"


def test_a_step_done_then_a_question_naming_nothing_new_stays(ctx: Context) -> None:
    _, state = say(ctx, State(), "xin giấy phép xây nhà 3 tầng ở phường")
    assert state.procedure == "cap-giay-phep-xay-dung-nha-o-rieng-le"
    _, state = say(ctx, state, "được cấp phép rồi thì trong bao lâu phải khởi công")
    assert state.procedure == "cap-giay-phep-xay-dung-nha-o-rieng-le"


def test_lai_hoi_goes_back_to_the_earlier_procedure_named(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký khai sinh cho con")
    _, state = say(ctx, state, "còn đăng ký tạm trú cho vợ thì sao")
    assert state.procedure == "dang-ky-tam-tru"
    _, state = say(ctx, state, "lại hỏi chút về khai sinh, lệ phí bao nhiêu")
    assert state.procedure == "dang-ky-khai-sinh"


def test_the_act_of_a_sibling_on_the_same_object_said_alone_takes_it(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký tạm trú cho người thuê trọ")
    assert state.procedure == "dang-ky-tam-tru"
    _, state = say(ctx, state, "vậy gia hạn thì lệ phí bao nhiêu")
    assert state.procedure == "gia-han-tam-tru"


def test_a_validity_asked_without_a_siblings_act_stays(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký tạm trú cho người thuê trọ")
    _, state = say(ctx, state, "hết hạn thì sao")
    assert state.procedure == "dang-ky-tam-tru"


def test_a_short_step_done_told_in_a_related_reason_leads_to_it(ctx: Context) -> None:
    _, state = say(ctx, State(), "vay ngân hàng thế chấp sổ đỏ, đăng ký ở đâu")
    _, state = say(ctx, state, "trả nợ xong rồi thì lấy sổ về ra sao")
    assert state.procedure == "xoa-dang-ky-the-chap-qsdd"


def test_an_unsure_switch_takes_the_procedure_the_current_one_lists_as_related(
    ctx: Context,
) -> None:
    _, state = say(ctx, State(), "trợ cấp người cao tuổi 75 tuổi cần gì")
    assert state.procedure == "tro-cap-huu-tri-xa-hoi"
    turn, state = say(ctx, state, "nhỡ ông mất thì có hỗ trợ mai táng không")
    assert state.procedure == "ho-tro-mai-tang-huu-tri-xa-hoi"
    assert texts.CLARIFY not in text_of(turn)


def test_an_unsure_switch_none_of_whose_readings_is_related_still_asks_which(
    ctx: Context,
) -> None:
    _, state = say(ctx, State(), "đăng ký tạm trú cho sinh viên thuê trọ")
    turn, state = say(ctx, state, "nhỡ ông mất thì có hỗ trợ mai táng không")
    assert texts.CLARIFY in text_of(turn)
    assert state.procedure == "dang-ky-tam-tru"


def test_what_is_asked_past_the_then_of_a_long_step_done_is_the_next_procedure(
    ctx: Context,
) -> None:
    _, state = say(ctx, State(), "muốn tách thửa đất chia cho các con")
    assert state.procedure == "tach-thua-hop-thua"
    text = "xong tách rồi bán một phần cho hàng xóm thì chứng thực hợp đồng ở đâu"
    _, state = say(ctx, state, text)
    assert state.procedure == "chung-thuc-hop-dong-giao-dich"


def test_a_part_past_the_then_that_names_no_other_procedure_stays(ctx: Context) -> None:
    _, state = say(ctx, State(), "muốn tách thửa đất chia cho các con")
    turn, state = say(ctx, state, "xong tách rồi đứng tên con thì làm ở đâu")
    assert state.procedure == "tach-thua-hop-thua"
    assert "Nơi nộp" in text_of(turn)


def test_then_part_is_what_follows_the_last_then() -> None:
    assert then_part("tách rồi cho con thì làm hợp đồng ở đâu") == "làm hợp đồng ở đâu"
    assert then_part("tách rồi cho con") is None


def test_an_unsure_switch_keeps_the_age_bound_of_the_current_procedure(ctx: Context) -> None:
    _, state = say(ctx, State(), "bé 2 tháng chưa có thẻ bhyt làm thế nào")
    assert state.procedure == "cap-the-bhyt-tre-em-duoi-6-tuoi"
    _, state = say(ctx, state, "con bé cũng cần làm căn cước thì sao")
    assert state.procedure == "cap-the-can-cuoc-duoi-14-tuoi"


def test_a_grown_up_said_does_not_keep_the_age_bound_of_the_current_procedure(
    ctx: Context,
) -> None:
    _, state = say(ctx, State(), "bé 2 tháng chưa có thẻ bhyt làm thế nào")
    _, state = say(ctx, state, "còn mẹ nó làm căn cước thì sao")
    assert state.procedure != "cap-the-can-cuoc-duoi-14-tuoi"
