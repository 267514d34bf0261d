"""Locality overlays (``knowledge/localities/<id>.yaml``): one commune or province.

An overlay adds what is local: the one-stop centre(s), opening hours and fee overrides set by the
provincial People's Council. A file marked ``example: true`` documents the format only; the bot
never presents its address or hours as real.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import Field, StringConstraints, field_validator

from knowledge.schema import Fee, ProcedureId, Source, Strict, Text

SESSION_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$")
LocalityId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)]


class OpeningHours(Strict):
    days: Text  # "Thứ Hai - Thứ Sáu", "Sáng thứ Bảy"
    sessions: list[Text] = Field(min_length=1)  # "07:30-11:30"

    @field_validator("sessions")
    @classmethod
    def _sessions(cls, value: list[str]) -> list[str]:
        for session in value:
            match = SESSION_RE.match(session)
            if not match or session[:5] >= session[6:]:
                raise ValueError(f"session {session!r} must look like 07:30-11:30")
        return value


class Centre(Strict):
    name: Text
    address: Text
    phone: Text | None = None
    hours: list[OpeningHours] = Field(min_length=1)
    note: Text | None = None


class FeeOverride(Strict):
    procedure: ProcedureId
    fee: Fee
    resolution: Text  # the Nghị quyết HĐND that sets it


class Locality(Strict):
    id: LocalityId
    name: Text  # "Phường X, Thành phố Y"
    province: Text
    example: bool = False
    aliases: list[Text] = Field(default_factory=list)  # how citizens name the place
    centres: list[Centre] = Field(min_length=1)
    fee_overrides: list[FeeOverride] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    verified: bool = False
    reviewed_on: dt.date
    note: Text | None = None
