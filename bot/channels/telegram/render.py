"""Replies → Telegram messages: HTML-escaped text within 4096 characters, inline keyboards."""

from __future__ import annotations

import html
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.events import Button, Reply
from handlers.split import split_text

MAX_TEXT = 4096
# Split the plain text with room to spare: escaping happens after splitting (so an entity like
# &amp; is never cut), and Telegram counts the length after entity parsing.
CHUNK = 4000
SHORT_LABEL = 18  # two such buttons fit side by side on a phone


@dataclass(frozen=True)
class Outgoing:
    html: str
    keyboard: InlineKeyboardMarkup | None = None


def to_html(text: str, bold_first_line: bool) -> str:
    if not bold_first_line:
        return html.escape(text, quote=False)
    first, _, rest = text.partition("\n")
    head = f"<b>{html.escape(first, quote=False)}</b>"
    return head + ("\n" + html.escape(rest, quote=False) if rest else "")


def keyboard(buttons: tuple[Button, ...]) -> InlineKeyboardMarkup | None:
    """Short labels two to a row, long ones alone, 👍 and 👎 together."""
    if not buttons:
        return None
    rows: list[list[InlineKeyboardButton]] = []
    pending: list[InlineKeyboardButton] = []
    for button in buttons:
        key = InlineKeyboardButton(button.label, callback_data=button.action)
        if len(button.label) <= SHORT_LABEL:
            pending.append(key)
            if len(pending) == 2:
                rows.append(pending)
                pending = []
            continue
        if pending:
            rows.append(pending)
            pending = []
        rows.append([key])
    if pending:
        rows.append(pending)
    return InlineKeyboardMarkup(rows)


def render(replies: tuple[Reply, ...]) -> list[Outgoing]:
    """Each reply split into messages; a reply's buttons go on its last message."""
    out: list[Outgoing] = []
    for reply in replies:
        chunks = split_text(reply.text, CHUNK)
        for i, chunk in enumerate(chunks):
            last = i == len(chunks) - 1
            bold = i == 0 and _is_heading(chunk)
            out.append(Outgoing(to_html(chunk, bold), keyboard(reply.buttons) if last else None))
    return out


def _is_heading(text: str) -> bool:
    first = text.split("\n", 1)[0]
    return "\n" in text and len(first) <= 80 and not first.endswith((".", "?", "!", ":"))
