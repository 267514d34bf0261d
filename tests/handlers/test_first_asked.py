"""A first message that tells the citizen's case and asks one thing of the procedure gets that
thing: the conditions on age when an age is told and whether one may is asked, the card when
"làm sao ạ" stands as a sentence of its own, who may do it for the citizen when a relative at
home is asked to, who is bound to report when a landlord asks whether they must."""

from __future__ import annotations

import pytest

from handlers import Context
from handlers.answer import how_to
from tests.handlers.talk import Dialogue, Say, case

ASKED = [
    # "không có trợ cấp gì" meets a question-and-answer about two allowances; the age told and
    # "có được hưởng không" ask the condition on age
    case(
        "an_age_told_with_whether_one_may_gets_the_condition_on_age",
        Say(
            "Bà ngoại em 77 tuổi, không hưởng lương hưu, cũng không có trợ cấp gì cả. "
            "Bà có được hưởng chế độ hưu trí xã hội không?",
            procedure="tro-cap-huu-tri-xa-hoi",
            holds=["Từ đủ 75 tuổi"],
            lacks=["Không được nhận cả hai"],
            reply=-1,
        ),
    ),
    # the age tells the child's case; the passage the whole message meets best answers it
    case(
        "an_age_told_keeps_the_passage_that_meets_the_question_better",
        Say(
            "cháu nội 4 tuổi về ở với ông bà nội ở quê, "
            "nhập khẩu cho cháu vào nhà ông bà được không",
            procedure="dang-ky-thuong-tru",
            holds=["đồng ý"],
            lacks=["Điều kiện:"],
            reply=-1,
        ),
    ),
    case(
        "how_it_is_done_asked_in_a_sentence_of_its_own_gets_the_card",
        Say(
            "ông ngoại 80 tuổi rồi, không có lương hưu. Làm sao ạ",
            procedure="tro-cap-huu-tri-xa-hoi",
            holds=["Cần mang"],
            lacks=["Về điều bạn hỏi"],
            reply=-1,
        ),
    ),
    case(
        "a_relative_at_home_asked_to_do_it_gets_who_may_do_it",
        Say(
            "con đi xuất khẩu lao động, nhờ ba ở quê làm lý lịch tư pháp số 1 giúp được không",
            procedure="cap-phieu-ly-lich-tu-phap",
            holds=["không cần văn bản ủy quyền"],
            starts="🤝",
            reply=-1,
        ),
    ),
    case(
        "whether_a_landlord_must_report_gets_who_is_bound_to",
        Say(
            "nhà em cho thuê phòng, người thuê dọn đi hết rồi, "
            "chủ nhà có cần báo xóa tạm trú không",
            procedure="xoa-dang-ky-tam-tru",
            holds=["Chủ nhà cho thuê"],
            reply=-1,
        ),
    ),
    # going to the police, with no report named, still asks who must come
    case(
        "whether_one_must_go_with_nothing_to_report_still_asks_who_must_come",
        Say(
            "xóa tạm trú có phải đến công an không",
            procedure="xoa-dang-ky-tam-tru",
            starts="🧍",
            reply=-1,
        ),
    ),
    # "mất" before "đồng nào" costs: no death told beside the one the procedure is for
    case(
        "not_a_coin_asked_with_the_procedure_gets_its_fees",
        Say(
            "khai tu cho ong co mat dong nao ko",
            procedure="dang-ky-khai-tu",
            starts="💰",
            reply=-1,
        ),
    ),
]


@pytest.mark.parametrize("dialogue", ASKED)
def test_asked(ctx: Context, dialogue: Dialogue) -> None:
    dialogue.play(ctx)


@pytest.mark.parametrize(
    ("said", "asks_how"),
    [
        pytest.param("không có lương hưu. Làm sao ạ", True, id="a_sentence_of_its_own"),
        pytest.param("thì phải làm sao", True, id="after_then"),
        pytest.param(
            "làm sao biết mình đủ tuổi, có cần giấy gì không", False, id="not_the_last_clause"
        ),
    ],
)
def test_how_to(said: str, asks_how: bool) -> None:
    assert how_to(said) is asks_how
