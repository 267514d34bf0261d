"""What a handler may read: one consistent snapshot of the knowledge base and the matcher."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from knowledge.base import KnowledgeBase
from knowledge.desk import Desk, ProvinceFees
from knowledge.live import WrittenAnswer
from knowledge.locality import Locality
from knowledge.matcher import Matcher
from knowledge.places import Gazetteer
from knowledge.schema import Procedure
from knowledge.topics import Menu


@dataclass(frozen=True)
class Context:
    kb: KnowledgeBase
    matcher: Matcher
    menu: Menu
    # The citizen's day (Vietnam time), set by the runtime: fees in force that day are quoted.
    # None (tests, tools): every fee is shown. The core never reads a clock itself.
    today: dt.date | None = None
    # Answers supervisors wrote in the dashboard, by procedure (``knowledge.live.LiveAnswers``).
    answers: Mapping[str, tuple[WrittenAnswer, ...]] = field(default_factory=dict)
    places: Gazetteer | None = None  # every commune and the old names (knowledge/places.py)
    desks: Mapping[int, Desk] = field(default_factory=dict)  # by commune code
    province_fees: Mapping[int, ProvinceFees] = field(default_factory=dict)  # by province code
    now: dt.datetime | None = None  # the event's time, Vietnam local; the core reads no clock
    default_commune: int | None = None  # the deployment's own commune (DEFAULT_LOCALITY)
    callback_days: int = 30  # days a call-back's number is kept (RETENTION_CALLBACKS_DAYS)

    def procedure(self, procedure_id: str | None) -> Procedure | None:
        return self.kb.get(procedure_id) if procedure_id else None

    def locality(self, locality_id: str | None) -> Locality | None:
        return self.kb.localities.get(locality_id) if locality_id else None
