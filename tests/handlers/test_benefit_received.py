"""A benefit's money asked is the amount received, not a fee: its sum asked in any unit ("được
hỗ trợ bao nhiêu tiền", "mấy triệu"), or whether it is paid at all ("nhà có được hỗ trợ tiền chôn
cất không"), is answered by what the citizen receives; a "có được hỗ trợ" that asks another
part still opens with that part."""

from __future__ import annotations

import pytest

from handlers import Context, texts
from tests.handlers.talk import reply_in as ask

OLD_AGE_FUNERAL = "ho-tro-mai-tang-huu-tri-xa-hoi"  # pays 10.000.000 đ once; charges nothing
SOCIAL_FUNERAL = "ho-tro-chi-phi-mai-tang-bao-tro-xa-hoi"  # 20 times the social assistance base
RESIDENCE = "dang-ky-thuong-tru"  # pays nothing out


@pytest.mark.parametrize(
    ("procedure", "said", "figure"),
    [
        (OLD_AGE_FUNERAL, "gia đình được hỗ trợ bao nhiêu tiền", "10.000.000"),
        (OLD_AGE_FUNERAL, "nhà nước hỗ trợ được mấy triệu", "10.000.000"),
        (OLD_AGE_FUNERAL, "con cháu có được nhận tiền hỗ trợ không", "10.000.000"),
        (SOCIAL_FUNERAL, "giờ nhà có được hỗ trợ tiền chôn cất không", "20 lần mức chuẩn"),
    ],
)
def test_a_benefits_money_is_what_is_received(
    ctx: Context, procedure: str, said: str, figure: str
) -> None:
    reply = ask(ctx, procedure, said)
    assert reply.startswith(texts.LABEL_RESULT)
    assert figure in reply


def test_help_asked_with_another_part_named_opens_with_that_part(ctx: Context) -> None:
    reply = ask(ctx, RESIDENCE, "có được hỗ trợ làm online không")
    assert not reply.startswith(texts.LABEL_RESULT)
