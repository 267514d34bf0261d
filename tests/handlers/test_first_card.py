"""The first card of a procedure: what to bring first, then where, how long, the fee and whether
it can be filed online, short enough for a phone."""

from __future__ import annotations

import datetime as dt

from handlers import Context, State, cards
from handlers.cards import CARD_DOCUMENT_CHARS, CARD_DOCUMENTS, first_sentence, short_name
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


def test_documents_of_a_case_follow_their_case_and_the_rest_are_counted(ctx: Context) -> None:
    proc = ctx.kb.procedures["dang-ky-thuong-tru"]
    text = cards.card(proc)
    listed = [line for line in text.splitlines() if line.startswith(("  ✓ ", "  ◦ "))]
    assert listed[0] == "  ✓ Tờ khai thay đổi thông tin cư trú"  # everyone brings it
    # a document needed only when renting is said with its case, never as if everyone brought it
    assert "  ◦ Nếu ở thuê, mượn, ở nhờ: Hợp đồng hoặc văn bản cho thuê" in text
    assert not any("✓" in line and "cho thuê" in line for line in listed)
    assert len(listed) == CARD_DOCUMENTS
    rest = len(proc.documents.items) - CARD_DOCUMENTS
    assert f"+ {rest} giấy tờ khác tùy trường hợp" in text


def test_cases_too_long_to_say_on_a_card_are_only_counted(kb: KnowledgeBase) -> None:
    proc = kb.procedures["dang-ky-tam-tru"]
    long_case = "Khi " + "một trường hợp rất dài " * 5
    items = [d.model_copy(update={"when": long_case}) for d in proc.documents.items]
    bare = proc.model_copy(update={"documents": proc.documents.model_copy(update={"items": items})})
    text = cards.card(bare)
    assert f"📄 Cần mang: {len(items)} loại giấy tờ tùy trường hợp" in text
    assert "✓" not in text and "◦" not in text


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


def test_the_time_is_one_sentence_and_its_section_says_the_rest(ctx: Context) -> None:
    turn, state = say(ctx, State(), "đất ông bà để lại chưa có sổ đỏ, giờ muốn làm sổ")
    proc = ctx.kb.procedures["dang-ky-cap-gcn-lan-dau"]
    assert state.procedure == proc.id
    line = next(x for x in turn.replies[-1].text.splitlines() if x.startswith("• Thời gian:"))
    assert "ví dụ" in proc.processing_time.text and "ví dụ" not in line  # the aside is left out
    assert line.endswith("cộng thêm 10 ngày.")
    assert proc.processing_time.text in cards.time(proc)  # the section keeps every word


def test_a_text_without_an_aside_or_a_second_sentence_is_kept_whole() -> None:
    text = "Trong 07 ngày làm việc kể từ khi nhận đủ hồ sơ."
    assert first_sentence(text) == text
    assert first_sentence("Tối đa 03 ngày (trực tuyến 02 ngày). Xã xa thêm 2 ngày.") == (
        "Tối đa 03 ngày."
    )


def test_a_case_said_as_a_condition_keeps_its_own_word(kb: KnowledgeBase) -> None:
    proc = kb.procedures["cap-ban-sao-trich-luc-ho-tich"]
    when = next(d.when for d in proc.documents.items if d.name.startswith("Giấy tờ hộ tịch cũ"))
    assert when is not None and when.startswith("Nếu còn — ")
    text = cards.card(proc)
    assert "  ◦ Nếu còn: Giấy tờ hộ tịch cũ" in text and "Nếu nếu" not in text.lower()
