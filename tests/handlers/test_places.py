"""Places in the conversation: "tôi ở …", old names, choices, and the commune's desk hours."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from handlers import Context, Incoming, Kind, State, handle
from knowledge.desk import Closure, Desk, LocalFee, ProvinceFees
from knowledge.places import gazetteer

HOAN_KIEM = 70  # Phường Hoàn Kiếm, Thành phố Hà Nội
WEEKDAY = ["07:30-11:30", "13:30-17:00"]
NEW_YEAR = Closure(first=dt.date(2027, 1, 1), last=dt.date(2027, 1, 1), reason="Tết Dương lịch")
DESK = Desk(
    commune=HOAN_KIEM,
    name="Trung tâm phục vụ hành chính công phường Hoàn Kiếm",
    address="Số 1 phố Ví Dụ",
    phone="024 3825 0000",
    hours=[WEEKDAY] * 5 + [["07:30-11:30"], []],
    closures=[NEW_YEAR],
)


@pytest.fixture(scope="module")
def pctx(ctx: Context) -> Context:
    return dataclasses.replace(ctx, places=gazetteer(), desks={HOAN_KIEM: DESK})


def at(ctx: Context, when: dt.datetime) -> Context:
    return dataclasses.replace(ctx, now=when)


def say(ctx: Context, state: State, text: str = "", action: str = "") -> tuple[str, State, list]:
    kind = Kind.ACTION if action else Kind.TEXT
    turn, new = handle(Incoming("u", "test", kind, text=text, action=action), state, ctx)
    return "\n".join(r.text for r in turn.replies), new, list(turn.replies[-1].buttons)


def test_a_current_ward_is_remembered_by_its_code(pctx: Context) -> None:
    text, state, _ = say(pctx, State(), "tôi ở phường Hoàn Kiếm")
    assert state.commune == HOAN_KIEM
    assert "Phường Hoàn Kiếm, Thành phố Hà Nội" in text


def test_an_old_ward_names_the_commune_serving_it_now(pctx: Context) -> None:
    text, state, _ = say(pctx, State(), "tôi ở phường Bến Nghé quận 1")
    assert "nay thuộc Phường Sài Gòn" in text
    assert state.commune is not None


def test_an_ambiguous_name_asks_with_buttons_and_a_press_settles_it(pctx: Context) -> None:
    text, state, buttons = say(pctx, State(), "toi o xa Tan Hung")
    assert "Bạn ở nơi nào" in text and len(buttons) == 4
    camau = next(b for b in buttons if "Cà Mau" in b.label)
    text, state, _ = say(pctx, state, action=camau.action)
    assert "Xã Tân Hưng, Tỉnh Cà Mau" in text and state.commune is not None


def test_a_split_ward_says_so_and_offers_both(pctx: Context) -> None:
    text, state, buttons = say(pctx, State(), "tôi ở phường Trương Định quận Hai Bà Trưng")
    assert "chia cho" in text and len(buttons) == 2
    assert state.commune is None


def test_a_district_lists_the_wards_that_took_it_over(pctx: Context) -> None:
    text, state, _ = say(pctx, State(), "tôi ở quận Cầu Giấy")
    assert "không còn cấp quận" in text and "Phường Cầu Giấy" in text
    assert state.commune is None


@pytest.mark.parametrize("place", ["asdfgh qwerty", "Hà Nội", "Tokyo"])
def test_unknown_province_or_abroad_never_picks_a_commune(pctx: Context, place: str) -> None:
    text, state, _ = say(pctx, State(), f"tôi ở {place}")
    assert state.commune is None
    assert "quy định chung" in text and "?" in text


def test_saturday_question_gets_the_saturday_hours(pctx: Context) -> None:
    state = State(commune=HOAN_KIEM)
    text, _, _ = say(at(pctx, dt.datetime(2026, 12, 9, 9, 0)), state, "thứ 7 có làm việc không")
    assert "Thứ Bảy: có làm việc, 07:30–11:30" in text


def test_open_now_follows_the_context_time(pctx: Context) -> None:
    state = State(commune=HOAN_KIEM)
    text, _, _ = say(at(pctx, dt.datetime(2026, 12, 8, 12, 0)), state, "mấy giờ mở cửa")
    assert "đang đóng cửa; mở lại lúc 13:30 hôm nay" in text
    text, _, _ = say(at(pctx, dt.datetime(2026, 12, 8, 14, 0)), state, "mấy giờ mở cửa")
    assert "đang mở cửa, đến 17:00" in text


def test_a_closure_day_is_not_a_working_day(pctx: Context) -> None:
    state = State(commune=HOAN_KIEM)
    text, _, _ = say(at(pctx, dt.datetime(2027, 1, 1, 9, 0)), state, "hôm nay có làm việc không")
    assert "nghỉ (Tết Dương lịch)" in text


def test_the_deployments_commune_is_the_default(pctx: Context) -> None:
    ctx = dataclasses.replace(pctx, default_commune=HOAN_KIEM)
    text, _, _ = say(ctx, State(), "nộp ở đâu")
    assert DESK.address in text


def test_hours_without_a_commune_ask_where(pctx: Context) -> None:
    text, _, _ = say(pctx, State(), "mấy giờ mở cửa")
    assert "phường, xã nào" in text


def test_a_commune_without_a_desk_points_to_the_portal(pctx: Context) -> None:
    text, _, _ = say(pctx, State(), "tôi ở đặc khu Phú Quốc")
    text, _, _ = say(pctx, State(commune=91), "mấy giờ mở cửa")  # any commune without a desk
    assert "chưa có địa chỉ và giờ làm việc" in text


def test_a_deep_link_carries_the_commune_and_the_procedure(pctx: Context) -> None:
    from handlers.places import start_payload

    payload = start_payload(HOAN_KIEM, "dang-ky-khai-sinh")
    assert len(payload) <= 64
    _, state, _ = say(pctx, State(), f"/start {payload}")
    assert state.commune == HOAN_KIEM and state.procedure == "dang-ky-khai-sinh"


def test_a_deep_link_with_an_unknown_commune_sets_no_place(pctx: Context) -> None:
    _, state, _ = say(pctx, State(), "/start x999999")
    assert state.commune is None


def test_the_place_section_shows_the_citizens_desk(pctx: Context) -> None:
    text, state, _ = say(pctx, State(), "tôi ở phường Hoàn Kiếm, làm khai sinh ở đâu")
    assert state.procedure == "dang-ky-khai-sinh"
    assert "Nơi bạn ở: Phường Hoàn Kiếm, Thành phố Hà Nội." in text and DESK.address in text
    assert "chưa có dữ liệu riêng" not in text


def test_where_after_a_procedure_answers_for_that_procedure(pctx: Context) -> None:
    _, state, _ = say(pctx, State(commune=HOAN_KIEM), "đăng ký kết hôn")
    text, _, _ = say(pctx, state, "nộp ở đâu")
    assert "Nơi nộp — Đăng ký kết hôn" in text and DESK.address in text


def test_province_fees_are_shared_by_the_provinces_communes(pctx: Context) -> None:
    fees = ProvinceFees(
        province=1,
        fees=[
            LocalFee(
                procedure="dang-ky-ket-hon",
                amount=10000,
                resolution="99/2026/NQ-HĐND",
                resolution_date=dt.date(2026, 7, 1),
            )
        ],
    )
    ctx = dataclasses.replace(pctx, province_fees={1: fees})
    for commune in (HOAN_KIEM, 73):  # two wards of Hà Nội
        _, state, _ = say(ctx, State(commune=commune), "đăng ký kết hôn")
        text, _, _ = say(ctx, state, "lệ phí bao nhiêu")
        assert "Tại Thành phố Hà Nội: 10.000 đồng, theo Nghị quyết 99/2026/NQ-HĐND" in text


def test_a_police_procedure_does_not_send_the_citizen_to_the_commune_desk(pctx: Context) -> None:
    _, state, _ = say(pctx, State(commune=HOAN_KIEM), "làm căn cước lần đầu")
    assert state.procedure == "cap-the-can-cuoc-tu-du-14-tuoi"
    text, _, _ = say(pctx, state, "nộp ở đâu")
    assert "Công an" in text and DESK.address not in text


@pytest.mark.parametrize(
    "text", ["ở đâu làm", "em ở nhà", "làm khai sinh ở đâu", "ở đâu cũng được không"]
)
def test_where_questions_are_not_place_statements(pctx: Context, text: str) -> None:
    answer, state, _ = say(pctx, State(), text)
    assert state.commune is None and "danh sách 3.321" not in answer


@pytest.mark.parametrize(
    "text",
    [
        "hộ khẩu tôi ở xã Tân Hưng, Cà Mau",
        "địa chỉ của tôi: xã Tân Hưng, Cà Mau",
        "Nhà mình thuộc xa tan hung, ca mau. Cho hỏi làm khai sinh",
    ],
)
def test_ways_of_saying_where_one_lives(pctx: Context, text: str) -> None:
    _, state, _ = say(pctx, State(), text)
    commune = gazetteer().commune(state.commune)
    assert commune is not None and commune.full == "Xã Tân Hưng, Tỉnh Cà Mau"


def test_a_district_name_many_provinces_had_offers_them_and_a_press_narrows(
    pctx: Context,
) -> None:
    text, state, buttons = say(pctx, State(), "tôi ở huyện Châu Thành, An Giang")
    assert "Có nhiều nơi tên" in text
    assert [b.label for b in buttons] == [
        "Huyện Châu Thành, Tỉnh An Giang (cũ)",
        "Huyện Châu Thành, Tỉnh Kiên Giang (cũ)",
    ]
    text, state, _ = say(pctx, state, action=buttons[1].action)
    assert "Địa bàn Huyện Châu Thành, Tỉnh Kiên Giang nay thuộc" in text
    assert "xã, phường của Tỉnh An Giang" in text  # today's province


def test_an_old_province_is_named_with_the_one_it_is_part_of_now(pctx: Context) -> None:
    text, state, _ = say(pctx, State(), "tôi ở Bắc Giang")
    assert "Tỉnh Bắc Giang (cũ) nay thuộc Tỉnh Bắc Ninh" in text
    assert state.commune is None


def test_what_is_said_back_is_masked(pctx: Context) -> None:
    text, _, _ = say(pctx, State(), "tôi ở 0912345678")
    assert "0912345678" not in text and "chưa tìm thấy" in text


@pytest.mark.parametrize(
    "text",
    [
        "mấy giờ mở cửa",
        "giờ làm việc",
        "sáng thứ bảy có mở cửa không",
        "thứ 7 có làm việc không",
        "hôm nay có làm việc không",
        "có nghỉ trưa không",
        "mấy giờ thì nghỉ",
    ],
)
def test_hours_questions_get_the_desks_hours(pctx: Context, text: str) -> None:
    answer, _, _ = say(at(pctx, dt.datetime(2026, 12, 8, 9, 0)), State(commune=HOAN_KIEM), text)
    assert "🕒" in answer and DESK.address in answer


@pytest.mark.parametrize(
    "text",
    [
        "tôi nghĩ là cần giấy khai sinh",
        "làm căn cước mất mấy giờ",
        "có làm được căn cước online không",
        "nghị quyết về lệ phí",
        "cuối tuần này em gái tôi lên chơi vài hôm, có phải báo công an không",
        "tiệm tóc của tôi đóng cửa hẳn rồi thì có phải làm giấy tờ gì",
        "quán nước của tôi đóng cửa 2 tháng để về quê thì báo ai",
    ],
)
def test_other_questions_are_not_about_hours(pctx: Context, text: str) -> None:
    answer, _, _ = say(pctx, State(commune=HOAN_KIEM), text)
    assert "🕒" not in answer


@pytest.mark.parametrize(
    "text",
    [
        "nhập hộ khẩu cho cháu thì sao",
        "muốn chuyển hộ khẩu về nhà chồng",
        "có phải về quê cắt khẩu",
    ],
)
def test_residence_words_without_a_link_word_name_no_place(pctx: Context, text: str) -> None:
    reply, state, _ = say(pctx, State(), text)
    assert "3.321" not in reply and state.commune is None


@pytest.mark.parametrize(
    "text",
    [
        "nhà tôi ở quê muốn xây 3 tầng có phải xin phép không",
        "xin giấy phép xây nhà ở phố thì nộp ở đâu",
        "em ở trọ thì đăng ký tạm trú thế nào",
        "quán ăn nhà tôi muốn nghỉ 3 tháng, có phải báo ai không",
    ],
)
def test_everyday_words_after_o_name_no_place(pctx: Context, text: str) -> None:
    reply, state, _ = say(pctx, State(), text)
    assert "3.321" not in reply and state.commune is None


@pytest.mark.parametrize("text", ["quan hoan kiem", "quận Hoàn Kiếm"])
def test_a_unit_typed_with_or_without_accents_names_a_place(pctx: Context, text: str) -> None:
    reply, _, _ = say(pctx, State(), text)
    assert "Địa bàn Quận Hoàn Kiếm" in reply


def test_hours_with_no_commune_known_point_to_filing_online(pctx: Context) -> None:
    _, state, _ = say(pctx, State(), "đăng ký khai sinh")
    reply, state, _ = say(pctx, state, "thứ 7 phường có làm không")
    assert "phường, xã nào" in reply and "nộp trực tuyến" in reply
    assert state.procedure == "dang-ky-khai-sinh"


def test_a_place_stated_midway_is_a_place_not_a_switch(pctx: Context) -> None:
    _, state, _ = say(pctx, State(), "đăng ký kết hôn")
    _, state, _ = say(pctx, state, "e thuong tru o phuong Ninh Kieu, Can Tho")
    assert state.procedure == "dang-ky-ket-hon"
    assert state.place == "Phường Ninh Kiều, Thành phố Cần Thơ"


def test_an_old_ward_with_its_new_name_settles_on_the_new_one(pctx: Context) -> None:
    said = "e o phuong Dich Vong Hau cu, gio nghe noi sap nhap thanh phuong Cau Giay roi"
    _, state, _ = say(pctx, State(), said)
    assert state.place == "Phường Cầu Giấy, Thành phố Hà Nội"


def test_a_new_name_that_is_no_commune_leaves_the_old_one(pctx: Context) -> None:
    text, _, _ = say(pctx, State(), "tôi ở phường Bến Nghé cũ, giờ là phường Không Có Thật")
    assert "nay thuộc Phường Sài Gòn" in text


def test_an_old_ward_said_to_be_old_is_still_found(pctx: Context) -> None:
    text, _, _ = say(pctx, State(), "tôi ở phường Bến Nghé cũ")
    assert "nay thuộc Phường Sài Gòn" in text


def test_social_housing_is_no_commune(pctx: Context) -> None:
    _, state, _ = say(pctx, State(), "tôi muốn đăng ký mua nhà ở xã hội thì cần gì")
    assert state.place is None
    assert state.procedure == "dang-ky-mua-thue-nha-o-xa-hoi"


def test_an_old_ward_said_old_before_its_old_district_is_found(pctx: Context) -> None:
    text, _, _ = say(pctx, State(), "e đang ở phuong Linh Trung cu, Thu Duc")
    assert "nay thuộc Phường Linh Xuân" in text


def test_staying_for_a_while_is_no_place_but_tam_ky_is(pctx: Context) -> None:
    _, state, _ = say(pctx, State(), "tôi ở tạm 3 tháng thì phải làm gì")
    assert state.place is None
    text, _, _ = say(pctx, State(), "tôi ở Tam Kỳ")
    assert "Tam Kỳ" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vợ tôi mới sinh con, thứ bảy có đi đăng ký khai sinh được không", "dang-ky-khai-sinh"),
        ("sang thu 7 co lam the can cuoc cho con 15 tuoi khong", "cap-the-can-cuoc-tu-du-14-tuoi"),
    ],
)
def test_a_need_asked_with_the_desks_hours_is_answered_with_its_procedure(
    pctx: Context, text: str, expected: str
) -> None:
    when = at(pctx, dt.datetime(2026, 12, 8, 9, 0))
    answer, state, buttons = say(when, State(commune=HOAN_KIEM), text)
    assert state.procedure == expected
    assert "Thứ Bảy: có làm việc" in answer  # the hours, within the procedure
    assert any(expected in b.action for b in buttons)


def test_a_need_asked_with_the_hours_and_no_commune_asks_where_within_it(pctx: Context) -> None:
    answer, state, _ = say(pctx, State(), "thứ 7 có nhận hồ sơ đăng ký kết hôn không")
    assert state.procedure == "dang-ky-ket-hon"
    assert "phường, xã nào" in answer


@pytest.mark.parametrize(
    "text", ["thứ 7 phường có làm việc không", "thu 7 co lam giay to khong", "mấy giờ đóng cửa"]
)
def test_hours_asked_without_a_need_stay_about_the_desk(pctx: Context, text: str) -> None:
    answer, state, _ = say(pctx, State(commune=HOAN_KIEM), text)
    assert state.procedure is None and "🕒" in answer


def test_hours_asked_within_a_procedure_stay_with_it(pctx: Context) -> None:
    _, state, _ = say(pctx, State(commune=HOAN_KIEM), "đăng ký khai sinh")
    answer, state, _ = say(pctx, state, "thứ 7 có làm không")
    assert state.procedure == "dang-ky-khai-sinh" and "🕒" in answer


def test_a_journey_home_told_in_a_story_is_no_place_statement(pctx: Context) -> None:
    story = "Chú tôi quốc tịch Úc về quê ở Quảng Nam rồi mất tại nhà, làm khai tử cho chú cần gì"
    reply, state, _ = say(pctx, State(), story)
    assert "Đà Nẵng" not in reply and state.procedure is not None


def test_a_home_town_said_is_still_a_place_statement(pctx: Context) -> None:
    reply, _, _ = say(pctx, State(), "quê tôi ở Quảng Nam, làm khai tử cần gì")
    assert "Đà Nẵng" in reply
