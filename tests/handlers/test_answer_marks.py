"""Details asked inside a procedure: a word typed with its marks meets only the same word in the
guidance ("tính" is not "tỉnh"); the part asked answers with its own passage; a class of words
("{doing}") stands for all the verbs of what is done at the desk; who issues a paper is where
it is got; an ordinal typed as a figure is the ordinal the guidance spells out."""

from __future__ import annotations

import pytest

from handlers import Context
from knowledge.answers import classed, default_words, index_for
from tests.handlers.talk import plan_in as plan

LAND_USE = "chuyen-muc-dich-su-dung-dat"
DEATH = "dang-ky-khai-tu"
BUSINESS = "dang-ky-thanh-lap-ho-kinh-doanh"
WILL = "chung-thuc-di-chuc"
LEVY = "tiền sử dụng đất tính thế nào"


def _province_only(ctx: Context, text: str) -> list[str]:
    """The terms of the passages that say "tỉnh" and never "tính", as the question meets them."""
    hits = index_for(ctx.kb.procedures).search(ctx.kb.procedures[LAND_USE], text)
    return [
        t
        for h in hits
        if "tỉnh" in h.passage.text.lower() and "tính" not in h.passage.text.lower()
        for t in h.terms
    ]


def test_a_word_typed_with_its_marks_does_not_meet_another_spelling(ctx: Context) -> None:
    assert "tinh" not in _province_only(ctx, LEVY)


def test_a_word_typed_without_marks_meets_every_spelling(ctx: Context) -> None:
    assert "tinh" in _province_only(ctx, "tien su dung dat tinh the nao")


def test_the_part_asked_answers_with_its_own_passage(ctx: Context) -> None:
    found = plan(ctx, LAND_USE, LEVY)
    assert found.hits and {h.passage.section for h in found.hits} == {"fees"}
    assert any("cơ quan thuế" in h.passage.text.lower() for h in found.hits)


def test_a_question_variant_typed_without_marks_meets_every_spelling(ctx: Context) -> None:
    found = plan(ctx, BUSINESS, "mỗi người được đứng tên bao nhiêu hộ kinh doanh")
    assert found.hits and "chỉ được đăng ký một hộ" in found.hits[0].passage.text


def test_a_class_stands_for_a_choice_of_its_words() -> None:
    assert classed("{doing} hộ", {"doing": ["nộp", "ký"]}) == "(nộp|ký) hộ"
    with pytest.raises(ValueError, match="no class"):
        classed("{doin} hộ", {"doing": ["nộp"]})


def test_a_relative_alone_asks_no_part() -> None:
    assert not default_words().asked("tôi là con trai út trong nhà")


def test_another_doing_it_for_one_asks_the_proxy_part(ctx: Context) -> None:
    found = plan(ctx, WILL, "tôi mang di chúc lên phường xin chứng thực giùm được không")
    assert found.section is not None and found.section.id == "proxy"


def test_who_issues_a_paper_is_where_it_is_got(ctx: Context) -> None:
    found = plan(ctx, DEATH, "bà mất ở nhà thì ai cấp giấy báo tử")
    assert found.paper is not None and found.paper.name.startswith("Giấy báo tử")


def test_who_issues_without_a_paper_of_the_procedure_is_no_paper(ctx: Context) -> None:
    assert plan(ctx, DEATH, "cái này ai cấp").paper is None


def test_an_ordinal_typed_as_a_figure_is_the_ordinal_spelt_out() -> None:
    words = default_words()
    assert words.terms("người thứ 2") == words.terms("người thứ hai")
    assert words.terms("người thứ 2") != words.terms("người thứ ba")
