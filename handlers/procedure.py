"""The procedure feature: free text → matcher → card or one section; clarify; corrections."""

from __future__ import annotations

from handlers import cards, checklist, keyboards, local, texts
from handlers.actions import Section, Verb, act
from handlers.conversation import Conversation
from handlers.events import Button, UnmetReason
from handlers.privacy import mask
from handlers.state import MISSES_FOR_HANDOFF, Mode
from knowledge.matcher import MatchResult, Outcome
from knowledge.normalize import Aspect
from knowledge.schema import Procedure

ASPECT_SECTION = {
    Aspect.FEES: Section.FEES,
    Aspect.DOCUMENTS: Section.DOCUMENTS,
    Aspect.TIME: Section.TIME,
    Aspect.PLACE: Section.PLACE,
    Aspect.ONLINE: Section.ONLINE,
    Aspect.ELIGIBILITY: Section.ELIGIBILITY,
    Aspect.FORMS: Section.FORMS,
}


def section_text(conv: Conversation, proc: Procedure, section: Section) -> str:
    state, kb = conv.state, conv.ctx.kb
    locality = conv.ctx.locality(state.locality)
    ctx = conv.ctx
    commune = ctx.places.commune(state.commune or ctx.default_commune) if ctx.places else None
    if commune is not None and section in (Section.PLACE, Section.FEES):
        if section is Section.PLACE:
            return local.place_section(proc, commune, ctx.desks.get(commune.code), ctx.now)
        fees = ctx.province_fees.get(commune.province.code)
        return local.with_local_fees(
            cards.fees(proc, kb, locality), local.local_fees(proc, commune, fees)
        )
    render = {
        Section.CARD: lambda: cards.card(proc),
        Section.DOCUMENTS: lambda: cards.documents(proc),
        Section.FEES: lambda: cards.fees(proc, kb, locality),
        Section.TIME: lambda: cards.time(proc),
        Section.PLACE: lambda: cards.place(proc, locality, state.place),
        Section.ONLINE: lambda: cards.online(proc),
        Section.LINKS: lambda: cards.links(proc, kb),
        Section.ELIGIBILITY: lambda: cards.eligibility(proc),
        Section.FORMS: lambda: cards.forms(proc),
    }
    return render[section]()


def show(conv: Conversation, proc: Procedure, section: Section = Section.CARD) -> None:
    conv.state.misses = 0
    if section is Section.CHECKLIST:
        checklist.start(conv, proc)
        return
    conv.state.focus(proc.id)
    buttons = keyboards.sections(proc, section)
    if section is Section.LINKS:
        linked = [link.id for link in (*proc.linked, *proc.related)]
        targets = [conv.ctx.kb.procedures[pid] for pid in linked if pid in conv.ctx.kb.procedures]
        buttons = [*keyboards.procedures(targets), *buttons]
    conv.say(section_text(conv, proc, section), buttons)


def ask(conv: Conversation, text: str) -> None:
    """A free-text question: a new need, or a follow-up about the current procedure."""
    state = conv.state
    result = conv.ctx.matcher.match(text)
    current = conv.ctx.procedure(state.procedure)
    section = ASPECT_SECTION.get(result.aspect) if result.aspect else None
    content = bool(result.normalized.strip())
    options = conv.ctx.matcher.clarify_options(result)
    if current and section and _about_current(result, current.id, content):
        conv.outcome = "answer"
        show(conv, current, section)
        return
    state.query = mask(text)
    state.scores = [(c.id, c.score) for c in result.candidates[:5]]
    if section and not content:
        conv.say(texts.NO_PROCEDURE, keyboards.topics(conv.ctx.menu))
    elif result.outcome is Outcome.ANSWER and result.best:
        conv.outcome = "answer"
        _answer(conv, result.best.id, section)
    elif result.outcome is Outcome.CLARIFY and options:
        conv.outcome = "clarify"
        clarify(conv, [c.id for c in options])
    elif current and not content:  # "thế còn gì nữa": nothing new asked
        conv.say(
            f"Bạn muốn biết thêm gì về {current.title}?", keyboards.sections(current, Section.CARD)
        )
    else:
        unmet(conv, text)


def _about_current(result: MatchResult, current: str, content: bool) -> bool:
    if not content or result.outcome is Outcome.UNMET:
        return True
    ids = [c.id for c in result.candidates[:3]]
    return (result.best is not None and result.best.id == current) or (
        result.outcome is Outcome.CLARIFY and current in ids
    )


def _answer(conv: Conversation, procedure_id: str, section: Section | None) -> None:
    proc = conv.ctx.procedure(procedure_id)
    if proc is None:
        conv.say(texts.UNKNOWN_PROCEDURE, keyboards.topics(conv.ctx.menu))
        return
    show(conv, proc, section or Section.CARD)


def clarify(conv: Conversation, candidate_ids: list[str]) -> None:
    procs = [p for p in (conv.ctx.procedure(pid) for pid in candidate_ids) if p]
    conv.state.mode, conv.state.candidates = Mode.CLARIFY, [p.id for p in procs]
    buttons = [*keyboards.procedures(procs), Button(texts.NONE_OF_THESE, act(Verb.NONE))]
    conv.say(texts.CLARIFY, buttons)


def unmet(conv: Conversation, text: str) -> None:
    conv.outcome = "unmet"
    conv.record_unmet(UnmetReason.NO_MATCH, text)
    state = conv.state
    state.mode, state.procedure, state.misses = Mode.IDLE, None, state.misses + 1
    if state.misses >= MISSES_FOR_HANDOFF:  # repeated failures: bring in a person
        state.misses = 0
        conv.record_unmet(UnmetReason.HANDOFF, text)
        conv.say(texts.UNMET_REPEATED, keyboards.topics(conv.ctx.menu))
        return
    conv.say(texts.UNMET, keyboards.topics(conv.ctx.menu, with_human=True))


def pick(conv: Conversation, procedure_id: str) -> None:
    """A procedure button (from clarify, a topic, or the related list)."""
    _answer(conv, procedure_id, None)


def reject(conv: Conversation, rest: str) -> None:
    """ "Không phải các mục trên", or "không phải, ý tôi là ..." after an answer."""
    state = conv.state
    shown = state.procedure if state.mode is not Mode.CLARIFY else None
    if rest:
        result = conv.ctx.matcher.match(rest)
        if result.outcome is not Outcome.UNMET:
            conv.record_unmet(
                UnmetReason.REJECTED, state.query or rest, procedure_id=shown, detail=rest
            )
            state.mode, state.procedure = Mode.IDLE, None
            others = [c.id for c in result.candidates[:4] if c.id != shown]
            if result.best and result.best.id == shown and others:
                clarify(conv, others[:3])  # the same answer again would not help
            else:
                ask(conv, rest)
            return
    conv.record_unmet(UnmetReason.REJECTED, state.query or "(không rõ)", procedure_id=shown)
    state.mode, state.procedure, state.candidates = Mode.IDLE, None, []
    conv.say(texts.REJECTED, keyboards.topics(conv.ctx.menu, with_human=True))
