"""The answer when a message settles on a procedure (a first message, a switch, a correction, a
choice after "Bạn muốn hỏi thủ tục nào?") and asks something of it beside naming the need.

Such a message often tells the citizen's case first and asks last ("thẻ BHYT hết hạn rồi, nhà 4
người đóng bao nhiêu tiền", "công ty yêu cầu nộp lý lịch tư pháp để đi làm, xin ở đâu"). The
planner (:func:`handlers.answer.plan`) reads the whole message: the words of the case ("hết
hạn", "công ty yêu cầu") and of its purpose ("để mua nhà") may then outweigh what is asked, or
leave nothing but the card. Here the question is read the way a person at the desk hears it:

- a close question-and-answer or an editor's answer of the whole message answers it;
- whether the citizen may or must ("đủ tuổi chưa", "có được hưởng không") with an age or a length
  of time told ("em 19 tuổi", "đóng được 8 tháng") is answered from the procedure's conditions and
  who may apply, those that state a measure of the same kind (:func:`eligibility`), before the
  passages the whole message meets, whose words may be those of the case only;
- else the part that asks (:func:`handlers.asking.question_of`: the last clause that asks, past
  its "thì", its purpose left out) is planned on its own, and its answer stands when it is the
  part it names, or when the whole message found nothing but the card.

The general card remains the answer when the message asks nothing beyond the need.
"""

from __future__ import annotations

from handlers import answer
from handlers import sections as sec
from handlers.answer import Plan
from handlers.asking import QUESTIONS, asks, asks_any_way, asks_by_word, question_of
from handlers.conversation import Conversation
from handlers.naming import named_runs
from knowledge.answers import Hit, default_words, words
from knowledge.schema import Procedure
from knowledge.text import key, nfc
from knowledge.turns import default_turns

LATE = "late"  # the part that says what doing it late means
ELIGIBLE_MAX = 3  # conditions quoted for a question of whether one may
ELIGIBLE_SCORE = 1.0  # a condition must share this much (BM25) with the question to be quoted
ELIGIBLE_PARTS = frozenset({sec.ELIGIBILITY, sec.RESULT, "in_person"})  # what a question of
# whether one may can name beside ("đã phải đi đăng ký chưa": who must come)
ELIGIBLE_FROM = frozenset({"eligibility", "faq"})  # conditions, who may apply, and the answers
# to the procedure's own questions


def plan(conv: Conversation, proc: Procedure, text: str) -> Plan:
    """What answers ``text``, which has just settled on ``proc``."""
    whole = answer.plan(conv, proc, text, named=True)
    if (
        (whole.faq or whole.written or whole.hits)
        and not _told_late(text)
        and _names_only(proc, text)
    ):
        return Plan(section=sec.BY_ID[sec.CARD])  # "gia hạn tạm trú", "bố mới mất, cần làm
        # khai tử": nothing asked beyond the need; a question-and-answer its name resembles is
        # no answer to it
    strict = question_of(text, done=False)
    if (whole.faq or whole.written) and strict == text:
        return whole
    asked = question_of(text)
    if whole.found and not whole.section and asked != strict:
        return whole  # "rồi" joins loosely: what the whole message found, case included
    named = _named(conv, proc, asked)
    worded = default_turns().asks_word(asked)
    if whole.faq or whole.written:
        # the procedure's own question answers it, unless that question asks another part than
        # the one a question's word asks ("tiện đây, tài khoản VNeID mức 2 làm ở đâu" is no "làm
        # online được không"); a part named by the words of the case is no part asked
        if not worded or not _other_part(conv, proc, whole, named):
            return whole
        part = answer.plan(conv, proc, asked, named=True)
        return part if part.section else whole
    if whole.hits and _wants_only(text):
        return Plan(section=sec.BY_ID[sec.CARD])  # "bị cho nghỉ việc, muốn làm bảo hiểm thất
        # nghiệp": nothing asked but the need; the passages met only the words of the case
    if named <= ELIGIBLE_PARTS and not _parts_named(conv, proc, text, named):
        eligible = eligibility(conv, proc, text, asked)
        if eligible and (not whole.hits or eligible[0].score > whole.hits[0].score):
            # "em 19 tuổi … đủ tuổi chưa": the conditions on age; also rather than a passage
            # the whole message kept that meets the question less than the condition does
            # ("76 tuổi, không có trợ cấp gì … có được hưởng không" is not whether two
            # allowances add up)
            return Plan(hits=tuple(eligible))
    if not named and not whole.hits and _told_late(text) and _has(conv, proc, LATE):
        return Plan(section=sec.BY_ID[LATE])  # "mất từ năm 2015 mà chưa khai tử": done late
    if answer.how_to(asked):  # "làm khai tử thế nào": the whole way, as the card tells it
        return _whole_way(whole, named)
    part = whole if asked == text else answer.plan(conv, proc, asked, named=True)
    if (_card(part) or not part.found) and worded:
        part = answer.plan(conv, proc, asked)  # "sinh con được nghỉ mấy tháng": no part named
    if not part.found or _card(part):
        return whole
    if not whole.found or _card(whole):  # what the part asks, if it asks more than the need
        return part if named or worded or part.faq or part.written else whole
    if whole.section is not None:  # a part named only by the case told is not what is asked
        return whole if whole.section.id in named else part
    if worded and (part.faq or part.written):  # the question's word asks what the part holds
        return part
    return part if named and not _answers(whole, named) else whole


PARTS_MAX = 3  # parts of one procedure a message may ask one after another


def _parts_named(conv: Conversation, proc: Procedure, text: str, named: set[str]) -> bool:
    """The message asks two parts or more one after another, its last question naming one of
    them (``named``: "làm ở đâu, có phải đi cùng bố mẹ không"): each is answered, whatever age or
    length of time its story tells; whether one may is not what it asks. A last question that
    names no part ("ông có được hưởng không") asks whether one may."""
    return bool(named) and len(parts_asked(conv, proc, text)) >= 2


def parts_asked(conv: Conversation, proc: Procedure, text: str) -> list[sec.Section]:
    """The parts of ``proc`` a message asks one after another, each in a piece of its own that
    asks ("nộp ở đâu, bao lâu", "nộp ở đâu và giấy tờ thế nào"), in the order asked; a piece
    that tells the case ("hồ sơ nộp rồi") asks none. Read of a message that settles on ``proc``
    and of a follow-up inside it alike (:func:`handlers.respond.reply`)."""
    shown = answer.view(conv, proc)
    title = {w.folded for w in words(f"{proc.title} {proc.name}")}
    found: list[sec.Section] = []
    for piece in default_turns().list_joint.split(nfc(text).lower()):
        if not piece.strip() or not asks_by_word(piece):
            continue
        said = [w.folded for w in words(piece)]
        named = [  # by words of its own: "có phải đăng ký thay đổi không" names no proxy
            part
            for hit in default_words().asked(piece)
            if not set(said[hit.start : hit.end]) <= title
            and (part := sec.by_words(hit.section)) is not None
            and part.id != sec.CARD
            and sec.render(part, shown)
        ]
        part = max(named, key=lambda s: s.priority, default=None)
        if part is not None and part not in found:
            found.append(part)
    return found[:PARTS_MAX]


def _whole_way(whole: Plan, named: set[str]) -> Plan:
    """The answer to a message that asks how the whole procedure is done: the card, unless the
    part the whole message found is one its asking clause names ("chia đất cho 2 đứa con thì làm
    sao": "đứa con", typed "dua con", reads as bringing the child, a word of the case only)."""
    if whole.section is not None and whole.section.id not in named | {sec.CARD}:
        return Plan(section=sec.BY_ID[sec.CARD])
    return whole


def _wants_only(text: str) -> bool:
    """The message tells what the citizen wants done ("muốn làm", "cần xin") and asks nothing:
    no clause with a question's ending, a question's word or a part's words."""
    if not default_turns().wants.search(key(text)):
        return False
    return not asks_any_way(text) and not any(asks_any_way(c) for c in QUESTIONS.findall(text))


def _names_only(proc: Procedure, text: str) -> bool:
    """The message asks nothing beside naming the procedure: no question's word; no question's
    ending but the last word of a run of two words or more that says its title or name
    ("chứng thực bản sao" ends with its name, not with "sao?"); no part's words but those of
    such a run or of an alias ("gia hạn tạm trú": "gia hạn" names it, no validity asked)."""
    if "?" in text or default_turns().asks_word(text):
        return False
    own = [[w.folded for w in words(n)] for n in (proc.title, proc.name)]
    names = [*own, *([w.folded for w in words(n)] for n in proc.aliases)]
    for piece in (text, *QUESTIONS.findall(text)):
        said = [w.folded for w in words(piece)]
        if asks(piece) and len(said) - 1 not in named_runs(said, own):
            return False
        named = named_runs(said, names)
        if any(not set(range(h.start, h.end)) <= named for h in default_words().asked(piece)):
            return False
    return True


def _told_late(text: str) -> bool:
    """The message tells a thing that happened in an earlier year and is not yet done ("mất từ
    năm 2015 mà chưa khai tử")."""
    return bool(default_turns().late.search(key(text)))


def _has(conv: Conversation, proc: Procedure, part: str) -> bool:
    return bool(sec.render(sec.BY_ID[part], answer.view(conv, proc)))


def _card(found: Plan) -> bool:
    return found.section is not None and found.section.id == sec.CARD


def eligibility(conv: Conversation, proc: Procedure, text: str, asked: str) -> list[Hit]:
    """For a question of whether the citizen may or must, with an age or a length of time told,
    the procedure's conditions and who may apply that state a measure of the same kind, those
    sharing most with the question first; none when the question is of another kind or tells
    no measure."""
    turns = default_turns()
    if not turns.eligible.search(key(asked)):
        return []
    told = _measures(text)
    if not told:
        return []
    found = answer.index(conv).search(proc, text, conv.ctx.today)
    kept = [
        h
        for h in found
        if h.passage.section in ELIGIBLE_FROM
        and h.score >= ELIGIBLE_SCORE
        and told & _measures(h.passage.text)
    ]
    best = kept[0].score if kept else 0.0
    return [h for h in kept if h.score >= answer.KEEP_RATIO * best][:ELIGIBLE_MAX]


def _measures(text: str) -> set[str]:
    """The kinds of measure a text states: "age", "span"."""
    return {
        kind
        for found in default_turns().measure.finditer(key(text))
        for kind, value in found.groupdict().items()
        if value
    }


def _named(conv: Conversation, proc: Procedure, asked: str) -> set[str]:
    """The ids of the parts the asking part names, that the procedure has."""
    shown = answer.view(conv, proc)
    return {s.id for s in answer.asked_sections(conv, proc, asked) if sec.render(s, shown)}


def _other_part(conv: Conversation, proc: Procedure, found: Plan, named: set[str]) -> bool:
    """Whether the question-and-answer (or editor's answer) found asks only parts other than the
    ones named."""
    said = found.faq.questions if found.faq else [found.written.question] if found.written else []
    theirs = {part for q in said for part in _named(conv, proc, q)}
    return bool(named and theirs and not named & theirs)


def _answers(found: Plan, named: set[str]) -> bool:
    """Whether the whole message's answer is one of the parts asked."""
    if found.section is not None:
        return found.section.id in named
    parts = (sec.by_words(h.passage.section) for h in found.hits)
    return any(part is not None and part.id in named for part in parts)
