"""Life events told in everyday words lead to their procedures; a part of an event said right
after a negation is denied, not told."""

from __future__ import annotations

from knowledge.matcher import Matcher
from knowledge.situations import tells, typed_phrase, typed_words

NOT = (("khong",), ("chua",))


def test_a_part_said_right_after_a_negation_is_not_told() -> None:
    words = typed_words("sổ đỏ nhà tôi không bị mất, chỉ bị nhòe chữ")
    assert not tells(words, typed_phrase("sổ đỏ … bị mất"), negations=NOT)


def test_the_same_part_said_plainly_is_told() -> None:
    words = typed_words("sổ đỏ nhà tôi bị mất, giờ làm sao")
    assert tells(words, typed_phrase("sổ đỏ … bị mất"), negations=NOT)


def test_a_certificate_had_leads_to_the_allowance_first(matcher: Matcher) -> None:
    events = matcher.situations.events("Cháu bị khiếm thính, đã có giấy xác nhận khuyết tật.")
    assert events[0] == "tro-cap-xa-hoi-hang-thang"


def test_a_certificate_not_yet_had_leads_to_its_assessment_first(matcher: Matcher) -> None:
    events = matcher.situations.events("Cháu bị khiếm thính, chưa có giấy xác nhận khuyết tật.")
    assert events[0] == "xac-dinh-muc-do-khuyet-tat"


def test_the_allowance_asked_without_the_certificate_is_its_assessment(matcher: Matcher) -> None:
    found = matcher.match(
        "Cháu tôi 6 tuổi bị khiếm thính, chưa có giấy xác nhận khuyết tật. Muốn xin trợ cấp "
        "hàng tháng cho cháu thì bắt đầu từ đâu?"
    )
    assert found.candidates[0].id == "xac-dinh-muc-do-khuyet-tat"


def test_the_allowance_asked_with_the_certificate_is_the_allowance(matcher: Matcher) -> None:
    found = matcher.match(
        "Cháu tôi 6 tuổi bị khiếm thính, đã có giấy xác nhận khuyết tật. Muốn xin trợ cấp "
        "hàng tháng cho cháu thì làm sao?"
    )
    assert found.candidates[0].id == "tro-cap-xa-hoi-hang-thang"


def test_a_guest_staying_some_days_is_notified(matcher: Matcher) -> None:
    found = matcher.match("mấy đứa cháu xuống chơi ba hôm thì có cần báo ai không")
    assert found.candidates[0].id == "thong-bao-luu-tru"


def test_a_trip_of_ones_own_is_no_guest(matcher: Matcher) -> None:
    assert "thong-bao-luu-tru" not in matcher.situations.events("tôi đi chơi Đà Lạt 1 tuần")


def test_a_house_repaired_part_by_part_needs_the_repair_permit(matcher: Matcher) -> None:
    found = matcher.match(
        "nhà xuống cấp, muốn trổ thêm cửa sổ và xây lại tường rào có phải xin phép không"
    )
    assert found.candidates[0].id == "cap-giay-phep-sua-chua-cai-tao-cong-trinh"


def test_a_repair_told_as_the_reason_of_a_closure_is_the_closure(matcher: Matcher) -> None:
    found = matcher.match("tiệm may của tôi nghỉ 2 tháng để sửa nhà thì có phải báo ai không")
    assert found.candidates[0].id == "tam-ngung-kinh-doanh-ho-kinh-doanh"


def test_an_heir_not_taking_a_share_refuses_the_inheritance(matcher: Matcher) -> None:
    found = matcher.match(
        "ba tôi mất để lại miếng đất, chú út không lấy phần, để hết cho anh em tôi thì chú làm "
        "giấy gì"
    )
    assert found.candidates[0].id == "chung-thuc-van-ban-tu-choi-nhan-di-san"


def test_an_heir_taking_a_share_refuses_nothing(matcher: Matcher) -> None:
    events = matcher.situations.events("chú út muốn lấy phần của mình trong mảnh đất ông để lại")
    assert "chung-thuc-van-ban-tu-choi-nhan-di-san" not in events
