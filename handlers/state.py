"""The conversation state stored between messages: small, JSON-serialisable, versioned."""

from __future__ import annotations

from copy import deepcopy
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, ValidationError

HISTORY_TURNS = 6
MISSES_FOR_HANDOFF = 3  # questions in a row without a procedure before a person is offered
MISSES_IN_PROCEDURE = 2  # follow-ups in a row with no answer before a person is offered
RECENT = 3  # earlier procedures kept for "quay lại", "lúc nãy"


class Mode(StrEnum):
    IDLE = "idle"  # nothing under discussion
    PROCEDURE = "procedure"  # a procedure is current; follow-ups refer to it
    CLARIFY = "clarify"  # waiting for the citizen to pick one of ``candidates``
    CHECKLIST = "checklist"  # ticking the documents of ``procedure``
    FEEDBACK_REASON = "feedback_reason"  # after a 👎, waiting for the reason


# Field values a fork may share with its original: they cannot change.
_IMMUTABLE = frozenset({str, int, float, bool, type(None), tuple, Mode})


class State(BaseModel):
    model_config = ConfigDict(extra="ignore")

    version: int = 1
    mode: Mode = Mode.IDLE
    procedure: str | None = None
    candidates: list[str] = Field(default_factory=list)  # clarify options, best first
    scores: list[tuple[str, float]] = Field(default_factory=list)  # what the matcher considered
    query: str = ""  # the last free-text question, masked
    have: list[int] = Field(default_factory=list)  # checklist: indexes of documents ticked
    locality: str | None = None  # a locality id from the knowledge base
    place: str | None = None  # a place the citizen named that has no locality file
    commune: int | None = None  # the official code of the citizen's commune (knowledge/places.py)
    offered: list[str] = Field(default_factory=list)  # actions of the last buttons, for "1", "2"
    history: list[str] = Field(default_factory=list)  # last turns, masked: "› ..." / "‹ ..."
    misses: int = 0  # questions in a row motcua could not answer; then a person is offered
    recent: list[str] = Field(default_factory=list)  # earlier procedures, the latest last
    section: str | None = None  # the section of ``procedure`` shown last
    asked: str | None = None  # a yes/no question waiting for its answer ("human")
    later: list[str] = Field(default_factory=list)  # needs told with another, not yet answered
    paper: str | None = None  # the procedure whose paper the last reply spoke of ("giấy đó")

    @classmethod
    def decode(cls, raw: str | None) -> State:
        """The stored state (JSON text); anything unreadable starts a fresh conversation.

        The one codec of the conversation state: the runtime stores what :meth:`encode` gives
        and reads it back only through here."""
        if not raw:
            return cls()
        try:
            return cls.model_validate_json(raw)
        except ValidationError:
            return cls()

    def fork(self) -> State:
        """A copy the turn may change without touching ``self``.

        Fields are replaced, not mutated, except lists, which are copied here (their items are
        immutable: strings, numbers, tuples), and any other mutable value is deep-copied. Several
        times cheaper than a deep copy, which ran on every message; values are told apart by
        their exact type (``isinstance`` against a model class costs more than the copy).
        """
        clone = self.model_copy()
        fields = clone.__dict__
        for name, value in fields.items():
            kind = type(value)
            if kind is list:
                fields[name] = value.copy()
            elif kind not in _IMMUTABLE:  # a dict, a model…: nothing of it is shared
                fields[name] = deepcopy(value)
        return clone

    def encode(self) -> str:
        """The state as stored: JSON text (:meth:`decode` reads it back)."""
        return self.model_dump_json()

    def remember(self, line: str) -> None:
        self.history = [*self.history, line[:200]][-HISTORY_TURNS:]

    def focus(self, procedure_id: str, mode: Mode = Mode.PROCEDURE) -> None:
        """Make ``procedure_id`` current; a different procedure starts a fresh checklist."""
        if procedure_id != self.procedure:
            self.have, self.section = [], None
            if self.procedure:
                earlier = [p for p in self.recent if p not in (self.procedure, procedure_id)]
                self.recent = [*earlier, self.procedure][-RECENT:]
        self.procedure, self.mode, self.candidates = procedure_id, mode, []
