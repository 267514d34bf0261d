"""What goes on a poster, and whether it fits the page with the bundled font."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.posters import Links, PosterError, build
from bot.posters.content import clip
from bot.posters.layout import HEIGHT, WIDTH, Page, Qr, Text, layout
from bot.posters.typeface import missing, width, wrap
from knowledge.base import KnowledgeBase
from knowledge.schema import Procedure
from tests.posters.conftest import BOT


def _pages(kb: KnowledgeBase, links: Links) -> Iterator[tuple[Procedure, Page]]:
    example = kb.localities["vi-du-phuong-mau"]
    for proc in kb.procedures.values():
        for variant in (Links(BOT), links):
            yield proc, layout(build(kb, proc, variant))
        yield proc, layout(build(kb, proc, links, example))


def test_every_printed_character_is_in_the_font(kb: KnowledgeBase, links: Links) -> None:
    gaps = {
        (proc.id, ch)
        for proc, page in _pages(kb, links)
        for item in page.items
        if isinstance(item, Text)
        for ch in missing(item.text, item.bold)
    }
    assert not gaps


def test_font_covers_vietnamese() -> None:
    letters = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ"
    for bold in (False, True):
        assert not missing(letters + letters.lower(), bold)


def test_every_poster_fits_a4(kb: KnowledgeBase, links: Links) -> None:
    for proc, page in _pages(kb, links):
        for item in page.items:
            if isinstance(item, Text):
                right = item.x + width(item.text, item.size, item.bold)
                assert item.x >= 0 and right <= WIDTH - 14, (proc.id, item.text)
                assert 10 < item.y <= HEIGHT - 10, (proc.id, item.text)
            elif isinstance(item, Qr):
                assert item.size >= 50, proc.id  # the code itself is ≥ 5 cm wide
                assert item.y + item.size <= HEIGHT - 30, proc.id
        titles = [i for i in page.items if isinstance(i, Text) and i.size >= 24]
        assert titles, proc.id  # a big title on every poster


def test_summary_has_three_to_five_lines(kb: KnowledgeBase, links: Links) -> None:
    for proc in kb.procedures.values():
        poster = build(kb, proc, links)
        assert 3 <= len(poster.lines) <= 5
        assert [line.label for line in poster.lines][:4] == [
            "Giấy tờ",
            "Lệ phí",
            "Thời gian",
            "Nộp trực tuyến",
        ]
        assert any("Rà soát lần cuối" in line for line in poster.footer)


def test_links() -> None:
    assert Links("@motcua_bot").telegram("tach-ho") == "https://t.me/motcua_bot?start=tach-ho"
    assert Links(zalo_link="https://zalo.me/1").telegram("tach-ho") is None
    for bad in ({"telegram_username": "no"}, {"zalo_link": "http://zalo.me/1"}, {}):
        with pytest.raises(PosterError):
            Links(**bad)
    with pytest.raises(PosterError, match="payload"):
        Links("motcua_bot").telegram("x" * 65)


def test_clip_and_wrap() -> None:
    assert clip("Ngắn.") == "Ngắn."
    long = "Một câu đầu. " + "Câu sau rất dài " * 20
    assert clip(long) == "Một câu đầu …"
    rows = wrap("https://dichvucong.bocongan.gov.vn/" + "a" * 200, 9, 60)
    assert all(width(row, 9) <= 60 for row in rows)
    assert wrap("một hai ba bốn năm sáu bảy tám", 20, 40, max_lines=1)[0].endswith("…")
