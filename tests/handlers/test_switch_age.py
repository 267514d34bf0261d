"""One person's age said while a procedure is current: the procedure of its group whose name sets
an age band (``lexicon/ages.yaml``) that holds it is answered; an age within the current one's
own band, or more than one age, stays with the current one."""

from __future__ import annotations

import pytest

from handlers import Context, State
from handlers.state import Mode
from tests.handlers.talk import say

HOUSEHOLD = "gia-han-bhyt-ho-gia-dinh"
CHILD_CARD = "cap-the-bhyt-tre-em-duoi-6-tuoi"
ID_UNDER_14 = "cap-the-can-cuoc-duoi-14-tuoi"
ID_FROM_14 = "cap-the-can-cuoc-tu-du-14-tuoi"


@pytest.mark.parametrize(
    ("before", "text", "after"),
    [
        (HOUSEHOLD, "thẻ của bé 3 tuổi nhà tôi thì có phải mua không", CHILD_CARD),
        (ID_FROM_14, "con tôi 10 tuổi thì sao", ID_UNDER_14),
        (ID_UNDER_14, "con tôi 10 tuổi thì sao", ID_UNDER_14),
        (ID_FROM_14, "hai đứa con tôi 10 tuổi và 16 tuổi thì sao", ID_FROM_14),
    ],
    ids=[
        "a sibling's band holds the age: the sibling",
        "outside the current band: the band that holds it",
        "within the current band: it stays",
        "two ages said: no band, it stays",
    ],
)
def test_an_age_said_is_answered_where_a_band_holds_it(
    ctx: Context, before: str, text: str, after: str
) -> None:
    _, state = say(ctx, State(mode=Mode.PROCEDURE, procedure=before), text)
    assert state.procedure == after
