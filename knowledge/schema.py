"""Pydantic models for one procedure file (``knowledge/procedures/<id>.yaml``).

Every section that states a fact (documents, fees, time, where, result, online) carries its own
``legal_basis`` and ``verified`` flag, so the bot can say which parts are confirmed. Unknown keys
are errors: a typo in a data file must never silently drop a fact.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
ProcedureId = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)
]
CODE_RE = re.compile(r"^\d\.\d{6}(?:\.[A-Z0-9]+)?$")


class Strict(BaseModel):
    # Validators are built at the first validation, not at import: a start that restores the
    # knowledge base from its cache (knowledge/cache.py) validates none of these models.
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True
    )


class Review(Strict):
    """A legal officer's check of one section: who (as citizens see the name), when, and the
    legal text or official page the section was checked against."""

    by: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
    on: dt.date
    against: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class Sourced(Strict):
    """Common tail of every factual section."""

    legal_basis: list[Text] = Field(default_factory=list)
    verified: bool = False
    note: Text | None = None
    # A section that genuinely does not apply says so in words instead of being empty.
    not_applicable: Text | None = None
    # Reviewers' working notes: doubts, where a fact was read, what is still to check.
    # Shown in the dashboard only, never to citizens.
    editor_note: Text | None = None
    # Set by a reviewer (dashboard or file); the bot shows it while it is fresh, see review.py.
    review: Review | None = None


class Level(StrEnum):
    XA = "xa"  # UBND / Công an cấp xã
    TINH = "tinh"  # sở, ngành, Công an cấp tỉnh (often received at the commune centre)
    TRUNG_UONG = "trung_uong"
    NGANH = "nganh"  # vertical agencies: BHXH, tax...
    NHIEU_CAP = "nhieu_cap"  # linked packages spanning several agencies


class DocKind(StrEnum):
    ORIGINAL = "ban_chinh"
    COPY = "ban_sao"  # plain copy
    CERTIFIED_COPY = "ban_sao_chung_thuc"  # or copy presented with the original
    PRESENT = "xuat_trinh"  # shown, not handed in
    ELECTRONIC = "dien_tu"


class Availability(StrEnum):
    TOAN_TRINH = "toan_trinh"
    MOT_PHAN = "mot_phan"
    KHONG = "khong"


class Channel(StrEnum):
    """How the citizen files: where times or fees differ by channel, the data says which."""

    DIRECT = "truc_tiep"  # at the one-stop desk
    ONLINE = "truc_tuyen"  # Cổng DVC quốc gia, VNeID, a provincial portal
    POST = "buu_chinh"  # sent by bưu chính công ích


class Delivery(StrEnum):
    DESK = "truc_tiep"  # at the one-stop desk
    POST = "buu_chinh"  # bưu chính công ích
    ELECTRONIC = "dien_tu"  # kết quả điện tử (portal account / VNeID)


class Code(Strict):
    code: Annotated[str, StringConstraints(pattern=CODE_RE.pattern)]
    current: bool = True
    note: Text | None = None
    source: Text

    @property
    def national(self) -> str:
        """The national code without a province suffix: "1.013978.H36" → "1.013978"."""
        return self.code.split(".H")[0]


class Agency(Strict):
    receives: Text
    decides: Text
    note: Text | None = None


class Document(Strict):
    name: Text
    form: Text | None = None  # form number, e.g. "Tờ khai CT01 (TT 66/2023/TT-BCA)"
    kind: DocKind
    count: int = Field(default=1, ge=1, le=20)
    when: Text | None = None  # condition, for documents needed only in some cases
    obtain: Text | None = None  # where the citizen gets it (for the checklist)
    note: Text | None = None
    editor_note: Text | None = None


class Documents(Sourced):
    items: list[Document] = Field(default_factory=list)
    not_required: list[Text] = Field(
        default_factory=list
    )  # no longer needed (population DB, VNeID)


class Fee(Strict):
    label: Text
    amount: int | None = Field(default=None, ge=0)  # VND; 0 means free
    amount_max: int | None = Field(default=None, ge=0)  # with amount: a range
    amount_online: int | None = Field(default=None, ge=0)  # when filing online costs differently
    amount_post: int | None = Field(default=None, ge=0)  # when filing by post costs differently
    amount_text: Text | None = None  # e.g. "Theo Nghị quyết HĐND tỉnh"
    unit: Text | None = None  # "hồ sơ", "trang", "bản"...
    varies_by_province: bool = False
    # A fee set for a period (a temporary reduction, a new rate from a date): the bot quotes
    # only the items in force on the day it answers. Both ends are inclusive.
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    legal_basis: list[Text] = Field(default_factory=list)
    verified: bool = False
    note: Text | None = None
    editor_note: Text | None = None

    @model_validator(mode="after")
    def _has_amount(self) -> Fee:
        if self.amount is None and self.amount_text is None:
            raise ValueError("a fee needs `amount` (VND) or `amount_text`")
        if self.amount_max is not None and (self.amount is None or self.amount_max < self.amount):
            raise ValueError("`amount_max` needs `amount` and must not be below it")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValueError("`valid_until` is before `valid_from`")
        return self

    def in_force(self, on: dt.date) -> bool:
        """Whether this fee applies on ``on``."""
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_until is None or on <= self.valid_until
        )


class Fees(Sourced):
    items: list[Fee] = Field(default_factory=list)
    exemptions: list[Text] = Field(default_factory=list)  # miễn, giảm


class ChannelTime(Strict):
    """The processing time when filing through one channel, where it differs from ``text``."""

    channel: Channel
    text: Text  # e.g. "03 ngày làm việc kể từ khi nhận đủ hồ sơ"
    working_days: float | None = Field(default=None, ge=0)


class ProcessingTime(Sourced):
    text: Text  # what the citizen reads, e.g. "Trong ngày; nếu cần xác minh: 03 ngày làm việc"
    working_days: float | None = Field(default=None, ge=0)  # the normal legal maximum
    citizen_deadline: Text | None = None  # the citizen's own deadline, e.g. 60 ngày kể từ ngày sinh
    # Per channel (trực tiếp / trực tuyến / bưu chính), only where the times differ; the
    # channels not listed take ``text``.
    by_channel: list[ChannelTime] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_entry_per_channel(self) -> ProcessingTime:
        channels = [entry.channel for entry in self.by_channel]
        if len(set(channels)) != len(channels):
            raise ValueError("`by_channel` lists a channel twice")
        return self


class Where(Sourced):
    offices: list[Text] = Field(default_factory=list)
    any_centre_in_province: bool = False  # phi địa giới: any centre in the province accepts it


class Result(Sourced):
    items: list[Text] = Field(default_factory=list)
    delivery: list[Delivery] = Field(default_factory=list)


class Portal(Strict):
    name: Text
    url: Text | None = None


class Online(Sourced):
    availability: Availability
    portals: list[Portal] = Field(default_factory=list)
    steps: list[Text] = Field(default_factory=list)


class Detail(Sourced):
    """A short, sourced answer to one of the questions citizens ask after the card.

    ``text`` is what the citizen reads: one to three calm sentences, no editor doubts.
    """

    text: Text


class Validity(Detail):
    """How long the result (paper, registration, card) stays valid, and how to renew it."""

    renew: Text | None = None  # what to do when it runs out


class Proxy(Detail):
    """Whether someone else may file or collect for the citizen (ủy quyền), and with what."""

    allowed: bool | None = None  # None: depends on the case, say it in ``text``


class SameDay(Detail):
    """Whether the result can be had the same day, and the cut-off hour for that."""

    possible: bool | None = None
    cutoff: Annotated[str, StringConstraints(pattern=r"^(?:[01]\d|2[0-3]):[0-5]\d$")] | None = None

    @model_validator(mode="after")
    def _cutoff_needs_a_same_day_result(self) -> SameDay:
        if self.cutoff is not None and self.possible is False:
            raise ValueError("`cutoff` is the hour for a same-day result, but `possible` is false")
        return self


class Faq(Strict):
    """One question citizens ask about this procedure, in their words, with a short answer."""

    questions: list[Text] = Field(min_length=1)  # variants, as citizens write them
    answer: Text
    legal_basis: list[Text] = Field(default_factory=list)
    verified: bool = False
    source: Text | None = None  # URL or legal text the answer was checked against
    editor_note: Text | None = None


class Link(Strict):
    id: ProcedureId
    reason: Text


class Source(Strict):
    title: Text
    url: Text | None = None
    seen_on: dt.date | None = None


class Procedure(Strict):
    id: ProcedureId
    name: Text
    short_name: Text | None = None  # how the bot names it in buttons
    summary: Text  # what it is for, one or two sentences
    codes: list[Code] = Field(default_factory=list)
    group: Text
    level: Level
    agency: Agency
    aliases: list[Text] = Field(min_length=5)
    applicants: list[Text] = Field(min_length=1)
    conditions: list[Text] = Field(default_factory=list)
    documents: Documents
    fees: Fees
    processing_time: ProcessingTime
    where: Where
    result: Result
    online: Online
    # The questions people ask next. Each is optional: leave it out where the law says nothing.
    validity: Validity | None = None  # how long the result stays valid, renewal
    in_person: Detail | None = None  # who must come in person; photo, fingerprints, iris; ages
    proxy: Proxy | None = None  # can someone else file (ủy quyền): who, with what paper
    same_day: SameDay | None = None  # same-day result and cut-off hour
    late: Detail | None = None  # filing late: deadline, penalty, what to do
    refusal: Detail | None = None  # if the file is refused: why, how to complain
    faq: list[Faq] = Field(default_factory=list)
    linked: list[Link] = Field(default_factory=list)
    related: list[Link] = Field(default_factory=list)
    legal_basis: list[Text] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    official_url: Text | None = None
    verified: bool = False
    reviewed_on: dt.date
    notes: list[Text] = Field(default_factory=list)  # caveats citizens should read
    editor_notes: list[Text] = Field(default_factory=list)  # reviewers only, never shown

    @property
    def title(self) -> str:
        return self.short_name or self.name

    @property
    def current_code(self) -> str | None:
        return next((c.code for c in self.codes if c.current), None)

    def as_of(self, on: dt.date) -> Procedure:
        """This procedure as the law stands on ``on``: fee items not in force that day left out."""
        items = [fee for fee in self.fees.items if fee.in_force(on)]
        if len(items) == len(self.fees.items):
            return self
        return self.model_copy(update={"fees": self.fees.model_copy(update={"items": items})})

    def expiring(self) -> list[tuple[str, dt.date]]:
        """Dated facts with an end: (what, last day in force)."""
        return [
            (f"fees.items[{i}] {fee.label!r}", fee.valid_until)
            for i, fee in enumerate(self.fees.items)
            if fee.valid_until is not None
        ]


# The optional answer fields above, in the order a card lists them.
DETAIL_FIELDS: tuple[str, ...] = ("validity", "in_person", "proxy", "same_day", "late", "refusal")

# Sections that must hold content or say explicitly why they do not apply.
SECTION_CONTENT: dict[str, str] = {
    "documents": "items",
    "fees": "items",
    "where": "offices",
    "result": "items",
    "online": "steps",
}
