"""The one table of answer sections: id (in button payloads), label, renderer, menu, priority.

A section's words (what a follow-up says to ask for it) are in ``knowledge/lexicon/answers.yaml``
under the same id. Adding a section is: its field in the schema, its data, its words, and one
entry here. The renderer returns None when the procedure has nothing for that section, so the
section is neither offered nor chosen for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from handlers import cards, texts
from knowledge.base import KnowledgeBase
from knowledge.locality import Locality
from knowledge.schema import Procedure


@dataclass(frozen=True)
class View:
    """What a renderer reads: the procedure and where and when the citizen asks."""

    proc: Procedure
    kb: KnowledgeBase
    locality: Locality | None = None
    place: str | None = None
    today: dt.date | None = None


Render = Callable[[View], str | None]


@dataclass(frozen=True)
class Section:
    id: str  # in button payloads: short ASCII
    label: str  # button label and the reply's first line
    render: Render | None  # None: a mode rather than a text (the checklist)
    menu: bool = False  # offered as a button under every answer
    priority: int = 0  # when a question names several sections, the highest answers
    field: str | None = None  # the procedure's field with its own legal basis, if any
    short: str = ""  # the dashboard's column title for that field
    near: str | None = None  # the section that answers in part when a procedure lacks this one


def _detail(name: str, label: str) -> Render:
    """The renderer of an answer field of the schema (``knowledge.schema.Detail``)."""
    return lambda v: cards.detail(v.proc, name, label)


CARD, DOCUMENTS, FEES, TIME, PLACE, ONLINE = "card", "docs", "fees", "time", "place", "online"
LINKS, CHECKLIST, ELIGIBILITY, FORMS, RESULT = "links", "check", "who", "forms", "result"

SECTIONS: tuple[Section, ...] = (
    Section(CARD, texts.LABEL_CARD, lambda v: cards.card(v.proc, v.today), menu=True),
    Section(DOCUMENTS, texts.LABEL_DOCUMENTS, lambda v: cards.documents(v.proc), True, 10,
            "documents", "Giấy tờ"),
    Section(FEES, texts.LABEL_FEES, lambda v: cards.fees(v.proc, v.kb, v.locality, v.today),
            True, 30, "fees", "Lệ phí"),
    Section(TIME, texts.LABEL_TIME, lambda v: cards.time(v.proc), True, 20, "processing_time",
            "Thời hạn"),
    Section(PLACE, texts.LABEL_PLACE, lambda v: cards.place(v.proc, v.locality, v.place), True,
            15, "where", "Nơi nộp"),
    Section(ONLINE, texts.LABEL_ONLINE, lambda v: cards.online(v.proc), True, 12, "online",
            "Trực tuyến"),
    Section(LINKS, texts.LABEL_LINKS, lambda v: cards.links(v.proc, v.kb), menu=True),
    Section(CHECKLIST, texts.LABEL_CHECKLIST, None, menu=True),
    Section(ELIGIBILITY, texts.LABEL_WHO, lambda v: cards.eligibility(v.proc), priority=5),
    Section(FORMS, texts.LABEL_FORMS, lambda v: cards.forms(v.proc), priority=11),
    Section(RESULT, texts.LABEL_RESULT, lambda v: cards.result(v.proc), priority=4,
            field="result", short="Kết quả"),
    Section("in_person", "🧍 Ai phải có mặt", _detail("in_person", "🧍 Ai phải có mặt"),
            priority=3, field="in_person", short="Có mặt"),
    Section("proxy", "🤝 Nhờ người làm thay", _detail("proxy", "🤝 Nhờ người làm thay"),
            priority=50, field="proxy", short="Ủy quyền", near="in_person"),
    Section("same_day", "⚡ Nhận trong ngày", _detail("same_day", "⚡ Nhận trong ngày"),
            priority=45, field="same_day", short="Trong ngày", near=TIME),
    Section("late", "⌛ Làm muộn, quá hạn", _detail("late", "⌛ Làm muộn, quá hạn"), priority=60,
            field="late", short="Làm muộn", near=TIME),
    Section("refusal", "↩️ Nếu hồ sơ bị từ chối", _detail("refusal", "↩️ Nếu hồ sơ bị từ chối"),
            priority=40, field="refusal", short="Từ chối"),
    Section("validity", "⏳ Thời hạn giá trị", _detail("validity", "⏳ Thời hạn giá trị"),
            priority=55, field="validity", short="Hiệu lực"),
)  # fmt: skip
BY_ID: dict[str, Section] = {s.id: s for s in SECTIONS}
# The parts every procedure has; the others are details some state in a field of their own
# (who must come, a proxy, the same day, lateness, refusal, validity).
BASE: frozenset[str] = frozenset(
    {CARD, DOCUMENTS, FEES, TIME, PLACE, ONLINE, LINKS, CHECKLIST, ELIGIBILITY, FORMS, RESULT}
)


def is_detail(section: Section) -> bool:
    """A detail stated in a field of its own, not one of the parts every procedure has."""
    return section.field is not None and section.id not in BASE


# The lexicon names the base sections by the procedure's words ("documents", "eligibility").
WORD_KEYS: dict[str, str] = {"documents": DOCUMENTS, "eligibility": ELIGIBILITY}
MENU: tuple[Section, ...] = tuple(s for s in SECTIONS if s.menu)


def by_words(key: str) -> Section | None:
    """The section a lexicon key names."""
    return BY_ID.get(WORD_KEYS.get(key, key))


def render(section: Section, view: View) -> str | None:
    return section.render(view) if section.render else None
