"""Mid-dialogue moves through the real core: another procedure named in the citizen's own words,
a sibling named by what it does, a correction the current procedure still fits, and a paper
pointed at with nothing before it."""

from __future__ import annotations

import pytest

from handlers import Context, State, Turn, texts
from tests.handlers.talk import say


def text_of(turn: Turn) -> str:
    return "\n".join(r.text for r in turn.replies)


def test_another_procedure_named_by_its_whole_title_is_taken(ctx: Context) -> None:
    _, state = say(ctx, State(), "tôi ly hôn ở Mỹ rồi, giờ về Việt Nam muốn ghi vào sổ hộ tịch")
    assert state.procedure == "ghi-chu-ly-hon-o-nuoc-ngoai"
    _, state = say(ctx, state, "ghi chu xong thi dang ky ket hon nop o dau")
    assert state.procedure == "dang-ky-ket-hon"


def test_words_of_both_names_read_as_the_other_by_the_matcher_are_taken(ctx: Context) -> None:
    _, state = say(ctx, State(), "nhà tôi sống trên ghe, muốn xác nhận nơi đậu đỗ phương tiện để ở")
    assert state.procedure == "xac-nhan-noi-dau-do-phuong-tien-de-o"
    _, state = say(ctx, state, "con dang ky thuong tru thi mat bao lau")
    assert state.procedure == "dang-ky-thuong-tru"


def test_a_detail_that_mentions_another_procedure_stays(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký khai sinh cho con")
    assert state.procedure == "dang-ky-khai-sinh"
    _, state = say(ctx, state, "có cần giấy đăng ký kết hôn không")
    assert state.procedure == "dang-ky-khai-sinh"


def test_a_sibling_named_by_what_it_does_is_taken(ctx: Context) -> None:
    _, state = say(ctx, State(), "tôi thế chấp sổ đỏ vay ngân hàng, đăng ký thế chấp làm ở đâu")
    assert state.procedure == "dang-ky-the-chap-qsdd"
    _, state = say(ctx, state, "trả hết nợ rồi thì xóa thế chấp sao")
    assert state.procedure == "xoa-dang-ky-the-chap-qsdd"


def test_a_sibling_renewing_the_same_paper_is_taken(ctx: Context) -> None:
    _, state = say(ctx, State(), "đã có giấy phép xây dựng, giờ muốn điều chỉnh thiết kế")
    assert state.procedure == "dieu-chinh-giay-phep-xay-dung"
    _, state = say(ctx, state, "giấy phép kia hết hạn rồi thì gia hạn được không")
    assert state.procedure == "gia-han-cap-lai-giay-phep-xay-dung"


def test_asking_what_happens_when_it_expires_names_no_sibling(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký tạm trú")
    _, state = say(ctx, state, "hết hạn thì sao")
    assert state.procedure == "dang-ky-tam-tru"


def test_a_plain_verb_names_no_sibling(ctx: Context) -> None:
    _, state = say(ctx, State(), "mất căn cước thì làm lại ở đâu")
    current = state.procedure
    assert current is not None
    _, state = say(ctx, state, "nhờ người nhà làm giúp được không")
    assert state.procedure == current


def test_a_correction_the_current_procedure_still_fits_stays(ctx: Context) -> None:
    _, state = say(ctx, State(), "con tôi làm mất giấy xác nhận khuyết tật rồi, xin cấp lại ở đâu")
    assert state.procedure == "doi-cap-lai-giay-xac-nhan-khuyet-tat"
    turn, state = say(ctx, state, "à không, giấy vẫn còn nhưng ghi sai ngày sinh của cháu")
    assert state.procedure == "doi-cap-lai-giay-xac-nhan-khuyet-tat"
    assert texts.REJECTED not in text_of(turn)


def test_a_correction_naming_a_sibling_by_its_own_words_takes_it(ctx: Context) -> None:
    _, state = say(ctx, State(), "tôi muốn xin giấy phép sửa chữa cải tạo nhà")
    assert state.procedure == "cap-giay-phep-sua-chua-cai-tao-cong-trinh"
    _, state = say(ctx, state, "à không, tính lại rồi, phá đi xây mới hoàn toàn")
    assert state.procedure == "cap-giay-phep-xay-dung-nha-o-rieng-le"


def test_a_paper_pointed_at_with_nothing_before_asks_which(ctx: Context) -> None:
    turn, state = say(ctx, State(), "cho hỏi cái giấy đó làm ở đâu")
    assert text_of(turn) == texts.NO_PROCEDURE
    assert state.procedure is None


def test_a_paper_named_with_a_pointer_is_answered(ctx: Context) -> None:
    _, state = say(ctx, State(), "cái giấy khai sinh đó làm ở đâu")
    assert state.procedure is not None


def test_the_paper_named_wins_over_a_better_fit_for_the_child(ctx: Context) -> None:
    _, state = say(ctx, State(), "vay lam ho chieu cho con 5 tuoi thi ai dan di")
    assert state.procedure == "cap-ho-chieu-pho-thong"


def test_the_id_card_named_for_a_child_stays_the_id_card(ctx: Context) -> None:
    _, state = say(ctx, State(), "làm căn cước cho con 4 tuổi thì ai đi làm")
    assert state.procedure == "cap-the-can-cuoc-duoi-14-tuoi"


def test_stopping_for_a_while_after_closing_is_the_pause(ctx: Context) -> None:
    _, state = say(ctx, State(), "chấm dứt hộ kinh doanh")
    assert state.procedure == "cham-dut-hoat-dong-ho-kinh-doanh"
    _, state = say(ctx, state, "thôi nghĩ lại chắc chỉ nghỉ tạm vài tháng thôi")
    assert state.procedure == "tam-ngung-kinh-doanh-ho-kinh-doanh"


@pytest.mark.parametrize("said", ["làm sổ đỏ lần đầu", "lam so do lan dau"])
def test_the_red_book_is_no_paper_pointed_at(ctx: Context, said: str) -> None:
    _, state = say(ctx, State(), said)
    assert state.procedure == "dang-ky-cap-gcn-lan-dau"


def test_tien_the_is_no_card_named(ctx: Context) -> None:
    _, state = say(ctx, State(), "làm căn cước")
    _, state = say(ctx, state, "à tiện thể làm hộ chiếu luôn được không")
    assert state.procedure == "cap-ho-chieu-pho-thong"


def test_a_paper_named_as_needed_keeps_the_current_procedure(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký khai sinh")
    _, state = say(ctx, state, "có cần giấy đăng ký kết hôn không")
    assert state.procedure == "dang-ky-khai-sinh"


def test_another_paper_named_for_itself_is_taken(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký tạm trú")
    _, state = say(ctx, state, "thế làm thường trú luôn thì cần gì")
    assert state.procedure == "dang-ky-thuong-tru"


def test_another_paper_asked_whether_needed_stays(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký tạm trú")
    _, state = say(ctx, state, "chủ nhà có cần đăng ký thường trú không")
    assert state.procedure == "dang-ky-tam-tru"


@pytest.mark.parametrize("said", ["cho em hỏi lại về khai sinh", "quay lại câu hỏi trước"])
def test_going_back_in_other_words(ctx: Context, said: str) -> None:
    _, state = say(ctx, State(), "đăng ký khai sinh", "làm căn cước")
    assert state.procedure == "cap-the-can-cuoc-tu-du-14-tuoi"
    _, state = say(ctx, state, said)
    assert state.procedure == "dang-ky-khai-sinh"


def test_asking_about_the_current_one_again_is_no_going_back(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký khai sinh", "làm căn cước")
    _, state = say(ctx, state, "cho em hỏi căn cước làm mất bao lâu")
    assert state.procedure == "cap-the-can-cuoc-tu-du-14-tuoi"


def test_staying_for_a_while_corrects_permanent_to_temporary_residence(ctx: Context) -> None:
    _, state = say(ctx, State(), "dang ky thuong tru")
    _, state = say(ctx, state, "a khong, e chi o tam vai thang thoi")
    assert state.procedure == "dang-ky-tam-tru"
    assert state.place is None


def test_a_slip_said_with_e_corrects(ctx: Context) -> None:
    _, state = say(ctx, State(), "xin giay phep xay dung nha o")
    _, state = say(ctx, state, "a nham, e chi sua lai mai nha thoi")
    assert state.procedure == "cap-giay-phep-sua-chua-cai-tao-cong-trinh"


def test_another_persons_lost_card_is_the_groups_reissue(ctx: Context) -> None:
    _, state = say(ctx, State(), "mua bảo hiểm y tế hộ gia đình đóng ở đâu")
    assert state.procedure == "gia-han-bhyt-ho-gia-dinh"
    _, state = say(ctx, state, "mà thẻ của ông bị mất thì sao")
    assert state.procedure == "cap-lai-doi-the-bhyt"


def test_a_lost_card_typed_without_accents_is_the_groups_reissue(ctx: Context) -> None:
    _, state = say(ctx, State(), "lam can cuoc cho con 15 tuoi o dau")
    _, state = say(ctx, state, "con the cua ong noi bi mat thi sao")
    assert state.procedure == "cap-lai-the-can-cuoc"


def test_a_lost_appointment_slip_is_no_lost_card(ctx: Context) -> None:
    _, state = say(ctx, State(), "lam can cuoc cho con 15 tuoi o dau")
    _, state = say(ctx, state, "neu bi mat giay hen thi sao")
    assert state.procedure != "cap-lai-the-can-cuoc"


def test_another_lost_card_while_reissuing_stays_not_a_death(ctx: Context) -> None:
    _, state = say(ctx, State(), "mất thẻ bhyt thì làm sao")
    assert state.procedure == "cap-lai-doi-the-bhyt"
    _, state = say(ctx, state, "thẻ của mẹ tôi cũng bị mất thì sao")
    assert state.procedure == "cap-lai-doi-the-bhyt"


def test_a_switch_said_as_a_condition_takes_the_sibling_it_leads_to(ctx: Context) -> None:
    _, state = say(ctx, State(), "quán ăn nhà tôi muốn nghỉ 3 tháng sửa nhà, có phải báo ai không")
    assert state.procedure == "tam-ngung-kinh-doanh-ho-kinh-doanh"
    _, state = say(ctx, state, "còn nếu nghỉ hẳn luôn thì sao")
    assert state.procedure == "cham-dut-hoat-dong-ho-kinh-doanh"


def test_a_condition_about_the_current_procedure_stays(ctx: Context) -> None:
    _, state = say(ctx, State(), "quán ăn nhà tôi muốn nghỉ 3 tháng sửa nhà, có phải báo ai không")
    _, state = say(ctx, state, "còn nếu nộp online thì sao")
    assert state.procedure == "tam-ngung-kinh-doanh-ho-kinh-doanh"


def test_a_childs_age_within_a_siblings_bound_takes_it(ctx: Context) -> None:
    _, state = say(ctx, State(), "mua bhyt ho gia dinh o dau vay")
    assert state.procedure == "gia-han-bhyt-ho-gia-dinh"
    _, state = say(ctx, state, "thẻ của bé 3 tuổi nhà tôi thì có phải mua không")
    assert state.procedure == "cap-the-bhyt-tre-em-duoi-6-tuoi"


def test_an_age_under_the_current_bound_takes_the_sibling_for_it(ctx: Context) -> None:
    _, state = say(ctx, State(), "lam can cuoc cho con 15 tuoi o dau")
    assert state.procedure == "cap-the-can-cuoc-tu-du-14-tuoi"
    _, state = say(ctx, state, "con dua nho 10 tuoi thi sao")
    assert state.procedure == "cap-the-can-cuoc-duoi-14-tuoi"


def test_an_age_within_the_current_bound_stays(ctx: Context) -> None:
    _, state = say(ctx, State(), "lam can cuoc cho con 15 tuoi o dau")
    _, state = say(ctx, state, "chau 16 tuoi co tu di lam dc ko")
    assert state.procedure == "cap-the-can-cuoc-tu-du-14-tuoi"


def test_a_procedure_told_as_done_before_now_stays_with_the_current(ctx: Context) -> None:
    _, state = say(ctx, State(), "mất bản chính giấy khai sinh rồi, xin lại ở đâu")
    assert state.procedure == "cap-ban-sao-trich-luc-ho-tich"
    turn, state = say(
        ctx, state, "tôi đăng ký khai sinh ở Nam Định nhưng giờ ở TP.HCM, xin ở đây được không"
    )
    assert state.procedure == "cap-ban-sao-trich-luc-ho-tich"
    assert "Bất kỳ UBND cấp xã" in text_of(turn) and not turn.unmet


def test_a_new_need_said_of_now_is_taken(ctx: Context) -> None:
    _, state = say(ctx, State(), "dang ky tam tru")
    _, state = say(ctx, state, "da lam tam tru nhung gio muon nhap khau luon thi sao")
    assert state.procedure == "dang-ky-thuong-tru"


def test_registering_again_after_a_removal_is_the_registration(ctx: Context) -> None:
    _, state = say(
        ctx, State(), "tôi trả phòng trọ chuyển đi chỗ khác rồi, có phải xóa tạm trú không"
    )
    assert state.procedure == "xoa-dang-ky-tam-tru"
    _, state = say(ctx, state, "chỗ mới thì đăng ký lại à")
    assert state.procedure == "dang-ky-tam-tru"


def test_who_removes_it_is_no_registering_again(ctx: Context) -> None:
    _, state = say(
        ctx, State(), "tôi trả phòng trọ chuyển đi chỗ khác rồi, có phải xóa tạm trú không"
    )
    _, state = say(ctx, state, "ai phải làm, tôi hay chủ trọ")
    assert state.procedure == "xoa-dang-ky-tam-tru"


def test_a_case_to_come_names_the_sibling_it_leads_to(ctx: Context) -> None:
    _, state = say(ctx, State(), "tôi muốn tạm ngừng kinh doanh hộ kinh doanh")
    assert state.procedure == "tam-ngung-kinh-doanh-ho-kinh-doanh"
    _, state = say(ctx, state, "mai mốt nghỉ hẳn luôn thì làm sao")
    assert state.procedure == "cham-dut-hoat-dong-ho-kinh-doanh"


def test_a_case_to_come_asking_a_part_stays(ctx: Context) -> None:
    _, state = say(ctx, State(), "tôi muốn tạm ngừng kinh doanh hộ kinh doanh")
    _, state = say(ctx, state, "sau này muốn mở lại thì nộp ở đâu")
    assert state.procedure == "tam-ngung-kinh-doanh-ho-kinh-doanh"


def test_one_of_several_read_with_the_current_object_is_its_sibling(ctx: Context) -> None:
    _, state = say(ctx, State(), "ông tôi 80 tuổi không có lương hưu, xin trợ cấp hưu trí xã hội")
    assert state.procedure == "tro-cap-huu-tri-xa-hoi"
    _, state = say(ctx, state, "nếu sau này ông mất thì có tiền mai táng không")
    assert state.procedure == "ho-tro-mai-tang-huu-tri-xa-hoi"


def test_a_weak_reading_of_several_is_no_sibling(ctx: Context) -> None:
    _, state = say(ctx, State(), "giấy kết hôn bị mất, sổ ở xã cũng không còn, đăng ký lại kết hôn")
    assert state.procedure == "dang-ky-lai-ket-hon"
    _, state = say(ctx, state, "chồng tôi đang làm ở Hàn, mình tôi đi được không")
    assert state.procedure == "dang-ky-lai-ket-hon"


def test_a_correction_that_changes_the_case_inside_the_procedure_stays(ctx: Context) -> None:
    _, state = say(ctx, State(), "tôi cần xin thêm bản sao giấy khai sinh")
    assert state.procedure == "cap-ban-sao-trich-luc-ho-tich"
    msg = "à nhầm, tôi cần bản sao trích lục khai tử của ông chứ không phải khai sinh"
    _, state = say(ctx, state, msg)
    assert state.procedure == "cap-ban-sao-trich-luc-ho-tich"


def test_a_correction_saying_only_the_same_name_offers_others(ctx: Context) -> None:
    _, state = say(ctx, State(), "tôi cần xin thêm bản sao giấy khai sinh")
    _, state = say(ctx, state, "không phải, ý tôi là cấp bản sao giấy khai sinh")
    assert state.procedure is None


def test_how_a_paper_of_the_case_is_attested_stays(ctx: Context) -> None:
    _, state = say(ctx, State(), "tôi thuê nhà muốn đăng ký thường trú")
    assert state.procedure == "dang-ky-thuong-tru"
    _, state = say(ctx, state, "hop dong thue co can chung thuc ko")
    assert state.procedure == "dang-ky-thuong-tru"


def test_asking_where_to_attest_a_contract_is_the_attesting(ctx: Context) -> None:
    _, state = say(ctx, State(), "tôi thuê nhà muốn đăng ký thường trú")
    _, state = say(ctx, state, "còn chứng thực hợp đồng mua bán nhà thì làm ở đâu")
    assert state.procedure == "chung-thuc-hop-dong-giao-dich"


def test_a_paper_the_case_lacks_asked_where_to_get_is_its_procedure(ctx: Context) -> None:
    _, state = say(ctx, State(), "bà tôi khuyết tật nặng, xin trợ cấp xã hội hằng tháng")
    assert state.procedure == "tro-cap-xa-hoi-hang-thang"
    _, state = say(ctx, state, "ma chua co giay xac nhan khuyet tat thi xin o dau")
    assert state.procedure == "xac-dinh-muc-do-khuyet-tat"


def test_a_paper_the_case_lacks_asked_whether_it_bars_stays(ctx: Context) -> None:
    _, state = say(ctx, State(), "bà tôi khuyết tật nặng, xin trợ cấp xã hội hằng tháng")
    _, state = say(ctx, state, "chua co giay xac nhan khuyet tat thi co duoc nhan khong")
    assert state.procedure == "tro-cap-xa-hoi-hang-thang"


def _contract_then_transfer(ctx: Context) -> State:
    _, state = say(ctx, State(), "mua đất giấy tay, muốn ra xã chứng thực hợp đồng chuyển nhượng")
    assert state.procedure == "chung-thuc-hop-dong-giao-dich"
    _, state = say(ctx, state, "xong rồi sang tên sổ đỏ thì làm ở đâu")
    assert state.procedure == "dang-ky-bien-dong-chuyen-nhuong-thua-ke-tang-cho"
    return state


def test_con_naming_an_earlier_procedure_goes_back_to_it(ctx: Context) -> None:
    state = _contract_then_transfer(ctx)
    _, state = say(ctx, state, "còn hợp đồng thì bên mua có cần đến không")
    assert state.procedure == "chung-thuc-hop-dong-giao-dich"


def test_con_naming_no_earlier_procedure_stays(ctx: Context) -> None:
    state = _contract_then_transfer(ctx)
    _, state = say(ctx, state, "con toi o xa thi nop ho duoc khong")
    assert state.procedure == "dang-ky-bien-dong-chuyen-nhuong-thua-ke-tang-cho"
