"""A paper or step asked about as a means ("có cần xin giấy xác nhận độc thân không") once the
text has asked for its purpose weighs as context: the purpose is the need."""

from __future__ import annotations

from knowledge.matcher import Matcher, Outcome
from knowledge.normalize import default_normalizer


def best(matcher: Matcher, text: str) -> str | None:
    result = matcher.match(text)
    return result.best.id if result.best and result.outcome is not Outcome.UNMET else None


def context_words(text: str) -> list[str]:
    return [t.folded for t in default_normalizer().normalize(text).tokens if t.context]


def test_a_paper_asked_after_its_purpose_gives_way_to_the_purpose(matcher: Matcher) -> None:
    text = (
        "Vợ chồng tôi cưới nhau 10 năm chưa có con. Chúng tôi muốn nhận cháu ruột bên vợ làm "
        "con nuôi, có cần giấy xác nhận tình trạng hôn nhân không và làm ở xã được không?"
    )
    assert best(matcher, text) == "dang-ky-nuoi-con-nuoi-trong-nuoc"


def test_a_certified_translation_asked_after_a_marriage_gives_way_to_it(
    matcher: Matcher,
) -> None:
    text = (
        "Em sắp cưới bạn gái người Hàn Quốc, cô ấy đang ở Việt Nam. Em muốn hỏi đăng ký kết hôn "
        "thì nộp ở đâu, có cần chứng thực bản dịch hộ chiếu của cô ấy không ạ?"
    )
    assert best(matcher, text) == "dang-ky-ket-hon-yeu-to-nuoc-ngoai"


def test_the_purpose_may_be_asked_in_a_sentence_before(matcher: Matcher) -> None:
    text = (
        "em muon dang ky thuong tru vao nha co ruot o phuong. co phai ve que xin giay xac nhan "
        "thong tin cu tru khong a"
    )
    assert best(matcher, text) == "dang-ky-thuong-tru"


def test_a_paper_asked_about_first_is_what_is_asked(matcher: Matcher) -> None:
    text = (
        "Có cần xin giấy xác nhận tình trạng hôn nhân ở xã không, ngân hàng đòi để làm hồ sơ "
        "vay, xin mất bao lâu?"
    )
    assert best(matcher, text) == "cap-giay-xac-nhan-tinh-trang-hon-nhan"


def test_after_a_story_only_what_is_asked_is_the_need(matcher: Matcher) -> None:
    text = "Tôi ở trọ được hai tháng rồi, chủ nhà ở xa. Có phải đăng ký tạm trú không ạ?"
    assert best(matcher, text) == "dang-ky-tam-tru"
    assert context_words(text) == []


def test_what_is_no_paper_keeps_its_weight() -> None:
    text = "Tôi muốn ghi tên bố vào giấy khai sinh của con, có bắt buộc xét nghiệm ADN không?"
    assert context_words(text) == []


def test_unaccented_short_forms_ask_a_purpose() -> None:
    text = "gio e di lam giay khai sinh thay duoc ko, co can giay uy quyen cua bo me chau ko"
    assert context_words(text) == ["giay", "uy", "quyen", "cua", "bo", "me", "chau"]


def test_a_question_asking_nothing_done_names_no_purpose(matcher: Matcher) -> None:
    text = (
        "Thông tin như trên có đúng không? Khu vực nhà tôi có phải xin giấy phép xây dựng khi "
        "xây nhà hai tầng không?"
    )
    assert context_words(text) == []
    assert best(matcher, text) == "cap-giay-phep-xay-dung-nha-o-rieng-le"


def test_where_one_lives_is_no_need_of_its_own(matcher: Matcher) -> None:
    text = (
        "Con tôi sinh ở Hà Nội, vợ chồng tôi tạm trú ở đó nhưng thường trú ở Nam Định. Làm giấy "
        "khai sinh cho con ở phường tạm trú được không hay phải về quê?"
    )
    assert best(matcher, text) == "dang-ky-khai-sinh"


def test_a_residence_asked_for_keeps_its_weight(matcher: Matcher) -> None:
    assert best(matcher, "Xin giấy xác nhận nơi thường trú ở đâu ạ?") == (
        "xac-nhan-thong-tin-cu-tru"
    )
