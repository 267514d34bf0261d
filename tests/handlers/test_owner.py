"""A first message that asks one of a procedure's own questions is answered from that procedure,
even when the matcher, reading names only, puts a sibling first."""

from __future__ import annotations

from handlers import Context, Incoming, State, Turn, answer
from handlers.conversation import Conversation
from handlers.owner import OWNER_MIN, answered_in, holds, owner
from tests.handlers.talk import say


def offered(turn: Turn) -> list[str]:
    return [
        b.action.split(":", 1)[1] for r in turn.replies for b in r.buttons if b.action[:2] == "p:"
    ]


def test_the_procedure_holding_the_question_answers_it_over_a_sibling_named(ctx: Context) -> None:
    question = "nhà có tranh chấp thì có nhập hộ khẩu được không"
    assert (
        ctx.matcher.match(question).candidates[0].id
        == "xac-nhan-dien-tich-nha-o-dang-ky-thuong-tru"
    )
    turn, state = say(ctx, State(), question)
    assert state.procedure == "dang-ky-thuong-tru"
    assert "tranh chấp" in turn.replies[-1].text
    assert "xac-nhan-dien-tich-nha-o-dang-ky-thuong-tru" in offered(turn)  # a tap away


def test_a_question_among_several_offered_goes_to_the_one_holding_it(ctx: Context) -> None:
    question = "người nước ngoài có đăng ký thường trú ở phường được không"
    assert ctx.matcher.match(question).best is not None
    turn, state = say(ctx, State(), question)
    assert state.procedure == "dang-ky-thuong-tru"
    assert "Người nước ngoài" in turn.replies[-1].text


def test_an_answer_field_of_the_matchers_choice_keeps_the_question(ctx: Context) -> None:
    # "Đăng ký tạm trú" holds the question too, but the renewal's own field answers it
    turn, state = say(ctx, State(), "tạm trú sắp hết hạn thì phải gia hạn trước bao nhiêu ngày")
    assert state.procedure == "gia-han-tam-tru"
    assert "Mình trả lời theo thủ tục" not in turn.replies[0].text


def test_a_package_holding_the_question_leaves_it_to_the_procedure_itself(ctx: Context) -> None:
    _, state = say(ctx, State(), "làm khai sinh cho con có mất tiền không")
    assert state.procedure == "dang-ky-khai-sinh"


def test_the_lexicons_order_of_siblings_still_holds(ctx: Context) -> None:
    _, state = say(ctx, State(), "mất giấy đăng ký kết hôn rồi, xin lại được không")
    assert state.procedure == "cap-ban-sao-trich-luc-ho-tich"


def test_no_owner_when_no_candidates_question_is_close(ctx: Context) -> None:
    text = "làm giấy phép xây dựng nhà ở"
    assert owner(conversation(ctx, text), text, ctx.matcher.match(text)) is None


def test_owner_is_the_candidate_whose_question_is_asked(ctx: Context) -> None:
    text = "làm lại cccd có giữ số cũ không"
    found = owner(conversation(ctx, text), text, ctx.matcher.match(text))
    assert found is not None and found.id == "cap-lai-the-can-cuoc"


def conversation(ctx: Context, text: str) -> Conversation:
    return Conversation(Incoming("u", "test", text=text), State(), ctx)


def test_a_procedure_answers_a_part_asked_by_its_own_field(ctx: Context) -> None:
    text = "tạm trú sắp hết hạn thì phải gia hạn trước bao nhiêu ngày"
    proc = ctx.kb.procedures["gia-han-tam-tru"]
    assert answered_in(conversation(ctx, text), proc, text)


def test_a_passage_mentioning_the_words_is_no_answer_of_its_own(ctx: Context) -> None:
    text = "nhà có tranh chấp thì có nhập hộ khẩu được không"
    proc = ctx.kb.procedures["xac-nhan-dien-tich-nha-o-dang-ky-thuong-tru"]
    assert not answered_in(conversation(ctx, text), proc, text)


def test_a_question_naming_another_candidate_is_not_a_bare_question_of_its_own(
    ctx: Context,
) -> None:
    # "có cần sổ hộ khẩu không" is a question of "Đăng ký thường trú"; "khai tử" is not said there
    text = "khai tử có cần sổ hộ khẩu không"
    conv = conversation(ctx, text)
    close = answer.index(conv).faq(ctx.kb.procedures["dang-ky-thuong-tru"], text)
    assert close is not None and close[1] >= OWNER_MIN
    assert owner(conv, text, ctx.matcher.match(text)) is None


def test_a_follow_up_the_current_procedure_holds_stays_with_it(ctx: Context) -> None:
    # the question's own words match the alias "xác nhận nhà không tranh chấp để nhập khẩu"
    turn, state = say(
        ctx, State(), "đăng ký thường trú", "nhà có tranh chấp thì có nhập hộ khẩu được không"
    )
    assert state.procedure == "dang-ky-thuong-tru"
    assert "tranh chấp" in turn.replies[-1].text


def test_a_follow_up_naming_another_that_the_current_does_not_hold_moves(ctx: Context) -> None:
    text = "xin xác nhận diện tích nhà để nhập khẩu"
    current = ctx.kb.procedures["dang-ky-thuong-tru"]
    assert not holds(conversation(ctx, text), current, text)
    _, state = say(ctx, State(), "đăng ký thường trú", text)
    assert state.procedure == "xac-nhan-dien-tich-nha-o-dang-ky-thuong-tru"
