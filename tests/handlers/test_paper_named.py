"""A follow-up that names another procedure's paper is read against what the current procedure's
own text says of it: a paper it lists as not needed, asked yes or no, is answered from it, and
"giấy đó" next points at that paper; where and how long that paper is got is the other
procedure's."""

from __future__ import annotations

import pytest

from handlers import Context, Incoming
from handlers.conversation import Conversation
from handlers.follow import not_needed
from handlers.state import State
from knowledge.matcher import MatchResult
from knowledge.schema import Procedure
from tests.handlers.talk import Dialogue, Say, case, told_in

MARRIAGE = "dang-ky-ket-hon"
SINGLE = "cap-giay-xac-nhan-tinh-trang-hon-nhan"


@pytest.mark.parametrize(
    "dialogue",
    [
        case(
            "not needed, unaccented",
            Say(
                "co can xin giay xac nhan doc than truoc khong vay", MARRIAGE, holds=["tự tra cứu"]
            ),
            within=MARRIAGE,
        ),
        case(
            "not needed, another procedure's list",
            Say("vậy có cần giấy xác nhận cư trú không ad", "doi-giay-phep-lai-xe", holds=["CT07"]),
            within="doi-giay-phep-lai-xe",
        ),
        case(
            "the paper pointed at next",
            Say("anh ấy có phải xin giấy xác nhận tình trạng hôn nhân ở quê không", MARRIAGE),
            Say("giấy đó dùng được bao lâu vậy", SINGLE, holds=["06 tháng"]),
            within=MARRIAGE,
        ),
        case(
            "where it is got",
            Say("công ty đòi giấy độc thân, xin cái đó ở đâu, mấy ngày có", SINGLE),
            within=MARRIAGE,
        ),
    ],
)
def test_paper_named(ctx: Context, dialogue: Dialogue) -> None:
    dialogue.play(ctx)


def test_pointer_lasts_one_turn(ctx: Context) -> None:
    _, state = told_in(ctx, MARRIAGE, "có cần giấy xác nhận độc thân không vậy", "lệ phí bao nhiêu")
    assert state.paper is None


def _read(
    ctx: Context, current: str, text: str
) -> tuple[Conversation, Procedure, str, MatchResult]:
    """A message asked while ``current`` is current, as the follow-ups read it."""
    conv = Conversation(Incoming("u", "test", text=text), State(), ctx)
    return conv, ctx.kb.procedures[current], text, ctx.matcher.match(text)


def test_qualified_item_is_no_answer(ctx: Context) -> None:
    """ "… của bên Việt Nam cư trú trong nước": whether it is needed depends on the case."""
    read = _read(
        ctx, "dang-ky-ket-hon-yeu-to-nuoc-ngoai", "em cũng cần giấy xác nhận độc thân không"
    )
    assert not_needed(*read) is None


def test_paper_unsaid_is_no_answer(ctx: Context) -> None:
    """ "chứng thực có mất phí không" is read as the copy's procedure, whose paper ("bản sao")
    the contract's procedure lists as not needed, but names no paper."""
    read = _read(ctx, "chung-thuc-hop-dong-giao-dich", "chứng thực có mất phí không")
    assert not_needed(*read) is None
