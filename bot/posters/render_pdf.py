"""Write :class:`Page`s as PDF with fpdf2 (one page per poster), embedding a subset of the font."""

from __future__ import annotations

from collections.abc import Sequence

from fpdf import FPDF

from bot.posters.layout import Box, Page, Qr, Text, qr_matrix
from bot.posters.typeface import BOLD, REGULAR

FONT = "DejaVu"


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def _qr(pdf: FPDF, item: Qr) -> None:
    matrix = qr_matrix(item.data)
    step = item.size / len(matrix)
    x0, y0 = item.x, item.y
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):  # one rectangle per horizontal run of dark modules
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            pdf.rect(x0 + start * step, y0 + r * step, (c - start) * step, step, style="F")
    pdf.link(item.x, item.y, item.size, item.size, item.data)


def render(page: Page) -> bytes:
    return render_many([page], page.title)


def render_many(pages: Sequence[Page], title: str) -> bytes:
    """Several posters as one PDF, a page each (a whole group to print at once)."""
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_title(title)
    pdf.set_lang("vi")
    pdf.set_creator("motcua")
    pdf.add_font(FONT, "", str(REGULAR))
    pdf.add_font(FONT, "B", str(BOLD))
    for page in pages:
        pdf.add_page()
        _draw(pdf, page)
    return bytes(pdf.output())


def _draw(pdf: FPDF, page: Page) -> None:
    for item in page.items:
        if isinstance(item, Box):
            pdf.set_fill_color(*_rgb(item.color))
            pdf.rect(item.x, item.y, item.w, item.h, style="F")
        elif isinstance(item, Qr):
            _qr(pdf, item)
        elif isinstance(item, Text):
            pdf.set_font(FONT, "B" if item.bold else "", item.size)
            pdf.set_text_color(*_rgb(item.color))
            pdf.text(item.x, item.y, item.text)
