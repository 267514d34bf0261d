"""What one turn reads and writes: a snapshot in, a write set out, both plain data.

A turn reads one :class:`Snapshot` (user id, state and its version, whether the sender is a
linked volunteer, the citizen's active handoff ticket) and commits one :class:`TurnWrite`: the
new state, conditional on the version it read, with the turn's message log, unmet requests and
feedback, in one transaction. Every row carries a random ``event_id`` so that a write set
replayed from the spool (:mod:`bot.storage.turns.spool`) is applied at most once.

Rows arrive built: their text masked and cut by :mod:`bot.rows`, above storage, so nothing
unmasked reaches the database or the spool, and storage never sees the conversation core.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from bot.ids import uuid4
from bot.storage.base import utcnow
from knowledge.text import key


def text_hash(text: str) -> str:
    """sha256 of the normalised text (case, diacritics, spacing, punctuation dropped)."""
    return hashlib.sha256(key(text).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a turn starts from. ``version`` 0: no state stored yet.

    ``user_id`` is None only while the database is unreachable, for a citizen this instance
    has not seen since it started; ``degraded`` says the snapshot came from memory.
    """

    user_id: int | None
    state: str | None = None  # JSON text of handlers.state.State
    version: int = 0
    volunteer: bool = False  # the sender is a linked volunteer
    ticket_id: int | None = None  # the citizen's open or claimed handoff ticket
    ticket_status: str | None = None
    degraded: bool = False
    turn_id: UUID | None = None  # the turn that wrote the state

    @classmethod
    def stored(
        cls,
        user_id: int,
        state: str | None,
        version: int | None,
        volunteer_id: int | None,
        ticket_id: int | None,
        ticket_status: str | None,
        turn_id: UUID | None,
    ) -> Snapshot:
        """From the columns every backend's snapshot query selects, in this order."""
        return cls(
            user_id,
            state,
            version or 0,
            volunteer_id is not None,
            ticket_id,
            ticket_status,
            turn_id=turn_id,
        )


@dataclass(frozen=True, slots=True)
class MessageWrite:
    event_id: UUID
    direction: str  # "in" / "out"
    text: str
    action: str | None
    channel: str | None
    outcome: str | None
    procedure_id: str | None
    locality: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class UnmetWrite:
    event_id: UUID
    channel: str
    reason: str
    text: str
    candidates: str  # JSON list of {"id", "score"}
    procedure_id: str | None
    locality: str | None
    context: str  # JSON list of strings
    detail: str | None
    dedupe_key: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class FeedbackWrite:
    event_id: UUID
    channel: str
    procedure_id: str | None
    positive: bool
    reason: str | None
    amend: bool  # fill in the reason of the citizen's latest 👎 instead of a new row
    created_at: datetime


@dataclass(slots=True)
class TurnWrite:
    """Everything one turn stores, committed together (or spooled together).

    ``state`` None: the conversation core did not run (throttled, relayed to a volunteer…), the
    stored state is left as it is. Otherwise it replaces the state it was read from (version
    ``base_version``, written by turn ``base_turn``), and the write fails as a conflict if
    another write came first.
    """

    channel: str
    external_id: str
    user_id: int | None
    base_version: int = 0
    state: str | None = None
    messages: list[MessageWrite] = field(default_factory=list)
    unmet: list[UnmetWrite] = field(default_factory=list)
    feedback: list[FeedbackWrite] = field(default_factory=list)
    base_turn: UUID | None = None  # the turn that wrote the state this one was read from
    at: datetime = field(default_factory=utcnow)
    turn_id: UUID = field(default_factory=uuid4)

    @property
    def empty(self) -> bool:
        return self.state is None and not (self.messages or self.unmet or self.feedback)

    def after(self, before: Snapshot | None) -> Snapshot:
        """The snapshot once this write's state is stored (volunteer and ticket as ``before``)."""
        return Snapshot(
            self.user_id or (before.user_id if before else None),
            self.state,
            self.base_version + 1,
            before.volunteer if before else False,
            before.ticket_id if before else None,
            before.ticket_status if before else None,
            turn_id=self.turn_id,
        )

    @property
    def simple(self) -> bool:
        """For a known user, and no 👎 reason to fill in: what a batched write can do."""
        return self.user_id is not None and not any(f.amend for f in self.feedback)


@dataclass(frozen=True, slots=True)
class WriteResult:
    """``ok`` False: the state changed since it was read (conflict); nothing was written."""

    ok: bool
    unmet_fresh: tuple[bool, ...] = ()  # per unmet request: False if a duplicate or ignored


# --- spool codec: one JSON object per write set -----------------------------------------------
def _rows(rows: list[Any]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        item = {name: getattr(row, name) for name in row.__slots__}
        item["event_id"] = row.event_id.hex
        item["created_at"] = row.created_at.isoformat()
        out.append(item)
    return out


def encode(write: TurnWrite) -> dict[str, Any]:
    return {
        "turn_id": write.turn_id.hex,
        "at": write.at.isoformat(),
        "channel": write.channel,
        "external_id": write.external_id,
        "user_id": write.user_id,
        "base_version": write.base_version,
        "base_turn": write.base_turn.hex if write.base_turn else None,
        "state": write.state,
        "messages": _rows(write.messages),
        "unmet": _rows(write.unmet),
        "feedback": _rows(write.feedback),
    }


def _revive(kind: type[Any], items: list[dict[str, Any]]) -> list[Any]:
    rows = []
    for item in items:
        values = dict(item)
        values["event_id"] = UUID(hex=item["event_id"])
        values["created_at"] = datetime.fromisoformat(item["created_at"])
        rows.append(kind(**values))
    return rows


def decode(data: dict[str, Any]) -> TurnWrite:
    return TurnWrite(
        channel=data["channel"],
        external_id=data["external_id"],
        user_id=data["user_id"],
        base_version=data["base_version"],
        state=data["state"],
        messages=_revive(MessageWrite, data["messages"]),
        unmet=_revive(UnmetWrite, data["unmet"]),
        feedback=_revive(FeedbackWrite, data["feedback"]),
        base_turn=UUID(hex=data["base_turn"]) if data.get("base_turn") else None,
        at=datetime.fromisoformat(data["at"]),
        turn_id=UUID(hex=data["turn_id"]),
    )
