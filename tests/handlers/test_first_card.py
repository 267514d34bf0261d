"""The first card of a procedure: what to bring first, then where, how long, the fee and whether
it can be filed online, short enough for a phone."""

from __future__ import annotations

import datetime as dt

from handlers import Context, State, cards
from handlers.cards import CARD_DOCUMENT_CHARS, CARD_DOCUMENTS, short_name
from knowledge.base import KnowledgeBase
from tests.handlers.talk import say

CARD_LINES = 18  # a phone screen, footer included


def _card(turn_text: str) -> list[str]:
    return turn_text.splitlines()


def test_a_need_named_alone_gets_the_documents_everyone_brings(ctx: Context) -> None:
    turn, state = say(ctx, State(), "tach khau")
    assert state.procedure == "tach-ho"
    text = turn.replies[-1].text
    assert text.startswith("📋 ")
    assert "📄 Cần mang:" in text
    assert "✓ Tờ khai thay đổi thông tin cư trú" in text


def test_documents_of_some_cases_are_counted_not_listed(ctx: Context) -> None:
    proc = ctx.kb.procedures["dang-ky-thuong-tru"]
    always = [d for d in proc.documents.items if not d.when]
    text = cards.card(proc)
    shown = [line for line in text.splitlines() if line.startswith("  ✓ ")]
    assert len(shown) == min(len(always), CARD_DOCUMENTS)
    rest = len(proc.documents.items) - len(shown)
    assert f"+ {rest} giấy tờ khác tùy trường hợp" in text
    # a document needed only when renting is not on the card as if everyone brought it
    assert not any("cho thuê, cho mượn" in line for line in shown)


def test_a_procedure_whose_every_document_depends_on_the_case_says_so(ctx: Context) -> None:
    proc = ctx.kb.procedures["gia-han-bhyt-ho-gia-dinh"]
    assert all(d.when for d in proc.documents.items)
    text = cards.card(proc)
    assert f"📄 Cần mang: {len(proc.documents.items)} loại giấy tờ tùy trường hợp" in text
    assert "✓" not in text


def test_a_procedure_without_documents_shows_no_checklist(kb: KnowledgeBase) -> None:
    proc = kb.procedures["tach-ho"]
    bare = proc.model_copy(update={"documents": proc.documents.model_copy(update={"items": []})})
    text = cards.card(bare)
    assert "Cần mang" not in text and "• Nộp tại:" in text


def test_a_name_loses_its_trailing_explanation() -> None:
    assert short_name("Tờ khai đăng ký kết hôn (hai người có thể khai chung một tờ)") == (
        "Tờ khai đăng ký kết hôn"
    )
    assert short_name("Thông tin người lưu trú: họ tên, ngày sinh, lý do") == (
        "Thông tin người lưu trú"
    )
    # a parenthesis inside the name is part of it
    assert short_name("Thẻ căn cước (hoặc hộ chiếu) của cả hai người") == (
        "Thẻ căn cước (hoặc hộ chiếu) của cả hai người"
    )


def test_a_long_name_is_cut_at_a_word() -> None:
    long = "Giấy tờ chứng minh " + "chỗ ở hợp pháp " * 10 + "của người đăng ký"
    short = short_name(long)
    assert short.endswith("…") and len(short) <= CARD_DOCUMENT_CHARS
    assert long.startswith(short[:-1])


def test_every_card_fits_a_phone_screen(kb: KnowledgeBase) -> None:
    for proc in kb.procedures.values():
        text = cards.card(proc, dt.date(2026, 12, 6))
        assert len(_card(text)) <= CARD_LINES, proc.id
        assert "📄 Cần mang" in text or not proc.documents.items, proc.id
