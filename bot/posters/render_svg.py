"""Write a :class:`Page` as SVG: text as text (font named, not embedded), QR codes as paths."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from bot.posters.layout import Box, Page, Qr, Text, qr_matrix
from bot.posters.typeface import FAMILY, PT

FONTS = f"'{FAMILY}', 'Noto Sans', Arial, sans-serif"  # all carry the Vietnamese letters


def _qr(item: Qr) -> str:
    matrix = qr_matrix(item.data)
    step = item.size / len(matrix)
    dark = "".join(
        f"M{c},{r}h1v1h-1z" for r, row in enumerate(matrix) for c, on in enumerate(row) if on
    )
    x, y = item.x, item.y
    return (
        f'<path transform="translate({x:.3f} {y:.3f}) scale({step:.4f})" d="{dark}" '
        f'fill="#000000" shape-rendering="crispEdges"><title>{escape(item.data)}</title></path>'
    )


def render(page: Page) -> bytes:
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{page.width}mm" height="{page.height}mm" '
        f'viewBox="0 0 {page.width} {page.height}" font-family="{FONTS}" lang="vi">',
        f"<title>{escape(page.title)}</title>",
        f'<rect width="{page.width}" height="{page.height}" fill="#ffffff"/>',
    ]
    for item in page.items:
        if isinstance(item, Box):
            parts.append(
                f'<rect x="{item.x:.2f}" y="{item.y:.2f}" width="{item.w:.2f}" '
                f'height="{item.h:.2f}" fill="{item.color}"/>'
            )
        elif isinstance(item, Qr):
            parts.append(_qr(item))
        elif isinstance(item, Text):
            weight = ' font-weight="bold"' if item.bold else ""
            parts.append(
                f'<text x="{item.x:.2f}" y="{item.y:.2f}" font-size="{item.size * PT:.3f}" '
                f"fill={quoteattr(item.color)}{weight}>{escape(item.text)}</text>"
            )
    parts.append("</svg>")
    return ("\n".join(parts) + "\n").encode("utf-8")
