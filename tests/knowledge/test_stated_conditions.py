"""A message that states the condition telling siblings apart, anywhere in it, is about the
sibling that condition names (``preferred`` rules with ``when`` in ``lexicon/siblings.yaml``,
read by ``Matcher._stated_condition``); a nationality said with "quốc tịch" is a foreign
element; the packages of a birth and of a death have no foreign element."""

from __future__ import annotations

from knowledge.matcher import Matcher, Outcome


def best(matcher: Matcher, text: str) -> str | None:
    found = matcher.match(text).best
    return found.id if found else None


def test_a_birth_certificate_with_the_mothers_name_only_is_a_recognition(matcher: Matcher) -> None:
    result = matcher.match("giấy khai sinh của cháu chỉ có tên mẹ, giờ anh ấy muốn nhận con")
    assert result.outcome is not Outcome.UNMET
    assert result.best is not None and result.best.id == "dang-ky-nhan-cha-me-con"


def test_a_birth_not_yet_registered_stays_with_the_recognition_at_birth(matcher: Matcher) -> None:
    # no birth registered: the condition of the recognition alone is not stated
    text = "con chưa làm khai sinh, bố mẹ chưa đăng ký kết hôn, muốn ghi tên bố vào khai sinh"
    assert best(matcher, text) == "dang-ky-khai-sinh-ket-hop-nhan-cha-me-con"


def test_a_copy_of_a_registered_paper_is_an_extract_not_the_registration(matcher: Matcher) -> None:
    assert best(matcher, "xin bản sao giấy kết hôn của ông bà nộp ở đâu") == (
        "cap-ban-sao-trich-luc-ho-tich"
    )


def test_the_registration_asked_without_a_copy_stays_the_registration(matcher: Matcher) -> None:
    assert best(matcher, "đăng ký kết hôn cần giấy tờ gì") == "dang-ky-ket-hon"


def test_an_error_in_a_birth_certificate_is_a_civil_status_correction(matcher: Matcher) -> None:
    result = matcher.match("giấy khai sinh của bố tôi bị ghi sai năm sinh, sửa lại thế nào")
    assert result.outcome is not Outcome.UNMET
    assert result.best is not None and result.best.id == "thay-doi-cai-chinh-bo-sung-ho-tich"


def test_an_error_in_a_land_title_stays_the_land_titles_correction(matcher: Matcher) -> None:
    assert best(matcher, "sổ đỏ bị ghi sai năm sinh của mẹ, sửa lại thế nào") == "dinh-chinh-gcn"


def test_a_marriage_to_come_with_a_foreigner_is_its_registration(matcher: Matcher) -> None:
    result = matcher.match("em sắp cưới anh người Hàn, đăng ký ở Việt Nam cần những gì")
    assert result.best is not None and result.best.id == "dang-ky-ket-hon-yeu-to-nuoc-ngoai"


def test_a_marriage_made_abroad_already_is_recorded(matcher: Matcher) -> None:
    text = "hai đứa đã kết hôn ở Nhật, giờ về nước sống thì làm thủ tục gì"
    assert best(matcher, text) == "ghi-chu-ket-hon-o-nuoc-ngoai"


def test_a_divorce_abroad_stays_the_divorce_recorded(matcher: Matcher) -> None:
    text = "tôi đã kết hôn rồi ly hôn ở Hàn, về nước muốn ghi vào sổ thì làm sao"
    assert best(matcher, text) == "ghi-chu-ly-hon-o-nuoc-ngoai"


def test_a_nationality_said_with_quoc_tich_is_a_foreign_element(matcher: Matcher) -> None:
    text = "bố cháu quoc tich han, cháu sinh ở bệnh viện tỉnh, làm khai sinh thế nào"
    assert best(matcher, text) == "dang-ky-khai-sinh-yeu-to-nuoc-ngoai"


def test_a_birth_with_no_foreign_element_stays_domestic(matcher: Matcher) -> None:
    text = "bé sinh ở bệnh viện tỉnh, bố mẹ đều ở quê, làm khai sinh thế nào"
    assert best(matcher, text) in {"dang-ky-khai-sinh", "lien-thong-khai-sinh-thuong-tru-bhyt"}


def test_the_package_of_a_death_yields_to_the_foreign_death(matcher: Matcher) -> None:
    text = "bố chồng em người Pháp vừa mất ở Việt Nam, làm giấy tờ một lần cho gọn"
    assert best(matcher, text) != "lien-thong-khai-tu-xoa-thuong-tru-mai-tang"


def test_a_stated_condition_lifts_the_sibling_it_names_over_the_leader(matcher: Matcher) -> None:
    scores = {"dang-ky-ket-hon-yeu-to-nuoc-ngoai": 0.6, "ghi-chu-ket-hon-o-nuoc-ngoai": 0.5}
    lifted = matcher._stated_condition("đã kết hôn ở Hàn rồi, về nước làm gì", scores)
    assert lifted == {"ghi-chu-ket-hon-o-nuoc-ngoai": True}
    assert scores["ghi-chu-ket-hon-o-nuoc-ngoai"] == 0.6
    assert scores["dang-ky-ket-hon-yeu-to-nuoc-ngoai"] < 0.6


def test_a_condition_does_not_lift_a_sibling_past_a_third_procedure(matcher: Matcher) -> None:
    # the condition tells two siblings apart, not what the text is about: a birth leads
    scores = {
        "dang-ky-khai-sinh-yeu-to-nuoc-ngoai": 0.7,
        "dang-ky-ket-hon-yeu-to-nuoc-ngoai": 0.6,
        "ghi-chu-ket-hon-o-nuoc-ngoai": 0.5,
    }
    before = dict(scores)
    text = "đã kết hôn ở Hàn rồi, giờ sinh con ở đây, làm khai sinh cho bé thế nào"
    assert matcher._stated_condition(text, scores) == {}
    assert scores == before


def test_a_leader_whose_condition_is_stated_is_chosen_as_it_stands(matcher: Matcher) -> None:
    # leading on its own words, it may be answered; its siblings stay on offer beside it
    scores = {"cap-ban-sao-trich-luc-ho-tich": 0.7, "dang-ky-ket-hon": 0.5}
    chosen = matcher._stated_condition("xin bản sao giấy kết hôn của ông bà", scores)
    assert chosen == {"cap-ban-sao-trich-luc-ho-tich": False}
    assert scores == {"cap-ban-sao-trich-luc-ho-tich": 0.7, "dang-ky-ket-hon": 0.5}


def test_a_condition_says_nothing_of_a_pair_the_text_is_hardly_about(matcher: Matcher) -> None:
    # "chuyển đi" in a story of wages: the move of a military registration leads, weakly
    scores = {
        "dang-ky-nghia-vu-quan-su-lan-dau": 0.27,
        "dang-ky-nghia-vu-quan-su-chuyen-di-chuyen-den": 0.3,
    }
    before = dict(scores)
    text = "công ty không chốt sổ bảo hiểm để nhân viên chuyển đi công ty khác"
    assert matcher._stated_condition(text, scores) == {}
    assert scores == before


def test_a_move_asked_with_the_old_residence_is_the_registration_at_the_new(
    matcher: Matcher,
) -> None:
    text = (
        "tôi cưới vợ ở Nam Định, giờ muốn chuyển hộ khẩu về nhà vợ, có phải xóa hộ khẩu ở quê "
        "trước không"
    )
    assert best(matcher, text) == "dang-ky-thuong-tru"


def test_a_tenant_gone_a_year_is_still_deleted_from_the_residence(matcher: Matcher) -> None:
    text = "người thuê nhà tôi đã chuyển đi hơn một năm, tôi muốn xóa hộ khẩu của họ ở nhà tôi"
    assert best(matcher, text) == "xoa-dang-ky-thuong-tru"


def test_a_copy_asked_with_the_original_burnt_comes_from_the_register(matcher: Matcher) -> None:
    text = (
        "bằng cử nhân của tôi cháy mất trong vụ hỏa hoạn, giờ cần bản sao bằng có chứng thực nộp "
        "hồ sơ xin việc"
    )
    result = matcher.match(text)
    assert result.outcome is not Outcome.ANSWER
    assert best(matcher, text) == "cap-ban-sao-tu-so-goc"


def test_a_copy_asked_with_the_original_kept_is_certified(matcher: Matcher) -> None:
    text = "tôi vẫn còn bản chính, muốn chứng thực bản sao giấy tờ thì ở đâu"
    assert best(matcher, text) == "chung-thuc-ban-sao-tu-ban-chinh"


def test_a_marriage_paper_worn_away_is_copied_not_registered(matcher: Matcher) -> None:
    text = "giấy kết hôn của bố mẹ tôi bị mục rách, đọc không ra chữ, xin giấy khác ở đâu"
    result = matcher.match(text)
    assert result.outcome is not Outcome.ANSWER
    assert best(matcher, text) == "cap-ban-sao-trich-luc-ho-tich"


def test_a_death_said_bi_mat_is_registered_not_copied(matcher: Matcher) -> None:
    assert best(matcher, "bố tôi bị mất hôm qua ở nhà, làm giấy khai tử ở đâu") == "dang-ky-khai-tu"
