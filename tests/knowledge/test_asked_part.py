"""A letter given up on that asks a part of its best procedure (where, what it costs) and names
that procedure's core in its asking sentences, naming no uncovered topic, is offered that
procedure (``Matcher._asks_its_part``); a story naming an uncovered topic, or an asking part
that asks no part of a procedure, leaves it given up."""

from __future__ import annotations

import pytest

from knowledge.base import KnowledgeBase
from knowledge.matcher import Matcher, Outcome

STORY = (
    "Dạ em chào anh chị. Tối qua em đi chợ đêm, chen lấn đông quá nên bị rạch balo, mất cái ví "
    "trong đó có thẻ căn cước với {what}. Em đã báo công an khu vực rồi. "
)


@pytest.fixture(scope="module")
def matcher(kb: KnowledgeBase) -> Matcher:
    return Matcher.build(kb.procedures.values())


def test_a_letter_asking_where_to_remake_its_card_is_offered_the_card(matcher: Matcher) -> None:
    asked = "Giờ em muốn làm lại thẻ thì làm ở đâu, có tốn phí không ạ?"
    text = STORY.format(what="ít tiền") + asked
    result = matcher.match(text)
    assert result.outcome is Outcome.CLARIFY
    assert result.best is not None and result.best.id == "cap-lai-the-can-cuoc"


def test_an_uncovered_topic_in_the_story_leaves_the_letter_given_up(matcher: Matcher) -> None:
    story = STORY.format(what="tiền lương tháng này")
    text = story + "Giờ em muốn làm lại thẻ thì làm ở đâu, có tốn phí không ạ?"
    assert matcher.match(text).outcome is Outcome.UNMET


def test_a_letter_that_asks_no_part_of_the_procedure_stays_given_up(matcher: Matcher) -> None:
    text = STORY.format(what="ít tiền") + "Giờ em muốn làm lại thẻ ạ."
    assert matcher.match(text).outcome is Outcome.UNMET
