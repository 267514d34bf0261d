"""Call-backs: when nobody can answer now, the citizen may leave a number to be called back.

Offered with the handoff when the citizen's desk is closed (its hours, ``Context.desks`` at
``Context.now``) and by the runtime when no volunteer is on duty (:func:`offer`). Two steps:
the time that suits them (a button, or "sáng" / "chiều" typed), then the number with the
one-line consent. The number is handed to the runtime once, in ``Turn.callback``, and kept
nowhere here: the state records only that a number is awaited (``asked``), the history only
the masked text. Anything else typed while a number is awaited is an ordinary message (the
offer lapses); a wrong number is asked again.
"""

from __future__ import annotations

import re

from handlers import keyboards, texts
from handlers.actions import Action, Verb, act
from handlers.conversation import Conversation
from handlers.events import Button, CallbackRecord
from handlers.intents import yes_no
from handlers.privacy import mask
from handlers.routes import on
from knowledge.schema import Procedure
from knowledge.text import key
from knowledge.turns import default_turns

ASKED_WHEN = "cb"  # State.asked while the time is awaited
ASKED_NUMBER = "cb:"  # + the slot, while the number is awaited
SLOTS = tuple(texts.CALLBACK_SLOTS)
NO = "no"
# A Vietnamese number as citizens type it: mobile 0[35789] + 8 digits, landline 02 + 9 digits,
# "+84"/"84" for the leading 0, groups split by spaces, dots, dashes or "(024)".
_CANDIDATE = re.compile(r"\+?\(?\d[\d\s.\-()]{7,18}\d")
_NATIONAL = re.compile(r"0(?:[35789]\d{8}|2\d{9})")
_ATTEMPT_DIGITS = 6  # a message with this many digits is a try at a number, not a question


def offer() -> Button:
    return Button(texts.LABEL_CALLBACK, act(Verb.CALLBACK))


def desk_closed(conv: Conversation) -> bool:
    """The citizen's desk (their commune's, else the deployment's) is closed now; False when
    there is no desk or no time to tell."""
    ctx = conv.ctx
    commune = conv.state.commune or ctx.default_commune
    desk = ctx.desks.get(commune) if commune is not None else None
    return desk is not None and ctx.now is not None and not desk.status(ctx.now).open


def phone_number(text: str) -> str | None:
    """The phone number in ``text`` in national form ("0912345678"), or None.

    Only a number the storage mask hides is taken, so what the message log keeps of it is
    masked like any other number."""
    for found in _CANDIDATE.finditer(text):
        compact = re.sub(r"[\s.\-()]", "", found.group())
        if compact.startswith("+84"):
            compact = "0" + compact[3:]
        elif compact.startswith("84") and len(compact) in (11, 12):
            compact = "0" + compact[2:]
        if _NATIONAL.fullmatch(compact) and compact not in re.sub(r"\D", "", mask(text)):
            return compact
    return None


def ask_when(conv: Conversation) -> None:
    buttons = [Button(label, act(Verb.CALLBACK, slot)) for slot, (label, _) in _labels()]
    conv.say(texts.CALLBACK_WHEN, [*buttons, _no()])
    conv.state.asked = ASKED_WHEN


def ask_number(conv: Conversation, slot: str) -> None:
    conv.say(texts.CALLBACK_ASK.format(days=conv.ctx.callback_days), [_no()])
    conv.state.asked = ASKED_NUMBER + slot


def on_text(conv: Conversation, asked: str, text: str) -> bool:
    """Text typed while a call-back step waits; False: not an answer, handle it as a message."""
    if asked == ASKED_WHEN:
        if yes_no(text) is False:
            _drop(conv)
            return True
        folded = key(text)
        turns = default_turns()
        times = (("am", turns.slot_am), ("pm", turns.slot_pm), ("any", turns.slot_any))
        slot = next((s for s, words in times if words.search(folded)), None)
        if slot is None:
            return False
        ask_number(conv, slot)
        return True
    slot = asked.removeprefix(ASKED_NUMBER)
    if slot not in SLOTS:
        return False
    phone = phone_number(text)
    if phone is None:
        if yes_no(text) is False:
            _drop(conv)
            return True
        if sum(ch.isdigit() for ch in text) < _ATTEMPT_DIGITS:
            return False
        conv.say(texts.CALLBACK_BAD, [_no()])
        conv.state.asked = asked
        return True
    state = conv.state
    conv.callback = CallbackRecord(
        phone=phone,
        when=slot,
        procedure_id=state.procedure,
        locality=state.locality or state.place,
        context=tuple(state.history[:-1]),  # the number's own line stays out, masked or not
    )
    _, said = texts.CALLBACK_SLOTS[slot]
    proc = conv.ctx.procedure(state.procedure)
    conv.say(
        texts.CALLBACK_TAKEN.format(end=phone[-3:], when=said, days=conv.ctx.callback_days),
        keyboards.sections(proc, "") if proc else keyboards.topics(conv.ctx.menu),
    )
    return True


def _labels() -> list[tuple[str, tuple[str, str]]]:
    return list(texts.CALLBACK_SLOTS.items())


def _no() -> Button:
    return Button(texts.LABEL_NO_CALLBACK, act(Verb.CALLBACK, NO))


def _drop(conv: Conversation) -> None:
    conv.state.asked = None
    conv.say(texts.CALLBACK_DROPPED, keyboards.topics(conv.ctx.menu))


@on(Verb.CALLBACK)
def _callback(conv: Conversation, action: Action, proc: Procedure | None) -> None:
    if not action.arg:
        ask_when(conv)
    elif action.arg in SLOTS:
        ask_number(conv, action.arg)
    elif action.arg == NO:
        _drop(conv)
    else:
        conv.say(texts.UNKNOWN_ACTION, keyboards.topics(conv.ctx.menu))
