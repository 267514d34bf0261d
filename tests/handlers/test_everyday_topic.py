"""An everyday topic ("giá vàng hôm nay", "thời tiết mai") is no administrative procedure: asked
while a procedure is current it gets a one-line "not a procedure" reply and the procedure stays;
asked first it gets the "only administrative procedures" reply. A fee asked by "giá" is not one."""

from __future__ import annotations

from handlers import Context, Incoming, State, handle, texts
from tests.handlers.talk import reply_in

OFF_TOPIC_START = texts.OFF_TOPIC.split("{", 1)[0]


def test_a_price_of_goods_asked_in_a_procedure_is_off_topic(ctx: Context) -> None:
    text = reply_in(ctx, "dang-ky-tam-tru", "gia vang hom nay bao nhieu ban")
    assert text.startswith(OFF_TOPIC_START)
    assert "Đăng ký tạm trú" in text


def test_the_weather_asked_in_a_procedure_is_off_topic(ctx: Context) -> None:
    assert reply_in(ctx, "dang-ky-khai-sinh", "thời tiết mai thế nào").startswith(OFF_TOPIC_START)


def test_a_price_of_goods_asked_first_gets_the_only_procedures_reply(ctx: Context) -> None:
    turn, state = handle(Incoming("u", "test", text="giá xăng hôm nay bao nhiêu"), State(), ctx)
    assert state.procedure is None
    assert turn.replies[0].text == texts.UNRELATED


def test_a_fee_asked_by_its_price_stays_with_the_procedure(ctx: Context) -> None:
    text = reply_in(ctx, "dang-ky-khai-sinh", "giá bao nhiêu vậy")
    assert not text.startswith(OFF_TOPIC_START)
