"""Asked whether a procedure costs anything, the fees section opens with the plain answer when
nothing in force is charged: no state fee and nothing else, or no state fee with only what the
citizen may choose or the note names still paid; a note that already says so opens it in its own
words. A procedure that charges something opens with its items as before."""

from __future__ import annotations

from handlers import Context, texts
from tests.handlers.talk import reply_in as ask

FREE_ACCOUNT = "cap-tai-khoan-dinh-danh-dien-tu-muc-2"  # one item, 0 đ, no note
CHILD_ID_CARD = "cap-the-can-cuoc-duoi-14-tuoi"  # one item, 0 đ
ID_CARD = "cap-the-can-cuoc-tu-du-14-tuoi"  # 0 đ, and postage only if chosen
GUARDIANSHIP = "dang-ky-giam-ho"  # 0 đ, the note names a paid copy
MOVE_OUT = "khai-bao-thong-tin-cu-tru"  # 0 đ, the note opens "Không thu lệ phí."
RESIDENCE = "dang-ky-thuong-tru"  # 20.000 đ, some exempt
BIRTH = "dang-ky-khai-sinh"  # free in time, a provincial fee when late


def _second_line(reply: str) -> str:
    return reply.splitlines()[1]


def test_all_free_is_said_first(ctx: Context) -> None:
    reply = ask(ctx, FREE_ACCOUNT, "làm cái này có tốn tiền không vậy")
    assert _second_line(reply) == texts.FEES_ALL_FREE


def test_all_free_for_a_child_card_asked_without_marks(ctx: Context) -> None:
    reply = ask(ctx, CHILD_ID_CARD, "lam cho be co mat xu nao khong")
    assert _second_line(reply) == texts.FEES_ALL_FREE


def test_free_state_fee_with_optional_postage_says_only_the_choice_is_paid(ctx: Context) -> None:
    reply = ask(ctx, ID_CARD, "phải đóng bao nhiêu tiền")
    assert _second_line(reply) == texts.FEES_STATE_FREE
    assert "bưu chính" in reply


def test_free_state_fee_with_a_paid_copy_in_the_note_is_not_all_free(ctx: Context) -> None:
    reply = ask(ctx, GUARDIANSHIP, "lệ phí thế nào")
    assert _second_line(reply) == texts.FEES_STATE_FREE
    assert texts.FEES_ALL_FREE not in reply
    assert "8.000" in reply


def test_a_waiver_note_opens_the_section_in_its_own_words_once(ctx: Context) -> None:
    reply = ask(ctx, MOVE_OUT, "có mất phí gì không")
    assert _second_line(reply) == "Không thu lệ phí."
    assert reply.count("Không thu lệ phí") == 1


def test_a_paid_procedure_has_no_free_line(ctx: Context) -> None:
    reply = ask(ctx, RESIDENCE, "có mất tiền không")
    assert texts.FEES_ALL_FREE not in reply
    assert texts.FEES_STATE_FREE not in reply
    assert "20.000" in reply


def test_free_only_in_some_cases_has_no_free_line(ctx: Context) -> None:
    reply = ask(ctx, BIRTH, "khai sinh có mất tiền không")
    assert texts.FEES_ALL_FREE not in reply
    assert texts.FEES_STATE_FREE not in reply


FUNERAL = "ho-tro-mai-tang-huu-tri-xa-hoi"  # pays 10.000.000 đ; charges nothing


def test_money_given_to_the_citizen_is_the_amount_received_not_the_fees(ctx: Context) -> None:
    reply = ask(ctx, FUNERAL, "gia đình được cho bao nhiêu tiền")
    assert "10.000.000" in reply
    assert not reply.startswith(texts.LABEL_FEES)


def test_money_the_citizen_pays_is_still_the_fees(ctx: Context) -> None:
    reply = ask(ctx, RESIDENCE, "phải trả bao nhiêu tiền")
    assert reply.startswith(texts.LABEL_FEES)
