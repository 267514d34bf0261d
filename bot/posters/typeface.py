"""The bundled font (DejaVu Sans, ``fonts/``): file paths, glyph coverage, text widths, wrapping.

Every renderer draws with these two files and the layout measures with them, so a line that fits
on the PDF also fits on the PNG and (with the same font installed) the SVG.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

FONT_DIR = Path(__file__).with_name("fonts")
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
FAMILY = "DejaVu Sans"
PT = 25.4 / 72  # millimetres per typographic point


def path(bold: bool) -> Path:
    return BOLD if bold else REGULAR


@cache
def _metrics(bold: bool) -> tuple[dict[int, str], dict[str, int], int]:
    font = TTFont(path(bold), lazy=True)
    cmap: dict[int, str] = font.getBestCmap()
    advances = {glyph: width for glyph, (width, _lsb) in font["hmtx"].metrics.items()}
    return cmap, advances, int(font["head"].unitsPerEm)


def missing(text: str, bold: bool = False) -> set[str]:
    """Characters of ``text`` that the font has no glyph for (spaces and newlines excepted)."""
    cmap = _metrics(bold)[0]
    return {ch for ch in text if ch not in "\n" and ord(ch) not in cmap}


@lru_cache(maxsize=65536)
def _em(text: str, bold: bool) -> float:
    """Advance width of ``text`` in ems (no kerning, as the PDF)."""
    cmap, advances, per_em = _metrics(bold)
    notdef = advances.get(".notdef", per_em // 2)
    return sum(advances.get(cmap.get(ord(ch), ".notdef"), notdef) for ch in text) / per_em


def width(text: str, size: float, bold: bool = False) -> float:
    """Advance width of ``text`` in millimetres at ``size`` points."""
    return _em(text, bold) * size * PT


def _split_long(word: str, size: float, limit: float, bold: bool) -> list[str]:
    """Cut a word longer than the line (a URL) into pieces that fit."""
    pieces, current = [], ""
    for ch in word:
        if current and width(current + ch, size, bold) > limit:
            pieces.append(current)
            current = ""
        current += ch
    return [*pieces, current] if current else pieces


def wrap(
    text: str,
    size: float,
    limit: float,
    *,
    bold: bool = False,
    indent: float = 0.0,
    max_lines: int | None = None,
) -> list[str]:
    """Greedy word wrap to ``limit`` mm; the first line starts ``indent`` mm in (after a label).

    With ``max_lines``, the last kept line ends in "…" when text was left out.
    """
    lines: list[str] = []
    current, used, space = "", 0.0, width(" ", size, bold)
    for raw in text.split():
        room = limit - (indent if not lines else 0.0)
        word = width(raw, size, bold)
        if used + (space if current else 0.0) + word <= room:
            current, used = (f"{current} {raw}", used + space + word) if current else (raw, word)
            continue
        if current or (not lines and indent and word <= limit):
            lines.append(current)  # "" when the label alone fills the first line
            current, room = "", limit
        pieces = [raw] if word <= room else _split_long(raw, size, room, bold)
        lines += pieces[:-1]
        current, used = pieces[-1], width(pieces[-1], size, bold)
    if current:
        lines.append(current)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        room = limit - (indent if max_lines == 1 else 0.0)
        while last and width(last + " …", size, bold) > room:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines[-1] = (last.rstrip(",;:") + " …").strip()
    return lines
