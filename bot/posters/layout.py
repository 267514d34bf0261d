"""Place a :class:`Poster` on an A4 portrait page: positioned text, boxes and QR squares in mm.

The renderers only draw these; every measuring and wrapping decision is made here once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import segno

from bot.posters.content import CALL, EXAMPLE, Poster, QrLink
from bot.posters.typeface import PT, width, wrap

WIDTH, HEIGHT, MARGIN = 210.0, 297.0, 15.0
TEXT_W = WIDTH - 2 * MARGIN
BRAND, INK, GREY, WARN, WHITE = "#0b4f8a", "#111111", "#555555", "#b00020", "#ffffff"
# (title, body) sizes in points, largest first; the first that fits the page is used.
STEPS = ((52, 24), (48, 22), (44, 20), (40, 19), (36, 18), (32, 16), (28, 15), (24, 13))
QR_SIDE, QR_SMALL = 56.0, 51.0  # the code without its quiet zone, mm (≥ 5 cm to scan at 1–2 m)


@cache
def qr_matrix(data: str) -> tuple[tuple[int, ...], ...]:
    """The code's modules, row by row (1 = dark), without the quiet zone."""
    return tuple(tuple(row) for row in segno.make_qr(data, error="m").matrix)


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline
    size: float  # points
    text: str
    bold: bool = False
    color: str = INK


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    color: str


@dataclass(frozen=True)
class Qr:
    x: float
    y: float
    size: float  # side of the code in mm; the layout keeps a 4-module quiet zone around it
    data: str


Item = Text | Box | Qr


@dataclass(frozen=True)
class Page:
    title: str
    items: tuple[Item, ...]
    width: float = WIDTH
    height: float = HEIGHT


def _lines(
    out: list[Item],
    lines: list[str],
    x: float,
    y: float,
    size: float,
    bold: bool = False,
    color: str = INK,
) -> float:
    """Append left-aligned lines from top ``y``; return the y below them."""
    for line in lines:
        y += size * PT * 1.25
        out.append(Text(x, y - size * PT * 0.3, size, line, bold, color))
    return y


def _centred(
    out: list[Item],
    text: str,
    cx: float,
    y: float,
    size: float,
    bold: bool = False,
    color: str = INK,
) -> float:
    return _lines(out, [text], cx - width(text, size, bold) / 2, y, size, bold, color)


def _top(poster: Poster, title_size: float, body_size: float) -> tuple[list[Item], float]:
    out: list[Item] = [Box(0, 0, WIDTH, 20, BRAND)]
    _lines(out, ["motcua"], MARGIN, 3, 22, bold=True, color=WHITE)
    tagline = "Trợ lý thủ tục hành chính"
    _lines(out, [tagline], WIDTH - MARGIN - width(tagline, 13), 6, 13, color=WHITE)
    title = wrap(poster.title, title_size, TEXT_W, bold=True, max_lines=3)
    y = _lines(out, title, MARGIN, 24, title_size, bold=True, color=BRAND)
    if poster.subtitle:
        y = _lines(
            out, wrap(poster.subtitle, 12, TEXT_W, max_lines=2), MARGIN, y + 1, 12, color=GREY
        )
    out.append(Box(MARGIN, y + 3, TEXT_W, 0.6, BRAND))
    y += 4
    for line in poster.lines:
        label = f"{line.label}: "
        indent = width(label, body_size, True)
        rows = wrap(line.text, body_size, TEXT_W, indent=indent, max_lines=3)
        _lines(out, [label.strip()], MARGIN, y, body_size, bold=True, color=BRAND)
        y = _lines(out, rows[:1], MARGIN + indent, y, body_size)
        y = _lines(out, rows[1:], MARGIN, y, body_size) + 1.5
    return out, y


def _qr_column(
    out: list[Item], link: QrLink, x: float, col_w: float, side: float, y: float, small: bool
) -> float:
    """Channel name, the code (``side`` mm) in its quiet zone, what to do, the link."""
    cx = x + col_w / 2
    # At least four modules; the same for every code from version 2 up, so the tops align.
    quiet = 4 * side / min(len(qr_matrix(link.url)), 25)
    y = _centred(out, link.channel, cx, y, 18, bold=True, color=BRAND)
    out.append(Qr(cx - side / 2, y + quiet, side, link.url))
    y += side + 2 * quiet
    caption = 10 if small else 11
    for row in wrap(link.caption, caption, col_w, max_lines=3):
        y = _centred(out, row, cx, y, caption)
    if link.message:
        size = 13 if small else 15
        for row in wrap(link.message, size, col_w, bold=True, max_lines=2):
            y = _centred(out, row, cx, y, size, bold=True)
    for row in wrap(link.shown, 9, col_w, max_lines=2):
        y = _centred(out, row, cx, y, 9, color=GREY)
    return y


def _bottom(poster: Poster, y: float, small: bool) -> tuple[list[Item], float]:
    """Lay the QR codes, the place and the footer out from ``y``; return them and their end."""
    out: list[Item] = []
    y = _centred(out, CALL, WIDTH / 2, y, 18, bold=True) + 2
    cols = len(poster.links)
    col_w = (TEXT_W - 10 * (cols - 1)) / cols
    side = (QR_SMALL if small else QR_SIDE) + (0 if cols > 1 else 6)
    ends = [
        _qr_column(out, link, MARGIN + i * (col_w + 10), col_w, side, y, small)
        for i, link in enumerate(poster.links)
    ]
    y = max(ends) + 2
    if poster.place:
        y = _lines(out, wrap(poster.place[0], 12, TEXT_W, bold=True), MARGIN, y, 12, bold=True)
        for line in poster.place[1:]:
            y = _lines(out, wrap(line, 11, TEXT_W), MARGIN, y, 11)
        if poster.example:
            y = _lines(out, wrap(EXAMPLE, 12, TEXT_W, bold=True), MARGIN, y, 12, True, WARN)
    out.append(Box(MARGIN, y + 2, TEXT_W, 0.3, GREY))
    y += 2.5
    for line in poster.footer:
        y = _lines(out, wrap(line, 9, TEXT_W), MARGIN, y, 9, color=GREY)
    return out, y


def layout(poster: Poster) -> Page:
    """The largest title/body sizes whose page fits (with smaller QR codes if need be)."""
    for small in (False, True):
        _, height = _bottom(poster, 0.0, small)
        start = HEIGHT - MARGIN + 3 - height  # the footer ends 12 mm above the page edge
        for title_size, body_size in STEPS:
            top, end = _top(poster, title_size, body_size)
            if end + 3 <= start:
                bottom, _ = _bottom(poster, start, small)
                return Page(title=poster.title, items=(*top, *bottom))
    bottom, _ = _bottom(poster, end + 3, small)  # too much text: it runs into the margin
    return Page(title=poster.title, items=(*top, *bottom))
