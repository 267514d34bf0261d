"""Answering a question inside one procedure, from that procedure's own content.

In order: a question-and-answer of the procedure whose question variants are close to it; a
section the question asks for by its words, when the question says nothing more specific; the
passages that answer it (BM25 over every passage, ``knowledge/answers.py``); the section asked
for; and, when nothing clears the bar, an honest "this detail is not in the guidance" that keeps
the procedure, offers its sections and a person, and records the question with the procedure.

The thresholds were measured on ``tests/data/conversations.jsonl`` (``bench/conversation_eval.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from handlers import checklist, keyboards, local, texts
from handlers import sections as sec
from handlers.asking import (
    CLAUSES,
    after_supposing,
    asked_part,
    asking_clauses,
    asks,
    clause_asks,
    past_case,
    past_then,
)
from handlers.conversation import Conversation
from handlers.events import UnmetReason
from handlers.format import date, footer, official
from handlers.naming import named_runs
from handlers.state import MISSES_IN_PROCEDURE
from knowledge.answers import (
    AGE,
    HOUR,
    MONEY,
    Hit,
    PassageIndex,
    Wanted,
    default_words,
    detail_text,
    docs_told,
    fact_asked,
    faq_question,
    holds,
    index_for,
    paper_to_get,
    when_told,
)
from knowledge.answers import words as word_list
from knowledge.live import WrittenAnswer
from knowledge.matcher import Outcome
from knowledge.schema import Detail, Document, Faq, Procedure, Sourced
from knowledge.text import key
from knowledge.turns import default_turns

FAQ_MIN = 0.62  # cosine of a question and a question variant of the procedure's faq
COVER_MIN = 0.2  # share of the question's weight a quoted passage must hold...
SCORE_MIN = 3.0  # ...and its BM25 score
DETAIL_PRIORITY = 40  # sections from this priority up are answer fields that answer outright
SPECIFIC_COVER = 0.45  # with a section asked too, a passage must hold this much to win over it
OWN_MIN = 0.5  # share of the question's own words (see PassageIndex.search) a passage holds
KEEP_RATIO = 0.6  # further passages quoted if they score this share of the best
MAX_PASSAGES = 3
RELATED_COVER = 0.12  # below this share everywhere, a question is about something else
BY_CHANNEL = frozenset({sec.FEES, sec.TIME})  # parts that say each way of filing apart
BARE_OWN = 2  # own words of a case asked by a bare "thì sao" that a passage answering it holds
PASSAGE_CHARS = 320  # a quoted passage is cut at a word boundary past this length


@dataclass(frozen=True)
class Plan:
    """What answers a question about one procedure."""

    faq: Faq | None = None
    written: WrittenAnswer | None = None
    section: sec.Section | None = None
    hits: tuple[Hit, ...] = ()
    paper: Document | None = None  # a paper of the procedure asked where it is got

    @property
    def found(self) -> bool:
        return bool(self.faq or self.written or self.section or self.hits or self.paper)


def index(conv: Conversation) -> PassageIndex:
    return index_for(conv.ctx.kb.procedures)


def view(conv: Conversation, proc: Procedure) -> sec.View:
    state = conv.state
    locality = conv.ctx.locality(state.locality)
    return sec.View(proc, conv.ctx.kb, locality, state.place, conv.ctx.today)


def _named(text: str, name: set[int] | None = None) -> list[sec.Section]:
    hits = default_words().asked(text)
    if name:
        outside = [h for h in hits if not name.issuperset(range(h.start, h.end))]
        hits = outside or hits
    found: list[sec.Section] = []
    for hit in hits:
        section = sec.by_words(hit.section)
        if section and section not in found and section.render:
            found.append(section)
    return sorted(found, key=lambda s: -s.priority)


def asked_sections(conv: Conversation, proc: Procedure, text: str) -> list[sec.Section]:
    """The sections the question names, highest priority first (with or without content);
    those named after its "thì" first, since the part before tells the case ("nếu công an
    không cho gia hạn thì khiếu nại ở đâu": the refusal, not the validity), or else in its last
    clause that asks, after clauses that tell the case. A part named only
    by words of the procedure's own name gives way to one asked outside it ("gia hạn tạm trú
    cần giấy tờ gì" asks the papers, not the validity)."""
    found = _named(text, _name_words(proc, text))
    after = after_supposing(text)
    then = _named(after, _name_words(proc, after))
    if after == text:
        # no "nếu … thì": the parts named in the last clause that asks, past the case told
        # before it, that the whole message names too ("chồng đi biển chưa về kịp, một mình em
        # đi khai được không": who must come, not who may go instead)
        clauses = [c for c in CLAUSES.split(text) if c.strip()]
        part = next((c for c in reversed(clauses) if clause_asks(c)), None)
        if len(clauses) < 2 or part is None or not asks(part):
            return found
        then = [s for s in _named(part, _name_words(proc, part)) if s in found]
    return [*then, *(s for s in found if s not in then)] if then else found


def _outside_name(proc: Procedure, text: str) -> bool:
    """Whether the question asks a part by words other than those naming the procedure."""
    name = _name_words(proc, text)
    return any(not name.issuperset(range(h.start, h.end)) for h in default_words().asked(text))


def _name_words(proc: Procedure, text: str) -> set[int]:
    """The positions of the question's words that say the procedure's title or an alias, or the
    first two words or more of one: "gia hạn thì mất bao nhiêu" in "Gia hạn tạm trú" names the
    procedure by its verb and asks the fees."""
    said = [w.folded for w in word_list(text)]
    names = [[w.folded for w in word_list(name)] for name in (proc.title, *proc.aliases)]
    return named_runs(said, names, anywhere=False)


def first_steps(conv: Conversation, proc: Procedure, text: str) -> None:
    """Asked what comes first: the related procedures the knowledge says come before this one
    ("Người khuyết tật cần Giấy xác nhận khuyết tật trước khi xin trợ cấp"), said before the
    answer, with their reason."""
    if not default_turns().first_step.search(key(text)):
        return
    said = set(default_words().content(text))
    for link in proc.related:
        other = conv.ctx.procedure(link.id)
        if other is None or not default_turns().before.search(key(link.reason)):
            continue
        if said & set(default_words().content(f"{other.title} {link.reason}")):
            conv.say(texts.FIRST_STEP.format(title=other.title, reason=link.reason))


def how_to(text: str) -> bool:
    """The message ends asking how the whole procedure is done, in its last clause or in a
    sentence of its own after the case told ("không có lương hưu. Làm sao ạ")."""
    pattern = default_turns().how_to
    last = [c for c in CLAUSES.split(text) if c.strip()][-1:]
    return any(pattern.search(key(t)) is not None for t in (text, *last))


PROXY = "proxy"  # the part that says who may do it in the citizen's place


def _relative_allowed(shown: sec.View, text: str) -> bool:
    """The asker says which relative they are and asks whether they may go ("tôi là con trai
    đi khai được không"), and the procedure says that relative may do it: who may do it
    answers, not who may stand in for another."""
    told = default_turns().self_kin.search(key(text))
    if told is None:
        return False
    who = (sec.render(sec.BY_ID[sec.ELIGIBILITY], shown) or "").partition("\n")[2]  # no title
    return told["kin"] in _WORD.findall(key(who))


_WORD = re.compile(r"\w+")


def _fits_part(found: list[Hit], section: sec.Section) -> bool:
    """Whether the passage that best answers the question is one of the part asked, holding a
    telling share of it ("cháu có phải có mặt để người ta đánh giá không", "có phải mang xe tới
    cho công an xem số khung không": who must come; what the citizen adds is the purpose)."""
    if not found:
        return False
    best = found[0]
    return sec.by_words(best.passage.section) is section and best.coverage >= RELATED_COVER


def _saying(
    idx: PassageIndex, shown: sec.View, present: list[sec.Section], text: str
) -> sec.Section | None:
    """Of the answer fields asked, the first whose text holds the particular words said, when
    the first asked does not; when the question asks for a figure, the first of those that
    states it ("bao lâu phải khởi công": the permit's 12 months, not the fine for building
    without one)."""
    said = default_words().particular_terms(after_supposing(text))
    fields = [s for s in present if s.field and s.priority >= DETAIL_PRIORITY]
    if not said or len(fields) < 2:
        return None
    texts_of = [(s, _field_text(shown.proc, s) or sec.render(s, shown) or "") for s in fields]
    saying = [s for s, t in texts_of if said & idx.terms_of(t)]
    want = fact_asked(text)
    if want is not None:
        stating = [s for s, t in texts_of if s in saying and holds(want, t, figure=True)]
        if stating:
            return stating[0]
    return saying[0] if saying else None


def _figure_field(
    idx: PassageIndex, shown: sec.View, section: sec.Section, text: str
) -> sec.Section | None:
    """When the question asks for a figure the answer field asked does not state, another of
    the procedure's answer fields that states it and says all the question says beside its
    asks and the procedure's name: "có phép rồi bao lâu phải khởi công" asks the permit's
    validity (12 months), though "bao lâu phải" names the citizen's own deadline."""
    want = fact_asked(text)
    if want is None or holds(want, _field_text(shown.proc, section) or "", figure=True):
        return None
    words = default_words()
    said = set(words.terms(text)) - words.asked_terms(text) - idx.name_terms(shown.proc)
    if not said:
        return None
    for other in sec.SECTIONS:
        if other is section or not other.field or other.priority < DETAIL_PRIORITY:
            continue
        told = _field_text(shown.proc, other)
        if told and holds(want, told, figure=True) and said <= idx.terms_of(told):
            return other
    return None


def _field_text(proc: Procedure, section: sec.Section) -> str | None:
    """The text of an answer field itself, without the label and additions of its reply (the
    citizen's deadline shown with lateness says "thời hạn", not that lateness holds it)."""
    found = getattr(proc, section.field or "", None)
    return detail_text(found) if isinstance(found, Detail) else None


def plan_told(conv: Conversation, proc: Procedure, text: str, *, named: bool = False) -> Plan:
    """:func:`plan` of a follow-up that may tell the citizen's own case before what it asks
    ("ông cụ run tay ký không nổi thì điểm chỉ có được không", "đất đứng tên hai vợ chồng, ông
    chồng đi làm xa, có cần đủ mặt không"): the part that asks answers when the whole finds
    nothing, or finds passages that leave out the words the part asks by; the case need not be
    in the guidance."""
    whole = plan(conv, proc, text, named=named, case=True)
    if (
        whole.section
        and not whole.hits
        and (sec.is_detail(whole.section) or _named_before(conv, proc, text, whole.section))
    ):
        told = _told_case(conv, proc, text, named=named)
        if told is not None:
            return told
    if whole.faq or whole.written or whole.paper or (whole.section and not whole.hits):
        return whole  # a part named, even by the case told, is kept: "ở quê Nghệ An mà đang
        # trọ ở Thủ Đức, làm ở Thủ Đức được không" asks the place
    asked = asked_part(text)
    if asked is None:
        return whole
    idx = index(conv)
    own = set(idx.specifics(proc, asked)) & idx.vocabulary(proc, conv.ctx.today)
    if whole.hits and (not own or own & whole.hits[0].terms):
        return whole  # the passages found say what the part asks
    part = plan(conv, proc, asked, named=named)
    if part.faq or part.written or part.hits:
        return part
    field = part.section
    if not whole.hits and field and sec.is_detail(field):
        return part  # "…, có cần đủ mặt không": who must come, whatever the case told
    return whole


def _told_case(conv: Conversation, proc: Procedure, text: str, *, named: bool) -> Plan | None:
    """A part named only in the case told, while the part that asks names none and the
    guidance answers it: "bằng hết hạn rồi mới bị mất, có phải thi lại không" asks whether the
    test is sat again, not how long the licence is valid; "chủ nhà không đồng ý ký thì có đăng
    ký được không" asks what the landlord's consent does, not what to do when the office
    refuses. The passages that answer the whole message, the case with it, else those that
    answer the part asked, each only when the words said are the citizen's own and not a bare
    "có được không". None when the part asked names a part, or nothing answers it."""
    asked = asked_part(text) or past_then(text)
    if asked is None or asked_sections(conv, proc, asked):
        return None
    idx = index(conv)
    # "nhà không ai biết làm online thì sao": a bare "thì sao" asks what befalls the case told,
    # which a passage holding enough of its own words answers ("không tự nộp trực tuyến được…")
    bare = not asks(asked) and not default_words().content(asked)
    if not asks(asked) and not (bare and len(idx.specifics(proc, text)) >= BARE_OWN):
        return None
    for said in (text,) if bare else (text, asked):  # the citizen's own words, not a bare
        found = plan(conv, proc, said, named=named, parts=False)  # "có được không"
        if (found.faq or found.hits) and idx.specifics(proc, said):
            return found
    return None


def _named_before(conv: Conversation, proc: Procedure, text: str, section: sec.Section) -> bool:
    """Whether a part is named only in the case told before the message's last "thì": "bằng
    không thời hạn, đánh rơi thì có phải thi lại không" tells the length of the licence and asks
    whether the test is sat again."""
    after = past_then(text)
    return after is not None and section not in asked_sections(conv, proc, after)


def plan(
    conv: Conversation,
    proc: Procedure,
    text: str,
    *,
    named: bool = False,
    parts: bool = True,
    case: bool = False,
) -> Plan:
    """``named``: the question names ``proc`` itself (then, saying nothing more, its card).
    ``parts``: whether the words that name a part are read as asking it (else only the
    passages and questions-and-answers answer). ``case``: a follow-up that may tell the
    citizen's case before what it asks: the words a passage must hold are the asking part's."""
    idx = index(conv)
    faq = idx.faq(proc, text)
    if faq and faq[1] >= FAQ_MIN:
        local_part = _local(conv, proc, text)
        return Plan(section=local_part) if local_part else Plan(faq=faq[0])
    written = max(
        ((w, idx.similarity(text, w.question)) for w in conv.ctx.answers.get(proc.id, ())),
        key=lambda ws: ws[1],
        default=None,
    )
    if written and written[1] >= FAQ_MIN:
        return Plan(written=written[0])
    shown = view(conv, proc)
    last = sec.BY_ID.get(conv.state.section or "")
    if (
        last is not None
        and last.id in BY_CHANNEL
        and default_words().only_channel(text)
        and not asks(text)  # "làm online được không" asks the online part
        and sec.render(last, shown)
    ):
        return Plan(section=last)  # "còn nộp trực tiếp thì sao" after the fees: the fees
    asked = asked_sections(conv, proc, text) if parts else []
    paper = paper_to_get(proc, text) if asked and asked[0].id == sec.PLACE else None
    if paper is not None and not _other_case(proc, text, paper):
        return Plan(paper=paper)  # "lấy giấy báo tử ở đâu": where the paper comes from
    if named and asked and not _outside_name(proc, text):
        asked = []  # "xin thêm bản sao giấy khai sinh": "bản sao" names "Bản sao trích lục"
    present = [s for s in asked if sec.render(s, shown)]
    section = present[0] if present else None
    if section is not None and section.id == PROXY and _relative_allowed(shown, text):
        return Plan(section=sec.BY_ID[sec.ELIGIBILITY])
    if asked and asked[0] is section and section.field and section.priority >= DETAIL_PRIORITY:
        # an answer field asked by its words is the answer, whatever the citizen adds about
        # their own case ("nhờ em gái đi làm hộ được không"); of several asked, the one that
        # says the particular thing asked ("gia hạn trước bao nhiêu ngày": the validity's
        # renewal, not lateness)
        chosen = _saying(idx, shown, present, text) or section
        return Plan(section=_figure_field(idx, shown, chosen, text) or chosen)
    specific = idx.specifics(proc, text)
    found = idx.search(proc, text, conv.ctx.today)
    told = _case_told(proc, text, found)
    if told and section is None:
        return Plan(hits=told)  # "không có giấy chứng sinh": the paper asked in that case
    # The part's own words ("bưu điện", "thứ 7", "chụp ảnh") that the guidance holds somewhere:
    # when the part asked lacks them (or the procedure lacks the part), a passage that says them
    # stands in for it.
    missing = bool(asked) and asked[0] is not section  # asked for a part this one lacks
    said = default_words().particular_terms(text) & idx.vocabulary(proc, conv.ctx.today)
    unsaid = bool(section and said and not said & idx.terms_of(sec.render(section, shown) or ""))
    missing = missing or unsaid
    if missing:
        said |= default_words().phrase_terms(text)
    loose = missing or (not section and (not named or asks(text)))
    words = [w for w in specific if not w.isdigit()]
    beside = default_words().beside(_lexicon_key(s) for s in asked)
    asked_by = past_case if case else asking_clauses  # what asks, without the case told
    if (
        section
        and not missing
        and len([w for w in words if w not in beside]) >= 2
        and len([w for w in idx.specifics(proc, asked_by(text)) if not w.isdigit()]) >= 2
        and not any(h.specific >= OWN_MIN for h in found)
        and not _fits_part(found, section)
    ):
        # "giấy tờ khi đón con chào đời" while "Đăng ký kết hôn" is current: the part is asked
        # about something this procedure never mentions.
        return Plan()
    past_people = idx.specifics(proc, default_words().past_people(text))
    if section and not missing and specific and not [w for w in past_people if not w.isdigit()]:
        # only a number of the citizen's own case ("cho con 15 tuổi cần gì"), or the people it
        # is told by ("khai ở xã của bố hay xã của em", "vợ chồng em cần mang theo gì"): the
        # part asked answers it, not a passage that happens to hold the same number or person;
        # unless the part lacks the figure asked and a passage states it ("được bao nhiêu tiền
        # 1 tháng")
        stated = _stating(fact_asked(text), section, shown, found)
        return Plan(hits=(stated,)) if stated is not None else Plan(section=section)
    told_only = asking_clauses(text) != text and not idx.specifics(proc, asking_clauses(text))
    if section and not missing and specific and told_only and not told:
        # the citizen's own words all in a clause that asks nothing ("về quê nộp được không,
        # công ty ở Bắc Ninh"): the part asked answers, not a passage that holds the case
        return Plan(section=section)
    wanted = said if missing else frozenset()
    if unsaid:
        # the passage must say the particular words asked ("bưu điện"); the citizen's own case
        # told in a clause that asks nothing ("em ở tỉnh xa, …") need not be in it
        specific = idx.specifics(proc, asking_clauses(text))
        found = idx.search(proc, asking_clauses(text), conv.ctx.today)
    hits = _passing(idx, proc, text, found, specific, loose, wanted)
    if not hits and case:
        # no passage holds the words of the case told: those of the part that asks decide
        particular, weighed = _asked_own(idx, proc, text, specific, found)
        if particular != specific:
            hits = _passing(idx, proc, text, weighed, particular, loose or not particular, wanted)
    want = fact_asked(text)
    if want is not None and any(holds(want, h.passage.text) for h in hits):
        hits = [h for h in hits if holds(want, h.passage.text)]  # "mấy tháng": a number of months
    hits = _of_part(hits, section) or hits
    if hits and (missing or not section or (specific and hits[0].coverage >= SPECIFIC_COVER)):
        best = hits[0].score
        kept = [h for h in hits if h.score >= KEEP_RATIO * best][:MAX_PASSAGES]
        return Plan(hits=tuple(kept))
    stated = _stating(want, section, shown, found)
    if stated is not None:
        return Plan(hits=(stated,))
    near = sec.BY_ID.get(asked[0].near or "") if asked and section is None else None
    if near is not None and sec.render(near, shown):
        return Plan(section=near)  # "có lấy ngay được không" where no same-day rule is known
    if section is None and named and not specific:
        return Plan(section=sec.BY_ID[sec.CARD])
    return Plan(section=section)


def _passing(
    idx: PassageIndex,
    proc: Procedure,
    text: str,
    found: list[Hit],
    own: list[str],
    loose: bool,
    wanted: frozenset[str],
) -> list[Hit]:
    """The passages that clear the bar: a telling share of the question, a score, and the
    question's own words ``own`` (with none, ``loose`` says whether any passage may do)."""
    return [
        h
        for h in found
        if h.coverage >= COVER_MIN
        and not (h.passage.section == "faq" and idx.opposite(proc, text, h.passage.search))
        and h.score >= SCORE_MIN
        and (h.specific >= OWN_MIN and h.own >= min(2, len(own)) if own else loose)
        and (not wanted or wanted & h.terms)
    ]


def _asked_own(
    idx: PassageIndex, proc: Procedure, text: str, specific: list[str], found: list[Hit]
) -> tuple[list[str], list[Hit]]:
    """The passages found, their own words weighed on the part that asks when the message tells
    the citizen's case before it ("muốn đổi nơi khám sang bệnh viện gần nhà thì lúc nào đổi
    được": when the change is made, not "bệnh viện gần nhà"): the case told still counts in
    their score and coverage, but a passage need not hold its words. The words a passage must
    hold, and the passages weighed on them."""
    particular = idx.specifics(proc, past_case(text))
    own = set(particular)
    if own == set(specific):
        return specific, found
    total = sum(idx.idf(t) for t in own)
    weighed = []
    for h in found:
        held = [t for t in own if t in h.terms]
        share = sum(idx.idf(t) for t in held) / total if total else 1.0
        weighed.append(replace(h, specific=share, own=len(held)))
    return particular, weighed


def _of_part(hits: list[Hit], section: sec.Section | None) -> list[Hit]:
    """The passages of the part asked that hold as much of the question's own words as the best
    passage does, and a telling share of it: "tiền sử dụng đất tính thế nào" asks the fees, so
    the fee that says how it is worked out answers, not the time that leaves out "the time to
    work out the land levy"."""
    if section is None or not hits:
        return []
    top = hits[0]
    return [
        h
        for h in hits
        if sec.by_words(h.passage.section) is section
        and h.coverage >= SPECIFIC_COVER
        and h.specific >= top.specific
        and h.own >= top.own
    ]


def _case_told(proc: Procedure, text: str, found: list[Hit]) -> tuple[Hit, ...]:
    """The passages of the documents needed in the very case the question states ("con 7 tuổi
    rồi, không có giấy chứng sinh": the witness's statement asked when there is none), unless
    another passage holds more of what the question asks beside that case ("anh em ruột nhận
    thừa kế thì có phải nộp thuế thu nhập không": the tax exemption, not the inheritance
    paper)."""
    denials = (w.folded for w in default_words().negations)
    cases = set(when_told(proc, text, denials))
    told = [h for h in found if h.passage.text in cases]
    if not told:
        return ()
    held = max(h.specific for h in told)
    if any(
        h.specific > held and h.own >= 2 and h.score >= SCORE_MIN and h.coverage >= COVER_MIN
        for h in found
        if h.passage.text not in cases
    ):
        return ()
    return tuple(told)[:MAX_PASSAGES]


def _other_case(proc: Procedure, text: str, paper: Document) -> bool:
    """Whether the question tells the case of another paper of the procedure: "không có giấy
    chứng sinh thì lấy giấy gì ở đâu" is not where the birth certificate is got."""
    denials = (w.folded for w in default_words().negations)
    return any(doc is not paper for doc in docs_told(proc, text, denials))


def _lexicon_key(section: sec.Section) -> str:
    """The key the lexicon names a section by ("documents" for the papers)."""
    return next((k for k, v in sec.WORD_KEYS.items() if v == section.id), section.id)


# The parts whose reply may lack the figure asked, that a passage of the procedure then states:
# "mỗi tháng được bao nhiêu" where the result names the decision and the way of payment only.
# So may the time asked with an hour of the day: "nộp chiều tầm 4h thì bao giờ lấy" where the time
# names no cut-off hour and the same-day rule does.
FIGURE_PARTS = {
    MONEY: frozenset({sec.RESULT}),
    AGE: frozenset({sec.ELIGIBILITY}),
    HOUR: frozenset({sec.TIME}),
}


def _stating(
    want: Wanted | None, section: sec.Section | None, shown: sec.View, found: list[Hit]
) -> Hit | None:
    """The passage that states the kind of figure asked (an amount, a length, an age), when the
    part asked states none, or no part is asked and no passage cleared the bar ("con gái bao
    nhiêu tuổi thì được cưới": the age): the best scored of those sharing a telling share of the
    question."""
    if want is None:
        return None
    if section is not None:
        if section.id not in FIGURE_PARTS.get(want.kind, ()):
            return None
        if holds(want, sec.render(section, shown) or "", figure=True):
            return None
    return next(
        (
            h
            for h in found
            if h.score >= SCORE_MIN
            and (h.coverage >= RELATED_COVER or want.kind == HOUR)  # an hour is telling alone
            and holds(want, h.passage.text, figure=True)
        ),
        None,
    )


def _local(conv: Conversation, proc: Procedure, text: str) -> sec.Section | None:
    """The one part asked, when the citizen's commune has its own rule for it (a fee set by the
    province's council): that part, local rule included, answers rather than a general
    question-and-answer."""
    if conv.state.locality is None:
        return None
    asked = asked_sections(conv, proc, text)
    if len(asked) != 1:
        return None
    shown = view(conv, proc)
    local = sec.render(asked[0], shown)
    general = sec.render(asked[0], replace(shown, locality=None))
    return asked[0] if local and local != general else None


def fit(conv: Conversation, proc: Procedure, text: str) -> float:
    """How well ``proc`` fits the question: the share of the question its best passage (or the
    closeness of its nearest question-and-answer) holds, plus the share of the question that
    names it ("giấy báo tử" names "Đăng ký khai tử")."""
    idx = index(conv)
    faq = idx.faq(proc, text)
    best = faq[1] if faq and faq[1] >= FAQ_MIN else 0.0
    for hit in idx.search(proc, text, conv.ctx.today):
        if hit.score >= SCORE_MIN:
            best = max(best, hit.coverage)
    return best + idx.name_share(proc, text)


def strong(conv: Conversation, proc: Procedure, text: str) -> bool:
    """Whether the question is clearly answered inside ``proc`` (then it does not switch)."""
    found = plan(conv, proc, text, named=True)
    quoted = bool(found.hits) and found.hits[0].coverage >= SPECIFIC_COVER
    return bool(found.faq or found.written or quoted or found.paper or _states(proc, found, text))


def _states(proc: Procedure, found: Plan, text: str) -> bool:
    """The answer field the question asks by its words states the figure it asks for ("bao lâu
    phải khởi công": the permit's validity says 12 months)."""
    section = found.section
    if section is None or not section.field or section.priority < DETAIL_PRIORITY:
        return False
    want = fact_asked(text)
    told = _field_text(proc, section)
    return want is not None and told is not None and holds(want, told, figure=True)


def _related(conv: Conversation, proc: Procedure, text: str) -> bool:
    """Whether the question shares a telling word with the procedure's guidance at all, however
    spelt: a question left unanswered that reads near the guidance is the procedure's to fill."""
    hits = index(conv).search(proc, text, conv.ctx.today, spelt_alike=False)
    return any(h.coverage >= RELATED_COVER for h in hits)


def say_faq(conv: Conversation, proc: Procedure, faq: Faq) -> None:
    source = Sourced(legal_basis=faq.legal_basis, verified=faq.verified)
    question = texts.FAQ_QUESTION.format(question=faq_question(faq))
    head = texts.ANSWER_HEAD.format(title=proc.title)
    body = [head, question, faq.answer, "", footer(proc, source)]
    conv.say("\n".join(body), keyboards.sections(proc, ""))


def say_written(conv: Conversation, proc: Procedure, written: WrittenAnswer) -> None:
    """A supervisor's answer, said to be theirs, with its basis and link when given."""
    lines = [texts.ANSWER_HEAD.format(title=proc.title), written.answer]
    lines.append(texts.WRITTEN_BY.format(unit=written.unit, day=date(written.day)))
    if written.legal_basis:
        lines.append(f"Căn cứ: {written.legal_basis}")
    if written.link:
        lines.append(f"Xem thêm: {written.link}")
    lines += ["", official(proc)]
    conv.say("\n".join(lines), keyboards.sections(proc, ""))


def say_paper(conv: Conversation, proc: Procedure, paper: Document) -> None:
    """Where a paper the procedure needs is got, from its own guidance."""
    docs = proc.documents
    lines = [texts.ANSWER_HEAD.format(title=proc.title)]
    lines.append(texts.PAPER_FROM.format(name=paper.name, obtain=paper.obtain))
    lines += ["", footer(proc, Sourced(legal_basis=docs.legal_basis, verified=docs.verified))]
    conv.say("\n".join(lines), keyboards.sections(proc, ""))


def _cut(text: str) -> str:
    if len(text) <= PASSAGE_CHARS:
        return text
    cut = text[:PASSAGE_CHARS]
    return cut[: cut.rfind(" ")].rstrip(",.;:") + "…"


def say_passages(conv: Conversation, proc: Procedure, hits: tuple[Hit, ...]) -> None:
    lines = [texts.ANSWER_HEAD.format(title=proc.title), texts.ANSWER_INTRO]
    for hit in hits:
        p = hit.passage
        label = p.label or (sec.BY_ID[p.section].label if p.section in sec.BY_ID else "")
        sep = " " if label.endswith("?") else ": "  # a faq's question, then its answer
        lines.append(f"• {label}{sep}{_cut(p.text)}" if label else f"• {_cut(p.text)}")
    basis = list(dict.fromkeys(b for h in hits for b in h.passage.basis))
    source = Sourced(legal_basis=basis, verified=all(h.passage.verified for h in hits))
    lines += ["", footer(proc, source)]
    conv.say("\n".join(lines), keyboards.sections(proc, ""))


SUGGEST_MIN = 0.3  # a matcher score that makes another procedure worth suggesting on a miss...
SUGGEST_SHARE = 0.5  # ...when its name holds this share of the question's words


def suggestion(conv: Conversation, proc: Procedure, text: str) -> Procedure | None:
    """Another procedure the question's own words point to ("bán thêm bia rượu" while "Đăng ký
    hộ kinh doanh" is current: "Cấp giấy phép bán lẻ rượu"), offered, never answered."""
    idx = index(conv)
    words = default_words()
    own = {t for t in words.terms(text) if "~" not in t} - words.asked_terms(text)
    weight = sum(idx.idf(t) for t in own)
    for pid, score in conv.state.scores[:3]:
        other = conv.ctx.procedure(pid)
        if other is None or other.id == proc.id or score < SUGGEST_MIN:
            continue
        shared = own & idx.name_terms(other)
        # most of what the question says names it: "bán bia rượu", not "nuôi" of "nuôi chó"
        if shared and sum(idx.idf(t) for t in shared) >= SUGGEST_SHARE * weight:
            return other
    return None


def not_found(conv: Conversation, proc: Procedure, text: str) -> None:
    """Nothing in the guidance answers it: say so, keep the procedure, offer sections, another
    procedure the words point to and, after repeated misses, a person; record the question with
    the procedure."""
    state = conv.state
    conv.outcome = "unmet"
    related = _related(conv, proc, text)
    turns, keyed = default_turns(), key(text)
    if (
        # an everyday topic named is another kind of question even where its words ("giá",
        # "bao nhiêu") are the guidance's too
        (turns.everyday.search(keyed) or (not related and turns.asked_anew.match(keyed)))
        and conv.ctx.matcher.match(text).outcome is Outcome.UNMET
    ):
        # "mà cho hỏi giá lúa năm nay bao nhiêu", "hỏi thêm chút, mua vé máy bay ở đâu rẻ",
        # "giá vàng hôm nay bao nhiêu": a question of another kind altogether; the procedure
        # stays current
        conv.record_unmet(UnmetReason.NO_MATCH, text)
        conv.say(texts.OFF_TOPIC.format(title=proc.title))
        return
    if default_words().asked(text) or related:
        conv.record_unmet(UnmetReason.NO_ANSWER, text, procedure_id=proc.id, candidates=())
    else:  # another need altogether, that no procedure matched
        conv.record_unmet(UnmetReason.NO_MATCH, text)
    state.misses += 1
    head = texts.ANSWER_HEAD.format(title=proc.title)
    message = f"{head}\n{texts.NOT_IN_GUIDANCE.format(title=proc.title)}"
    other = suggestion(conv, proc, text)
    lead = keyboards.procedures([other]) if other else []
    if other is not None:
        message += "\n" + texts.MAYBE_OTHER.format(title=other.title)
    if state.misses >= MISSES_IN_PROCEDURE:
        state.asked = "human"
        conv.say(f"{message}\n{texts.OFFER_HUMAN}", [*lead, *keyboards.offer_human(proc)])
        return
    conv.say(message, [*lead, *keyboards.sections(proc, "")[:-2]])


def section_text(conv: Conversation, proc: Procedure, section_id: str) -> str:
    ctx = conv.ctx
    commune = ctx.places.commune(conv.state.commune or ctx.default_commune) if ctx.places else None
    if commune is not None and section_id == sec.PLACE:  # the citizen's own commune and desk
        return local.place_section(proc, commune, ctx.desks.get(commune.code), ctx.now)
    section = sec.BY_ID.get(section_id, sec.BY_ID[sec.CARD])
    shown = view(conv, proc)
    text = sec.render(section, shown) or sec.render(sec.BY_ID[sec.CARD], shown) or proc.title
    if commune is not None and section_id == sec.FEES:  # and the province's own fees
        fees = ctx.province_fees.get(commune.province.code)
        text = local.with_local_fees(text, local.local_fees(proc, commune, fees))
    return text


def show(conv: Conversation, proc: Procedure, section_id: str = sec.CARD) -> None:
    conv.state.misses = 0
    if section_id == sec.CHECKLIST:
        checklist.start(conv, proc)
        return
    conv.state.focus(proc.id)
    conv.state.section = section_id
    buttons = keyboards.sections(proc, section_id)
    if section_id == sec.LINKS:
        linked = [link.id for link in (*proc.linked, *proc.related)]
        targets = [conv.ctx.kb.procedures[pid] for pid in linked if pid in conv.ctx.kb.procedures]
        buttons = [*keyboards.procedures(targets), *buttons]
    conv.say(section_text(conv, proc, section_id), buttons)
