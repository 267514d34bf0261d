"""The conversation core on its own: every event gets a reply, nothing raises."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handlers import Context, Incoming, Kind, Mode, State, handle
from handlers.events import UnmetReason


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
    assert State.restore({"mode": "no-such-mode", "have": "x"}) == State()


def test_thanks_is_not_an_unmet_request(ctx: Context) -> None:
    turn, _ = handle(Incoming("u", "test", text="cảm ơn"), State(), ctx)
    assert not turn.unmet and "Không có gì" in turn.replies[0].text


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(max_size=300),
    action=st.one_of(st.just(""), st.text(max_size=80)),
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
    replies, new = send(ctx, state, text=text, action=action)
    assert replies and all(r.strip() for r in replies)
    State.restore(new.dump())  # what is stored can be read back


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


def test_third_miss_in_a_row_asks_for_a_person(ctx: Context) -> None:
    state = State()
    reasons = []
    for text in ("con mèo bị ốm", "giá vàng hôm nay", "thời tiết ngày mai"):
        turn, state = handle(Incoming("u", "test", text=text), state, ctx)
        reasons.append([u.reason.value for u in turn.unmet])
    assert reasons == [["no_match"], ["no_match"], ["no_match", "handoff"]]


def test_filler_after_an_answer_offers_the_sections_and_is_not_unmet(ctx: Context) -> None:
    _, state = handle(Incoming("u", "test", text="đăng ký kết hôn"), State(), ctx)
    turn, _ = handle(Incoming("u", "test", text="thế còn gì nữa"), state, ctx)
    assert not turn.unmet and "Đăng ký kết hôn" in turn.replies[0].text


def test_unrelated_short_question_after_an_answer_is_unmet(ctx: Context) -> None:
    _, state = handle(Incoming("u", "test", text="đăng ký kết hôn"), State(), ctx)
    turn, _ = handle(Incoming("u", "test", text="giấy phép karaoke"), state, ctx)
    assert [u.reason.value for u in turn.unmet] == ["no_match"] and turn.outcome == "unmet"
