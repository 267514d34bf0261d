"""A paper pointed at while a procedure is current ("thẻ này", "giấy đó") is that procedure's
own, not a sibling's; a paper of another kind named by its own word ("thẻ bhyt") is that
other procedure's, not the current one's re-issue."""

from __future__ import annotations

import pytest

from handlers import Context
from tests.handlers.talk import Dialogue, Say, case

TURNS = [
    case(
        "the_card_pointed_at_asked_when_to_change_is_the_current_one",
        Say("làm căn cước lần đầu khi đủ 14 tuổi", procedure="cap-the-can-cuoc-tu-du-14-tuoi"),
        Say("thẻ này dùng đến bao giờ thì phải đổi", procedure="cap-the-can-cuoc-tu-du-14-tuoi"),
    ),
    case(
        "the_card_pointed_at_is_no_fact_told_of_a_related_one",
        Say("mất căn cước rồi làm lại tốn bao nhiêu", procedure="cap-lai-the-can-cuoc"),
        Say(
            "thẻ này làm xong có dùng luôn được không hay phải đổi nữa",
            procedure="cap-lai-the-can-cuoc",
        ),
    ),
    case(
        "the_card_pointed_at_said_lost_is_still_reissued",
        Say("làm căn cước lần đầu khi đủ 14 tuổi", procedure="cap-the-can-cuoc-tu-du-14-tuoi"),
        Say("thẻ này mà bị mất thì làm lại thế nào", procedure="cap-lai-the-can-cuoc"),
    ),
    case(
        "a_lost_card_of_another_kind_is_not_the_current_ones_reissue",
        Say("con tôi 4 tuổi làm căn cước thế nào", procedure="cap-the-can-cuoc-duoi-14-tuoi"),
        Say("thẻ bhyt của cháu bị mất thì xin cấp lại ở đâu", procedure="cap-lai-doi-the-bhyt"),
    ),
    case(
        "a_lost_card_of_the_current_kind_is_its_reissue",
        Say("con tôi 4 tuổi làm căn cước thế nào", procedure="cap-the-can-cuoc-duoi-14-tuoi"),
        Say("căn cước của cháu bị mất thì xin cấp lại ở đâu", procedure="cap-lai-the-can-cuoc"),
    ),
]


@pytest.mark.parametrize("dialogue", TURNS)
def test_turn(ctx: Context, dialogue: Dialogue) -> None:
    dialogue.play(ctx)
