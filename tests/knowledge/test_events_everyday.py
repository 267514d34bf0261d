"""Life events told in everyday words lead to their procedures; a part of an event said right
after a negation is denied, not told."""

from __future__ import annotations

from knowledge.matcher import Matcher, Outcome
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


def test_a_phone_lost_with_the_identity_app_leads_to_locking_it(matcher: Matcher) -> None:
    found = matcher.match(
        "Sáng nay tôi làm rơi điện thoại ngoài chợ, máy vẫn đăng nhập VNeID, giờ phải làm gì?"
    )
    assert found.outcome is not Outcome.UNMET
    assert found.candidates[0].id == "khoa-mo-khoa-can-cuoc-dien-tu"


def test_a_paper_written_ahead_to_leave_a_house_is_a_will(matcher: Matcher) -> None:
    found = matcher.match(
        "Ông ngoại tôi 85 tuổi, muốn làm giấy để lại mảnh vườn cho cậu hai đang ở cùng, "
        "có cần ra xã xác nhận không?"
    )
    assert found.outcome is not Outcome.UNMET
    assert found.candidates[0].id == "chung-thuc-di-chuc"


def test_leaving_home_told_to_the_police_beforehand_is_a_temporary_absence(
    matcher: Matcher,
) -> None:
    found = matcher.match(
        "Em 20 tuổi, sắp vào Đồng Nai làm thợ hồ nửa năm, chú công an khu phố dặn trước khi đi "
        "phải báo công an. Em khai ở đâu?"
    )
    assert found.outcome is not Outcome.UNMET
    assert found.candidates[0].id == "khai-bao-tam-vang"


def test_a_worker_let_go_by_a_company_cutting_staff_is_unemployed(matcher: Matcher) -> None:
    found = matcher.match(
        "Tôi làm bảo vệ 5 năm, có đóng bảo hiểm. Công ty cắt giảm, tôi bị cho nghỉ từ đầu tháng, "
        "giờ chưa tìm được việc mới. Tôi nộp hồ sơ ở đâu?"
    )
    assert found.outcome is not Outcome.UNMET
    assert found.candidates[0].id == "huong-tro-cap-that-nghiep"


def test_a_student_moving_out_to_rent_a_room_registers_temporary_residence(
    matcher: Matcher,
) -> None:
    found = matcher.match(
        "Con tôi học năm nhất, vừa ra thuê phòng trọ gần trường, chủ trọ dặn tự lên khai với "
        "công an phường. Cháu cần mang giấy tờ gì?"
    )
    assert found.outcome is not Outcome.UNMET
    assert found.candidates[0].id == "dang-ky-tam-tru"
