"""Button payloads: short ASCII strings ``verb[:arg[:procedure]]`` that fit Telegram's 64 bytes.

Buttons carry the procedure they refer to, so a button pressed on an old message still answers
about the right procedure.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

MAX_BYTES = 64


class Verb(StrEnum):
    START = "start"
    HELP = "help"
    RESET = "reset"
    TOPIC = "t"  # arg: topic id
    PROCEDURE = "p"  # arg: procedure id
    ASPECT = "a"  # arg: section id (handlers/sections.py), proc: procedure id
    MORE = "more"  # arg: "<topic id>@<how many procedures were shown>"
    NONE = "none"  # "Không phải các mục trên"
    TICK = "ck"  # arg: document index, proc: procedure id
    CHECK_DONE = "ckdone"  # proc: procedure id
    UP = "up"  # proc: procedure id
    DOWN = "down"  # proc: procedure id
    REASON = "why"  # arg: reason code
    HUMAN = "human"
    PRIVACY = "pv"  # arg: the citizen's data (handlers.rights)
    PLACE = "pl"  # arg: a commune code, or "q" + a narrower place name
    CALLBACK = "cb"  # arg: "" (offer taken), a time slot, or "no" (handlers.callback)
    # Pushed by the runtime's handoff relay, which answers them before the core:
    CLAIM = "claim"  # arg: ticket id (a volunteer takes the ticket)
    TICKET = "tk"  # arg: "up" / "down", proc: ticket id (the citizen's verdict on the help)


# Verbs the handoff relay answers; one that reaches the core has no route: an unknown button.
RELAYED = frozenset({Verb.CLAIM, Verb.TICKET})


@dataclass(frozen=True)
class Action:
    verb: Verb
    arg: str = ""
    proc: str = ""

    def encode(self) -> str:
        parts = [self.verb.value, self.arg, self.proc]
        while parts and not parts[-1]:
            parts.pop()
        payload = ":".join(parts)
        if len(payload.encode()) > MAX_BYTES:
            raise ValueError(f"action payload over {MAX_BYTES} bytes: {payload!r}")
        return payload

    @classmethod
    def parse(cls, payload: str) -> Action | None:
        """The action a payload names, or None for anything malformed or unknown."""
        if not payload or len(payload.encode()) > MAX_BYTES:
            return None
        verb, _, rest = payload.strip().partition(":")
        arg, _, proc = rest.partition(":")
        try:
            return cls(Verb(verb), arg, proc)
        except ValueError:
            return None


def act(verb: Verb, arg: str = "", proc: str = "") -> str:
    return Action(verb, arg, proc).encode()
