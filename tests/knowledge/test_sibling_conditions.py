"""Siblings told apart by the conditions their own procedures state, read from the message: who
the deceased was (a pension, a social pension), how many heirs share an estate, whether a shop
stops for a while or moves, which paper was lost. A condition the message says puts its
procedure before the sibling the matcher ranked first (``preferred`` rules with ``when`` in
``lexicon/siblings.yaml``); a message that says none leaves the matcher's answer alone."""

from __future__ import annotations

import pytest

from knowledge.matcher import Matcher, Outcome
from knowledge.situations import Preference


def rule(matcher: Matcher, answer: str, over: str) -> Preference:
    """The one rule that puts ``answer`` before ``over`` on a condition it names."""
    found = [r for r in matcher.situations.preferred.get(answer, ()) if over in r.over and r.when]
    assert len(found) == 1, (answer, over)
    return found[0]


def offered(matcher: Matcher, text: str) -> list[str]:
    result = matcher.match(text)
    assert result.outcome is Outcome.CLARIFY, result.outcome
    return [c.id for c in matcher.clarify_options(result)]


def test_a_sibling_the_message_prefers_is_asked_about_not_passed_over(matcher: Matcher) -> None:
    # the one filing of the death leads on its words; the pension told of the deceased says
    # the insurance's funeral allowance, close enough behind to be offered beside it
    text = "chồng tôi đang hưởng lương hưu thì mất hôm chủ nhật, nhận tiền mai táng ở đâu"
    assert "huong-tro-cap-mai-tang-bhxh" in offered(matcher, text)


def test_a_sibling_no_condition_prefers_leaves_the_answer(matcher: Matcher) -> None:
    result = matcher.match("làm liên thông khai tử, xóa thường trú và nhận mai táng phí")
    assert result.outcome is Outcome.ANSWER and result.best is not None
    assert result.best.id == "lien-thong-khai-tu-xoa-thuong-tru-mai-tang"


def test_a_pension_told_of_the_deceased_prefers_the_insurance_funeral_allowance(
    matcher: Matcher,
) -> None:
    preference = rule(
        matcher, "huong-tro-cap-mai-tang-bhxh", "lien-thong-khai-tu-xoa-thuong-tru-mai-tang"
    )
    assert preference.holds("bố tôi có lương hưu, vừa qua đời, lãnh tiền mai táng ở đâu")
    assert not preference.holds("bà tôi không có lương hưu, vừa qua đời")
    assert not preference.holds("bố có lương hưu vừa mất, muốn làm hết giấy tờ một lần")


def test_the_words_of_one_filing_prefer_the_package(matcher: Matcher) -> None:
    preference = rule(
        matcher, "lien-thong-khai-tu-xoa-thuong-tru-mai-tang", "ho-tro-mai-tang-huu-tri-xa-hoi"
    )
    assert preference.holds("ông mất, nhà muốn làm khai tử với tiền mai táng cùng lúc")
    assert not preference.holds("người có công mất được trợ cấp một lần bao nhiêu")


@pytest.mark.parametrize(
    ("text", "shared"),
    [
        ("hai anh em tôi muốn chia mảnh vườn bố để lại", True),
        ("bố mẹ mất, tôi là con một, nhận nhà thế nào", False),
    ],
)
def test_heirs_who_share_prefer_the_division_one_heir_the_declaration(
    matcher: Matcher, text: str, shared: bool
) -> None:
    division = "chung-thuc-van-ban-thoa-thuan-phan-chia-di-san"
    declaration = "chung-thuc-van-ban-khai-nhan-di-san"
    assert rule(matcher, division, declaration).holds(text) is shared
    assert rule(matcher, declaration, division).holds(text) is not shared


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "mẹ mất chưa kịp lập di chúc, ba chị em muốn chia căn nhà, chứng thực ở đâu",
            "chung-thuc-van-ban-thoa-thuan-phan-chia-di-san",
        ),
        ("bố tôi muốn lập di chúc để lại nhà cho các con", "chung-thuc-di-chuc"),
    ],
)
def test_a_will_said_not_to_exist_is_no_will_to_certify(
    matcher: Matcher, text: str, expected: str
) -> None:
    result = matcher.match(text)
    assert result.outcome is not Outcome.UNMET and result.best is not None
    assert result.best.id == expected


def test_a_plain_inheritance_transfer_stays_a_transfer(matcher: Matcher) -> None:
    result = matcher.match("sang tên sổ đỏ thừa kế của bố cần giấy tờ gì")
    assert result.outcome is Outcome.ANSWER and result.best is not None
    assert result.best.id == "dang-ky-bien-dong-chuyen-nhuong-thua-ke-tang-cho"


def test_a_land_title_burnt_among_the_papers_is_issued_again(matcher: Matcher) -> None:
    assert "cap-lai-gcn-do-bi-mat" in offered(
        matcher, "cháy nhà mất hết giấy tờ, cả sổ đỏ cũng cháy, giờ tính sao"
    )


def test_a_first_certificate_stays_first(matcher: Matcher) -> None:
    result = matcher.match("đất ông bà để lại chưa có sổ, giờ muốn làm sổ đỏ lần đầu")
    assert result.outcome is Outcome.ANSWER and result.best is not None
    assert result.best.id == "dang-ky-cap-gcn-lan-dau"


def test_land_bought_with_a_title_is_not_a_first_certificate(matcher: Matcher) -> None:
    preference = rule(matcher, "chung-thuc-hop-dong-giao-dich", "dang-ky-cap-gcn-lan-dau")
    assert preference.holds("mới chốt mua lô đất có sổ, giờ làm gì")
    assert not preference.holds("mua đất giấy tay chưa có sổ, làm sổ thế nào")


def test_an_agency_is_no_shop_closing_for_months(matcher: Matcher) -> None:
    # "quý cơ quan … tháng … nghỉ hưu": typed without its mark, "quan" is no "quán"
    events = matcher.situations.events(
        "Kính gửi quý cơ quan, bố tôi 59 tuổi 6 tháng, sắp nghỉ hưu, lương hưu tính thế nào"
    )
    assert "tam-ngung-kinh-doanh-ho-kinh-doanh" not in events
