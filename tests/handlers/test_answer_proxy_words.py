"""Asking whether someone else may file, in the southern "dùm" and with the verbs of paying and
renewing: the part that says who may file for another answers."""

from __future__ import annotations

import pytest

from handlers import Context, Incoming, State, handle
from handlers.state import Mode
from knowledge.answers import default_words, words

PLATES = "doi-dang-ky-bien-so-xe"
HEALTH_INSURANCE = "gia-han-bhyt-ho-gia-dinh"
PROXY_HEAD = "🤝 Nhờ người làm thay — "


def ask(ctx: Context, procedure_id: str, text: str) -> tuple[str, bool]:
    state = State(mode=Mode.PROCEDURE, procedure=procedure_id)
    turn, after = handle(Incoming("u", "test", text=text), state, ctx)
    assert after.procedure == procedure_id
    return turn.replies[-1].text, bool(turn.unmet)


@pytest.mark.parametrize(
    "text", ["vợ tôi mang xe đi làm dùm được không", "vo toi mang xe di lam dum dc ko"]
)
def test_dum_asks_who_may_file(ctx: Context, text: str) -> None:
    reply, unmet = ask(ctx, PLATES, text)
    assert reply.startswith(PROXY_HEAD + ctx.kb.procedures[PLATES].title)
    assert "ủy quyền" in reply and not unmet


def test_paying_for_a_relative_asks_who_may_file(ctx: Context) -> None:
    reply, unmet = ask(ctx, HEALTH_INSURANCE, "tôi đóng dùm mẹ được không")
    assert reply.startswith(PROXY_HEAD)
    assert not unmet


def test_a_word_typed_with_another_tone_is_not_dum() -> None:
    assert [w.folded for w in words("một dúm")] == ["mot", "dum"]
    assert not {f.section for f in default_words().asked("cho một dúm muối")} & {"proxy"}


MILITARY_MOVE = "dang-ky-nghia-vu-quan-su-chuyen-di-chuyen-den"


def test_lateness_says_the_citizens_own_deadline(ctx: Context) -> None:
    deadline = ctx.kb.procedures[MILITARY_MOVE].processing_time.citizen_deadline
    assert deadline
    reply, unmet = ask(ctx, MILITARY_MOVE, "vào tới nơi mới thì bao lâu phải đăng ký")
    assert reply.startswith("⌛ Làm muộn, quá hạn — ")
    assert deadline in reply and not unmet


def test_lateness_without_a_deadline_of_the_citizen_adds_none(ctx: Context) -> None:
    proc = next(
        p for p in ctx.kb.procedures.values() if p.late and not p.processing_time.citizen_deadline
    )
    reply, _ = ask(ctx, proc.id, "làm trễ hạn có bị phạt không")
    assert reply.startswith("⌛ Làm muộn, quá hạn — ")
    assert "Thời hạn bạn cần làm" not in reply


def test_who_must_come_answers_for_a_procedure_with_no_rule_on_filing_for_another(
    ctx: Context,
) -> None:
    proc = ctx.kb.procedures[MILITARY_MOVE]
    assert proc.proxy is None and proc.in_person is not None
    reply, _ = ask(
        ctx, MILITARY_MOVE, "đi làm không nghỉ được, nhờ người khác đi đăng ký dùm được không"
    )
    assert reply.startswith("🧍 Ai phải có mặt — ")
    assert proc.in_person.text in reply


def test_with_neither_rule_filing_for_another_is_not_answered_by_another_part(
    ctx: Context,
) -> None:
    proc = next(p for p in ctx.kb.procedures.values() if p.proxy is None and p.in_person is None)
    reply, _ = ask(ctx, proc.id, "nhờ người khác đi nộp dùm được không")
    assert not reply.startswith(("🧍", "🤝"))


def test_a_lateness_text_that_says_the_deadline_figures_is_not_repeated(ctx: Context) -> None:
    proc = ctx.kb.procedures["dang-ky-khai-sinh"]
    assert proc.late is not None and "60" in (proc.processing_time.citizen_deadline or "")
    reply, _ = ask(ctx, proc.id, "con sinh quá 60 ngày rồi thì sao")
    assert reply.startswith("⌛ Làm muộn, quá hạn — ")
    assert "Thời hạn bạn cần làm" not in reply


def test_ho_so_without_accents_is_the_file_not_filing_for_another(ctx: Context) -> None:
    reply, _ = ask(ctx, PLATES, "nop ho so o dau")
    assert not reply.startswith(PROXY_HEAD)
    assert reply.startswith("📍")


def test_filing_for_another_without_accents_still_asks_who_may_file(ctx: Context) -> None:
    reply, _ = ask(ctx, PLATES, "nop ho duoc ko")
    assert reply.startswith(PROXY_HEAD)


def test_tien_day_without_accents_is_by_the_way_not_money(ctx: Context) -> None:
    reply, _ = ask(ctx, PLATES, "tien the cho hoi nop o dau")
    assert reply.startswith("📍")


def test_money_without_accents_still_asks_the_fees(ctx: Context) -> None:
    reply, _ = ask(ctx, PLATES, "co mat tien ko")
    assert reply.startswith("💰")
