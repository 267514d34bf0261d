"""What a citizen reads when no procedure fits: a pointer, the scope, or "not found"."""

from __future__ import annotations

from handlers import Context, Incoming, State, handle, texts
from handlers.events import UnmetReason
from tests.handlers.talk import say


def reply(ctx: Context, text: str) -> tuple[str, list[str]]:
    turn, _ = handle(Incoming("u", "test", text=text), State(), ctx)
    assert turn.outcome == "unmet"
    return turn.replies[-1].text, [u.reason.value for u in turn.unmet]


def test_an_uncovered_topic_gets_the_office_and_page_and_is_recorded(ctx: Context) -> None:
    text, reasons = reply(ctx, "muốn mở công ty thì làm ở đâu")
    assert "Sở Tài chính" in text
    assert "Trang chính thức: https://dangkykinhdoanh.gov.vn" in text
    assert "bổ sung" not in text
    assert reasons == ["no_match"]


def test_an_unrelated_message_is_told_the_scope_and_recorded(ctx: Context) -> None:
    text, reasons = reply(ctx, "thời tiết hà nội ngày mai")
    assert "chỉ hỗ trợ thủ tục hành chính" in text
    assert reasons == ["no_match"]


def test_an_administrative_question_not_found_says_so(ctx: Context) -> None:
    text, _ = reply(ctx, "giấy tờ khi đón con chào đời")
    assert "chưa tìm thấy thủ tục phù hợp" in text
    assert "chỉ hỗ trợ" not in text and "Trang chính thức" not in text


def test_a_question_of_another_kind_keeps_the_procedure(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký thường trú")
    turn, state = say(ctx, state, "mà cho hỏi giá lúa năm nay bao nhiêu 1 ký")
    proc = ctx.procedure(state.procedure)
    assert proc is not None
    assert turn.replies[-1].text == texts.OFF_TOPIC.format(title=proc.title)
    assert state.procedure == "dang-ky-thuong-tru"


def test_an_unrelated_remark_without_asking_anew_is_a_miss(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký thường trú")
    turn, _ = say(ctx, state, "con mèo nhà tôi bị ốm")
    assert "chưa có chi tiết này" in turn.replies[-1].text


def test_a_question_of_another_kind_asking_where_keeps_the_procedure(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký thường trú")
    turn, state = say(ctx, state, "hỏi thêm chút, mua vé máy bay ở đâu rẻ")
    assert turn.replies[-1].text.startswith(texts.OFF_TOPIC.split(".")[0])
    assert state.procedure == "dang-ky-thuong-tru"
    assert [u.reason for u in turn.unmet] == [UnmetReason.NO_MATCH]


def test_do_you_know_opens_a_question_of_another_kind(ctx: Context) -> None:
    _, state = say(ctx, State(), "làm hộ chiếu")
    turn, state = say(ctx, state, "à mà bạn có biết cách nấu phở không")
    assert turn.replies[-1].text.startswith(texts.OFF_TOPIC.split(".")[0])
    assert state.procedure == "cap-ho-chieu-pho-thong"


def test_do_you_know_about_the_procedure_is_answered_there(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký thường trú")
    turn, _ = say(ctx, state, "bạn có biết lệ phí bao nhiêu không")
    assert "Lệ phí" in turn.replies[-1].text


def test_a_lawsuit_points_to_the_court_and_offers_the_step_before_it(ctx: Context) -> None:
    turn, state = say(ctx, State(), "hàng xóm xây lấn sang đất nhà tôi 20cm thì kiện ở đâu")
    text = "\n".join(r.text for r in turn.replies)
    assert state.procedure is None and turn.outcome == "unmet"
    assert (
        "Tòa án nhân dân khu vực" in text and "Trang chính thức: https://www.toaan.gov.vn" in text
    )
    assert "hòa giải ở Ủy ban nhân dân xã" in text
    offered = [b.action for b in turn.replies[-1].buttons]
    assert offered == ["p:hoa-giai-tranh-chap-dat-dai"]


def test_a_lawsuit_typed_without_accents_points_to_the_court(ctx: Context) -> None:
    turn, state = say(ctx, State(), "nha ben canh lan dat nha e, muon kien thi nop don o dau")
    assert state.procedure is None
    assert "Tòa án nhân dân khu vực" in "\n".join(r.text for r in turn.replies)


def test_conditions_are_no_lawsuit(ctx: Context) -> None:
    for text in ("điều kiện hưởng trợ cấp thất nghiệp", "dieu kien huong tro cap that nghiep"):
        turn, state = say(ctx, State(), text)
        assert state.procedure == "huong-tro-cap-that-nghiep"
        assert "Tòa án" not in "\n".join(r.text for r in turn.replies)


def test_an_uncovered_topic_asked_aside_gets_the_pointer_and_keeps_the_procedure(
    ctx: Context,
) -> None:
    _, state = say(ctx, State(), "đổi bằng lái xe hết hạn ở đâu")
    turn, state = say(ctx, state, "à mà bị phạt nguội thì nộp phạt ở đâu")
    text = turn.replies[-1].text
    assert text.startswith("Phần này không thuộc các thủ tục mình hướng dẫn.")
    assert not turn.replies[-1].buttons and turn.outcome == "unmet"
    assert state.procedure == "doi-giay-phep-lai-xe"
    turn, _ = say(ctx, state, "nộp ở đâu")
    assert "Nơi nộp — " in turn.replies[-1].text


def test_an_uncovered_topic_the_procedure_charges_is_answered_there(ctx: Context) -> None:
    _, state = say(ctx, State(), "bố mẹ cho đất, sang tên sổ đỏ cho con thì làm thế nào")
    turn, state = say(ctx, state, "vậy có phải đóng thuế thu nhập cá nhân không")
    assert "Phần này không thuộc" not in turn.replies[-1].text
    assert state.procedure == "dang-ky-bien-dong-chuyen-nhuong-thua-ke-tang-cho"


def test_a_divorce_asked_beside_a_marriage_gets_the_court_and_keeps_the_marriage(
    ctx: Context,
) -> None:
    _, state = say(ctx, State(), "dkkh can mang gi ad")
    turn, state = say(ctx, state, "e da ly hon 1 lan roi thi co can them giay gi ko")
    assert "Phần này không thuộc" not in "\n".join(r.text for r in turn.replies)
    turn, state = say(ctx, state, "ly hon thi lam o dau ad")
    text = turn.replies[-1].text
    assert text.startswith("Phần này không thuộc các thủ tục mình hướng dẫn.")
    assert "Tòa án nhân dân khu vực" in text and turn.outcome == "unmet"
    assert state.procedure == "dang-ky-ket-hon"
    # while a divorce abroad is being recorded, a divorce said is that one's own matter
    _, state = say(ctx, State(), "tôi ly hôn ở Úc, về VN muốn kết hôn lại thì làm gì với bản án")
    turn, state = say(ctx, state, "toi ly hon 2 lan thi ghi ca 2 a")
    assert "Phần này không thuộc" not in "\n".join(r.text for r in turn.replies)
    assert state.procedure == "ghi-chu-ly-hon-o-nuoc-ngoai"


def test_property_split_at_a_divorce_gets_the_court_not_a_will(ctx: Context) -> None:
    _, state = say(ctx, State(), "chứng thực di chúc ở đâu")
    turn, state = say(ctx, state, "thế chia tài sản vợ chồng khi ly hôn thì làm ở đâu")
    assert "Tòa án" in turn.replies[-1].text and turn.outcome == "unmet"
    assert state.procedure == "chung-thuc-di-chuc"
