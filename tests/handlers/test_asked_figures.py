"""A follow-up that asks for a figure gets the passage stating that kind of figure: an amount
of money when the part asked names none, a number of the unit asked ("mấy tháng": months, not
days), and everyday ways of asking a part ("có tốn đồng nào không", "thẻ xài tới khi nào")."""

from __future__ import annotations

import pytest

from handlers import Context
from knowledge.answers import default_words
from tests.handlers.talk import Dialogue, Say, asked_in, case
from tests.handlers.talk import reply_in as ask

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
MARRIAGE = "dang-ky-ket-hon"
BIRTH_COPY = "cap-ban-sao-trich-luc-ho-tich"
HOUSEHOLD_UPDATE = "cap-nhat-hieu-dinh-thong-tin-ho-kinh-doanh"
HOUSEHOLD_CHANGE = "thay-doi-noi-dung-ho-kinh-doanh"
CARD_CHANGE = "cap-doi-the-can-cuoc"
CARD_REISSUE = "cap-lai-the-can-cuoc"
DEATH_AGAIN = "dang-ky-lai-khai-tu"
CHILD_ID_CARD = "cap-the-can-cuoc-duoi-14-tuoi"
BUILDING = "cap-giay-phep-xay-dung-nha-o-rieng-le"

ANSWERS = [
    # --- an amount asked where the part asked states none
    # the result names the decision and the way of payment; a question-and-answer the amount
    asked_in(
        "an_amount_asked_of_a_result_without_one_is_the_passage_stating_it",
        MONTHLY_ALLOWANCE,
        "mỗi tháng nhận được mấy tiền",
        holds=["500.000"],
    ),
    asked_in(
        "an_amount_typed_short_is_read_spelt_out",
        MONTHLY_ALLOWANCE,
        "moi thang dc bao nhieu",
        holds=["500.000"],
    ),
    asked_in(
        "a_result_stating_the_amount_answers_itself",
        UNEMPLOYMENT,
        "mỗi tháng được bao nhiêu",
        starts="📦",
        holds=["60%"],
    ),
    asked_in(
        "a_result_asked_without_an_amount_stays_the_result",
        MONTHLY_ALLOWANCE,
        "kết quả nhận được là gì",
        starts="📦",
        holds=["Quyết định"],
    ),
    asked_in(
        "getting_much_asks_the_amount", ONE_OFF_INSURANCE, "duoc lanh nhieu ko", holds=["1,5 tháng"]
    ),
    # --- a length in the unit asked
    asked_in(
        "days_off_are_not_the_time_the_office_takes",
        MATERNITY,
        "chong thi duoc nghi may ngay",
        not_starts="⏱",
        holds=["5 đến 14 ngày"],
    ),
    asked_in(
        "how_long_after_filing_the_money_comes_is_the_time_not_the_fee",
        ONE_OFF_INSURANCE,
        "nop xong bao lau co tien",
        starts="⏱",
        holds=["07 ngày"],
    ),
    asked_in(
        "from_which_month_the_allowance_counts_is_the_time",
        MONTHLY_ALLOWANCE,
        "tien tinh tu thang nao",
        not_starts="💰",
        holds=["ký quyết định"],
    ),
    # --- everyday ways of asking a part
    asked_in("how_much_to_pay_asks_the_fees", TEMPORARY, "phai dong bao nhieu", holds=["15.000"]),
    asked_in(
        "which_sums_asks_the_fees", VEHICLE_TRANSFER, "tốn những khoản gì", holds=["trước bạ"]
    ),
    # "1 lần" names "Hưởng BHXH một lần" too: here it is the price of one signature
    asked_in(
        "how_much_each_time_stays_with_the_procedure",
        SIGNATURE,
        "bao nhieu 1 lan",
        holds=["10.000"],
    ),
    asked_in(
        "what_support_is_given_is_the_result",
        GRAVE_VISIT,
        "được hỗ trợ những khoản gì",
        holds=["đi lại"],
    ),
    asked_in("xai_is_using_a_card", CHILD_CARD, "the xai toi khi nao", holds=["72 tháng"]),
    asked_in(
        "carrying_the_baby_asks_who_must_come",
        CHILD_CARD,
        "phai bong be theo ko",
        holds=["Không cần đưa trẻ"],
    ),
    # --- no part asked
    asked_in(
        "an_age_asked_with_no_part_is_the_passage_stating_an_age",
        MARRIAGE,
        "con gai bao nhieu tuoi thi duoc cuoi",
        holds=["đủ 18 tuổi"],
    ),
    # "bản sao" names "Bản sao trích lục, giấy khai sinh": the card, not its papers
    case(
        "a_part_said_only_by_the_procedures_name_is_not_asked",
        Say("xin ban sao giay khai sinh", procedure=BIRTH_COPY, starts="📋", reply=-1),
    ),
    # --- who files, where else, and a sale that is no proxy
    asked_in(
        "who_may_file_asks_who_applies",
        HOUSEHOLD_UPDATE,
        "ai nop duoc",
        starts="👤",
        holds=["Chủ hộ kinh doanh"],
    ),
    asked_in(
        "another_province_asks_the_place",
        CARD_CHANGE,
        "lam o cong an tinh khac duoc ko",
        starts="📍",
        holds=["không phụ thuộc nơi cư trú"],
    ),
    asked_in(
        "selling_to_someone_else_is_not_having_them_file",
        HOUSEHOLD_CHANGE,
        "e ban lai quan cho nguoi khac thi sao",
        not_starts="🤝",
    ),
    asked_in(
        "having_someone_else_file_is_still_a_proxy",
        HOUSEHOLD_CHANGE,
        "nho nguoi khac nop duoc khong",
        starts="🤝",
    ),
    # "Chuyển nhà sang xã khác có mất trợ cấp không?", said "bị cắt"
    asked_in(
        "being_cut_off_is_losing_the_allowance",
        MONTHLY_ALLOWANCE,
        "chuyen nha qua xa khac co bi cat khong",
        holds=["Không mất"],
    ),
    asked_in(
        "filing_at_the_commune_near_home_asks_the_place",
        DEATH_AGAIN,
        "tôi giờ sống ở tỉnh khác, nộp ở xã gần nhà được không",
        starts="📍",
        holds=["gần nhất"],
    ),
    asked_in(
        "another_commune_said_as_a_move_is_not_the_place",
        MONTHLY_ALLOWANCE,
        "chuyen nha qua xa khac co bi cat khong",
        not_starts="📍",
    ),
    # "thằng lớn" names no thing asked: the rule for a child of that age answers
    asked_in(
        "which_child_says_who_and_the_age_says_what",
        CHILD_ID_CARD,
        "con thang lon 9 tuoi thi sao",
        holds=["Từ đủ 6 tuổi"],
    ),
    # --- regional ways of asking a part
    asked_in("central_mo_asks_where", BIRTH, "nộp ở mô", starts="📍"),
    asked_in("southern_mac_asks_the_fees", TEMPORARY, "có mắc không", starts="💰"),
    asked_in("southern_bua_is_a_day", TEMPORARY, "mấy bữa thì có", starts="⏱"),
    asked_in("what_to_bring_asks_the_papers", TEMPORARY, "cần đem gì", starts="📄"),
    # "1 lần" after the fee words is the price of one request, not "Hưởng BHXH một lần"
    asked_in(
        "the_price_of_one_time_stays_with_the_procedure",
        CARD_REISSUE,
        "mất bao nhiêu tiền 1 lần",
        starts="💰",
    ),
    asked_in(
        "the_old_are_the_guidances_elderly",
        CARD_REISSUE,
        "người già có được miễn không",
        holds=["người cao tuổi"],
    ),
    # --- more everyday ways of asking a part
    asked_in(
        "not_having_to_go_up_asks_who_must_come",
        TEMPORARY,
        "khỏi lên phường được không",
        starts="🧍",
    ),
    asked_in(
        "sending_a_relative_asks_the_proxy", TEMPORARY, "kêu em gái đi nộp được ko", starts="🤝"
    ),
    asked_in(
        "taking_the_child_along_asks_who_must_come",
        CHILD_ID_CARD,
        "có cần dẫn theo bé không",
        starts="🧍",
    ),
    asked_in("what_is_issued_asks_the_result", BIRTH, "làm xong được cấp cái gì", starts="📦"),
    asked_in(
        "a_paper_left_unused_asks_how_long_it_holds",
        BUILDING,
        "bỏ mấy tháng không xây thì sao",
        starts="⏳",
        holds=["12 tháng"],
    ),
    asked_in(
        "putting_off_the_procedure_itself_is_lateness",
        BIRTH,
        "để lâu chưa làm có sao không",
        starts="⌛",
    ),
]


@pytest.mark.parametrize("dialogue", ANSWERS)
def test_answer(ctx: Context, dialogue: Dialogue) -> None:
    dialogue.play(ctx)


# --- what a table row does not say: a passage's place in the reply, a word in any case ---------


def test_months_asked_are_answered_in_months(ctx: Context) -> None:
    reply = ask(ctx, MATERNITY, "vợ được nghỉ mấy tháng")
    assert "6 tháng" in reply.split("\n")[2]  # the first passage quoted


def test_not_a_single_dong_asks_the_fees(ctx: Context) -> None:
    assert "miễn phí" in ask(ctx, BIRTH, "có tốn đồng nào không").lower()


@pytest.mark.parametrize("text", ["ở phường khác làm được không", "o xa khac nop dc ko"])
def test_another_commune_said_before_the_verb_asks_the_place(ctx: Context, text: str) -> None:
    assert ask(ctx, "dang-ky-khai-sinh", text).startswith("📍")


# --- the section words alone -----------------------------------------------------------------


def test_one_place_or_another_asks_the_place() -> None:

    found = default_words().asked("làm ở xã nhà ngoại hay ở phường nơi đang ở")
    assert [f.section for f in found] == ["place"]


def test_which_child_is_no_word_of_the_question() -> None:
    assert default_words().content("con thằng lớn 9 tuổi thì sao") == ["9", "tuoi"]


def test_being_caught_by_an_illness_is_no_fee() -> None:
    assert "fees" not in [f.section for f in default_words().asked("có mắc bệnh gì không")]


def test_for_a_purpose_is_no_proxy() -> None:
    asked = [f.section for f in default_words().asked("để con làm căn cước thì sao")]
    assert "proxy" not in asked


def test_asking_for_the_form_asks_the_forms() -> None:
    assert [f.section for f in default_words().asked("xin mẫu ở đâu")] == ["forms"]


def test_lunchtime_and_after_hours_ask_the_place() -> None:
    for text in ("trưa có nhận hồ sơ không", "làm ngoài giờ được không"):
        assert default_words().asked(text)[0].section == "place"
