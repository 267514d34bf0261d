"""What flows in and out of the conversation core: channel-agnostic, no messaging library.

A channel turns its update into an :class:`Incoming`, hands it to :func:`handlers.handle` with the
stored :class:`~handlers.state.State`, and renders the :class:`Reply` list it gets back: buttons as
inline keyboards where the platform has them, as numbered options where it does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    TEXT = "text"
    ACTION = "action"  # a button press; ``action`` holds its payload
    STICKER = "sticker"
    PHOTO = "photo"
    VOICE = "voice"
    FILE = "file"
    OTHER = "other"  # location, contact, anything else a platform may send


@dataclass(frozen=True)
class Incoming:
    user: str  # the channel's opaque user id
    channel: str  # "web", "console", "telegram", "zalo"...
    kind: Kind = Kind.TEXT
    text: str = ""
    action: str = ""
    locality: str | None = None  # a locality id the channel already knows (deep link, settings)


@dataclass(frozen=True)
class Button:
    label: str
    action: str  # short payload, at most 64 bytes (Telegram's callback_data limit)


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: tuple[Button, ...] = ()


class UnmetReason(StrEnum):
    NO_MATCH = "no_match"
    REJECTED = "rejected"
    THUMBS_DOWN = "thumbs_down"
    HANDOFF = "handoff"
    NO_ANSWER = "no_answer_in_procedure"  # a follow-up the procedure's guidance does not answer


@dataclass(frozen=True)
class ScoredCandidate:
    id: str
    score: float


@dataclass(frozen=True)
class UnmetRecord:
    """An unmet request for supervisors to review. ``text`` is already masked."""

    reason: UnmetReason
    text: str
    candidates: tuple[ScoredCandidate, ...] = ()
    procedure_id: str | None = None  # the procedure shown when the citizen gave a 👎 or asked
    locality: str | None = None
    context: tuple[str, ...] = ()  # the last few turns, masked, "› citizen" / "‹ bot"
    detail: str | None = None  # e.g. the 👎 reason


@dataclass(frozen=True)
class FeedbackRecord:
    procedure_id: str | None
    positive: bool
    reason: str | None = None
    # A reason given after the 👎 was recorded: fills in that earlier record instead of a new one.
    amend: bool = False


@dataclass(frozen=True)
class CallbackRecord:
    """A citizen asked to be called back. ``phone`` is the one unmasked number the core hands
    out: the runtime stores it in its own table and nowhere else (never logs, never messages)."""

    phone: str  # digits, national form: "0912345678"
    when: str  # a slot of handlers.callback.SLOTS
    procedure_id: str | None = None
    locality: str | None = None
    context: tuple[str, ...] = ()  # the last few turns, masked, as in UnmetRecord

    def __repr__(self) -> str:  # a record printed by accident shows no number
        return f"CallbackRecord(phone='***{self.phone[-3:]}', when={self.when!r})"


@dataclass(frozen=True)
class Turn:
    """The result of handling one incoming event."""

    replies: tuple[Reply, ...]
    unmet: tuple[UnmetRecord, ...] = ()
    feedback: tuple[FeedbackRecord, ...] = field(default_factory=tuple)
    # For statistics: what a free-text question led to ("answer", "clarify", "unmet"; None for
    # buttons and small talk), the procedure current after the turn, the citizen's locality.
    outcome: str | None = None
    procedure_id: str | None = None
    locality: str | None = None
    # A data right the citizen exercised ("access", "erase", "info": handlers.rights); the
    # caller carries it out and fills in the answer.
    rights: str | None = None
    # A call-back the citizen asked for (handlers.callback); the caller stores it.
    callback: CallbackRecord | None = None
