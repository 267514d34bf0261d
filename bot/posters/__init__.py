"""Printable A4 posters per procedure with QR codes that open motcua on it (issue 8).

``content`` decides what goes on the poster, ``layout`` where, ``render_*`` draw it.
"""

from __future__ import annotations

from bot.posters import render_pdf, render_png, render_svg
from bot.posters.content import Links, Poster, PosterError, build
from bot.posters.layout import layout

FORMATS = ("png", "svg", "pdf")
__all__ = ["FORMATS", "Links", "Poster", "PosterError", "build", "render"]


def render(poster: Poster, fmt: str) -> bytes:
    """The poster as the bytes of a PNG, SVG or PDF file."""
    page = layout(poster)
    if fmt == "png":
        return render_png.render(page)
    if fmt == "svg":
        return render_svg.render(page)
    if fmt == "pdf":
        return render_pdf.render(page)
    raise ValueError(f"unknown poster format {fmt!r}; use one of {', '.join(FORMATS)}")
