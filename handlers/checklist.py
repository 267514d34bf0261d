"""Checklist mode: the citizen ticks the documents they have and sees what is still missing."""

from __future__ import annotations

from handlers import keyboards, texts
from handlers import sections as sec
from handlers.actions import Action, Verb, act
from handlers.conversation import Conversation
from handlers.events import Button
from handlers.routes import on
from handlers.state import Mode
from knowledge.schema import Document, Procedure

LABEL_CHARS = 36


def _label(index: int, doc: Document, ticked: bool) -> str:
    name = doc.name if len(doc.name) <= LABEL_CHARS else doc.name[: LABEL_CHARS - 1].rstrip() + "…"
    return f"{'✅' if ticked else '⬜'} {index}. {name}"


def _render(conv: Conversation, proc: Procedure) -> None:
    have = set(conv.state.have)
    lines = [texts.CHECKLIST_INTRO.format(name=proc.title)]
    buttons: list[Button] = []
    for i, doc in enumerate(proc.documents.items, 1):
        mark = "✅" if i in have else "⬜"
        when = f" (khi: {doc.when})" if doc.when else ""
        lines.append(f"{mark} {i}. {doc.name}{when}")
        buttons.append(Button(_label(i, doc, i in have), act(Verb.TICK, str(i), proc.id)))
    buttons.append(Button(texts.LABEL_DONE, act(Verb.CHECK_DONE, proc=proc.id)))
    buttons.append(Button(texts.LABEL_CARD, act(Verb.ASPECT, sec.CARD, proc.id)))
    conv.say("\n".join(lines), buttons)


def start(conv: Conversation, proc: Procedure) -> None:
    conv.state.focus(proc.id, Mode.CHECKLIST)
    if not proc.documents.items:
        conv.state.mode = Mode.PROCEDURE
        conv.say(texts.NO_DOCUMENTS, keyboards.sections(proc, sec.CHECKLIST))
        return
    _render(conv, proc)


def tick(conv: Conversation, proc: Procedure, indexes: list[int]) -> None:
    """Toggle documents by their 1-based numbers; numbers out of range are ignored."""
    conv.state.focus(proc.id, Mode.CHECKLIST)
    have = set(conv.state.have)
    for i in indexes:
        if 1 <= i <= len(proc.documents.items):
            have ^= {i}
    conv.state.have = sorted(have)
    _render(conv, proc)


def done(conv: Conversation, proc: Procedure) -> None:
    conv.state.focus(proc.id)
    have = set(conv.state.have)
    missing = [(i, d) for i, d in enumerate(proc.documents.items, 1) if i not in have]
    required = [(i, d) for i, d in missing if not d.when]
    optional = [(i, d) for i, d in missing if d.when]
    lines = [f"{texts.LABEL_CHECKLIST} — {proc.title}"]
    if not required:
        lines.append(texts.CHECKLIST_DONE_ALL)
    else:
        lines.append(texts.CHECKLIST_MISSING)
        lines += [_missing_line(d) for _, d in required]
    if optional:
        lines += ["", "Chỉ cần nếu rơi vào trường hợp:"]
        lines += [_missing_line(d) + f"\n   Khi: {d.when}" for _, d in optional]
    conv.say("\n".join(lines), keyboards.sections(proc, sec.CHECKLIST))


def _missing_line(doc: Document) -> str:
    line = f"• {doc.name}"
    if doc.obtain:
        line += f"\n   Lấy ở: {doc.obtain}"
    return line


@on(Verb.TICK, needs_procedure=True)
def _tick(conv: Conversation, action: Action, proc: Procedure | None) -> None:
    assert proc is not None
    tick(conv, proc, [int(action.arg)] if action.arg.isdecimal() else [])


@on(Verb.CHECK_DONE, needs_procedure=True)
def _done(conv: Conversation, action: Action, proc: Procedure | None) -> None:
    assert proc is not None
    done(conv, proc)
