"""What the outside world may put into a turn: checked once, at the edge, for every channel.

Two kinds of values arrive from clients and platforms:

- **ids** (the channel's user id, a locality id, a client message id) are keys in the database
  and in memory. One that holds a NUL, another control character or a lone surrogate (a JSON
  ``"\\ud800"``: not a Unicode scalar value, so neither UTF-8 nor storable) is refused:
  :func:`bad_id` names why, and the entry point answers 400 (a webhook acknowledges and drops it).
- **text** a citizen typed (or a button payload) should still be answered: :func:`clean_text`
  drops NUL and the other control characters (tab and line breaks stay) and replaces each lone
  surrogate with U+FFFD, so what is stored and logged is valid UTF-8 that every backend accepts.
  It also drops the invisible characters a pasted text carries inside its words (zero-width
  space, word joiner, soft hyphen, byte order mark), so "k\\u200bết hôn" reads as "kết hôn";
  the zero-width joiners of emoji sequences stay.

:func:`clean_event` applies both to an :class:`~handlers.events.Incoming`; the chat service calls
it on every event, so no channel can forget it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from handlers.events import Incoming

MAX_ID = 128
# C0 controls but tab, line feed and carriage return; DEL; C1 controls.
_CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_IN_ID = re.compile("[\x00-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_INVISIBLE = re.compile("[\u00ad\u180e\u200b\u2060\ufeff]")
REPLACEMENT = "\ufffd"
# Characters that change how the text around them is shown without being seen themselves:
# bidirectional controls (a message can read backwards, or hide part of itself) and zero-width
# characters. Text one person wrote and another reads (a supervisor, a volunteer) shows each as a
# visible mark naming it (:func:`marked`).
INVISIBLE = {
    **{chr(c): f"U+{c:04X}" for c in (0x061C, 0x200E, 0x200F)},
    **{chr(c): f"U+{c:04X}" for c in range(0x202A, 0x202F)},
    **{chr(c): f"U+{c:04X}" for c in range(0x2066, 0x206A)},
    **{chr(c): f"U+{c:04X}" for c in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD)},
}
_MARKS = str.maketrans({k: f"⟦{v}⟧" for k, v in INVISIBLE.items()})


class BadInput(ValueError):
    """An event whose id cannot be stored; the reason names the field, never its value."""


def clean_text(text: str) -> str:
    """``text`` as valid, storable UTF-8: control characters and invisible characters inside
    words dropped, lone surrogates replaced."""
    if text.isascii():
        return _CONTROL_IN_TEXT.sub("", text) if not text.isprintable() else text
    return _CONTROL_IN_TEXT.sub("", _INVISIBLE.sub("", _SURROGATE.sub(REPLACEMENT, text)))


def marked(text: str) -> str:
    """``text`` with every :data:`INVISIBLE` character shown as a mark (``⟦U+202E⟧``)."""
    return text if text.isascii() else text.translate(_MARKS)


def bad_id(value: str, name: str = "id", limit: int = MAX_ID) -> str | None:
    """Why ``value`` cannot serve as an id (empty, too long, control character, lone
    surrogate), or None if it can."""
    if not value.strip():
        return f"`{name}` must not be empty"
    if len(value) > limit:
        return f"`{name}` must be at most {limit} characters"
    if _CONTROL_IN_ID.search(value):
        return f"`{name}` must not contain control characters"
    if _SURROGATE.search(value):
        return f"`{name}` must be valid Unicode (no lone surrogates)"
    return None


def clean_event(event: Incoming) -> Incoming:
    """The event with its text and button payload cleaned; :class:`BadInput` if its user or
    locality id cannot be stored."""
    for name, value in (("user", event.user), ("locality", event.locality)):
        if value is not None and (reason := bad_id(value, name)):
            raise BadInput(reason)
    text, action = clean_text(event.text), clean_text(event.action)
    if text == event.text and action == event.action:
        return event
    return replace(event, text=text, action=action)
