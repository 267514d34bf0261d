"""A message that tells the citizen's case and asks: the whole way when it asks how, the part asked
after "rồi", a copy's price, whether a paper must be brought, and the paper needed in the case it
states word for word."""

from __future__ import annotations

from handlers import Context, State
from tests.handlers.talk import reply_in, say


def first(ctx: Context, text: str) -> tuple[str, str | None]:
    turn, state = say(ctx, State(), text)
    return turn.replies[-1].text, state.procedure


def test_the_price_of_a_copy_told_unit_first_asks_the_fee(ctx: Context) -> None:
    text = reply_in(ctx, "cap-ban-sao-trich-luc-ho-tich", "mỗi bản bao nhiêu")
    assert text.startswith("💰")
    assert "8.000" in text


def test_a_span_per_time_is_no_fee(ctx: Context) -> None:
    text = reply_in(ctx, "cap-ban-sao-trich-luc-ho-tich", "mỗi lần bao lâu")
    assert not text.startswith("💰")


def test_whether_a_paper_must_be_brought_is_answered_from_the_guidance(ctx: Context) -> None:
    text = reply_in(ctx, "cap-doi-the-can-cuoc", "có phải mang thẻ cũ không")
    assert "thẻ cũ" in text


def test_whether_a_photo_must_be_brought_lists_the_documents(ctx: Context) -> None:
    text = reply_in(ctx, "cap-doi-the-can-cuoc", "có cần mang ảnh không")
    assert text.startswith("📄")
