"""Two or three needs told in one message: the first is answered, the others offered and kept for
"còn việc kia", "việc thứ hai"; a package asked by its parts, related procedures, a clause said
done and a message of one need keep their own answers."""

from __future__ import annotations

from handlers import Context, State
from handlers.state import Mode
from tests.handlers.talk import say

BIRTH = "dang-ky-khai-sinh"
RESIDENCE = "dang-ky-tam-tru"
MARRIAGE = "dang-ky-ket-hon"
RECORD = "cap-phieu-ly-lich-tu-phap"
PASSPORT = "cap-ho-chieu-pho-thong"
TWO = "cho em hỏi 2 việc: làm giấy khai sinh cho con và đăng ký tạm trú cho vợ"
THREE = "em muốn hỏi:\n1. đăng ký kết hôn\n2. xin phiếu lý lịch tư pháp\n3. làm hộ chiếu"


def test_the_first_need_is_answered_and_the_second_offered(ctx: Context) -> None:
    turn, state = say(ctx, State(), TWO)
    assert state.procedure == BIRTH
    assert state.later == [RESIDENCE]
    assert turn.replies[0].text.startswith("Bạn hỏi hai việc")
    assert "Đăng ký tạm trú" in turn.replies[0].text
    actions = [b.action for r in turn.replies for b in r.buttons]
    assert any(RESIDENCE in a for a in actions)


def test_the_other_need_is_taken_by_pointing_at_it(ctx: Context) -> None:
    turn, state = say(ctx, State(), TWO, "còn việc kia thì sao")
    assert state.procedure == RESIDENCE
    assert state.later == []
    assert "Đăng ký tạm trú" in turn.replies[-1].text


def test_the_other_need_is_answered_with_what_is_asked_of_it(ctx: Context) -> None:
    said = "tôi cần làm 2 việc là xin lý lịch tư pháp và làm hộ chiếu"
    turn, state = say(ctx, State(), said, "còn việc kia mất bao lâu")
    assert state.procedure == PASSPORT
    assert turn.replies[-1].text.startswith("⏱")


def test_the_third_need_is_taken_by_its_number(ctx: Context) -> None:
    _, state = say(ctx, State(), THREE)
    assert (state.procedure, state.later) == (MARRIAGE, [RECORD, PASSPORT])
    _, state = say(ctx, state, "việc thứ 3")
    assert (state.procedure, state.later) == (PASSPORT, [RECORD])
    _, state = say(ctx, state, "còn việc kia")
    assert (state.procedure, state.later) == (RECORD, [])


def test_pointing_at_another_need_when_none_waits_takes_none(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký kết hôn", "còn việc kia thì sao")
    assert state.procedure != RESIDENCE
    assert state.later == []


def test_a_package_asked_by_its_parts_stays_the_package(ctx: Context) -> None:
    turn, state = say(ctx, State(), "làm khai sinh, nhập khẩu, thẻ BHYT cho bé một lần")
    assert state.procedure == "lien-thong-khai-sinh-thuong-tru-bhyt"
    assert state.later == []
    assert not turn.replies[0].text.startswith("Bạn hỏi")


def test_related_procedures_are_no_two_needs(ctx: Context) -> None:
    turn, state = say(ctx, State(), "đăng ký tạm trú và gia hạn tạm trú")
    assert state.later == []
    assert not turn.replies[0].text.startswith("Bạn hỏi")


def test_a_clause_said_done_is_no_need(ctx: Context) -> None:
    turn, state = say(ctx, State(), "em đã đăng ký kết hôn và giờ muốn làm khai sinh cho con")
    assert state.procedure == BIRTH
    assert state.later == []
    assert not turn.replies[0].text.startswith("Bạn hỏi")


def test_a_state_stored_before_needs_were_kept_still_loads(ctx: Context) -> None:
    state = State.decode('{"version": 1, "mode": "procedure", "procedure": "dang-ky-khai-sinh"}')
    assert (state.mode, state.procedure, state.later) == (Mode.PROCEDURE, BIRTH, [])


def test_four_needs_in_one_list_are_no_needs_told_together(ctx: Context) -> None:
    said = (
        "em muốn hỏi:\n1. đăng ký kết hôn\n2. xin phiếu lý lịch tư pháp\n3. làm hộ chiếu\n"
        "4. đăng ký tạm trú"
    )
    turn, state = say(ctx, State(), said)
    assert state.later == []
    assert not turn.replies[0].text.startswith("Bạn hỏi")
