"""Draw a :class:`Page` as a PNG with Pillow and the bundled font (default 200 dpi)."""

from __future__ import annotations

import io
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from bot.posters.layout import Box, Page, Qr, Text, qr_matrix
from bot.posters.typeface import PT, path

DPI = 200


@cache
def _font(bold: bool, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path(bold)), px)


def _qr(draw: ImageDraw.ImageDraw, item: Qr, scale: float) -> None:
    matrix = qr_matrix(item.data)
    modules = len(matrix)
    step = max(1, round(item.size * scale / modules))  # whole pixels per module: crisp edges
    left = round(item.x * scale + (item.size * scale - step * modules) / 2)
    top = round(item.y * scale + (item.size * scale - step * modules) / 2)
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                x, y = left + c * step, top + r * step
                draw.rectangle((x, y, x + step - 1, y + step - 1), fill="#000000")


def render(page: Page, dpi: int = DPI) -> bytes:
    scale = dpi / 25.4  # pixels per millimetre
    image = Image.new("RGB", (round(page.width * scale), round(page.height * scale)), "#ffffff")
    draw = ImageDraw.Draw(image)
    for item in page.items:
        if isinstance(item, Box):
            box = (
                item.x * scale,
                item.y * scale,
                (item.x + item.w) * scale,
                (item.y + item.h) * scale,
            )
            draw.rectangle(box, fill=item.color)
        elif isinstance(item, Qr):
            _qr(draw, item, scale)
        elif isinstance(item, Text):
            font = _font(item.bold, round(item.size * PT * scale))
            draw.text(
                (item.x * scale, item.y * scale), item.text, fill=item.color, font=font, anchor="ls"
            )
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi), optimize=True)
    return out.getvalue()
