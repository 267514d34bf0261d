"""Details asked in the words of the citizen's own case: doing it later than now, whether there
is a deadline at all, time gone by; one of the people away while the asker would go alone, a
paper taken for another, a relative named first, one who cannot leave home. The answer field
the procedure states answers."""

from __future__ import annotations

import pytest

from handlers import Context, Incoming, State, handle
from handlers.state import Mode

LATE = "⌛ Làm muộn, quá hạn — "
IN_PERSON = "🧍 Ai phải có mặt — "
PROXY = "🤝 Nhờ người làm thay — "


def ask(ctx: Context, procedure_id: str, text: str) -> str:
    state = State(mode=Mode.PROCEDURE, procedure=procedure_id)
    turn, after = handle(Incoming("u", "test", text=text), state, ctx)
    assert after.procedure == procedure_id
    assert not turn.unmet
    return turn.replies[-1].text


@pytest.mark.parametrize(
    ("procedure_id", "text"),
    [
        ("dang-ky-khai-tu", "nhà còn bận, để tuần sau mới đi khai tử được không"),
        ("dang-ky-khai-tu", "de sang tuan moi di lam giay chung tu co sao ko"),
        (
            "dang-ky-bien-dong-chuyen-nhuong-thua-ke-tang-cho",
            "mua lâu rồi, có hạn phải sang tên không",
        ),
        ("huong-tro-cap-that-nghiep", "nghỉ làm được 4 tháng rồi thì còn nộp được không"),
        ("gia-han-tam-tru", "hết hạn mấy hôm rồi còn gia hạn được không"),
    ],
)
def test_later_than_now_asks_lateness(ctx: Context, procedure_id: str, text: str) -> None:
    late = ctx.kb.procedures[procedure_id].late
    assert late is not None
    reply = ask(ctx, procedure_id, text)
    assert reply.startswith(LATE)
    assert late.text in reply


def test_going_alone_while_the_other_is_away_asks_who_must_come(ctx: Context) -> None:
    """The part named in the clause that asks answers, not the one named by the case told."""
    proc = ctx.kb.procedures["dang-ky-khai-sinh"]
    assert proc.in_person is not None and proc.proxy is not None
    reply = ask(ctx, proc.id, "vợ đi làm xa chưa về được, một mình tôi đi khai cho con được không")
    assert reply.startswith(IN_PERSON)
    assert proc.in_person.text in reply


@pytest.mark.parametrize(
    ("procedure_id", "text"),
    [
        (
            "dang-ky-ket-hon-yeu-to-nuoc-ngoai",
            "anh ấy chưa sang kịp thì tôi nhận giấy thay được không",
        ),
        ("dang-ky-lai-khai-sinh", "ba em đi làm giúp được không"),
    ],
)
def test_another_doing_it_asks_who_may_file(ctx: Context, procedure_id: str, text: str) -> None:
    proxy = ctx.kb.procedures[procedure_id].proxy
    assert proxy is not None
    reply = ask(ctx, procedure_id, text)
    assert reply.startswith(PROXY)
    assert proxy.text in reply


def test_one_who_cannot_leave_home_asks_who_must_come(ctx: Context) -> None:
    proc = ctx.kb.procedures["xac-dinh-muc-do-khuyet-tat"]
    assert proc.in_person is not None
    for text in (
        "cháu nằm liệt giường, có đưa lên xã được không",
        "hội đồng có về tận nhà xác minh không",
    ):
        reply = ask(ctx, proc.id, text)
        assert reply.startswith(IN_PERSON)
        assert proc.in_person.text in reply
