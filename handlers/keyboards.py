"""The button sets motcua offers, built from action payloads."""

from __future__ import annotations

from collections.abc import Iterable

from handlers import sections as sec
from handlers import texts
from handlers.actions import Verb, act
from handlers.events import Button
from knowledge.schema import Procedure
from knowledge.topics import Menu


def human() -> Button:
    return Button(texts.LABEL_HUMAN, act(Verb.HUMAN))


def feedback(proc: Procedure) -> list[Button]:
    return [
        Button(texts.LABEL_UP, act(Verb.UP, proc=proc.id)),
        Button(texts.LABEL_DOWN, act(Verb.DOWN, proc=proc.id)),
    ]


def section(proc: Procedure, section_id: str) -> Button:
    return Button(sec.BY_ID[section_id].label, act(Verb.ASPECT, section_id, proc.id))


def sections(proc: Procedure, shown: str) -> list[Button]:
    """The other parts of the procedure, a person, and 👍/👎 for what was just shown."""
    rest = [section(proc, s.id) for s in sec.MENU if s.id != shown]
    return [*rest, human(), *feedback(proc)]


def offer_human(proc: Procedure | None) -> list[Button]:
    """Yes / no to "do you want a person?", then what can be asked next."""
    buttons = [Button(texts.LABEL_YES_HUMAN, act(Verb.HUMAN))]
    if proc is None:
        return buttons
    return [*buttons, *(section(proc, s.id) for s in sec.MENU if s.id != sec.CARD)]


def procedures(procs: Iterable[Procedure]) -> list[Button]:
    return [Button(p.title, act(Verb.PROCEDURE, p.id)) for p in procs]


def topics(menu: Menu, with_human: bool = False) -> list[Button]:
    buttons = [Button(t.label, act(Verb.TOPIC, t.id)) for t in menu.topics]
    return [*buttons, human()] if with_human else buttons
