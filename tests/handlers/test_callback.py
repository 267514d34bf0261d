"""Call-backs in the conversation: offered outside the desk's hours, the time that suits, the
number with its consent line, and a number the core never keeps in its state."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from handlers import Context, Incoming, Kind, State, handle
from handlers.callback import phone_number
from handlers.events import Turn
from knowledge.desk import Desk

HOAN_KIEM = 70  # Phường Hoàn Kiếm, Thành phố Hà Nội
DESK = Desk(
    commune=HOAN_KIEM,
    name="Trung tâm phục vụ hành chính công phường Hoàn Kiếm",
    address="Số 1 phố Ví Dụ",
    hours=[["07:30-11:30", "13:30-17:00"]] * 5 + [[], []],
)
MONDAY_NIGHT = dt.datetime(2026, 12, 7, 21, 0)
MONDAY_MORNING = dt.datetime(2026, 12, 7, 9, 0)
NUMBER = "0912 345 678"


@pytest.fixture(scope="module")
def desk_ctx(ctx: Context) -> Context:
    return dataclasses.replace(ctx, desks={HOAN_KIEM: DESK}, default_commune=HOAN_KIEM)


def turn_of(ctx: Context, state: State, text: str = "", action: str = "") -> tuple[Turn, State]:
    kind = Kind.ACTION if action else Kind.TEXT
    return handle(Incoming("u", "web", kind, text=text, action=action), state, ctx)


def actions(turn: Turn) -> list[str]:
    return [b.action for b in turn.replies[-1].buttons]


def test_outside_the_desks_hours_the_handoff_offers_a_call_back(desk_ctx: Context) -> None:
    turn, _ = turn_of(dataclasses.replace(desk_ctx, now=MONDAY_NIGHT), State(), action="human")
    assert "ngoài giờ làm việc" in turn.replies[-1].text
    assert actions(turn)[0] == "cb"


def test_during_the_desks_hours_no_call_back_is_offered_by_the_core(desk_ctx: Context) -> None:
    turn, _ = turn_of(dataclasses.replace(desk_ctx, now=MONDAY_MORNING), State(), action="human")
    assert "cb" not in actions(turn)


def test_without_a_desk_the_core_cannot_tell_and_offers_nothing(ctx: Context) -> None:
    turn, _ = turn_of(dataclasses.replace(ctx, now=MONDAY_NIGHT), State(), action="human")
    assert "cb" not in actions(turn)


def test_the_handoff_reply_promises_no_contact(ctx: Context) -> None:
    turn, _ = turn_of(ctx, State(), action="human")
    assert "liên hệ" not in turn.replies[-1].text


def test_taking_the_offer_asks_the_time_that_suits(ctx: Context) -> None:
    turn, state = turn_of(ctx, State(), action="cb")
    assert turn.replies[-1].text == "Bạn muốn được gọi lại vào lúc nào?"
    assert actions(turn) == ["cb:am", "cb:pm", "cb:any", "cb:no"]
    assert state.asked == "cb"


def test_the_time_then_the_number_with_the_consent_line(ctx: Context) -> None:
    turn, state = turn_of(ctx, State(), action="cb:pm")
    assert "để tổ hỗ trợ gọi lại; số được xóa sau 30 ngày" in turn.replies[-1].text
    turn, state = turn_of(ctx, state, text=NUMBER)
    assert turn.callback is not None
    assert (turn.callback.phone, turn.callback.when) == ("0912345678", "pm")
    assert "đuôi 678 vào buổi chiều" in turn.replies[-1].text
    assert state.asked is None


def test_the_retention_said_is_the_configured_one(ctx: Context) -> None:
    turn, _ = turn_of(dataclasses.replace(ctx, callback_days=14), State(), action="cb:am")
    assert "số được xóa sau 14 ngày" in turn.replies[-1].text


def test_a_typed_time_is_understood(ctx: Context) -> None:
    _, state = turn_of(ctx, State(), action="cb")
    turn, state = turn_of(ctx, state, text="buổi sáng nhé")
    assert state.asked == "cb:am"
    assert "số điện thoại" in turn.replies[-1].text


def test_the_number_is_kept_nowhere_in_the_state(ctx: Context) -> None:
    _, state = turn_of(ctx, State(), action="cb:any")
    turn, state = turn_of(ctx, state, text=f"số của tôi là {NUMBER}")
    assert turn.callback is not None and turn.callback.phone == "0912345678"
    dumped = state.model_dump_json()
    assert "0912" not in dumped and "912 345" not in dumped and "345678" not in dumped
    assert "0912345678" not in repr(turn.callback)
    assert all("0912" not in line for line in turn.callback.context)


def test_a_wrong_number_is_asked_again(ctx: Context) -> None:
    _, state = turn_of(ctx, State(), action="cb:am")
    turn, state = turn_of(ctx, state, text="0123 456 78")
    assert turn.callback is None
    assert "chưa đúng" in turn.replies[-1].text
    assert state.asked == "cb:am"


def test_a_question_instead_of_a_number_is_answered_and_the_offer_lapses(ctx: Context) -> None:
    _, state = turn_of(ctx, State(), action="cb:am")
    turn, state = turn_of(ctx, state, text="đăng ký khai sinh cần giấy tờ gì")
    assert turn.callback is None
    assert state.procedure == "dang-ky-khai-sinh"
    assert state.asked is None


def test_no_thanks_drops_the_call_back(ctx: Context) -> None:
    _, state = turn_of(ctx, State(), action="cb:am")
    turn, state = turn_of(ctx, state, text="thôi")
    assert turn.callback is None and state.asked is None
    assert "không ghi số" in turn.replies[-1].text
    turn, state = turn_of(ctx, State(), action="cb:no")
    assert "không ghi số" in turn.replies[-1].text


def test_a_forged_slot_is_a_stale_button(ctx: Context) -> None:
    turn, state = turn_of(ctx, State(), action="cb:midnight")
    assert turn.callback is None and state.asked is None
    assert "Nút này đã cũ" in turn.replies[-1].text


def test_a_number_without_the_question_is_no_call_back(ctx: Context) -> None:
    turn, _ = turn_of(ctx, State(), text=NUMBER)
    assert turn.callback is None


@pytest.mark.parametrize(
    ("typed", "phone"),
    [
        ("0912345678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("(024) 3825 1234", "02438251234"),
        ("gọi 0387-654-321 giúp mình", "0387654321"),
        ("0123456789", None),  # not a Vietnamese mobile or landline
        ("091234567", None),  # a digit short
        ("12345", None),
        ("không có số", None),
    ],
)
def test_phone_numbers_as_citizens_type_them(typed: str, phone: str | None) -> None:
    assert phone_number(typed) == phone
