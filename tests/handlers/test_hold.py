"""The conversation holds: the message after a clarify, a single candidate, follow-ups whose part
words resemble another procedure, corrections read next to the procedure they correct, going
back with a question, a hotline asked for, a miss that points to another procedure."""

from __future__ import annotations

from handlers import Context, Incoming, Kind, State, Turn, first, handle
from handlers.actions import Verb, act
from handlers.conversation import Conversation
from handlers.events import UnmetReason
from handlers.state import Mode
from tests.handlers.talk import say

BIRTH, DEATH, MARRIAGE = "dang-ky-khai-sinh", "dang-ky-khai-tu", "dang-ky-ket-hon"


def press(ctx: Context, state: State, action: str) -> tuple[Turn, State]:
    return handle(Incoming("u", "test", Kind.ACTION, action=action), state, ctx)


def text_of(turn: Turn) -> str:
    return "\n".join(r.text for r in turn.replies)


def actions(turn: Turn) -> list[str]:
    return [b.action for b in turn.replies[-1].buttons]


def offered(*ids: str) -> State:
    """The state after "Bạn muốn hỏi thủ tục nào dưới đây?" offered ``ids``."""
    return State(mode=Mode.CLARIFY, candidates=list(ids))


def test_after_a_clarify_a_question_goes_to_the_offered_procedure_it_fits(ctx: Context) -> None:
    turn, state = say(ctx, offered(BIRTH, DEATH), "có cần mang giấy báo tử không")
    assert state.procedure == DEATH and state.mode is Mode.PROCEDURE
    assert "Đăng ký khai tử" in text_of(turn)


def test_after_a_clarify_a_part_alone_answers_the_first_and_offers_the_others(
    ctx: Context,
) -> None:
    turn, state = say(ctx, offered(BIRTH, DEATH), "có mất phí không")
    assert state.procedure == BIRTH
    assert "💰 Lệ phí — Đăng ký khai sinh" in text_of(turn)
    assert act(Verb.PROCEDURE, DEATH) in actions(turn)


def test_after_a_clarify_another_need_named_clearly_is_matched_anew(ctx: Context) -> None:
    _, state = say(ctx, offered(BIRTH, DEATH), "đăng ký kết hôn cần giấy tờ gì")
    assert state.procedure == MARRIAGE


def test_after_a_clarify_words_that_fit_none_ask_again_briefly(ctx: Context) -> None:
    turn, state = say(ctx, offered(BIRTH, DEATH), "con mèo nhà tôi bị ốm")
    assert state.mode is Mode.CLARIFY and state.candidates == [BIRTH, DEATH]
    assert state.procedure is None and "chọn giúp mình" in text_of(turn)
    assert act(Verb.PROCEDURE, DEATH) in actions(turn)


def test_a_single_candidate_is_answered_with_a_way_to_say_it_is_not_that(ctx: Context) -> None:
    conv = Conversation(Incoming("u", "test", text="x"), State(), ctx)
    first.offer(conv, ["dang-ky-giam-ho"], "làm giám hộ cho cháu")
    turn, state = conv.finish(), conv.state
    assert state.procedure == "dang-ky-giam-ho"
    assert text_of(turn).startswith("Mình hiểu bạn hỏi về: Đăng ký giám hộ")
    assert act(Verb.NONE) in actions(turn)
    turn, state = press(ctx, state, act(Verb.NONE))
    assert state.procedure is None
    assert [u.reason for u in turn.unmet] == [UnmetReason.REJECTED]


def test_part_words_that_resemble_another_procedure_stay_with_the_current(ctx: Context) -> None:
    # "làm hộ" is how one asks someone to file; "hộ chiếu" is another procedure
    turn, state = say(ctx, State(), "xin phiếu lý lịch tư pháp", "nhờ em gái đi làm hộ được không")
    assert state.procedure == "cap-phieu-ly-lich-tu-phap"
    assert "ủy quyền" in text_of(turn)


def test_whether_another_procedure_is_needed_first_stays_with_the_current(ctx: Context) -> None:
    _, state = say(ctx, State(), "muốn chuyển hộ khẩu về nhà chồng")
    assert state.procedure == "dang-ky-thuong-tru"
    _, state = say(ctx, state, "có phải về quê cắt khẩu trước không")
    assert state.procedure == "dang-ky-thuong-tru"


def test_a_question_whose_words_name_another_procedure_switches(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký khai sinh", "làm hộ chiếu hết bao nhiêu tiền")
    assert state.procedure == "cap-ho-chieu-pho-thong"


def test_con_typed_without_diacritics_asks_about_another_procedure(ctx: Context) -> None:
    _, state = say(ctx, State(), "giấy phép bán lẻ rượu")
    _, state = say(ctx, state, "con ban thuoc la thi sao")
    assert state.procedure == "cap-giay-phep-ban-le-thuoc-la"


def test_a_correction_is_read_with_the_object_of_the_procedure_it_corrects(ctx: Context) -> None:
    _, state = say(ctx, State(), "mất căn cước rồi làm lại sao")
    assert state.procedure == "cap-lai-the-can-cuoc"
    turn, state = say(ctx, state, "à không, ý tôi là thẻ vẫn còn nhưng bị gãy đôi")
    assert state.procedure == "cap-doi-the-can-cuoc"
    assert [u.reason for u in turn.unmet] == [UnmetReason.REJECTED]
    assert "cap-lai-the-can-cuoc" not in state.recent


def test_a_bare_no_followed_by_a_pause_corrects(ctx: Context) -> None:
    _, state = say(ctx, State(), "mất căn cước rồi làm lại sao")
    turn, state = say(ctx, state, "à không, thẻ vẫn còn nhưng bị gãy đôi")
    assert state.procedure == "cap-doi-the-can-cuoc"
    assert [u.reason for u in turn.unmet] == [UnmetReason.REJECTED]


def test_a_bare_no_without_a_pause_is_a_question_not_a_correction(ctx: Context) -> None:
    _, state = say(ctx, State(), "mất căn cước rồi làm lại sao")
    turn, state = say(ctx, state, "không cần giấy tờ gì à")
    assert state.procedure == "cap-lai-the-can-cuoc"
    assert UnmetReason.REJECTED not in [u.reason for u in turn.unmet]


def test_rather_than_names_the_procedure_meant(ctx: Context) -> None:
    _, state = say(ctx, State(), "nhà bị cháy mất sổ đỏ rồi, làm lại thế nào")
    turn, state = say(ctx, state, "sổ bị rách chứ không mất thì làm gì")
    assert state.procedure == "cap-doi-gcn"
    assert [u.reason for u in turn.unmet] == [UnmetReason.REJECTED]


def test_rather_than_about_the_case_itself_is_a_question_not_a_correction(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký khai tử")
    turn, state = say(ctx, state, "ông mất ở nhà chứ không phải bệnh viện thì cần giấy gì")
    assert state.procedure == DEATH
    assert UnmetReason.REJECTED not in [u.reason for u in turn.unmet]


def test_going_back_with_a_question_answers_it_in_the_procedure_named(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký khai sinh", "thế còn đăng ký kết hôn thì sao")
    turn, state = say(ctx, state, "quay lại khai sinh, lệ phí bao nhiêu")
    assert state.procedure == BIRTH
    assert "Lệ phí" in text_of(turn) and "Đăng ký khai sinh" in text_of(turn)


def test_asking_for_a_hotline_offers_a_person_and_keeps_the_procedure(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký tạm trú")
    turn, state = say(ctx, state, "thôi để tôi gọi tổng đài hỏi, số nào vậy")
    assert "tổng đài" in text_of(turn) and state.asked == "human"
    assert state.procedure == "dang-ky-tam-tru" and act(Verb.HUMAN) in actions(turn)
    assert "1022" not in text_of(turn)  # no number the knowledge base does not hold


def test_asking_for_an_officer_in_everyday_words_requests_a_person(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký tạm trú")
    turn, _ = say(ctx, state, "thôi cho mình nói chuyện với cán bộ được không")
    assert "người hỗ trợ" in text_of(turn)


def test_a_miss_suggests_the_procedure_the_question_names(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký hộ kinh doanh")
    turn, state = say(ctx, state, "nếu bán thêm bia rượu thì phải xin thêm giấy gì")
    assert state.procedure == "dang-ky-thanh-lap-ho-kinh-doanh"
    assert "Có thể bạn cần thủ tục khác: Giấy phép bán lẻ rượu" in text_of(turn)
    assert act(Verb.PROCEDURE, "cap-giay-phep-ban-le-ruou") in actions(turn)
    assert [u.reason for u in turn.unmet] == [UnmetReason.NO_ANSWER]


def test_a_miss_with_nothing_named_suggests_nothing(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký tạm trú")
    turn, _ = say(ctx, state, "nhà có nuôi chó thì có sao không")
    assert "Có thể bạn cần thủ tục khác" not in text_of(turn)
