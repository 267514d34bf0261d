"""A part asked with nothing beside it but the people the citizen's case is told by ("xã của
bố", "vợ chồng em", "cho cháu") is answered by that part, not by a passage that happens to
name the same person; a question that says more than its people keeps the passage."""

from __future__ import annotations

from handlers import Context
from knowledge.answers import default_words
from tests.handlers.talk import reply_in

DEATH = "dang-ky-khai-tu"
MARRIAGE = "dang-ky-ket-hon"
GUARDIAN = "dang-ky-giam-ho"


def test_two_communes_said_by_whose_they_are_ask_the_place(ctx: Context) -> None:
    text = reply_in(ctx, DEATH, "khai ở phường của bố hay phường của mẹ")
    assert text.startswith("📍")
    assert "cư trú cuối cùng" in text


def test_the_papers_asked_for_a_couple_are_the_papers(ctx: Context) -> None:
    text = reply_in(ctx, MARRIAGE, "vợ chồng em cần mang theo những gì")
    assert text.startswith("📄")


def test_the_place_named_once_and_the_other_by_whose_alone_asks_the_place(
    ctx: Context,
) -> None:
    asked = [f.section for f in default_words().asked("nộp ở phường của cháu hay của chú")]
    assert "place" in asked
    assert reply_in(ctx, GUARDIAN, "nộp ở phường của cháu hay của chú").startswith("📍")


def test_a_question_that_says_more_than_its_people_keeps_the_passage(ctx: Context) -> None:
    text = reply_in(ctx, DEATH, "bố mất ở nhà thì xin giấy báo tử ở đâu")
    assert not text.startswith("📍")
    assert "Giấy báo tử" in text


def test_the_hour_to_tell_the_police_by_is_the_deadline_not_the_desk(ctx: Context) -> None:
    text = reply_in(
        ctx, "thong-bao-luu-tru", "khách đến ở qua đêm thì tôi báo công an trước mấy giờ"
    )
    assert not text.startswith("📍")
    assert "23 giờ" in text
