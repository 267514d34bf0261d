"""A figure asked that one of the current procedure's own answer fields states is answered
there, not by switching to a sibling: "có phép rồi bao lâu phải khởi công" in the building
permit is its validity (12 months), though "bao lâu phải" names the citizen's deadline and the
renewal procedure speaks of it too."""

from __future__ import annotations

import pytest

from handlers import Context
from tests.handlers.talk import Dialogue, Say, case

PERMIT = "cap-giay-phep-xay-dung-nha-o-rieng-le"
RENEWAL = "gia-han-cap-lai-giay-phep-xay-dung"


@pytest.mark.parametrize(
    "dialogue",
    [
        case(
            "the field stating the figure answers",
            Say(
                "được cấp phép rồi thì bao lâu phải khởi công", procedure=PERMIT, holds=["12 tháng"]
            ),
            within=PERMIT,
        ),
        case(
            "the field asked keeps answering what it states",
            Say("xây trước rồi xin phép sau được không", procedure=PERMIT, holds=["xử phạt"]),
            within=PERMIT,
        ),
        case(
            "a sibling named by what it does still switches",
            Say(
                "giấy phép của nhà bên cạnh hết hạn khởi công rồi thì gia hạn thế nào",
                procedure=RENEWAL,
            ),
            within=PERMIT,
        ),
    ],
)
def test_a_figure_in_the_current_procedures_own_field(ctx: Context, dialogue: Dialogue) -> None:
    dialogue.play(ctx)
