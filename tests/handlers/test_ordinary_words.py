"""Ordinary words are not places or the desk's hours: a place is told by its shape (a unit and a
name, a name the map knows, a few words of a name), an hours question asks when the desk opens."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from handlers import Context, Incoming, State, handle
from knowledge.desk import Desk
from knowledge.places import gazetteer

HOAN_KIEM = 70  # Phường Hoàn Kiếm, Thành phố Hà Nội
DESK = Desk(
    commune=HOAN_KIEM,
    name="Trung tâm phục vụ hành chính công phường Hoàn Kiếm",
    address="Số 1 phố Ví Dụ",
    hours=[["07:30-11:30", "13:30-17:00"]] * 5 + [["07:30-11:30"], []],
)


@pytest.fixture(scope="module")
def pctx(ctx: Context) -> Context:
    return dataclasses.replace(
        ctx, places=gazetteer(), desks={HOAN_KIEM: DESK}, now=dt.datetime(2026, 12, 8, 9, 0)
    )


def say(ctx: Context, state: State, text: str) -> tuple[str, State]:
    turn, new = handle(Incoming("u", "test", text=text), state, ctx)
    return "\n".join(r.text for r in turn.replies), new


@pytest.mark.parametrize(
    "text",
    [
        "quán nhà em đóng cửa rồi, không bán nữa thì phải báo ở đâu",
        "cong ty e dong cua, e bi cho nghi viec, muon lanh tro cap that nghiep",
        "em muốn đóng cửa tiệm 3 tháng về quê, có phải báo không",
        "thôi chắc nghỉ hẳn luôn, đóng cửa hộ kinh doanh thì sao",
        "quán cà phê gần đây mở cửa mấy giờ",
        "tôi bị tai nạn trong giờ làm việc ở công ty, bảo hiểm trả không",
    ],
)
def test_a_business_closing_or_its_hours_are_not_the_desks(pctx: Context, text: str) -> None:
    for state in (State(), State(commune=HOAN_KIEM)):
        answer, _ = say(pctx, state, text)
        assert "🕒" not in answer and "Giờ làm việc do từng" not in answer


@pytest.mark.parametrize(
    "text",
    ["đã mở cửa chưa", "cho hỏi mấy giờ mở cửa", "phường đóng cửa lúc mấy giờ", "có mở cửa không"],
)
def test_when_or_whether_the_desk_opens_is_still_asked(pctx: Context, text: str) -> None:
    answer, _ = say(pctx, State(commune=HOAN_KIEM), text)
    assert "🕒" in answer and DESK.address in answer


@pytest.mark.parametrize(
    "text",
    [
        "em làm ở xa quê, muốn đăng ký tạm trú ở chỗ trọ",
        "thuê nhà ở thì có phải đăng ký tạm trú không ạ",
        "nhà em thuộc diện hộ nghèo, con đi học có được miễn học phí không",
        "mẹ em 72 tuổi, nhà thuộc hộ cận nghèo, có được trợ cấp người già không ạ",
        "tôi ở xa về không kịp, nhờ anh trai đi làm khai tử được không",
        "người yêu em ở tỉnh khác thì đăng ký kết hôn ở đâu",
        "muốn làm giấy khai sinh cho con em ở Việt Nam",
        "quê em ở Nghệ An nhưng giờ ở trọ Hà Nội, muốn đăng ký tạm trú",
        "Tôi quê ở Bình Định, hiện đang làm việc ở TP Hồ Chí Minh, làm căn cước ở đâu",
        "Tôi quê ở Nghệ An, đang là sinh viên ở TP.HCM, làm tạm trú thế nào",
        "e can ban sao giay khai sinh ma dang o tphcm, que o nghe an thi xin o dau",
        "xin visa cần chứng minh tài chính bao nhiêu",
        "Vợ tôi có hộ khẩu tại huyện Phú Lương, Thái Nguyên, muốn chuyển về nhà tôi",
        "người yêu em ở tỉnh Nghệ An, đăng ký kết hôn ở đâu",
        "chong e o nghe an thi dang ky ket hon o dau",
        "cấp phép xây dựng nhà ở mất bao lâu",
        "mở nhà thuốc tây cần chứng chỉ hành nghề dược gì",
    ],
)
def test_ordinary_words_are_no_place_statement(pctx: Context, text: str) -> None:
    answer, state = say(pctx, State(), text)
    assert "3.321" not in answer and "ghi nhận bạn ở" not in answer
    assert state.commune is None and state.place is None


@pytest.mark.parametrize(
    ("text", "full"),
    [
        ("nhà tôi ở xã Khổng Lào", "Xã Khổng Lào, Tỉnh Lai Châu"),
        ("nhà ở phường Hoàn Kiếm, làm khai sinh ở đâu", "Phường Hoàn Kiếm, Thành phố Hà Nội"),
        ("em ở xa Khong Lao", "Xã Khổng Lào, Tỉnh Lai Châu"),
        ("vợ chồng tôi ở phường Hoàn Kiếm", "Phường Hoàn Kiếm, Thành phố Hà Nội"),
        ("em thuê nhà ở phường Hoàn Kiếm, đăng ký tạm trú", "Phường Hoàn Kiếm, Thành phố Hà Nội"),
        ("quê chồng ở Nghệ An còn em ở phường Hoàn Kiếm", "Phường Hoàn Kiếm, Thành phố Hà Nội"),
    ],
)
def test_a_place_said_by_its_shape_is_still_found(pctx: Context, text: str, full: str) -> None:
    _, state = say(pctx, State(), text)
    commune = gazetteer().commune(state.commune)
    assert commune is not None and commune.full == full


def test_a_name_the_map_does_not_know_is_still_said_not_found(pctx: Context) -> None:
    answer, _ = say(pctx, State(), "tôi ở phường Bến Ngé")
    assert "chưa tìm thấy “phường Bến Ngé”" in answer


def test_a_home_town_with_nothing_said_of_now_is_still_a_place(pctx: Context) -> None:
    answer, _ = say(pctx, State(), "quê tôi ở Quảng Nam, làm khai tử cần gì")
    assert "Đà Nẵng" in answer


def test_where_one_comes_from_leaves_the_question_to_the_current_procedure(pctx: Context) -> None:
    single = "cap-giay-xac-nhan-tinh-trang-hon-nhan"
    _, state = say(pctx, State(), "xin giấy xác nhận tình trạng hôn nhân")
    assert state.procedure == single
    text = "hộ khẩu em ở Nghệ An mà giờ đi làm ở Bình Dương, xin ở Bình Dương được không"
    answer, state = say(pctx, state, text)
    assert state.procedure == single and state.place is None
    assert "ghi nhận bạn ở" not in answer
