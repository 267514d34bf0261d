"""The Zalo OA wire format: webhook events in, ``message`` objects out, the signature.

Facts (``channels.md`` §2): the webhook body is flat JSON; ``X-ZEvent-Signature`` is ``mac=`` +
sha256 hex of ``app_id + raw body + timestamp + OA secret key`` [CW-JOB][CW-CTRL][HAINH]. Buttons:
``oa.query.show`` sends its payload back as a visible user message [OA-NOTES][ESMS-BTN]; we send
the option's number, which the core maps to the offered action exactly like a typed "1".
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from bot.channels.base import messages
from bot.channels.zalo_common import MAX_TEXT, plain_id
from handlers.events import Button, Incoming, Kind, Reply
from handlers.split import split_text

log = logging.getLogger("motcua.zalo")
CHANNEL = "zalo_oa"
SIGNATURE_HEADER = "X-ZEvent-Signature"
EVENT_KINDS = {  # event names [MONO][CW-JOB]; every other event is acknowledged and ignored
    "user_send_text": Kind.TEXT,
    "user_send_image": Kind.PHOTO,
    "user_send_gif": Kind.STICKER,
    "user_send_sticker": Kind.STICKER,
    "user_send_audio": Kind.VOICE,
    "user_send_file": Kind.FILE,
    "user_send_video": Kind.OTHER,
    "user_send_location": Kind.OTHER,
    "user_send_link": Kind.OTHER,
    "user_send_business_card": Kind.OTHER,
}
# UNCONFIRMED (one third-party source each, [OA-NOTES]): up to 5 buttons, titles ≤ 100 characters.
MAX_BUTTONS = 5
MAX_BUTTON_TITLE = 100


def signature(app_id: str, raw_body: bytes, timestamp: str, oa_secret_key: str) -> str:
    digest = hashlib.sha256(
        app_id.encode() + raw_body + timestamp.encode() + oa_secret_key.encode()
    )
    return "mac=" + digest.hexdigest()


@dataclass(frozen=True)
class OAEvent:
    user_id: str
    msg_id: str | None
    incoming: Incoming


def parse_event(body: dict[str, Any]) -> OAEvent | None:
    """A citizen's message, or None for events motcua does not answer (follow, seen...)."""
    kind = EVENT_KINDS.get(str(body.get("event_name")))
    sender = body.get("sender")
    user_id = plain_id(sender.get("id")) if isinstance(sender, dict) else None
    if kind is None:
        return None
    if user_id is None:  # missing, or not storable (control character, lone surrogate)
        log.warning("Zalo OA: a %s event without a usable sender id dropped", kind.value)
        return None
    found = body.get("message")
    message: dict[str, Any] = found if isinstance(found, dict) else {}
    text = message.get("text") if kind is Kind.TEXT else ""
    incoming = Incoming(user_id, CHANNEL, kind, text=text if isinstance(text, str) else "")
    return OAEvent(user_id, plain_id(message.get("msg_id")), incoming)


def _fits(buttons: tuple[Button, ...]) -> bool:
    titles = [f"{i}. {b.label}" for i, b in enumerate(buttons, 1)]
    return len(buttons) <= MAX_BUTTONS and all(len(t) <= MAX_BUTTON_TITLE for t in titles)


def render(replies: tuple[Reply, ...]) -> list[dict[str, Any]]:
    """``message`` objects: buttons as ``oa.query.show`` where they fit, else numbered text."""
    out: list[dict[str, Any]] = []
    for reply in replies:
        if not reply.buttons or not _fits(reply.buttons):
            out.extend({"text": text} for text in messages([reply], MAX_TEXT, with_numbers=True))
            continue
        *first, last = split_text(reply.text, MAX_TEXT)
        out.extend({"text": text} for text in first)
        buttons = [
            {"title": f"{i}. {b.label}", "type": "oa.query.show", "payload": str(i)}
            for i, b in enumerate(reply.buttons, 1)
        ]
        out.append(
            {"text": last, "attachment": {"type": "template", "payload": {"buttons": buttons}}}
        )
    return [m for m in out if m["text"].strip()]
