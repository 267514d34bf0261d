"""Siblings of insurance, education and licensing papers that first messages confuse, told
apart by the conditions their procedures state (``lexicon/siblings.yaml``, ``situations.yaml``):
the insured parent's maternity pay beside the birth's papers, the insurance's funeral allowance
beside the death's filings, a diploma's copy beside the driving licence, beer beside the
alcohol licence."""

from __future__ import annotations

import pytest

from knowledge.matcher import Matcher, Outcome


def _prefers(matcher: Matcher, answer: str, other: str, text: str) -> bool:
    return any(
        other in rule.over and rule.holds(text)
        for rule in matcher.situations.preferred.get(answer, ())
    )


def test_a_pensioner_who_died_offers_the_insurance_funeral_allowance(matcher: Matcher) -> None:
    result = matcher.match("ông ngoại đang hưởng lương hưu thì qua đời, con cháu được nhận gì")
    assert result.outcome is Outcome.CLARIFY
    ids = {c.id for c in matcher.clarify_options(result)}
    assert "huong-tro-cap-mai-tang-bhxh" in ids


def test_a_death_with_no_pension_said_does_not_offer_the_insurance_allowance(
    matcher: Matcher,
) -> None:
    result = matcher.match("bố tôi mất hôm qua, cần làm những thủ tục gì")
    assert "huong-tro-cap-mai-tang-bhxh" not in {c.id for c in result.candidates[:3]}


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("anh đang đóng bhxh ở xưởng, vợ sinh con thì anh được nghỉ không", True),
        ("vợ mới sinh bé, làm khai sinh cho bé ở đâu", False),
    ],
)
def test_an_insured_parent_of_a_birth_is_the_maternity_benefit(
    matcher: Matcher, text: str, holds: bool
) -> None:
    assert _prefers(matcher, "huong-che-do-thai-san", "dang-ky-khai-sinh", text) is holds


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("thất lạc bằng cao đẳng, muốn làm lại bằng thì sao", True),
        ("mất bằng lái xe máy, cấp lại bằng ở đâu", False),
    ],
)
def test_a_school_diploma_is_not_the_driving_licence(
    matcher: Matcher, text: str, holds: bool
) -> None:
    assert _prefers(matcher, "cap-ban-sao-tu-so-goc", "cap-lai-giay-phep-lai-xe", text) is holds


@pytest.mark.parametrize(
    ("text", "business", "licence"),
    [
        ("mở quán ốc nhỏ, có bán thêm bia chai", True, False),
        ("tiệm tạp hóa muốn bán thêm rượu đóng chai", False, True),
        ("quán nhậu bán cả rượu và bia", False, True),
    ],
)
def test_beer_is_no_alcohol_licence_but_spirits_are(
    matcher: Matcher, text: str, business: bool, licence: bool
) -> None:
    ruou, hkd = "cap-giay-phep-ban-le-ruou", "dang-ky-thanh-lap-ho-kinh-doanh"
    assert _prefers(matcher, hkd, ruou, text) is business
    assert _prefers(matcher, ruou, hkd, text) is licence
