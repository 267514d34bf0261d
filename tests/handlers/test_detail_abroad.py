"""A detail the current procedure states in a field of its own (who must come, a proxy), asked
with a place abroad the citizen's family is in, stays with the current procedure while the
matcher hesitates among the procedures with a foreign element; a message that names another
procedure's object beside such a detail still leaves it."""

from __future__ import annotations

from handlers import Context, Incoming, State, handle
from handlers.state import Mode
from tests.handlers.talk import reply_in

ESTATE = "chung-thuc-van-ban-thoa-thuan-phan-chia-di-san"


def test_one_heir_abroad_is_asked_of_the_division(ctx: Context) -> None:
    text = reply_in(ctx, ESTATE, "anh hai em định cư bên Úc lâu rồi, không về được thì sao")
    assert "ủy quyền" in text


def test_a_record_asked_for_from_abroad_stays_with_the_record(ctx: Context) -> None:
    said = "mình đang làm việc ở Đài Loan, nhờ mẹ ở quê xin giùm được không"
    text = reply_in(ctx, "cap-ban-sao-trich-luc-ho-tich", said)
    assert "Nhờ người làm thay" in text or "ủy quyền" in text


def test_another_procedure_named_beside_a_detail_still_leaves(ctx: Context) -> None:
    state = State(mode=Mode.PROCEDURE, procedure="dang-ky-khai-sinh")
    said = "tiện hỏi luôn thẻ bảo hiểm y tế cho bé thì làm ở đâu, có phải đóng tiền ko"
    _, after = handle(Incoming("u", "test", text=said), state, ctx)
    assert after.procedure != "dang-ky-khai-sinh"


def test_another_paper_asked_for_where_no_place_abroad_is_told_leaves(ctx: Context) -> None:
    state = State(mode=Mode.PROCEDURE, procedure="cap-lai-the-can-cuoc")
    said = "ngan hang doi giay xac nhan so cmnd 9 so cu de doi thong tin, xin o dau"
    _, after = handle(Incoming("u", "test", text=said), state, ctx)
    assert after.procedure == "xac-nhan-so-cmnd-9-so"
