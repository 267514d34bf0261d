"""The thread of a conversation: follow-ups stay with the current procedure, switching, going
back, misses that keep the procedure, offers of a person, small talk."""

from __future__ import annotations

import pytest

from handlers import Context, Incoming, Kind, State, Turn, handle
from handlers.actions import RELAYED, Verb
from handlers.events import UnmetReason
from handlers.general import TOPIC_PAGE
from handlers.intents import back_to, switch_target
from handlers.routes import ACTIONS
from handlers.state import RECENT
from tests.handlers.talk import say


def press(ctx: Context, state: State, action: str) -> tuple[Turn, State]:
    return handle(Incoming("u", "test", Kind.ACTION, action=action), state, ctx)


def reasons(turn: Turn) -> list[str]:
    return [u.reason.value for u in turn.unmet]


def test_section_words_follow_the_current_procedure(ctx: Context) -> None:
    turn, state = say(ctx, State(), "làm giấy khai sinh cho con", "giấy tờ cần gì")
    assert state.procedure == "dang-ky-khai-sinh"
    assert "Giấy chứng sinh" in turn.replies[-1].text
    assert "Chứng thực bản sao" not in turn.replies[-1].text


def test_section_words_alone_pick_no_procedure(ctx: Context) -> None:
    turn, state = say(ctx, State(), "giấy tờ cần gì")
    assert state.procedure is None and "thủ tục nào" in turn.replies[-1].text
    assert not turn.unmet


def test_a_miss_keeps_the_procedure_for_the_next_follow_up(ctx: Context) -> None:
    turn, state = say(ctx, State(), "đăng ký tạm trú", "con mèo nhà tôi bị ốm")
    assert state.procedure == "dang-ky-tam-tru" and turn.outcome == "unmet"
    turn, state = say(ctx, state, "nộp ở đâu")
    assert turn.replies[-1].text.startswith("📍 Nơi nộp — Đăng ký tạm trú")


def test_then_what_about_switches_and_back_returns(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký khai sinh", "thế còn đăng ký kết hôn thì sao")
    assert state.procedure == "dang-ky-ket-hon" and state.recent == ["dang-ky-khai-sinh"]
    turn, state = say(ctx, state, "quay lại khai sinh")
    assert state.procedure == "dang-ky-khai-sinh" and "Đăng ký khai sinh" in turn.replies[-1].text
    _, state = say(ctx, state, "lúc nãy")
    assert state.procedure == "dang-ky-ket-hon"


def test_switching_keeps_the_section_being_read(ctx: Context) -> None:
    _, state = say(ctx, State(), "làm hộ chiếu hết bao nhiêu tiền")
    turn, state = say(ctx, state, "thế còn lý lịch tư pháp thì sao")
    assert state.procedure == "cap-phieu-ly-lich-tu-phap"
    assert turn.replies[-1].text.startswith("💰 Lệ phí")


def test_back_with_a_question_answers_it_there(ctx: Context) -> None:
    _, state = say(ctx, State(), "xin phiếu lý lịch tư pháp", "thế còn hộ chiếu thì sao")
    turn, state = say(ctx, state, "quay lại lý lịch tư pháp, mất mấy ngày")
    assert state.procedure == "cap-phieu-ly-lich-tu-phap"
    text = turn.replies[-1].text  # its time, as the section or as its faq answer
    assert "Xin phiếu lý lịch tư pháp" in text.splitlines()[0] and "10 ngày" in text


def test_back_with_nothing_before_says_so(ctx: Context) -> None:
    turn, state = say(ctx, State(), "quay lại cái lúc nãy")
    assert state.procedure is None and "chưa nói" in turn.replies[-1].text


def test_only_the_last_procedures_are_kept(ctx: Context) -> None:
    state = State()
    for text in ("đăng ký khai sinh", "đăng ký kết hôn", "đăng ký khai tử", "làm hộ chiếu"):
        _, state = say(ctx, state, text)
    _, state = say(ctx, state, "đăng ký tạm trú")
    assert len(state.recent) == RECENT and "dang-ky-khai-sinh" not in state.recent


def test_a_paper_named_inside_a_procedure_does_not_switch(ctx: Context) -> None:
    _, state = say(ctx, State(), "vợ mới cưới muốn nhập khẩu về nhà chồng")
    _, state = say(ctx, state, "có cần giấy đăng ký kết hôn không")
    assert state.procedure == "dang-ky-thuong-tru"


def test_a_clear_new_need_switches(ctx: Context) -> None:
    turn, state = say(ctx, State(), "đăng ký tạm trú", "làm hộ chiếu cần giấy tờ gì")
    assert state.procedure == "cap-ho-chieu-pho-thong"
    assert turn.replies[-1].text.startswith("📄 Giấy tờ cần chuẩn bị — Làm hộ chiếu")


def test_repeated_misses_offer_a_person_and_only_yes_opens_a_ticket(ctx: Context) -> None:
    turn, state = say(ctx, State(), "đăng ký thường trú", "nhà có nuôi chó thì có sao không")
    assert reasons(turn) == ["no_answer_in_procedure"] and state.asked is None
    turn, state = say(ctx, state, "hàng xóm hay hát karaoke thì có sao không")
    assert "muốn gặp người hỗ trợ" in turn.replies[-1].text and state.asked == "human"
    assert UnmetReason.HANDOFF.value not in reasons(turn)
    turn, after_no = say(ctx, state, "không")
    assert not turn.unmet and after_no.procedure == "dang-ky-thuong-tru"
    turn, _ = say(ctx, state, "có")
    assert reasons(turn) == ["handoff"]


def test_bare_no_after_an_answer_is_not_a_rejection(ctx: Context) -> None:
    turn, state = say(ctx, State(), "đăng ký kết hôn", "không")
    assert not turn.unmet and state.procedure == "dang-ky-ket-hon"


def test_no_then_a_correction_is_still_a_correction(ctx: Context) -> None:
    turn, state = say(ctx, State(), "đăng ký kết hôn", "không phải, ý tôi là đăng ký khai tử")
    assert reasons(turn) == ["rejected"] and state.procedure == "dang-ky-khai-tu"


@pytest.mark.parametrize(
    "text",
    [
        "cảm ơn nhé",
        "cảm ơn nha",
        "cảm ơn ạ",
        "ok cảm ơn bạn nhiều",
        "thôi cảm ơn nha",
        "cảm ơn cháu",
        "cám ơn cô nhiều nhé",
    ],
)
def test_everyday_thanks(ctx: Context, text: str) -> None:
    turn, state = say(ctx, State(), "đăng ký kết hôn", text)
    assert "Không có gì" in turn.replies[-1].text and not turn.unmet
    assert state.procedure == "dang-ky-ket-hon"


def test_asking_for_a_person_in_own_words(ctx: Context) -> None:
    turn, _ = say(ctx, State(), "chứng thực chữ ký", "cho tôi gặp nhân viên")
    assert reasons(turn) == ["handoff"]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("thế còn đăng ký kết hôn thì sao", "dang ky ket hon"),
        ("còn lệ phí thì sao", "le phi"),
        ("vậy còn làm hộ chiếu thì thế nào", "lam ho chieu"),
        ("con mèo nhà tôi bị ốm thì làm sao", None),
        ("con tôi 5 tuổi", None),
    ],
)
def test_switch_frames(text: str, target: str | None) -> None:
    assert switch_target(text) == target


def test_back_frames() -> None:
    back = back_to("quay lại thủ tục trước, lệ phí bao nhiêu")
    assert back is not None and back.earlier and back.question == "le phi bao nhieu"
    named = back_to("quay lại cái khai sinh, ngoài giấy chứng sinh còn cần gì")
    assert named is not None and not named.earlier and named.rest == "cai khai sinh"
    assert named.question == "ngoai giay chung sinh con can gi"
    assert back_to("làm lại căn cước bị mất") is None


@pytest.mark.parametrize("text", ["😀😀", "7", "how much does it cost", "x" * 2000])
def test_odd_input_keeps_the_procedure(ctx: Context, text: str) -> None:
    _, state = say(ctx, State(), "đăng ký tạm trú")
    state.offered = []  # a channel that showed no options
    turn, state = say(ctx, state, text)
    assert turn.replies and all(r.text.strip() for r in turn.replies)
    assert state.procedure == "dang-ky-tam-tru"


def test_every_button_verb_has_a_handler() -> None:
    assert set(ACTIONS) == set(Verb) - RELAYED  # the relay's verbs never reach a route


def test_a_topic_lists_six_then_more(ctx: Context) -> None:
    topic = ctx.menu.topics[0]
    turn, state = press(ctx, State(), f"t:{topic.id}")
    buttons = turn.replies[-1].buttons
    assert len(buttons) == TOPIC_PAGE + 1 and buttons[-1].action == f"more:{topic.id}@6"
    turn, _ = press(ctx, state, buttons[-1].action)
    later = {b.label for b in turn.replies[-1].buttons}
    assert later and not later & {b.label for b in buttons[:-1]}


def test_a_part_asked_about_something_the_procedure_never_mentions(ctx: Context) -> None:
    turn, state = say(ctx, State(), "đăng ký kết hôn", "giấy tờ khi đón con chào đời")
    assert "chưa có chi tiết này" in turn.replies[-1].text and turn.unmet
    assert state.procedure == "dang-ky-ket-hon"


def test_switching_to_a_bare_name_picks_the_paper_itself(ctx: Context) -> None:
    _, state = say(ctx, State(), "làm hộ chiếu")
    _, state = say(ctx, state, "còn khai tử thì sao")
    assert state.procedure == "dang-ky-khai-tu"  # not "lại" or "nước ngoài", not said


def test_a_bare_name_asked_about_leaves_its_marked_variants(ctx: Context) -> None:
    _, state = say(ctx, State(), "đăng ký khai sinh cho cháu nội")
    _, state = say(ctx, state, "thẻ BHYT cho cháu thì sao")
    assert state.procedure == "cap-the-bhyt-tre-em-duoi-6-tuoi"


def test_a_case_detail_asked_with_thi_sao_stays_with_the_procedure(ctx: Context) -> None:
    _, state = say(ctx, State(), "làm căn cước cho con dưới 14 tuổi")
    _, state = say(ctx, state, "con 9 tuổi thì sao")
    assert state.procedure == "cap-the-can-cuoc-duoi-14-tuoi"


def test_a_new_need_named_by_its_own_word_mid_dialogue_switches(ctx: Context) -> None:
    # its section words set aside, the message names nothing; whole, it names "thai sản", a
    # word the current procedure's name lacks
    _, state = say(ctx, State(), "làm hồ sơ hưởng trợ cấp thất nghiệp")
    text = (
        "à mà mình đang có bầu, nếu sinh con khi đang hưởng thất nghiệp"
        " thì có được hưởng thai sản không"
    )
    _, state = say(ctx, state, text)
    assert state.procedure == "huong-che-do-thai-san"
    assert state.recent == ["huong-tro-cap-that-nghiep"]


def test_a_question_naming_no_other_procedure_stays(ctx: Context) -> None:
    _, state = say(ctx, State(), "làm hồ sơ hưởng trợ cấp thất nghiệp")
    _, state = say(ctx, state, "đang hưởng mà tìm được việc mới thì có phải báo không")
    assert state.procedure == "huong-tro-cap-that-nghiep"


def test_back_to_a_bare_name_finds_the_earlier_procedure_whose_name_holds_it(ctx: Context) -> None:
    # "căn cước" alone is ambiguous to the matcher; of the procedures discussed, one has it
    _, state = say(ctx, State(), "làm căn cước cho con 16 tuổi", "thế còn hộ chiếu thì sao")
    _, state = say(ctx, state, "còn lý lịch tư pháp thì sao", "quay lại hộ chiếu")
    turn, state = say(ctx, state, "quay lại căn cước")
    assert state.procedure == "cap-the-can-cuoc-tu-du-14-tuoi"
    assert "căn cước" in turn.replies[-1].text


def test_back_to_a_name_never_discussed_is_asked_anew(ctx: Context) -> None:
    _, state = say(ctx, State(), "làm hộ chiếu", "quay lại khai sinh")
    assert state.procedure == "dang-ky-khai-sinh"
