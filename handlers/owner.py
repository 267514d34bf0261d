"""A first message that asks one of a procedure's own questions: that procedure answers it.

The matcher reads a procedure's names and aliases; a question about one particular point ("nhà
đang tranh chấp có đăng ký thường trú được không", "giấy bán xe có phải công chứng không") often
shares more words with a sibling's name than with the procedure that answers it, which holds the
question among its questions and answers. Of the procedures the matcher puts forward, the one
whose question-and-answer reads as the question asked, clearly closer than any other's, is the
one a person at the desk would answer from.
"""

from __future__ import annotations

from handlers import answer
from handlers.conversation import Conversation
from knowledge.answers import PassageIndex
from knowledge.matcher import MatchResult
from knowledge.schema import Faq, Procedure

OWNER_RANK = 4  # the matcher's candidates looked at
OWNER_SCORE = 0.15  # a candidate the matcher scores below this is not looked at
OWNER_MIN = 0.8  # the closeness of the question to one of the procedure's own questions...
OWNER_LEAD = 0.2  # ...and its lead over every other candidate's closest question


def owner(conv: Conversation, text: str, result: MatchResult) -> Procedure | None:
    """The candidate procedure one of whose own questions the citizen asks, clearly closer
    than any other candidate's, and saying what the question says to name the candidates the
    matcher put before it ("khai sinh cho con có cần sổ hộ khẩu không" is not "có cần sổ hộ
    khẩu không" of "Đăng ký thường trú"); None when none is."""
    idx = answer.index(conv)
    near: list[tuple[float, int, Procedure, Faq | None]] = []
    for rank, candidate in enumerate(result.candidates[:OWNER_RANK]):
        proc = conv.ctx.procedure(candidate.id)
        if proc is None or candidate.score < OWNER_SCORE:
            continue
        found = idx.faq(proc, text)
        near.append((found[1], rank, proc, found[0]) if found else (0.0, rank, proc, None))
    if not near:
        return None
    near.sort(key=lambda n: -n[0])
    top, rank, proc, faq = near[0]
    runner = near[1][0] if len(near) > 1 else 0.0
    if faq is None or top < OWNER_MIN or top - runner < OWNER_LEAD:
        return None
    before = [p for _, r, p, _ in near if r < rank]
    return None if _names_others(idx, proc, before, faq, text) else proc


def _names_others(
    idx: PassageIndex, proc: Procedure, others: list[Procedure], faq: Faq, text: str
) -> bool:
    """The question names one of ``others`` in words that neither name ``proc`` nor are said
    by the question-and-answer."""
    words = idx.words
    said = set(words.terms(text)) - words.asked_terms(text)
    naming = {t for o in others for t in idx.name_terms(o)} & said
    naming -= idx.name_terms(proc)
    held = {t for q in faq.questions for t in words.terms(q)}
    return bool(naming - held)


def answered_in(conv: Conversation, proc: Procedure, text: str) -> bool:
    """Whether ``proc`` answers the question itself: from one of its questions and answers, an
    editor's written answer, or the answer field the question asks for by its words."""
    found = answer.plan(conv, proc, text, named=True)
    section = found.section
    field = section is not None and bool(section.field)
    asked = field and section is not None and section.priority >= answer.DETAIL_PRIORITY
    return bool(found.faq or found.written or asked)


def holds(conv: Conversation, proc: Procedure, text: str) -> bool:
    """Whether one of ``proc``'s own questions reads as the question (as :func:`owner` reads
    them): a follow-up the current procedure holds stays with it, whatever another's name
    shares with it."""
    found = answer.index(conv).faq(proc, text)
    return found is not None and found[1] >= OWNER_MIN
