"""A follow-up that asks for a figure gets the passage stating that kind of figure: an amount
of money when the part asked names none, a number of the unit asked ("mấy tháng": months, not
days), and everyday ways of asking a part ("có tốn đồng nào không", "thẻ xài tới khi nào")."""

from __future__ import annotations

import pytest

from handlers import Context
from knowledge.answers import default_words
from tests.handlers.talk import Dialogue, Say, case
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
    case(
        "an_amount_asked_of_a_result_without_one_is_the_passage_stating_it",
        Say(
            "mỗi tháng nhận được mấy tiền", procedure=MONTHLY_ALLOWANCE, holds=["500.000"], reply=-1
        ),
        within=MONTHLY_ALLOWANCE,
    ),
    case(
        "an_amount_typed_short_is_read_spelt_out",
        Say("moi thang dc bao nhieu", procedure=MONTHLY_ALLOWANCE, holds=["500.000"], reply=-1),
        within=MONTHLY_ALLOWANCE,
    ),
    case(
        "a_result_stating_the_amount_answers_itself",
        Say(
            "mỗi tháng được bao nhiêu", procedure=UNEMPLOYMENT, starts="📦", holds=["60%"], reply=-1
        ),
        within=UNEMPLOYMENT,
    ),
    case(
        "a_result_asked_without_an_amount_stays_the_result",
        Say(
            "kết quả nhận được là gì",
            procedure=MONTHLY_ALLOWANCE,
            starts="📦",
            holds=["Quyết định"],
            reply=-1,
        ),
        within=MONTHLY_ALLOWANCE,
    ),
    case(
        "getting_much_asks_the_amount",
        Say("duoc lanh nhieu ko", procedure=ONE_OFF_INSURANCE, holds=["1,5 tháng"], reply=-1),
        within=ONE_OFF_INSURANCE,
    ),
    # --- a length in the unit asked
    case(
        "days_off_are_not_the_time_the_office_takes",
        Say(
            "chong thi duoc nghi may ngay",
            procedure=MATERNITY,
            not_starts="⏱",
            holds=["5 đến 14 ngày"],
            reply=-1,
        ),
        within=MATERNITY,
    ),
    case(
        "how_long_after_filing_the_money_comes_is_the_time_not_the_fee",
        Say(
            "nop xong bao lau co tien",
            procedure=ONE_OFF_INSURANCE,
            starts="⏱",
            holds=["07 ngày"],
            reply=-1,
        ),
        within=ONE_OFF_INSURANCE,
    ),
    case(
        "from_which_month_the_allowance_counts_is_the_time",
        Say(
            "tien tinh tu thang nao",
            procedure=MONTHLY_ALLOWANCE,
            not_starts="💰",
            holds=["ký quyết định"],
            reply=-1,
        ),
        within=MONTHLY_ALLOWANCE,
    ),
    # --- everyday ways of asking a part
    case(
        "how_much_to_pay_asks_the_fees",
        Say("phai dong bao nhieu", procedure=TEMPORARY, holds=["15.000"], reply=-1),
        within=TEMPORARY,
    ),
    case(
        "which_sums_asks_the_fees",
        Say("tốn những khoản gì", procedure=VEHICLE_TRANSFER, holds=["trước bạ"], reply=-1),
        within=VEHICLE_TRANSFER,
    ),
    # "1 lần" names "Hưởng BHXH một lần" too: here it is the price of one signature
    case(
        "how_much_each_time_stays_with_the_procedure",
        Say("bao nhieu 1 lan", procedure=SIGNATURE, holds=["10.000"], reply=-1),
        within=SIGNATURE,
    ),
    case(
        "what_support_is_given_is_the_result",
        Say("được hỗ trợ những khoản gì", procedure=GRAVE_VISIT, holds=["đi lại"], reply=-1),
        within=GRAVE_VISIT,
    ),
    case(
        "xai_is_using_a_card",
        Say("the xai toi khi nao", procedure=CHILD_CARD, holds=["72 tháng"], reply=-1),
        within=CHILD_CARD,
    ),
    case(
        "carrying_the_baby_asks_who_must_come",
        Say("phai bong be theo ko", procedure=CHILD_CARD, holds=["Không cần đưa trẻ"], reply=-1),
        within=CHILD_CARD,
    ),
    # --- no part asked
    case(
        "an_age_asked_with_no_part_is_the_passage_stating_an_age",
        Say(
            "con gai bao nhieu tuoi thi duoc cuoi",
            procedure=MARRIAGE,
            holds=["đủ 18 tuổi"],
            reply=-1,
        ),
        within=MARRIAGE,
    ),
    # "bản sao" names "Bản sao trích lục, giấy khai sinh": the card, not its papers
    case(
        "a_part_said_only_by_the_procedures_name_is_not_asked",
        Say("xin ban sao giay khai sinh", procedure=BIRTH_COPY, starts="📋", reply=-1),
    ),
    # --- who files, where else, and a sale that is no proxy
    case(
        "who_may_file_asks_who_applies",
        Say(
            "ai nop duoc",
            procedure=HOUSEHOLD_UPDATE,
            starts="👤",
            holds=["Chủ hộ kinh doanh"],
            reply=-1,
        ),
        within=HOUSEHOLD_UPDATE,
    ),
    case(
        "another_province_asks_the_place",
        Say(
            "lam o cong an tinh khac duoc ko",
            procedure=CARD_CHANGE,
            starts="📍",
            holds=["không phụ thuộc nơi cư trú"],
            reply=-1,
        ),
        within=CARD_CHANGE,
    ),
    case(
        "selling_to_someone_else_is_not_having_them_file",
        Say(
            "e ban lai quan cho nguoi khac thi sao",
            procedure=HOUSEHOLD_CHANGE,
            not_starts="🤝",
            reply=-1,
        ),
        within=HOUSEHOLD_CHANGE,
    ),
    case(
        "having_someone_else_file_is_still_a_proxy",
        Say("nho nguoi khac nop duoc khong", procedure=HOUSEHOLD_CHANGE, starts="🤝", reply=-1),
        within=HOUSEHOLD_CHANGE,
    ),
    # "Chuyển nhà sang xã khác có mất trợ cấp không?", said "bị cắt"
    case(
        "being_cut_off_is_losing_the_allowance",
        Say(
            "chuyen nha qua xa khac co bi cat khong",
            procedure=MONTHLY_ALLOWANCE,
            holds=["Không mất"],
            reply=-1,
        ),
        within=MONTHLY_ALLOWANCE,
    ),
    case(
        "filing_at_the_commune_near_home_asks_the_place",
        Say(
            "tôi giờ sống ở tỉnh khác, nộp ở xã gần nhà được không",
            procedure=DEATH_AGAIN,
            starts="📍",
            holds=["gần nhất"],
            reply=-1,
        ),
        within=DEATH_AGAIN,
    ),
    case(
        "another_commune_said_as_a_move_is_not_the_place",
        Say(
            "chuyen nha qua xa khac co bi cat khong",
            procedure=MONTHLY_ALLOWANCE,
            not_starts="📍",
            reply=-1,
        ),
        within=MONTHLY_ALLOWANCE,
    ),
    # "thằng lớn" names no thing asked: the rule for a child of that age answers
    case(
        "which_child_says_who_and_the_age_says_what",
        Say(
            "con thang lon 9 tuoi thi sao",
            procedure=CHILD_ID_CARD,
            holds=["Từ đủ 6 tuổi"],
            reply=-1,
        ),
        within=CHILD_ID_CARD,
    ),
    # --- regional ways of asking a part
    case(
        "central_mo_asks_where",
        Say("nộp ở mô", procedure=BIRTH, starts="📍", reply=-1),
        within=BIRTH,
    ),
    case(
        "southern_mac_asks_the_fees",
        Say("có mắc không", procedure=TEMPORARY, starts="💰", reply=-1),
        within=TEMPORARY,
    ),
    case(
        "southern_bua_is_a_day",
        Say("mấy bữa thì có", procedure=TEMPORARY, starts="⏱", reply=-1),
        within=TEMPORARY,
    ),
    case(
        "what_to_bring_asks_the_papers",
        Say("cần đem gì", procedure=TEMPORARY, starts="📄", reply=-1),
        within=TEMPORARY,
    ),
    # "1 lần" after the fee words is the price of one request, not "Hưởng BHXH một lần"
    case(
        "the_price_of_one_time_stays_with_the_procedure",
        Say("mất bao nhiêu tiền 1 lần", procedure=CARD_REISSUE, starts="💰", reply=-1),
        within=CARD_REISSUE,
    ),
    case(
        "the_old_are_the_guidances_elderly",
        Say(
            "người già có được miễn không",
            procedure=CARD_REISSUE,
            holds=["người cao tuổi"],
            reply=-1,
        ),
        within=CARD_REISSUE,
    ),
    # --- more everyday ways of asking a part
    case(
        "not_having_to_go_up_asks_who_must_come",
        Say("khỏi lên phường được không", procedure=TEMPORARY, starts="🧍", reply=-1),
        within=TEMPORARY,
    ),
    case(
        "sending_a_relative_asks_the_proxy",
        Say("kêu em gái đi nộp được ko", procedure=TEMPORARY, starts="🤝", reply=-1),
        within=TEMPORARY,
    ),
    case(
        "taking_the_child_along_asks_who_must_come",
        Say("có cần dẫn theo bé không", procedure=CHILD_ID_CARD, starts="🧍", reply=-1),
        within=CHILD_ID_CARD,
    ),
    case(
        "what_is_issued_asks_the_result",
        Say("làm xong được cấp cái gì", procedure=BIRTH, starts="📦", reply=-1),
        within=BIRTH,
    ),
    case(
        "a_paper_left_unused_asks_how_long_it_holds",
        Say(
            "bỏ mấy tháng không xây thì sao",
            procedure=BUILDING,
            starts="⏳",
            holds=["12 tháng"],
            reply=-1,
        ),
        within=BUILDING,
    ),
    case(
        "putting_off_the_procedure_itself_is_lateness",
        Say("để lâu chưa làm có sao không", procedure=BIRTH, starts="⌛", reply=-1),
        within=BIRTH,
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
