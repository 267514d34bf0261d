"""Turns in the middle of a conversation through the real core: a request for a person after a
complaint, the next step said after what is done ("… xong thì …"), a stay said longer than the
current procedure's bound, corrections that deny what they no longer mean, and a switch that
asks a part of its own after its "thì"."""

from __future__ import annotations

import pytest

from handlers import Context, texts
from handlers.follow import next_part, then_part
from tests.handlers.talk import Dialogue, Say, case

TURNS = [
    case(
        "a_request_for_a_person_after_a_complaint_is_a_handoff",
        Say("hòa giải tranh chấp đất đai ở xã"),
        Say("rắc rối quá, cho mình gặp cán bộ được không", holds=[texts.HANDOFF]),
    ),
    case(
        "a_request_for_a_person_after_a_complaint_typed_bare_is_a_handoff",
        Say("rut bhxh 1 lan can gi"),
        Say("kho hieu qua e muon noi chuyen voi nhan vien", holds=[texts.HANDOFF]),
    ),
    case(
        "a_question_that_mentions_an_officer_is_no_handoff",
        Say("đăng ký khai sinh cho con"),
        Say(
            "nộp qua mạng được không hay phải gặp cán bộ",
            procedure="dang-ky-khai-sinh",
            lacks=[texts.HANDOFF],
        ),
    ),
    case(
        "the_step_after_one_said_done_is_the_procedure_asked",
        Say(
            "muốn chuyển đất vườn lên thổ cư thì làm hồ sơ gì",
            procedure="chuyen-muc-dich-su-dung-dat",
        ),
        Say(
            "lên thổ cư xong xây nhà có cần giấy phép xây dựng không",
            procedure="cap-giay-phep-xay-dung-nha-o-rieng-le",
        ),
    ),
    case(
        "the_step_after_is_read_past_who_it_is_for",
        Say("thủ tục tách thửa đất cho 2 anh em", procedure="tach-thua-hop-thua"),
        Say(
            "tách xong cho em trai thì làm hợp đồng tặng cho chứng thực ở xã",
            procedure="chung-thuc-hop-dong-giao-dich",
        ),
    ),
    case(
        "a_step_of_the_current_procedure_said_done_stays",
        Say("đăng ký kết hôn"),
        Say("làm xong có lấy luôn trong ngày được không", procedure="dang-ky-ket-hon"),
        Say("nộp hồ sơ xong thì bao lâu có kết quả", procedure="dang-ky-ket-hon"),
    ),
    case(
        "what_befalls_one_who_does_not_do_it_stays_with_the_current",
        Say("em đi làm xa mấy tháng, khai báo tạm vắng thế nào", procedure="khai-bao-tam-vang"),
        Say("không khai thì có bị cắt hộ khẩu không", procedure="khai-bao-tam-vang"),
        Say("mất bao lâu", procedure="khai-bao-tam-vang"),
    ),
    case(
        "a_consequence_of_not_doing_another_procedure_is_that_one",
        Say("đăng ký tạm trú"),
        Say("không báo tạm vắng ở quê thì có bị phạt không", procedure="khai-bao-tam-vang"),
    ),
    case(
        "a_stay_longer_than_a_visit_is_a_temporary_residence",
        Say("khai báo lưu trú cho khách như thế nào", procedure="thong-bao-luu-tru"),
        Say("nếu nó ở lại làm luôn nửa năm thì sao", procedure="dang-ky-tam-tru"),
    ),
    case(
        "a_stay_of_a_few_nights_is_a_notice_of_stay",
        Say("đăng ký tạm trú"),
        Say("em chỉ ở 2 tuần thôi thì có phải đăng ký không", procedure="thong-bao-luu-tru"),
    ),
    case(
        "a_stay_within_the_current_procedures_bounds_stays",
        Say("khai báo lưu trú cho khách như thế nào"),
        Say("khách ngủ lại 2 đêm thì báo trước mấy giờ", procedure="thong-bao-luu-tru"),
    ),
    case(
        "a_number_of_days_that_is_no_stay_switches_nothing",
        Say("đăng ký tạm trú"),
        Say("nộp ở phường 3 ngày có kết quả không", procedure="dang-ky-tam-tru"),
    ),
    case(
        "a_correction_telling_a_shorter_stay_is_a_temporary_residence",
        Say("em muốn đăng ký thường trú vào nhà đang thuê", procedure="dang-ky-thuong-tru"),
        Say(
            "à nhầm, em chỉ ở trọ 2 năm thôi chứ không nhập khẩu",
            procedure="dang-ky-tam-tru",
            lacks=[texts.REJECTED],
        ),
    ),
    case(
        "a_correction_telling_another_age_is_read_with_it",
        Say("làm căn cước lần đầu cho đứa 15 tuổi", procedure="cap-the-can-cuoc-tu-du-14-tuoi"),
        Say("à không, cháu mới 10 tuổi", procedure="cap-the-can-cuoc-duoi-14-tuoi"),
    ),
    case(
        "a_correction_whose_age_the_procedure_shown_holds_leads_to_no_age_bound",
        Say("làm căn cước lần đầu cho đứa 15 tuổi"),
        Say("à không, cháu 16 tuổi rồi", not_procedure="cap-the-can-cuoc-duoi-14-tuoi"),
    ),
    case(
        "a_range_of_nights_is_a_stay_below_the_bound",
        Say("xóa đăng ký tạm trú cho người thuê trọ đã chuyển đi", procedure="xoa-dang-ky-tam-tru"),
        Say("còn người nhà ngủ lại 2-3 đêm thì báo sao", procedure="thong-bao-luu-tru"),
    ),
    case(
        "going_back_typed_bare_reads_chuyen_as_part_of_the_name",
        Say("muon chuyen dat vuon len tho cu", procedure="chuyen-muc-dich-su-dung-dat"),
        Say("lam ho chieu can gi", procedure="cap-ho-chieu-pho-thong"),
        Say("quay lai chuyen doi dat vuon, nop o dau", procedure="chuyen-muc-dich-su-dung-dat"),
    ),
    case(
        "going_back_to_the_matter_of_an_earlier_procedure_drops_the_word",
        Say("ông mất tuần trước, làm khai tử ở đâu"),
        Say("làm hộ chiếu cần gì"),
        Say("quay lại chuyện khai tử, cần giấy gì", procedure="dang-ky-khai-tu"),
    ),
    case(
        "a_switch_the_matcher_is_unsure_of_takes_the_one_of_the_current_group",
        Say("con trai cưới vợ muốn tách hộ riêng", procedure="tach-ho"),
        Say("còn muốn đổi chủ hộ sang tên vợ thì sao", procedure="dieu-chinh-thong-tin-cu-tru"),
    ),
    case(
        "a_switch_with_none_of_the_current_group_offered_asks_which",
        Say("đăng ký khai sinh cho con"),
        Say(
            "còn muốn đổi chủ hộ sang tên vợ thì sao",
            procedure="dang-ky-khai-sinh",
            holds=["thủ tục nào"],
        ),
    ),
    case(
        "a_switch_read_unsure_takes_the_one_of_the_current_group",
        Say("mua xe máy mới thì đăng ký biển số ở đâu", procedure="dang-ky-xe-lan-dau"),
        Say(
            "còn chiếc xe cũ em bán cho hàng xóm thì làm giấy tờ sao",
            procedure="dang-ky-sang-ten-xe",
        ),
    ),
    case(
        "a_correction_reads_what_is_meant_without_what_it_denies",
        Say("mất sổ đỏ thì làm lại sao", procedure="cap-lai-gcn-do-bi-mat"),
        Say("à không, sổ bị nhòe hết chữ chứ không phải mất", procedure="cap-doi-gcn"),
    ),
    case(
        "a_correction_denying_a_word_then_telling_the_case_reads_the_case",
        Say("xin phép sửa nhà cấp 4", procedure="cap-giay-phep-sua-chua-cai-tao-cong-trinh"),
        Say(
            "không phải sửa, nhà em đập đi xây lại mới hoàn toàn",
            procedure="cap-giay-phep-xay-dung-nha-o-rieng-le",
        ),
    ),
    case(
        "a_step_done_told_in_a_related_reason_leads_to_that_procedure",
        Say("vay ngân hàng thế chấp sổ đỏ, đăng ký ở đâu", procedure="dang-ky-the-chap-qsdd"),
        Say(
            "trả hết nợ ngân hàng xong thì làm sao lấy sổ về", procedure="xoa-dang-ky-the-chap-qsdd"
        ),
    ),
    case(
        "a_step_done_sharing_few_words_with_a_related_reason_stays",
        Say("vay ngân hàng thế chấp sổ đỏ, đăng ký ở đâu"),
        Say("đăng ký xong thì bao lâu ngân hàng giải ngân", procedure="dang-ky-the-chap-qsdd"),
    ),
    case(
        "what_befalls_after_a_step_done_is_no_next_step",
        Say("bị mất hộ chiếu rồi, phải trình báo ở đâu", procedure="trinh-bao-mat-ho-chieu"),
        Say(
            "trình báo xong mà tìm thấy hộ chiếu thì còn dùng được không",
            procedure="trinh-bao-mat-ho-chieu",
        ),
    ),
    case(
        "a_correction_keeping_what_the_procedure_shown_does_is_read_whole",
        Say(
            "xin 2 bản sao giấy khai sinh cho con nộp hồ sơ đi học",
            procedure="cap-ban-sao-trich-luc-ho-tich",
        ),
        Say(
            "à nhầm, em cần bản sao giấy kết hôn chứ không phải khai sinh",
            procedure="cap-ban-sao-trich-luc-ho-tich",
        ),
    ),
    case(
        "what_a_step_done_brings_is_asked_of_it",
        Say("con trai cưới vợ muốn tách hộ riêng", procedure="tach-ho"),
        Say("tách hộ xong có được làm hộ nghèo riêng không", procedure="tach-ho"),
    ),
    case(
        "a_paper_had_then_a_need_is_the_next_step",
        Say("muốn xin giấy xác nhận khuyết tật cho con"),
        Say(
            "có giấy xác nhận rồi thì xin trợ cấp hằng tháng ở đâu",
            procedure="tro-cap-xa-hoi-hang-thang",
        ),
    ),
    case(
        "a_done_word_with_nothing_named_after_it_stays",
        Say("đăng ký tạm trú"),
        Say("nộp rồi thì bao lâu có kết quả", procedure="dang-ky-tam-tru"),
    ),
    case(
        "one_part_of_a_linked_package_asked_alone_is_that_part",
        Say(
            "liên thông khai tử, xóa thường trú và mai táng phí làm sao",
            procedure="lien-thong-khai-tu-xoa-thuong-tru-mai-tang",
        ),
        Say("nếu chỉ làm khai tử thôi thì nộp ở đâu", procedure="dang-ky-khai-tu"),
    ),
    case(
        "a_part_of_the_package_asked_without_alone_stays_in_it",
        Say("liên thông khai tử, xóa thường trú và mai táng phí làm sao"),
        Say(
            "khai tử trong bao lâu thì xong", procedure="lien-thong-khai-tu-xoa-thuong-tru-mai-tang"
        ),
    ),
    case(
        "a_step_done_then_a_question_naming_nothing_new_stays",
        Say(
            "xin giấy phép xây nhà 3 tầng ở phường",
            procedure="cap-giay-phep-xay-dung-nha-o-rieng-le",
        ),
        Say(
            "được cấp phép rồi thì trong bao lâu phải khởi công",
            procedure="cap-giay-phep-xay-dung-nha-o-rieng-le",
        ),
    ),
    case(
        "lai_hoi_goes_back_to_the_earlier_procedure_named",
        Say("đăng ký khai sinh cho con"),
        Say("còn đăng ký tạm trú cho vợ thì sao", procedure="dang-ky-tam-tru"),
        Say("lại hỏi chút về khai sinh, lệ phí bao nhiêu", procedure="dang-ky-khai-sinh"),
    ),
    case(
        "the_act_of_a_sibling_on_the_same_object_said_alone_takes_it",
        Say("đăng ký tạm trú cho người thuê trọ", procedure="dang-ky-tam-tru"),
        Say("vậy gia hạn thì lệ phí bao nhiêu", procedure="gia-han-tam-tru"),
    ),
    case(
        "a_validity_asked_without_a_siblings_act_stays",
        Say("đăng ký tạm trú cho người thuê trọ"),
        Say("hết hạn thì sao", procedure="dang-ky-tam-tru"),
    ),
    case(
        "a_short_step_done_told_in_a_related_reason_leads_to_it",
        Say("vay ngân hàng thế chấp sổ đỏ, đăng ký ở đâu"),
        Say("trả nợ xong rồi thì lấy sổ về ra sao", procedure="xoa-dang-ky-the-chap-qsdd"),
    ),
    case(
        "an_unsure_switch_takes_the_procedure_the_current_one_lists_as_related",
        Say("trợ cấp người cao tuổi 75 tuổi cần gì", procedure="tro-cap-huu-tri-xa-hoi"),
        Say(
            "nhỡ ông mất thì có hỗ trợ mai táng không",
            procedure="ho-tro-mai-tang-huu-tri-xa-hoi",
            lacks=[texts.CLARIFY],
        ),
    ),
    case(
        "an_unsure_switch_none_of_whose_readings_is_related_still_asks_which",
        Say("đăng ký tạm trú cho sinh viên thuê trọ"),
        Say(
            "nhỡ ông mất thì có hỗ trợ mai táng không",
            procedure="dang-ky-tam-tru",
            holds=[texts.CLARIFY],
        ),
    ),
    case(
        "what_is_asked_past_the_then_of_a_long_step_done_is_the_next_procedure",
        Say("muốn tách thửa đất chia cho các con", procedure="tach-thua-hop-thua"),
        Say(
            "xong tách rồi bán một phần cho hàng xóm thì chứng thực hợp đồng ở đâu",
            procedure="chung-thuc-hop-dong-giao-dich",
        ),
    ),
    case(
        "a_part_past_the_then_that_names_no_other_procedure_stays",
        Say("muốn tách thửa đất chia cho các con"),
        Say(
            "xong tách rồi đứng tên con thì làm ở đâu",
            procedure="tach-thua-hop-thua",
            holds=["Nơi nộp"],
        ),
    ),
    case(
        "an_unsure_switch_keeps_the_age_bound_of_the_current_procedure",
        Say("bé 2 tháng chưa có thẻ bhyt làm thế nào", procedure="cap-the-bhyt-tre-em-duoi-6-tuoi"),
        Say("con bé cũng cần làm căn cước thì sao", procedure="cap-the-can-cuoc-duoi-14-tuoi"),
    ),
    case(
        "a_grown_up_said_does_not_keep_the_age_bound_of_the_current_procedure",
        Say("bé 2 tháng chưa có thẻ bhyt làm thế nào"),
        Say("còn mẹ nó làm căn cước thì sao", not_procedure="cap-the-can-cuoc-duoi-14-tuoi"),
    ),
    case(
        "a_switch_asking_its_own_part_after_then_answers_that_part_not_the_last_one",
        Say("đổi bằng lái xe mất bao lâu", procedure="doi-giay-phep-lai-xe"),
        Say(
            "thế còn đổi sổ đỏ cũ sang mẫu mới thì nộp ở đâu",
            procedure="cap-doi-gcn",
            starts="📍 Nơi nộp",
        ),
    ),
    case(
        "a_switch_typed_bare_asking_its_own_part_answers_that_part",
        Say("dang ky tam tru o dau", procedure="dang-ky-tam-tru"),
        Say(
            "the con dang ky thuong tru thi can giay to gi",
            procedure="dang-ky-thuong-tru",
            starts="📄 Giấy tờ",
        ),
    ),
    case(
        "a_switch_asking_nothing_of_its_own_keeps_the_part_shown_last",
        Say("làm hộ chiếu hết bao nhiêu tiền", procedure="cap-ho-chieu-pho-thong"),
        Say(
            "thế còn đổi bằng lái xe thì sao", procedure="doi-giay-phep-lai-xe", starts="💰 Lệ phí"
        ),
    ),
]


@pytest.mark.parametrize("dialogue", TURNS)
def test_turn(ctx: Context, dialogue: Dialogue) -> None:
    dialogue.play(ctx)


def test_whether_another_must_follow_a_step_done_is_no_next_step() -> None:
    assert next_part("khai tử xong rồi có cần đi cắt khẩu cho ông nữa không") is None
    assert next_part("lên thổ cư xong xây nhà có cần giấy phép không") == (
        "xây nhà có cần giấy phép không"
    )


def test_then_part_is_what_follows_the_last_then() -> None:
    assert then_part("tách rồi cho con thì làm hợp đồng ở đâu") == "làm hợp đồng ở đâu"
    assert then_part("tách rồi cho con") is None
