"""One turn being built: the event, the state it changes and what the bot says and records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from handlers.context import Context
from handlers.events import (
    Button,
    CallbackRecord,
    FeedbackRecord,
    Incoming,
    Reply,
    ScoredCandidate,
    Turn,
    UnmetReason,
    UnmetRecord,
)
from handlers.privacy import mask
from handlers.state import State


@dataclass
class Conversation:
    event: Incoming
    state: State
    ctx: Context
    replies: list[Reply] = field(default_factory=list)
    unmet: list[UnmetRecord] = field(default_factory=list)
    feedback: list[FeedbackRecord] = field(default_factory=list)
    outcome: str | None = None  # set when a free-text question was matched
    rights: str | None = None  # a data right exercised this turn (handlers.rights)
    callback: CallbackRecord | None = None  # a call-back asked for this turn (handlers.callback)
    paper: str | None = None  # the procedure whose paper the last turn spoke of (state.paper)

    def say(self, text: str, buttons: Sequence[Button] = ()) -> None:
        self.replies.append(Reply(text.strip() or "…", tuple(buttons)))

    def record_unmet(
        self,
        reason: UnmetReason,
        text: str,
        *,
        procedure_id: str | None = None,
        detail: str | None = None,
        candidates: Sequence[tuple[str, float]] | None = None,
    ) -> None:
        scored = self.state.scores if candidates is None else candidates
        self.unmet.append(
            UnmetRecord(
                reason=reason,
                text=mask(text),
                candidates=tuple(ScoredCandidate(pid, round(s, 4)) for pid, s in scored),
                procedure_id=procedure_id,
                locality=self.state.locality or self.state.place,
                context=tuple(self.state.history),
                detail=mask(detail) if detail else None,
            )
        )

    def finish(self) -> Turn:
        """Only the last reply carries buttons; remember them for numbered answers."""
        if not self.replies:
            self.say("…")
        buttons = tuple(b for r in self.replies for b in r.buttons)
        replies = [Reply(r.text) for r in self.replies[:-1]]
        replies.append(Reply(self.replies[-1].text, buttons))
        self.state.offered = [b.action for b in buttons]
        self.state.remember("‹ " + mask(replies[-1].text.splitlines()[0]))
        return Turn(
            tuple(replies),
            tuple(self.unmet),
            tuple(self.feedback),
            outcome=self.outcome,
            procedure_id=self.state.procedure,
            locality=self.state.locality or self.state.place,
            rights=self.rights,
            callback=self.callback,
        )
