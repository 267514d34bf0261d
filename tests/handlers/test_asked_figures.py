"""A follow-up that asks for a figure gets the passage stating that kind of figure: an amount
of money when the part asked names none, a number of the unit asked ("mấy tháng": months, not
days), and everyday ways of asking a part ("có tốn đồng nào không", "thẻ xài tới khi nào")."""

from __future__ import annotations

from handlers import Context, State
from knowledge.answers import default_words
from tests.handlers.talk import reply_in as ask
from tests.handlers.talk import say

MONTHLY_ALLOWANCE = "tro-cap-xa-hoi-hang-thang"
UNEMPLOYMENT = "huong-tro-cap-that-nghiep"
MATERNITY = "huong-che-do-thai-san"
ONE_OFF_INSURANCE = "huong-bao-hiem-xa-hoi-mot-lan"
CHILD_CARD = "cap-the-bhyt-tre-em-duoi-6-tuoi"
BIRTH = "dang-ky-khai-sinh"
TEMPORARY = "dang-ky-tam-tru"
VEHICLE_TRANSFER = "dang-ky-sang-ten-xe"
SIGNATURE = "chung-thuc-chu-ky"
GRAVE_VISIT = "tham-vieng-mo-liet-si"


# --- an amount asked where the part asked states none ----------------------------------------


def test_an_amount_asked_of_a_result_without_one_is_the_passage_stating_it(ctx: Context) -> None:
    # the result names the decision and the way of payment; a question-and-answer the amount
    reply = ask(ctx, MONTHLY_ALLOWANCE, "mỗi tháng nhận được mấy tiền")
    assert "500.000" in reply


def test_an_amount_typed_short_is_read_spelt_out(ctx: Context) -> None:
    assert "500.000" in ask(ctx, MONTHLY_ALLOWANCE, "moi thang dc bao nhieu")


def test_a_result_stating_the_amount_answers_itself(ctx: Context) -> None:
    reply = ask(ctx, UNEMPLOYMENT, "mỗi tháng được bao nhiêu")
    assert reply.startswith("📦") and "60%" in reply


def test_a_result_asked_without_an_amount_stays_the_result(ctx: Context) -> None:
    reply = ask(ctx, MONTHLY_ALLOWANCE, "kết quả nhận được là gì")
    assert reply.startswith("📦") and "Quyết định" in reply


def test_getting_much_asks_the_amount(ctx: Context) -> None:
    assert "1,5 tháng" in ask(ctx, ONE_OFF_INSURANCE, "duoc lanh nhieu ko")


# --- a length in the unit asked --------------------------------------------------------------


def test_months_asked_are_answered_in_months(ctx: Context) -> None:
    reply = ask(ctx, MATERNITY, "vợ được nghỉ mấy tháng")
    assert "6 tháng" in reply.split("\n")[2]  # the first passage quoted


def test_days_off_are_not_the_time_the_office_takes(ctx: Context) -> None:
    reply = ask(ctx, MATERNITY, "chong thi duoc nghi may ngay")
    assert "5 đến 14 ngày" in reply
    assert not reply.startswith("⏱")


def test_how_long_after_filing_the_money_comes_is_the_time_not_the_fee(ctx: Context) -> None:
    reply = ask(ctx, ONE_OFF_INSURANCE, "nop xong bao lau co tien")
    assert reply.startswith("⏱") and "07 ngày" in reply


def test_from_which_month_the_allowance_counts_is_the_time(ctx: Context) -> None:
    reply = ask(ctx, MONTHLY_ALLOWANCE, "tien tinh tu thang nao")
    assert "ký quyết định" in reply
    assert not reply.startswith("💰")


# --- everyday ways of asking a part ----------------------------------------------------------


def test_not_a_single_dong_asks_the_fees(ctx: Context) -> None:
    assert "miễn phí" in ask(ctx, BIRTH, "có tốn đồng nào không").lower()


def test_how_much_to_pay_asks_the_fees(ctx: Context) -> None:
    assert "15.000" in ask(ctx, TEMPORARY, "phai dong bao nhieu")


def test_which_sums_asks_the_fees(ctx: Context) -> None:
    assert "trước bạ" in ask(ctx, VEHICLE_TRANSFER, "tốn những khoản gì")


def test_how_much_each_time_stays_with_the_procedure(ctx: Context) -> None:
    # "1 lần" names "Hưởng BHXH một lần" too: here it is the price of one signature
    assert "10.000" in ask(ctx, SIGNATURE, "bao nhieu 1 lan")


def test_what_support_is_given_is_the_result(ctx: Context) -> None:
    assert "đi lại" in ask(ctx, GRAVE_VISIT, "được hỗ trợ những khoản gì")


def test_xai_is_using_a_card(ctx: Context) -> None:
    assert "72 tháng" in ask(ctx, CHILD_CARD, "the xai toi khi nao")


def test_carrying_the_baby_asks_who_must_come(ctx: Context) -> None:
    assert "Không cần đưa trẻ" in ask(ctx, CHILD_CARD, "phai bong be theo ko")


# --- no part asked -----------------------------------------------------------------------------


def test_an_age_asked_with_no_part_is_the_passage_stating_an_age(ctx: Context) -> None:
    reply = ask(ctx, "dang-ky-ket-hon", "con gai bao nhieu tuoi thi duoc cuoi")
    assert "đủ 18 tuổi" in reply


def test_a_part_said_only_by_the_procedures_name_is_not_asked(ctx: Context) -> None:
    # "bản sao" names "Bản sao trích lục, giấy khai sinh": the card, not its papers
    turn, state = say(ctx, State(), "xin ban sao giay khai sinh")
    assert state.procedure == "cap-ban-sao-trich-luc-ho-tich"
    assert turn.replies[-1].text.startswith("📋")


# --- who files, where else, and a sale that is no proxy ---------------------------------------


def test_who_may_file_asks_who_applies(ctx: Context) -> None:
    reply = ask(ctx, "cap-nhat-hieu-dinh-thong-tin-ho-kinh-doanh", "ai nop duoc")
    assert reply.startswith("👤") and "Chủ hộ kinh doanh" in reply


def test_another_province_asks_the_place(ctx: Context) -> None:
    reply = ask(ctx, "cap-doi-the-can-cuoc", "lam o cong an tinh khac duoc ko")
    assert reply.startswith("📍") and "không phụ thuộc nơi cư trú" in reply


def test_selling_to_someone_else_is_not_having_them_file(ctx: Context) -> None:
    reply = ask(ctx, "thay-doi-noi-dung-ho-kinh-doanh", "e ban lai quan cho nguoi khac thi sao")
    assert not reply.startswith("🤝")


def test_having_someone_else_file_is_still_a_proxy(ctx: Context) -> None:
    reply = ask(ctx, "thay-doi-noi-dung-ho-kinh-doanh", "nho nguoi khac nop duoc khong")
    assert reply.startswith("🤝")


def test_being_cut_off_is_losing_the_allowance(ctx: Context) -> None:
    # "Chuyển nhà sang xã khác có mất trợ cấp không?", said "bị cắt"
    assert "Không mất" in ask(ctx, MONTHLY_ALLOWANCE, "chuyen nha qua xa khac co bi cat khong")


def test_filing_at_the_commune_near_home_asks_the_place(ctx: Context) -> None:
    reply = ask(ctx, "dang-ky-lai-khai-tu", "tôi giờ sống ở tỉnh khác, nộp ở xã gần nhà được không")
    assert reply.startswith("📍") and "gần nhất" in reply


def test_one_place_or_another_asks_the_place() -> None:

    found = default_words().asked("làm ở xã nhà ngoại hay ở phường nơi đang ở")
    assert [f.section for f in found] == ["place"]


def test_which_child_says_who_and_the_age_says_what(ctx: Context) -> None:
    # "thằng lớn" names no thing asked: the rule for a child of that age answers
    reply = ask(ctx, "cap-the-can-cuoc-duoi-14-tuoi", "con thang lon 9 tuoi thi sao")
    assert "Từ đủ 6 tuổi" in reply


def test_which_child_is_no_word_of_the_question() -> None:
    assert default_words().content("con thằng lớn 9 tuổi thì sao") == ["9", "tuoi"]


# --- regional ways of asking a part ---------------------------------------------------------


def test_central_mo_asks_where(ctx: Context) -> None:
    assert ask(ctx, BIRTH, "nộp ở mô").startswith("📍")


def test_southern_mac_asks_the_fees(ctx: Context) -> None:
    assert ask(ctx, TEMPORARY, "có mắc không").startswith("💰")


def test_southern_bua_is_a_day(ctx: Context) -> None:
    assert ask(ctx, TEMPORARY, "mấy bữa thì có").startswith("⏱")


def test_what_to_bring_asks_the_papers(ctx: Context) -> None:
    assert ask(ctx, TEMPORARY, "cần đem gì").startswith("📄")


def test_being_caught_by_an_illness_is_no_fee() -> None:
    assert "fees" not in [f.section for f in default_words().asked("có mắc bệnh gì không")]


def test_the_price_of_one_time_stays_with_the_procedure(ctx: Context) -> None:
    # "1 lần" after the fee words is the price of one request, not "Hưởng BHXH một lần"
    assert ask(ctx, "cap-lai-the-can-cuoc", "mất bao nhiêu tiền 1 lần").startswith("💰")


def test_the_old_are_the_guidances_elderly(ctx: Context) -> None:
    assert "người cao tuổi" in ask(ctx, "cap-lai-the-can-cuoc", "người già có được miễn không")


# --- more everyday ways of asking a part -----------------------------------------------------


def test_not_having_to_go_up_asks_who_must_come(ctx: Context) -> None:
    assert ask(ctx, TEMPORARY, "khỏi lên phường được không").startswith("🧍")


def test_sending_a_relative_asks_the_proxy(ctx: Context) -> None:
    assert ask(ctx, TEMPORARY, "kêu em gái đi nộp được ko").startswith("🤝")


def test_for_a_purpose_is_no_proxy() -> None:
    asked = [f.section for f in default_words().asked("để con làm căn cước thì sao")]
    assert "proxy" not in asked


def test_taking_the_child_along_asks_who_must_come(ctx: Context) -> None:
    assert ask(ctx, "cap-the-can-cuoc-duoi-14-tuoi", "có cần dẫn theo bé không").startswith("🧍")


def test_asking_for_the_form_asks_the_forms() -> None:
    assert [f.section for f in default_words().asked("xin mẫu ở đâu")] == ["forms"]


def test_what_is_issued_asks_the_result(ctx: Context) -> None:
    assert ask(ctx, BIRTH, "làm xong được cấp cái gì").startswith("📦")


def test_lunchtime_and_after_hours_ask_the_place() -> None:
    for text in ("trưa có nhận hồ sơ không", "làm ngoài giờ được không"):
        assert default_words().asked(text)[0].section == "place"


def test_a_paper_left_unused_asks_how_long_it_holds(ctx: Context) -> None:
    reply = ask(ctx, "cap-giay-phep-xay-dung-nha-o-rieng-le", "bỏ mấy tháng không xây thì sao")
    assert reply.startswith("⏳") and "12 tháng" in reply


def test_putting_off_the_procedure_itself_is_lateness(ctx: Context) -> None:
    assert ask(ctx, BIRTH, "để lâu chưa làm có sao không").startswith("⌛")
