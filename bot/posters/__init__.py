"""Printable A4 posters per procedure with QR codes that open motcua on it.

``content`` decides what goes on the poster, ``layout`` where, ``render_*`` draw it. The layout
(font metrics) and the renderers (Pillow, fpdf2) are imported when a poster is first drawn, not
when the server starts: they are a third of its start-up imports and most servers never draw one.
"""

from __future__ import annotations

import importlib

from bot.posters.content import Links, Poster, PosterError, build

FORMATS = ("png", "svg", "pdf")
__all__ = ["FORMATS", "Links", "Poster", "PosterError", "build", "render"]


def render(poster: Poster, fmt: str) -> bytes:
    """The poster as the bytes of a PNG, SVG or PDF file."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown poster format {fmt!r}; use one of {', '.join(FORMATS)}")
    from bot.posters.layout import layout

    renderer = importlib.import_module(f"bot.posters.render_{fmt}")
    data: bytes = renderer.render(layout(poster))
    return data
