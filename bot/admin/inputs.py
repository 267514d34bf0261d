"""The dashboard's URL and form values, checked before any handler sees them.

- Every query, path and form value must be storable text: a NUL, another control character
  (forms may keep tab and line breaks) or a lone surrogate → 400 (:func:`checked`).
- Row ids in paths and forms are decimal numbers that fit a signed 64-bit column (:func:`row_id`),
  and dates lie in :data:`FIRST_DAY` … :data:`LAST_DAY` (:func:`parse_date`): anything else →
  400, so an out-of-range value never reaches the database as an overflow (500).
"""

from __future__ import annotations

import re
from datetime import date

from aiohttp import web
from aiohttp.typedefs import Handler

from bot.inputs import clean_text

MAX_ROW_ID = 2**63 - 1
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2199, 12, 31)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_DIGITS = re.compile("[0-9]{1,19}")


def bad_request(message: str) -> web.HTTPBadRequest:
    return web.HTTPBadRequest(text=message, content_type="text/plain")


def row_id(raw: str) -> int:
    """A row id from a URL or a form; 400 unless ASCII digits that fit a BIGINT."""
    value = raw.strip()
    if not _DIGITS.fullmatch(value) or int(value) > MAX_ROW_ID:
        raise bad_request("mã không hợp lệ")
    return int(value)


def parse_date(value: str | None, default: date) -> date:
    """``YYYY-MM-DD``; empty → ``default``; malformed or out of range → 400."""
    if not value:
        return default
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise bad_request("ngày phải có dạng YYYY-MM-DD") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise bad_request(f"ngày phải trong khoảng {FIRST_DAY} … {LAST_DAY}")
    return day


def _unreadable(value: str, *, form: bool) -> bool:
    if form:
        return clean_text(value) != value
    return bool(_CONTROL.search(value)) or clean_text(value) != value


@web.middleware
async def checked(request: web.Request, handler: Handler) -> web.StreamResponse:
    """400 for a query, path or form value holding what cannot be stored or shown, and for a
    form body that cannot be read (read here once: the handlers get aiohttp's parsed copy)."""
    values = [*request.query.values(), *request.match_info.values()]
    if any(_unreadable(v, form=False) for v in values):
        raise bad_request("giá trị có ký tự không hợp lệ")
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        try:
            form = await request.post()
        except ValueError:  # bytes that are not UTF-8, a multipart body without its boundary
            raise bad_request("biểu mẫu không đọc được") from None
        if any(isinstance(v, str) and _unreadable(v, form=True) for v in form.values()):
            raise bad_request("biểu mẫu có ký tự không hợp lệ")
    return await handler(request)
