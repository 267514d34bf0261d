"""The button sets motcua offers, built from action payloads."""

from __future__ import annotations

from collections.abc import Iterable

from handlers import texts
from handlers.actions import Section, Verb, act
from handlers.events import Button
from knowledge.schema import Procedure
from knowledge.topics import Menu

SECTION_LABELS: dict[Section, str] = {
    Section.CARD: texts.LABEL_CARD,
    Section.DOCUMENTS: texts.LABEL_DOCUMENTS,
    Section.FEES: texts.LABEL_FEES,
    Section.TIME: texts.LABEL_TIME,
    Section.PLACE: texts.LABEL_PLACE,
    Section.ONLINE: texts.LABEL_ONLINE,
    Section.LINKS: texts.LABEL_LINKS,
    Section.CHECKLIST: texts.LABEL_CHECKLIST,
    Section.ELIGIBILITY: texts.LABEL_WHO,
    Section.FORMS: texts.LABEL_FORMS,
}
MENU_SECTIONS = (
    Section.CARD,
    Section.DOCUMENTS,
    Section.FEES,
    Section.TIME,
    Section.PLACE,
    Section.ONLINE,
    Section.LINKS,
    Section.CHECKLIST,
)


def human() -> Button:
    return Button(texts.LABEL_HUMAN, act(Verb.HUMAN))


def feedback(proc: Procedure) -> list[Button]:
    return [
        Button(texts.LABEL_UP, act(Verb.UP, proc=proc.id)),
        Button(texts.LABEL_DOWN, act(Verb.DOWN, proc=proc.id)),
    ]


def sections(proc: Procedure, shown: Section) -> list[Button]:
    """The other parts of the procedure, a person, and 👍/👎 for what was just shown."""
    rest = [
        Button(SECTION_LABELS[s], act(Verb.ASPECT, s.value, proc.id))
        for s in MENU_SECTIONS
        if s is not shown
    ]
    return [*rest, human(), *feedback(proc)]


def procedures(procs: Iterable[Procedure]) -> list[Button]:
    return [Button(p.title, act(Verb.PROCEDURE, p.id)) for p in procs]


def topics(menu: Menu, with_human: bool = False) -> list[Button]:
    buttons = [Button(t.label, act(Verb.TOPIC, t.id)) for t in menu.topics]
    return [*buttons, human()] if with_human else buttons
