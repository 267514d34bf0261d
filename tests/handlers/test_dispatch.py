"""The conversation core on its own: every event gets a reply, nothing raises."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.channels.base import messages
from bot.channels.telegram.render import MAX_TEXT as TELEGRAM_MAX
from bot.channels.telegram.render import render as telegram_render
from bot.channels.zalo_common import MAX_TEXT as ZALO_MAX
from bot.channels.zalo_oa_wire import MAX_BUTTON_TITLE, MAX_BUTTONS
from bot.channels.zalo_oa_wire import render as oa_render
from handlers import Context, Incoming, Kind, Mode, Reply, State, handle
from handlers import sections as sec
from handlers.actions import MAX_BYTES, Verb
from handlers.events import UnmetReason
from tests.channels.fake_telegram import visible_length


def send(ctx: Context, state: State, text: str = "", action: str = "") -> tuple[list[str], State]:
    kind = Kind.ACTION if action else Kind.TEXT
    turn, new = handle(Incoming("u", "test", kind, text=text, action=action), state, ctx)
    return [r.text for r in turn.replies], new


@pytest.mark.parametrize("kind", [Kind.STICKER, Kind.PHOTO, Kind.VOICE, Kind.FILE, Kind.OTHER])
def test_non_text_gets_a_text_only_hint(ctx: Context, kind: Kind) -> None:
    turn, state = handle(
        Incoming("u", "test", kind), State(mode=Mode.PROCEDURE, procedure="dang-ky-ket-hon"), ctx
    )
    [reply] = turn.replies
    assert "chữ" in reply.text
    assert state.procedure == "dang-ky-ket-hon"  # the walkthrough is kept


def test_only_the_last_reply_carries_buttons(ctx: Context) -> None:
    turn, state = handle(
        Incoming("u", "test", text="tôi ở phường Mẫu, làm khai sinh"), State(), ctx
    )
    assert len(turn.replies) == 2
    assert not turn.replies[0].buttons and turn.replies[-1].buttons
    assert state.offered == [b.action for b in turn.replies[-1].buttons]


def test_unmet_record_is_masked(ctx: Context) -> None:
    turn, _ = handle(
        Incoming("u", "test", text="gọi cho tôi số 0912345678 về chuyện con mèo"), State(), ctx
    )
    [record] = turn.unmet
    assert record.reason is UnmetReason.NO_MATCH and "0912345678" not in record.text


def test_corrupt_stored_state_starts_fresh() -> None:
    assert State.decode('{"mode": "no-such-mode", "have": "x"}') == State()
    assert State.decode("{not json") == State() == State.decode(None)


def test_thanks_is_not_an_unmet_request(ctx: Context) -> None:
    turn, _ = handle(Incoming("u", "test", text="cảm ơn"), State(), ctx)
    assert not turn.unmet and "Không có gì" in turn.replies[0].text


def assert_fits_every_channel(replies: tuple[Reply, ...]) -> None:
    """Non-empty, and within what Telegram, Zalo Bot and Zalo OA accept once rendered."""
    assert replies and all(r.text.strip() for r in replies)
    for reply in replies:
        for button in reply.buttons:
            assert button.label.strip()
            assert 0 < len(button.action.encode()) <= MAX_BYTES  # Telegram's callback_data
    for out in telegram_render(replies):
        length = visible_length(out.html)  # None: Telegram could not parse the HTML
        assert length is not None and 0 < length <= TELEGRAM_MAX, (length, out.html[:200])
    zalo = messages(replies, ZALO_MAX, with_numbers=True)
    assert all(len(text) <= ZALO_MAX for text in zalo) and any(t.strip() for t in zalo)
    oa = oa_render(replies)
    assert oa
    for message in oa:
        assert 0 < len(message["text"]) <= ZALO_MAX
        buttons = message.get("attachment", {}).get("payload", {}).get("buttons", [])
        assert len(buttons) <= MAX_BUTTONS
        assert all(len(b["title"]) <= MAX_BUTTON_TITLE for b in buttons)


PROCEDURES = ["dang-ky-khai-sinh", "dang-ky-ket-hon", "cap-lai-the-can-cuoc", "khong-ton-tai", ""]
# Any text, including very long pastes (the web chat takes up to 16 KB) and rarer characters.
TEXTS = st.one_of(
    st.text(max_size=300),
    st.text(st.characters(codec="utf-8"), max_size=60),
    st.builds(
        lambda chunk, times: chunk * times, st.text(min_size=1, max_size=40), st.integers(50, 400)
    ),
    st.sampled_from(["", " ", "\n\n", "\u200b", "🙂" * 3000, "0912345678 " * 500, "a" * 16_000]),
)
# Button payloads as the core makes them (``verb:arg:procedure``), well formed or not.
ACTIONS = st.one_of(
    st.text(max_size=80),
    st.builds(
        lambda verb, arg, proc: ":".join(p for p in (verb, arg, proc) if p),
        st.sampled_from([v.value for v in Verb]),
        st.one_of(
            st.sampled_from([s.id for s in sec.SECTIONS]),
            st.integers(-3, 40).map(str),
            st.text(max_size=8),
        ),
        st.sampled_from(PROCEDURES),
    ),
)
WORDS = [
    "/start", "/help", "/huy", "/nguoi", "/start dang-ky-khai-sinh", "/start phuong-mau", "1", "2",
    "9", "0", "👍", "👎", "cảm ơn", "có", "không", "không phải", "tôi ở phường Mẫu",
    "lam giay khai sinh", "hết bao nhiêu tiền?", "cần giấy tờ gì", "làm ở đâu",
    "nộp online được không", "đăng ký kết hôn", "cccd", "gặp người hỗ trợ", "thủ tục khác",
]  # fmt: skip
EVENTS = st.one_of(
    st.tuples(st.just("text"), TEXTS),
    st.tuples(st.just("text"), st.sampled_from(WORDS)),
    st.tuples(st.just("press"), st.integers(0, 30)),  # a button of the last reply
    st.tuples(st.just("action"), ACTIONS),
    st.tuples(
        st.just("kind"),
        st.sampled_from([Kind.STICKER, Kind.PHOTO, Kind.VOICE, Kind.FILE, Kind.OTHER]),
    ),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=TEXTS,
    action=st.one_of(st.just(""), ACTIONS),
    mode=st.sampled_from(list(Mode)),
    procedure=st.sampled_from([None, "dang-ky-khai-sinh", "khong-ton-tai"]),
    offered=st.lists(
        st.sampled_from(["start", "ck:1:dang-ky-khai-sinh", "none", "bad"]), max_size=4
    ),
)
def test_any_event_in_any_state_gets_a_non_empty_reply(
    ctx: Context, text: str, action: str, mode: Mode, procedure: str | None, offered: list[str]
) -> None:
    state = State(mode=mode, procedure=procedure, candidates=["dang-ky-ket-hon"], offered=offered)
    kind = Kind.ACTION if action else Kind.TEXT
    turn, new = handle(Incoming("u", "test", kind, text=text, action=action), state, ctx)
    assert_fits_every_channel(turn.replies)
    State.decode(new.encode())  # what is stored can be read back


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(events=st.lists(EVENTS, min_size=1, max_size=25))
def test_any_sequence_of_events_keeps_answering_within_every_channels_limits(
    ctx: Context, events: list[tuple[str, object]]
) -> None:
    """Random walks through the states: typed words, pressed buttons, forged payloads, stickers,
    in any order; the state goes through storage (encode and decode) between events."""
    state, buttons = State(), ()
    for what, value in events:
        if what == "press" and buttons:
            assert isinstance(value, int)
            event = Incoming("u", "test", Kind.ACTION, action=buttons[value % len(buttons)].action)
        elif what == "action":
            event = Incoming("u", "test", Kind.ACTION, action=str(value))
        elif what == "kind":
            assert isinstance(value, Kind)
            event = Incoming("u", "test", value)
        else:
            event = Incoming("u", "test", Kind.TEXT, text=str(value) if what == "text" else "1")
        turn, state = handle(event, state, ctx)
        assert_fits_every_channel(turn.replies)
        state = State.decode(state.encode())
        buttons = turn.replies[-1].buttons


def test_deep_link_opens_the_procedure(ctx: Context) -> None:
    replies, state = send(ctx, State(), text="/start dang-ky-khai-sinh")
    assert state.procedure == "dang-ky-khai-sinh" and replies[-1].startswith("📋 Đăng ký khai sinh")


def test_deep_link_with_a_locality_sets_it_and_greets(ctx: Context) -> None:
    replies, state = send(ctx, State(), text="/start vi-du-phuong-mau")
    assert state.locality == "vi-du-phuong-mau" and "Xin chào" in replies[0]


def test_unknown_deep_link_just_greets(ctx: Context) -> None:
    replies, state = send(ctx, State(), text="/start khong-co")
    assert state.procedure is None and "Xin chào" in replies[0]


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("đăng ký kết hôn", "answer"),
        ("căn cước", "clarify"),
        ("con mèo bị ốm", "unmet"),
        ("cảm ơn", None),
    ],
)
def test_turn_reports_the_outcome_for_statistics(
    ctx: Context, text: str, outcome: str | None
) -> None:
    turn, _ = handle(Incoming("u", "test", text=text), State(), ctx)
    assert turn.outcome == outcome


def test_third_miss_in_a_row_offers_a_person_without_opening_a_ticket(ctx: Context) -> None:
    state = State()
    reasons = []
    for text in ("con mèo bị ốm", "giá vàng hôm nay", "thời tiết ngày mai"):
        turn, state = handle(Incoming("u", "test", text=text), state, ctx)
        reasons.append([u.reason.value for u in turn.unmet])
    assert reasons == [["no_match"], ["no_match"], ["no_match"]]
    assert "muốn gặp người hỗ trợ không" in turn.replies[-1].text
    turn, _ = handle(Incoming("u", "test", text="có"), state, ctx)
    assert [u.reason.value for u in turn.unmet] == ["handoff"]


def test_filler_after_an_answer_offers_the_sections_and_is_not_unmet(ctx: Context) -> None:
    _, state = handle(Incoming("u", "test", text="đăng ký kết hôn"), State(), ctx)
    turn, _ = handle(Incoming("u", "test", text="thế còn gì nữa"), state, ctx)
    assert not turn.unmet and "Đăng ký kết hôn" in turn.replies[0].text


def test_unrelated_short_question_after_an_answer_is_unmet(ctx: Context) -> None:
    _, state = handle(Incoming("u", "test", text="đăng ký kết hôn"), State(), ctx)
    turn, _ = handle(Incoming("u", "test", text="giấy phép karaoke"), state, ctx)
    assert [u.reason.value for u in turn.unmet] == ["no_match"] and turn.outcome == "unmet"


@pytest.mark.parametrize("arg", ["²", "①", "٣"])
def test_a_tick_or_topic_page_with_a_non_ascii_digit_gets_a_reply(ctx: Context, arg: str) -> None:
    """Characters that are digits to ``str.isdigit`` but not numbers to ``int`` never raise."""
    state = State(mode=Mode.PROCEDURE, procedure="dang-ky-khai-sinh")
    for action in (f"ck:{arg}:dang-ky-khai-sinh", f"more:giay-to@{arg}"):
        replies, new = send(ctx, state, action=action)
        assert replies and all(replies)
        assert new.procedure == "dang-ky-khai-sinh"
