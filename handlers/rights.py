"""The citizen's rights over their data, from the chat: see what is stored, erase it.

"dữ liệu của tôi" / ``/dulieu`` asks what is stored; "xóa dữ liệu của tôi" / ``/xoadulieu`` asks
for erasure and is confirmed with a button (or its number on text-only channels);
"quyền riêng tư" / ``/quyenriengtu`` asks what is kept and why. The core only recognises the
request and asks for the confirmation: the turn comes back with :attr:`Turn.rights` set, and
the runtime, which holds the data, carries it out and writes the answer.
"""

from __future__ import annotations

from enum import StrEnum

from handlers import keyboards, texts
from handlers.actions import Action, Verb, act
from handlers.conversation import Conversation
from handlers.events import Button
from handlers.intents import Command, command
from handlers.routes import on
from handlers.state import State
from knowledge.schema import Procedure


class Right(StrEnum):
    ACCESS = "access"  # show what is stored
    ERASE = "erase"  # erase now (confirmed)
    INFO = "info"  # what is kept, why, for how long


# Button arguments (``pv:<arg>``).
ASK = "ask"  # ask for the confirmation
CONFIRM = "erase"
KEEP = "keep"
DATA = "data"
INFO = "info"

COMMANDS = {Command.ERASE: ASK, Command.ACCESS: DATA, Command.PRIVACY: INFO}


def requested(text: str) -> str | None:
    """The button payload a typed request stands for ("/xoadulieu" → "pv:ask"), or None."""
    cmd = command(text)
    return act(Verb.PRIVACY, COMMANDS[cmd]) if cmd in COMMANDS else None


@on(Verb.PRIVACY)
def _button(conv: Conversation, action: Action, _proc: Procedure | None) -> None:
    on_action(conv, action.arg)


def on_action(conv: Conversation, arg: str) -> None:
    if arg == ASK:
        conv.say(
            texts.ERASE_ASK,
            [
                Button(texts.LABEL_ERASE, act(Verb.PRIVACY, CONFIRM)),
                Button(texts.LABEL_KEEP, act(Verb.PRIVACY, KEEP)),
            ],
        )
    elif arg == CONFIRM:
        conv.state = State()  # nothing of the conversation is kept
        conv.rights = Right.ERASE
        conv.say(texts.ERASE_PENDING)
    elif arg == KEEP:
        conv.say(texts.ERASE_KEPT, keyboards.topics(conv.ctx.menu))
    elif arg == DATA:
        conv.rights = Right.ACCESS
        conv.say(texts.ACCESS_PENDING)
    elif arg == INFO:
        conv.rights = Right.INFO
        conv.say(texts.PRIVACY_SHORT)
    else:
        conv.say(texts.UNKNOWN_ACTION, keyboards.topics(conv.ctx.menu))
