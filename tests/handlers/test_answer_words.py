"""What a follow-up asks inside a procedure: the words of each part in their everyday forms, and
what answers when the citizen adds their own case, asks for one particular thing, or asks for a
part the procedure has no rule for."""

from __future__ import annotations

import pytest

from handlers import Context, Incoming, State, answer
from handlers.conversation import Conversation
from knowledge.answers import default_words, expand


def plan(ctx: Context, procedure_id: str, text: str) -> answer.Plan:
    conv = Conversation(Incoming("u", "test", text=text), State(), ctx)
    return answer.plan(conv, ctx.kb.procedures[procedure_id], text)


def test_a_phrase_with_choices_stands_for_each_of_them() -> None:
    assert sorted(expand("(dẫn|đưa) (con|bé) theo")) == [
        "dẫn bé theo",
        "dẫn con theo",
        "đưa bé theo",
        "đưa con theo",
    ]
    assert expand("có giấy (luôn|)") == ["có giấy luôn", "có giấy"]


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("co phai dan be len cong an ko", "in_person"),
        ("tôi là cháu đi khai được không", "proxy"),
        ("vợ tôi đi đổi hộ được không", "proxy"),
        ("bấm biển xong có giấy luôn không", "same_day"),
        ("báo muộn nhất lúc mấy giờ", "late"),
        ("không báo thì sao", "late"),
        ("đổi xong thẻ dùng đến bao giờ", "validity"),
        ("mỗi tháng được bao nhiêu tiền", "result"),
    ],
)
def test_everyday_forms_ask_for_their_part(text: str, part: str) -> None:
    assert [found.section for found in default_words().asked(text)][:1] == [part]


@pytest.mark.parametrize(
    "text",
    [
        "nhà có nuôi chó thì có sao không",
        "làm hộ chiếu ở đâu",
        "lam giay khai sinh cho con",  # "cho con" is not "chở con"
        "tôi muốn cho con làm căn cước",
        "em làm được không",
    ],
)
def test_words_that_only_look_like_a_part_ask_for_none(text: str) -> None:
    asked = {found.section for found in default_words().asked(text)}
    assert not asked & {"late", "proxy", "in_person"}


def test_an_answer_field_asked_answers_whatever_the_citizen_adds_of_their_case(
    ctx: Context,
) -> None:
    found = plan(ctx, "cap-phieu-ly-lich-tu-phap", "nhờ em gái đi làm hộ được không")
    assert found.section is not None and found.section.id == "proxy"


def test_a_particular_thing_the_part_does_not_say_is_quoted_from_where_it_is(
    ctx: Context,
) -> None:
    found = plan(ctx, "cap-ho-chieu-pho-thong", "gửi về nhà qua bưu điện được không")
    assert found.hits and all("bưu chính" in h.passage.text for h in found.hits)


def test_a_part_with_no_rule_is_answered_by_the_part_nearest_to_it(ctx: Context) -> None:
    assert ctx.kb.procedures["cap-doi-the-can-cuoc"].same_day is None
    found = plan(ctx, "cap-doi-the-can-cuoc", "có lấy ngay trong ngày được không")
    assert found.section is not None and found.section.id == "time"
