"""Mid-dialogue moves through the real core: another procedure named in the citizen's own words,
a sibling named by what it does, a correction the current procedure still fits, and a paper
pointed at with nothing before it."""

from __future__ import annotations

import pytest

from handlers import Context, State, Turn, texts
from tests.handlers.talk import Dialogue, Say, case, play, say

CONTRACT_THEN_TRANSFER = (
    Say(
        "mua đất giấy tay, muốn ra xã chứng thực hợp đồng chuyển nhượng",
        procedure="chung-thuc-hop-dong-giao-dich",
    ),
    Say(
        "xong rồi sang tên sổ đỏ thì làm ở đâu",
        procedure="dang-ky-bien-dong-chuyen-nhuong-thua-ke-tang-cho",
    ),
)

MOVES = [
    case(
        "another_procedure_named_by_its_whole_title_is_taken",
        Say(
            "tôi ly hôn ở Mỹ rồi, giờ về Việt Nam muốn ghi vào sổ hộ tịch",
            procedure="ghi-chu-ly-hon-o-nuoc-ngoai",
        ),
        Say("ghi chu xong thi dang ky ket hon nop o dau", procedure="dang-ky-ket-hon"),
    ),
    case(
        "words_of_both_names_read_as_the_other_by_the_matcher_are_taken",
        Say(
            "nhà tôi sống trên ghe, muốn xác nhận nơi đậu đỗ phương tiện để ở",
            procedure="xac-nhan-noi-dau-do-phuong-tien-de-o",
        ),
        Say("con dang ky thuong tru thi mat bao lau", procedure="dang-ky-thuong-tru"),
    ),
    case(
        "a_detail_that_mentions_another_procedure_stays",
        Say("đăng ký khai sinh cho con", procedure="dang-ky-khai-sinh"),
        Say("có cần giấy đăng ký kết hôn không", procedure="dang-ky-khai-sinh"),
    ),
    case(
        "a_sibling_named_by_what_it_does_is_taken",
        Say(
            "tôi thế chấp sổ đỏ vay ngân hàng, đăng ký thế chấp làm ở đâu",
            procedure="dang-ky-the-chap-qsdd",
        ),
        Say("trả hết nợ rồi thì xóa thế chấp sao", procedure="xoa-dang-ky-the-chap-qsdd"),
    ),
    case(
        "a_sibling_renewing_the_same_paper_is_taken",
        Say(
            "đã có giấy phép xây dựng, giờ muốn điều chỉnh thiết kế",
            procedure="dieu-chinh-giay-phep-xay-dung",
        ),
        Say(
            "giấy phép kia hết hạn rồi thì gia hạn được không",
            procedure="gia-han-cap-lai-giay-phep-xay-dung",
        ),
    ),
    case(
        "asking_what_happens_when_it_expires_names_no_sibling",
        Say("đăng ký tạm trú"),
        Say("hết hạn thì sao", procedure="dang-ky-tam-tru"),
    ),
    case(
        "a_correction_the_current_procedure_still_fits_stays",
        Say(
            "con tôi làm mất giấy xác nhận khuyết tật rồi, xin cấp lại ở đâu",
            procedure="doi-cap-lai-giay-xac-nhan-khuyet-tat",
        ),
        Say(
            "à không, giấy vẫn còn nhưng ghi sai ngày sinh của cháu",
            procedure="doi-cap-lai-giay-xac-nhan-khuyet-tat",
            lacks=[texts.REJECTED],
        ),
    ),
    case(
        "a_correction_naming_a_sibling_by_its_own_words_takes_it",
        Say(
            "tôi muốn xin giấy phép sửa chữa cải tạo nhà",
            procedure="cap-giay-phep-sua-chua-cai-tao-cong-trinh",
        ),
        Say(
            "à không, tính lại rồi, phá đi xây mới hoàn toàn",
            procedure="cap-giay-phep-xay-dung-nha-o-rieng-le",
        ),
    ),
    case(
        "the_paper_named_wins_over_a_better_fit_for_the_child",
        Say("vay lam ho chieu cho con 5 tuoi thi ai dan di", procedure="cap-ho-chieu-pho-thong"),
    ),
    case(
        "the_id_card_named_for_a_child_stays_the_id_card",
        Say("làm căn cước cho con 4 tuổi thì ai đi làm", procedure="cap-the-can-cuoc-duoi-14-tuoi"),
    ),
    case(
        "stopping_for_a_while_after_closing_is_the_pause",
        Say("chấm dứt hộ kinh doanh", procedure="cham-dut-hoat-dong-ho-kinh-doanh"),
        Say(
            "thôi nghĩ lại chắc chỉ nghỉ tạm vài tháng thôi",
            procedure="tam-ngung-kinh-doanh-ho-kinh-doanh",
        ),
    ),
    case(
        "tien_the_is_no_card_named",
        Say("làm căn cước"),
        Say("à tiện thể làm hộ chiếu luôn được không", procedure="cap-ho-chieu-pho-thong"),
    ),
    case(
        "a_paper_named_as_needed_keeps_the_current_procedure",
        Say("đăng ký khai sinh"),
        Say("có cần giấy đăng ký kết hôn không", procedure="dang-ky-khai-sinh"),
    ),
    case(
        "another_paper_named_for_itself_is_taken",
        Say("đăng ký tạm trú"),
        Say("thế làm thường trú luôn thì cần gì", procedure="dang-ky-thuong-tru"),
    ),
    case(
        "another_paper_asked_whether_needed_stays",
        Say("đăng ký tạm trú"),
        Say("chủ nhà có cần đăng ký thường trú không", procedure="dang-ky-tam-tru"),
    ),
    case(
        "asking_about_the_current_one_again_is_no_going_back",
        Say("đăng ký khai sinh"),
        Say("làm căn cước"),
        Say("cho em hỏi căn cước làm mất bao lâu", procedure="cap-the-can-cuoc-tu-du-14-tuoi"),
    ),
    case(
        "a_slip_said_with_e_corrects",
        Say("xin giay phep xay dung nha o"),
        Say(
            "a nham, e chi sua lai mai nha thoi",
            procedure="cap-giay-phep-sua-chua-cai-tao-cong-trinh",
        ),
    ),
    case(
        "another_persons_lost_card_is_the_groups_reissue",
        Say("mua bảo hiểm y tế hộ gia đình đóng ở đâu", procedure="gia-han-bhyt-ho-gia-dinh"),
        Say("mà thẻ của ông bị mất thì sao", procedure="cap-lai-doi-the-bhyt"),
    ),
    case(
        "a_lost_card_typed_without_accents_is_the_groups_reissue",
        Say("lam can cuoc cho con 15 tuoi o dau"),
        Say("con the cua ong noi bi mat thi sao", procedure="cap-lai-the-can-cuoc"),
    ),
    case(
        "a_lost_appointment_slip_is_no_lost_card",
        Say("lam can cuoc cho con 15 tuoi o dau"),
        Say("neu bi mat giay hen thi sao", not_procedure="cap-lai-the-can-cuoc"),
    ),
    case(
        "another_lost_card_while_reissuing_stays_not_a_death",
        Say("mất thẻ bhyt thì làm sao", procedure="cap-lai-doi-the-bhyt"),
        Say("thẻ của mẹ tôi cũng bị mất thì sao", procedure="cap-lai-doi-the-bhyt"),
    ),
    case(
        "a_switch_said_as_a_condition_takes_the_sibling_it_leads_to",
        Say(
            "quán ăn nhà tôi muốn nghỉ 3 tháng sửa nhà, có phải báo ai không",
            procedure="tam-ngung-kinh-doanh-ho-kinh-doanh",
        ),
        Say("còn nếu nghỉ hẳn luôn thì sao", procedure="cham-dut-hoat-dong-ho-kinh-doanh"),
    ),
    case(
        "a_condition_about_the_current_procedure_stays",
        Say("quán ăn nhà tôi muốn nghỉ 3 tháng sửa nhà, có phải báo ai không"),
        Say("còn nếu nộp online thì sao", procedure="tam-ngung-kinh-doanh-ho-kinh-doanh"),
    ),
    case(
        "a_childs_age_within_a_siblings_bound_takes_it",
        Say("mua bhyt ho gia dinh o dau vay", procedure="gia-han-bhyt-ho-gia-dinh"),
        Say(
            "thẻ của bé 3 tuổi nhà tôi thì có phải mua không",
            procedure="cap-the-bhyt-tre-em-duoi-6-tuoi",
        ),
    ),
    case(
        "an_age_under_the_current_bound_takes_the_sibling_for_it",
        Say("lam can cuoc cho con 15 tuoi o dau", procedure="cap-the-can-cuoc-tu-du-14-tuoi"),
        Say("con dua nho 10 tuoi thi sao", procedure="cap-the-can-cuoc-duoi-14-tuoi"),
    ),
    case(
        "an_age_within_the_current_bound_stays",
        Say("lam can cuoc cho con 15 tuoi o dau"),
        Say("chau 16 tuoi co tu di lam dc ko", procedure="cap-the-can-cuoc-tu-du-14-tuoi"),
    ),
    case(
        "a_new_need_said_of_now_is_taken",
        Say("dang ky tam tru"),
        Say("da lam tam tru nhung gio muon nhap khau luon thi sao", procedure="dang-ky-thuong-tru"),
    ),
    case(
        "registering_again_after_a_removal_is_the_registration",
        Say(
            "tôi trả phòng trọ chuyển đi chỗ khác rồi, có phải xóa tạm trú không",
            procedure="xoa-dang-ky-tam-tru",
        ),
        Say("chỗ mới thì đăng ký lại à", procedure="dang-ky-tam-tru"),
    ),
    case(
        "who_removes_it_is_no_registering_again",
        Say("tôi trả phòng trọ chuyển đi chỗ khác rồi, có phải xóa tạm trú không"),
        Say("ai phải làm, tôi hay chủ trọ", procedure="xoa-dang-ky-tam-tru"),
    ),
    case(
        "a_case_to_come_names_the_sibling_it_leads_to",
        Say(
            "tôi muốn tạm ngừng kinh doanh hộ kinh doanh",
            procedure="tam-ngung-kinh-doanh-ho-kinh-doanh",
        ),
        Say("mai mốt nghỉ hẳn luôn thì làm sao", procedure="cham-dut-hoat-dong-ho-kinh-doanh"),
    ),
    case(
        "a_case_to_come_asking_a_part_stays",
        Say("tôi muốn tạm ngừng kinh doanh hộ kinh doanh"),
        Say("sau này muốn mở lại thì nộp ở đâu", procedure="tam-ngung-kinh-doanh-ho-kinh-doanh"),
    ),
    case(
        "one_of_several_read_with_the_current_object_is_its_sibling",
        Say(
            "ông tôi 80 tuổi không có lương hưu, xin trợ cấp hưu trí xã hội",
            procedure="tro-cap-huu-tri-xa-hoi",
        ),
        Say(
            "nếu sau này ông mất thì có tiền mai táng không",
            procedure="ho-tro-mai-tang-huu-tri-xa-hoi",
        ),
    ),
    case(
        "a_weak_reading_of_several_is_no_sibling",
        Say(
            "giấy kết hôn bị mất, sổ ở xã cũng không còn, đăng ký lại kết hôn",
            procedure="dang-ky-lai-ket-hon",
        ),
        Say("chồng tôi đang làm ở Hàn, mình tôi đi được không", procedure="dang-ky-lai-ket-hon"),
    ),
    case(
        "a_correction_that_changes_the_case_inside_the_procedure_stays",
        Say("tôi cần xin thêm bản sao giấy khai sinh", procedure="cap-ban-sao-trich-luc-ho-tich"),
        Say(
            "à nhầm, tôi cần bản sao trích lục khai tử của ông chứ không phải khai sinh",
            procedure="cap-ban-sao-trich-luc-ho-tich",
        ),
    ),
    case(
        "how_a_paper_of_the_case_is_attested_stays",
        Say("tôi thuê nhà muốn đăng ký thường trú", procedure="dang-ky-thuong-tru"),
        Say("hop dong thue co can chung thuc ko", procedure="dang-ky-thuong-tru"),
    ),
    case(
        "asking_where_to_attest_a_contract_is_the_attesting",
        Say("tôi thuê nhà muốn đăng ký thường trú"),
        Say(
            "còn chứng thực hợp đồng mua bán nhà thì làm ở đâu",
            procedure="chung-thuc-hop-dong-giao-dich",
        ),
    ),
    case(
        "a_paper_the_case_lacks_asked_where_to_get_is_its_procedure",
        Say(
            "bà tôi khuyết tật nặng, xin trợ cấp xã hội hằng tháng",
            procedure="tro-cap-xa-hoi-hang-thang",
        ),
        Say(
            "ma chua co giay xac nhan khuyet tat thi xin o dau",
            procedure="xac-dinh-muc-do-khuyet-tat",
        ),
    ),
    case(
        "a_paper_the_case_lacks_asked_whether_it_bars_stays",
        Say("bà tôi khuyết tật nặng, xin trợ cấp xã hội hằng tháng"),
        Say(
            "chua co giay xac nhan khuyet tat thi co duoc nhan khong",
            procedure="tro-cap-xa-hoi-hang-thang",
        ),
    ),
    case(
        "con_naming_an_earlier_procedure_goes_back_to_it",
        *CONTRACT_THEN_TRANSFER,
        Say(
            "còn hợp đồng thì bên mua có cần đến không",
            procedure="chung-thuc-hop-dong-giao-dich",
        ),
    ),
    case(
        "con_naming_no_earlier_procedure_stays",
        *CONTRACT_THEN_TRANSFER,
        Say(
            "con toi o xa thi nop ho duoc khong",
            procedure="dang-ky-bien-dong-chuyen-nhuong-thua-ke-tang-cho",
        ),
    ),
    case(
        "a_paper_lost_with_the_first_step_asked_is_the_report_of_the_loss",
        Say("cho hỏi làm hộ chiếu phổ thông lần đầu", procedure="cap-ho-chieu-pho-thong"),
        Say(
            "vợ tôi mất hộ chiếu hôm qua, giờ việc đầu tiên cần làm là gì",
            procedure="trinh-bao-mat-ho-chieu",
        ),
    ),
    case(
        "a_passport_lost_with_a_new_one_asked_stays",
        Say("cho hỏi làm hộ chiếu phổ thông lần đầu", procedure="cap-ho-chieu-pho-thong"),
        Say(
            "mất hộ chiếu thì làm cuốn mới hết bao nhiêu tiền",
            procedure="cap-ho-chieu-pho-thong",
        ),
    ),
    case(
        "a_first_step_asked_with_no_paper_lost_stays",
        Say("cho hỏi làm hộ chiếu phổ thông lần đầu", procedure="cap-ho-chieu-pho-thong"),
        Say("bước đầu tiên cần làm là gì", procedure="cap-ho-chieu-pho-thong"),
    ),
    case(
        "a_case_told_with_what_to_do_asked_is_the_variant_for_it",
        Say("mình thuê nhà ở phường, muốn đăng ký tạm trú", procedure="dang-ky-tam-tru"),
        Say(
            "giấy tạm trú của mình sắp hết hạn, vẫn thuê tiếp thì phải làm gì",
            procedure="gia-han-tam-tru",
        ),
    ),
    case(
        "a_case_told_without_what_to_do_asked_stays",
        Say("mình thuê nhà ở phường, muốn đăng ký tạm trú", procedure="dang-ky-tam-tru"),
        Say("sắp hết hạn thì có được nộp online không", procedure="dang-ky-tam-tru"),
    ),
    case(
        "a_case_the_current_variant_is_for_stays",
        Say("tạm trú của em sắp hết hạn, muốn gia hạn tạm trú", procedure="gia-han-tam-tru"),
        Say("quá hạn rồi thì phải làm sao", procedure="gia-han-tam-tru"),
    ),
]


@pytest.mark.parametrize("dialogue", MOVES)
def test_move(ctx: Context, dialogue: Dialogue) -> None:
    dialogue.play(ctx)


def text_of(turn: Turn) -> str:
    return "\n".join(r.text for r in turn.replies)


def test_a_plain_verb_names_no_sibling(ctx: Context) -> None:
    _, state = say(ctx, State(), "mất căn cước thì làm lại ở đâu")
    current = state.procedure
    assert current is not None
    _, state = say(ctx, state, "nhờ người nhà làm giúp được không")
    assert state.procedure == current


def test_a_paper_pointed_at_with_nothing_before_asks_which(ctx: Context) -> None:
    turn, state = say(ctx, State(), "cho hỏi cái giấy đó làm ở đâu")
    assert text_of(turn) == texts.NO_PROCEDURE
    assert state.procedure is None


def test_a_paper_named_with_a_pointer_is_answered(ctx: Context) -> None:
    _, state = say(ctx, State(), "cái giấy khai sinh đó làm ở đâu")
    assert state.procedure is not None


@pytest.mark.parametrize("said", ["làm sổ đỏ lần đầu", "lam so do lan dau"])
def test_the_red_book_is_no_paper_pointed_at(ctx: Context, said: str) -> None:
    _, state = say(ctx, State(), said)
    assert state.procedure == "dang-ky-cap-gcn-lan-dau"


@pytest.mark.parametrize("said", ["cho em hỏi lại về khai sinh", "quay lại câu hỏi trước"])
def test_going_back_in_other_words(ctx: Context, said: str) -> None:
    _, state = say(ctx, State(), "đăng ký khai sinh", "làm căn cước")
    assert state.procedure == "cap-the-can-cuoc-tu-du-14-tuoi"
    _, state = say(ctx, state, said)
    assert state.procedure == "dang-ky-khai-sinh"


def test_staying_for_a_while_corrects_permanent_to_temporary_residence(ctx: Context) -> None:
    _, state = play(
        ctx,
        Say("dang ky thuong tru"),
        Say("a khong, e chi o tam vai thang thoi", procedure="dang-ky-tam-tru"),
    )
    assert state.place is None


def test_a_procedure_told_as_done_before_now_stays_with_the_current(ctx: Context) -> None:
    turn, _ = play(
        ctx,
        Say(
            "mất bản chính giấy khai sinh rồi, xin lại ở đâu",
            procedure="cap-ban-sao-trich-luc-ho-tich",
        ),
        Say(
            "tôi đăng ký khai sinh ở Nam Định nhưng giờ ở TP.HCM, xin ở đây được không",
            procedure="cap-ban-sao-trich-luc-ho-tich",
            holds=["Bất kỳ UBND cấp xã"],
        ),
    )
    assert not turn.unmet


def test_a_correction_saying_only_the_same_name_offers_others(ctx: Context) -> None:
    _, state = say(ctx, State(), "tôi cần xin thêm bản sao giấy khai sinh")
    _, state = say(ctx, state, "không phải, ý tôi là cấp bản sao giấy khai sinh")
    assert state.procedure is None
