"""Follow-ups while a procedure is current: a question is answered from it unless the message
clearly names another procedure; a miss never drops it; words that only name a part ("giấy tờ
cần gì", "có cần giấy xác nhận độc thân không") never pick a procedure by themselves. Another
procedure is named by its whole title, by words both names hold that the matcher reads as its
own, or by its object where the current one's is not said; one of the current one's group by
what it does, a paper lost or an age said (:mod:`handlers.switch`). A paper of another
procedure that the current one lists as not needed, asked yes or no, is answered from the current
one, and "giấy đó" next points at that paper (``State.paper``).

Every shape of follow-up is a row of one ordered table, :data:`STEPS`: the first whose shape a
message is of answers it. The shapes that lead to one procedure are the rows of :data:`RULES`,
read in their place; those that pick one of a menu, :data:`PICKS`. A new shape is a new row,
its place in the table its precedence."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from handlers import answer, respond
from handlers import sections as sec
from handlers.answer import show
from handlers.asking import asks_any_way, clause_asks
from handlers.conversation import Conversation
from handlers.first import offer, points, refer_aside
from handlers.naming import (
    FIT_MARGIN,
    NAMED_IN_FULL,
    OUTRANKS_LEAD,
    OUTRANKS_MIN,
    name_words,
    names_paper,
    opening,
    parallel,
    says_object,
    score_of,
    thing_of,
)
from handlers.owner import holds
from handlers.state import Mode
from handlers.switch import (
    befalls_only,
    for_age,
    for_stay,
    in_band,
    package_of_parts,
    register_anew,
    reissue_of,
    related_told,
    same_thing_by_act,
    sibling_of,
    variant_for_case,
)
from knowledge.answers import ABROAD, ABROAD_PLACE, Hit, abroad, default_words, passages
from knowledge.answers import words as words_of
from knowledge.base import KnowledgeBase
from knowledge.matcher import Candidate, MatchResult, Outcome
from knowledge.normalize import default_normalizer
from knowledge.referrals import default_referrals
from knowledge.schema import Procedure
from knowledge.text import fold_in_place, key, nfc
from knowledge.turns import default_turns


def now_part(text: str) -> str | None:
    """What a message says of now, after what it tells of the past ("… nhưng giờ …"); None when
    it tells no past."""
    original = nfc(text).strip()
    said = fold_in_place(original.lower())  # positions are the original's
    found = default_turns().but_now.search(said)
    if found is None or found.start() == 0:
        return None
    return original[found.end() :].strip(" ,.;:") or None


def next_part(text: str) -> str | None:
    """What a message asks after a step it says done ("lên thổ cư xong xây nhà có cần giấy phép
    không": "xây nhà có cần giấy phép không"); None when it says no step done, or nothing after."""
    original = nfc(text).strip()
    said = fold_in_place(original.lower())  # positions are the original's
    steps = list(default_turns().then_next.finditer(said))
    found = steps[-1] if steps else None  # the last step said done: what follows is the next
    if found is None:
        return None
    return original[found.end() :].strip(" ,.;:") or None


def then_part(after: str) -> str | None:
    """What a part said after a step done asks past a "thì" of its own, when the step goes on
    beyond the done word ("xong tách rồi cho con thì làm hợp đồng tặng cho ở đâu": "làm hợp đồng
    tặng cho ở đâu"); None when it has no such "thì", or nothing after it."""
    said = fold_in_place(after.lower())  # positions are the original's
    steps = list(default_turns().then_ask.finditer(said))
    if not steps:
        return None
    return after[steps[-1].end() :].strip(" ,.;:") or None


def next_step(
    conv: Conversation, current: Procedure, after: str, whole: MatchResult
) -> Procedure | None:
    """The procedure the part said after a step done names, that the whole message (``whole``)
    reads near its first too ("gia hạn được không" alone is read as the residence's renewal, but
    "giấy phép kia hết hạn rồi thì gia hạn được không" hardly so), by a word of its name that
    the current one's lacks."""
    step = _step_named(conv, current, after)
    # the current one set aside: the step said done names it ("có giấy độc thân rồi thì đi đăng
    # ký kết hôn cần mang gì" reads the certificate first)
    first = max((c.score for c in whole.candidates if c.id != current.id), default=0.0)
    if step is None or score_of(whole, step.id) < first - FIT_MARGIN:
        return None
    # and by a word of its own name: "được cấp phép rồi thì bao lâu phải khởi công" names no
    # renewal, "làm lại xong thì ngày cưới tính từ hồi nào" no new marriage
    return step if _beyond(current, step, after) else None


def _step_named(conv: Conversation, current: Procedure, after: str) -> Procedure | None:
    """The procedure the part said after a step done names: one the matcher reads firmly, or
    the first of those it offers when it leads the current one well ("tách xong cho em trai
    thì làm hợp đồng tặng cho chứng thực ở xã được không": the contract, not the land split).
    Read less firmly, from ``STEP_READ_MIN``, only where the part asks something; with others
    near it, the one of those the current one lists as related, else the one whose title opens
    with what is said. None when it names none, or the current one."""
    named = named_now(conv, current, after)
    if named is not None:
        return named
    result = conv.ctx.matcher.match(after)
    best = result.best
    if result.outcome is not Outcome.CLARIFY or best is None or best.id == current.id:
        return None
    if best.score < STEP_READ_MIN or best.score - score_of(result, current.id) < OUTRANKS_LEAD:
        return None
    near = [c for c in result.candidates if c.score >= best.score - FIT_MARGIN]
    said = f" {key(after)} "
    # of those near the first, one whose title opens with what the message says ("chứng thực
    # hợp đồng", not "bản sao hợp đồng đã chứng thực"), else the first
    opens = [c for c in near if (p := conv.ctx.procedure(c.id)) and f" {opening(p)} " in said]
    if best.score >= OUTRANKS_MIN:
        return conv.ctx.procedure((opens or near)[0].id)
    if not asks_any_way(after):
        return None  # "bị mối xông mất rồi, không còn": a word read as done, nothing asked next
    if len(near) == 1:
        return conv.ctx.procedure(near[0].id)
    # read less firmly, with others near: the one of them the current one lists as related
    # ("tách sổ xong thì bán phần đó, sang tên mất bao lâu": the land's transfer, not the
    # vehicle's), else the one whose title opens with what it says
    related = {r.id for r in current.related}
    kin = [c for c in near if c.id in related]
    picked = kin if len(kin) == 1 else opens
    return conv.ctx.procedure(picked[0].id) if len(picked) == 1 else None


def related_step(conv: Conversation, current: Procedure, done: str, text: str) -> Procedure | None:
    """The procedure related to the current one whose reason in the YAML tells the step the
    message says done: "trả nợ xong thì lấy sổ về làm gì" while "Đăng ký thế chấp" is current
    meets "Trả hết nợ muốn giải chấp, lấy lại sổ" of "Xóa thế chấp". The words before what is
    asked next (``done``) share at least ``RELATED_DONE`` words with the reason, the whole
    message (``text``) ``RELATED_SHARED``; one related procedure only."""
    words = default_words()

    def shared(said: str, reason: str) -> int:
        return len(set(words.content(said)) & set(words.content(reason)))

    found = [
        r.id
        for r in current.related
        if shared(done, r.reason) >= RELATED_DONE and shared(text, r.reason) >= RELATED_SHARED
    ]
    return conv.ctx.procedure(found[0]) if len(found) == 1 else None


def step_by_fit(conv: Conversation, current: Procedure, after: str) -> Procedure | None:
    """The next step by what the part said after a step done asks, when the matcher names none
    firmly: of the procedures it reads near its first and those the current one lists as
    related, the one whose guidance answers that part clearly better than the current one's
    does ("đăng ký xong cháu đi học đại học ở tỉnh khác thì phải làm gì" after the first
    military-service registration: the registration of a move, which the current one lists).
    When several fit about as well, the one the current one lists as related, if it is one
    alone. None when the part asks no step to take ("làm gì", "làm sao"), when it says nothing
    past what it asks and the current one's names, when
    the current one answers it ("có giấy rồi thì bao lâu phải khởi công": the permit's validity),
    or when the matcher names another of it firmly (the rules before read that one)."""
    if not default_turns().what_to_do.search(key(after)):
        return None  # "đăng ký xong thì bao lâu ngân hàng giải ngân" asks no step to take
    if not _beyond_asks(current, after) or answer.strong(conv, current, after):
        return None
    result = conv.ctx.matcher.match(after)
    if result.best is not None and result.best.score >= OUTRANKS_MIN:
        return None
    related = [r.id for r in current.related]
    pool = dict.fromkeys([*_near(result)[:STEP_POOL], *related])
    here = answer.fit(conv, current, after)
    fits = sorted(
        (
            (answer.fit(conv, p, after), p)
            for p in (conv.ctx.procedure(pid) for pid in pool if pid != current.id)
            if p is not None
        ),
        key=lambda fp: -fp[0],
    )
    if not fits or fits[0][0] < STEP_FIT_MIN or fits[0][0] - here < STEP_FIT_LEAD:
        return None
    near = [p for f, p in fits if f > fits[0][0] - FIT_MARGIN]
    if len(near) == 1:
        return near[0]
    kin = [p for p in near if p.id in related]
    return kin[0] if len(kin) == 1 else None


STEP_READ_MIN = 0.35  # the part asked after a step done, read this firmly, names the next one
STEP_POOL = 4  # the matcher's first few read near its first, for a step by fit
STEP_FIT_MIN = 0.5  # the next step's guidance answers the part asked this well...
STEP_FIT_LEAD = 0.3  # ...and this much better than the current one's


def _beyond_asks(current: Procedure, text: str) -> bool:
    """The text says a word past what it asks and the current procedure's names."""
    words = default_words()
    name = name_words(current, short=True)
    return bool(set(words.content(text)) - name)


RELATED_DONE = 2  # words the step said done shares with a related procedure's reason...
RELATED_SHARED = 3  # ...and the whole message, for the related one to be the next step


def named_now(conv: Conversation, current: Procedure, now: str) -> Procedure | None:
    """The procedure the part said of now names firmly, when not the current one: "đã làm tạm
    trú nhưng giờ muốn nhập khẩu luôn" is the new need. None when it names none: "đăng ký khai
    sinh ở Nam Định nhưng giờ ở TP.HCM, xin ở đây được không" while a copy of the birth
    certificate is current is about the copy, the registration named only where it was done."""
    result = conv.ctx.matcher.match(now)
    best = result.best
    if result.outcome is not Outcome.ANSWER or best is None or best.id == current.id:
        return None
    return conv.ctx.procedure(best.id)


def took_other(conv: Conversation, current: Procedure, text: str) -> bool:
    """The message after an answer given with other procedures offered beside it: one of those
    that fits it clearly better than the one answered is taken ("ai đánh giá mức độ" after
    "Trợ cấp xã hội hằng tháng" was taken from a choice that held "Xác định mức độ khuyết
    tật")."""
    if conv.state.mode is not Mode.PROCEDURE:
        return False  # a choice asked is answered by its own rules
    offered = [p for p in (conv.ctx.procedure(pid) for pid in conv.state.candidates) if p]
    if not offered:
        return False
    here = answer.fit(conv, current, text)
    fits = sorted(((answer.fit(conv, p, text), p) for p in offered), key=lambda fp: -fp[0])
    top, other = fits[0]
    if top - here < FIT_MARGIN:
        return False
    respond.reply(conv, other, text, fresh=True)
    return True


@dataclass(frozen=True)
class Said:
    """A follow-up as the rules read it: the message, the procedure current, the matcher's
    reading, whether it says anything past what it asks (``content``), and whether it is a "thế
    còn X thì sao" switch."""

    conv: Conversation
    current: Procedure
    text: str
    result: MatchResult
    content: bool
    switching: bool


@dataclass(frozen=True)
class Rule:
    """A shape of follow-up that leads to one procedure: ``leads`` gives it (the current one to
    stay, another to switch) or None when the message is not of that shape. ``content``: the
    rule reads only messages that say something past what they ask (True), only those that do
    not (False), or both (None)."""

    name: str
    leads: Callable[[Said], Procedure | None]
    content: bool | None = True


def _together(said: Said) -> Procedure | None:
    return package_of_parts(said.conv, said.current, said.text)


def _lost(said: Said) -> Procedure | None:
    if _other_kind(said.conv, said.current, said.text, said.result):
        return None  # "thẻ bhyt của bé bị mất" while a card for a child is current: not its kind
    return reissue_of(said.conv, said.current, said.text)


def _anew(said: Said) -> Procedure | None:
    return register_anew(said.conv, said.current, said.text)


def _aged(said: Said) -> Procedure | None:
    return for_age(said.conv, said.current, said.text)


def _stay(said: Said) -> Procedure | None:
    return for_stay(said.conv, said.current, said.text)


def _place_asked(said: Said) -> Procedure | None:
    return said.current if place_of_current(said.current, said.text) else None


def _told(said: Said) -> Procedure | None:
    if _points_here(said.conv, said.text):
        return None  # "thẻ này … hay phải đổi nữa": no fact told, the current one's paper asked of
    return related_told(said.conv, said.current, said.text)


def _preferred(said: Said) -> Procedure | None:
    return preferred_over(said.conv, said.current, said.text, said.result)


def _alone(said: Said) -> Procedure | None:
    return _part_alone(said.conv, said.current, said.text, said.result)


def _package_part(said: Said) -> Procedure | None:
    return _part_kept(said.conv, said.current, said.text, said.result)


def _changes(said: Said) -> Procedure | None:
    if said.switching or not default_turns().changes.search(key(said.text)):
        return None
    return said.current


def _reasoned(said: Said) -> Procedure | None:
    return by_reason(said.conv, said.current, said.text, said.result)


def _befalls(said: Said) -> Procedure | None:
    return said.current if _consequence(said.current, said.text) else None


def _by_act(said: Said) -> Procedure | None:
    return same_thing_by_act(said.conv, said.current, said.text)


def _case_told(said: Said) -> Procedure | None:
    return variant_for_case(said.conv, said.current, said.text)


def _earlier(said: Said) -> Procedure | None:
    return earlier_holds(said.conv, said.current, said.text, said.result)


# The shapes a follow-up is read by, first to last: the first that leads answers it; a message
# of none of these shapes is read by the steps after them in :data:`STEPS`.
RULES: tuple[Rule, ...] = (
    # "làm ở xã nơi đăng ký khai sinh hay nơi đang ở" while "Cải chính hộ tịch" is current: its
    # place, the other procedure's words only describing a place
    Rule("place described", _place_asked),
    # "làm luôn thường trú với thẻ bảo hiểm cho cháu" while "Đăng ký khai sinh" is current:
    # two parts of a package it links, named together, are that package
    Rule("parts of a package", _together),
    # "mà thẻ của ông bị mất thì sao" while "Mua, gia hạn BHYT" is current: the re-issue
    Rule("paper lost", _lost),
    # "chỗ mới thì đăng ký lại à" after "Xóa đăng ký tạm trú": registering again
    Rule("registered anew", _anew, content=None),
    # "thẻ của bé 3 tuổi nhà tôi thì có phải mua không": the one whose age bound holds it
    Rule("age said", _aged),
    # "nếu nó ở luôn 2 tháng thì sao" while "Thông báo lưu trú" is current: the stay's bound
    Rule("stay said", _stay),
    # "cán bộ bảo sổ ở xã cũng mất rồi" while the extract copy is current, asking nothing: the
    # related procedure whose reason the fact told meets
    Rule("related fact told", _told),
    # "còn nếu đóng cửa luôn thì sao" while "Tạm ngừng hộ kinh doanh" is current: the sibling
    # the lexicon prefers to it when the message says what sets it apart
    Rule("preferred sibling", _preferred),
    # "nếu chỉ khai tử riêng thôi thì cần giấy gì" in the linked package: that part alone
    Rule("part alone", _alone),
    # "xoá thường trú thì hạn bao lâu" in the linked package: a part of it, asked within it
    Rule("part of the package", _package_part),
    # "không khai thì có bị xóa hộ khẩu không": what befalls one who does not do it
    Rule("consequence", _befalls),
    # "số định danh có đổi không" while "Cấp lại thẻ căn cước" is current: whether a thing the
    # citizen holds changes by it, not the exchange of a paper that the sibling's verb names
    Rule("thing changes", _changes, content=None),
    # "sổ ở xã vẫn còn thì chỉ xin bản sao thôi đúng không" after "Đăng ký lại khai tử": the
    # one the matcher hesitates on whose related reason in the YAML the message tells
    Rule("related reason", _reasoned),
    # "thế gia hạn thì phí bao nhiêu" while "Đăng ký tạm trú" is current: its sibling by act
    Rule("sibling by act", _by_act, content=False),
    # "sắp hết hạn mà em vẫn ở đó thì làm gì" while "Đăng ký tạm trú" is current: the variant
    # of its object the case told is for
    Rule("variant for the case", _case_told, content=None),
    # "sang tên ở đâu" after "Sang tên xe" then "Chứng thực hợp đồng": the earlier one it names
    Rule("earlier procedure", _earlier),
)


@dataclass(frozen=True)
class Pick:
    """A shape of switch the matcher is unsure of that names one of what it would offer:
    ``picks`` gives its id from the message and the ids a menu would offer, or None."""

    name: str
    picks: Callable[[Said, list[str]], str | None]


# Before a menu is offered for a follow-up the matcher is unsure of, first to last: the first
# that picks one answers with it.
PICKS: tuple[Pick, ...] = (
    # "cháu có được trợ cấp gì không" after "Đăng ký giám hộ": the one offered it lists related
    Pick("related offered", lambda said, offered: _related_offered(said.current, offered)),
    # "con bé cũng cần làm căn cước luôn thì sao" after the card for under 6: the age band held
    Pick("age band", lambda said, offered: in_band(said.conv, said.current, said.text, offered)),
    # the same, among all the matcher reads near its first, past the few a menu offers
    Pick("related near", lambda said, offered: _related_offered(said.current, _near(said.result))),
    # "… thẻ bảo hiểm y tế cho bé thì làm ở đâu, có phải đóng tiền ko": named without its asks
    Pick(
        "named unasked",
        lambda said, offered: _named_unasked(said.conv, said.current, said.text, said.result),
    ),
)


def before_menu(said: Said, options: Sequence[Candidate]) -> str | None:
    """The procedure the first rule of :data:`PICKS` picks, instead of offering ``options``."""
    offered = [c.id for c in options]
    for pick in PICKS:
        found = pick.picks(said, offered)
        if found is not None:
            return found
    return None


def by_rule(said: Said) -> tuple[Rule, Procedure] | None:
    """The first rule of :data:`RULES` the follow-up is read by, and where it leads."""
    for rule in RULES:
        found = _led_by(rule, said)
        if found is not None:
            return rule, found
    return None


def _led_by(rule: Rule, said: Said) -> Procedure | None:
    if rule.content is not None and rule.content != said.content:
        return None
    return rule.leads(said)


class Reading:
    """A follow-up on its way down :data:`STEPS`: what it says (:class:`Said`), and what the
    steps past the shapes read of it, each worked out once, when a step first asks: the
    matcher's reading (a "thế còn X thì sao" switch read parallel to the current one), whether
    it names another procedure in full (``clear``), whether the current one answers it
    (``inside``)."""

    def __init__(self, said: Said) -> None:
        self.said = said

    @cached_property
    def result(self) -> MatchResult:
        s = self.said
        return parallel(s.conv, s.current, s.text, s.result) if s.switching else s.result

    @cached_property
    def clear(self) -> bool:
        best = self.result.best
        return (
            self.result.outcome is Outcome.ANSWER
            and best is not None
            and best.score >= NAMED_IN_FULL
        )

    @cached_property
    def inside(self) -> bool:
        """A question the current procedure answers stays with it; a bare name ("căn cước")
        does not."""
        s, result = self.said, self.result
        conv, current, text = s.conv, s.current, s.text
        question = clause_asks(text)
        inside = (
            not s.switching and not self.clear and question and answer.strong(conv, current, text)
        )
        if (
            inside
            and (_names_another(conv, current, text) or _other_paper(conv, current, text, result))
            and not holds(conv, current, text)
        ):
            inside = (
                False  # "sau khi ký xong thì sang tên sổ ở đâu": a passage mentions it in passing
            )
        if inside and default_turns().lacks.search(key(text)) and _ahead(result, current):
            inside = False  # "chưa có giấy xác nhận khuyết tật thì làm ở đâu": the paper's own
        return inside

    def said_now(self) -> Said:
        """What it says, with the matcher's reading the steps read."""
        s = self.said
        return Said(s.conv, s.current, s.text, self.result, s.content, s.switching)


@dataclass(frozen=True)
class Step:
    """A step of :data:`STEPS`: ``answers`` says the follow-up's answer and returns True when
    the follow-up is of its shape, else returns False and says nothing."""

    name: str
    answers: Callable[[Reading], bool]


def _uncovered(r: Reading) -> bool:
    s = r.said
    result = s.result
    if result.outcome is not Outcome.UNMET or not result.topics:
        return False
    referrals = default_referrals()
    if referrals.pointer(result.topics) is referrals.general:
        return False  # "định phá dỡ xây lại luôn": no office of its own to point to
    if s.conv.ctx.matcher.names_topics(s.current.id, result.topics) or _guidance_names(
        s.current, result.topics
    ):
        # "có phải đóng thuế thu nhập cá nhân không" of a transfer of land: its charge; "có mã
        # số thuế không" of a household business: its guidance says it
        return False
    refer_aside(s.conv, s.text, result, s.current)
    return True


def _guidance_names(current: Procedure, topics: Sequence[str]) -> bool:
    """Whether the current procedure's guidance names every uncovered topic given."""
    normalize = default_normalizer().normalize
    named = {t for p in passages(current) for t in normalize(f"{p.label} {p.text}").topics}
    return set(topics) <= named


def _took_other(r: Reading) -> bool:
    s = r.said
    return s.content and not s.switching and took_other(s.conv, s.current, s.text)


def _now(r: Reading) -> bool:
    s = r.said
    now = now_part(s.text) if not s.switching else None
    if now is None:
        return False
    named = named_now(s.conv, s.current, now)
    # "nộp ở xã nào, mẹ tôi sinh ở Nghệ An nhưng giờ ở Bình Dương": the case now asks nothing,
    # the question asked before the case told is what is answered
    told = named is None and not asks_any_way(now) and asks_any_way(s.text)
    respond.reply(s.conv, named or s.current, s.text if told else now, fresh=named is not None)
    return True


def _pointed_paper(r: Reading) -> bool:
    s = r.said
    paper = s.conv.ctx.procedure(s.conv.paper) if s.conv.paper else None
    if paper is None or s.switching or not points(s.text):
        return False
    respond.reply(s.conv, paper, s.text, fresh=True)  # "giấy đó dùng được bao lâu vậy"
    return True


def _had(r: Reading) -> bool:
    s = r.said
    if s.switching or not had_only(s.conv, s.current, s.text):
        return False
    respond.reply(s.conv, s.current, s.text)  # "có vneid mức 2 thì sao": the current one's case
    return True


def had_only(conv: Conversation, current: Procedure, text: str) -> bool:
    """A message that tells, as the case of what it asks, a thing the citizen already has that
    another procedure issues, and asks nothing of another: "có vneid mức 2 thì sao" while "Bản
    sao trích lục" is current, "em có giấy xác nhận độc thân rồi thì sao" while "Đăng ký kết
    hôn" is, ask what that thing changes for the current one, not how to get it. The thing had
    is read by the matcher firmly as a procedure other than the current one, and said as what
    that one issues, by its title or an alias without the verb ("có khách ở qua đêm thì …"
    tells an event); what follows "thì" names none but the current one ("có giấy rồi thì xin
    trợ cấp hằng tháng thế nào" asks the next step)."""
    found = default_turns().had.match(key(text))
    if found is None:
        return False
    what = found.group("what")
    thing = conv.ctx.matcher.match(what)
    best = thing.best
    if thing.outcome is not Outcome.ANSWER or best is None or best.id == current.id:
        return False
    other = conv.ctx.procedure(best.id)
    if other is None or not says_object(other, what):
        return False  # "có khách ở qua đêm thì …": an event told, not a paper had
    asked = found.group("ask")
    if not default_words().content(asked):
        return True  # "… thì sao": nothing past what is asked
    again = conv.ctx.matcher.match(asked)
    named = again.best
    if named is None or named.id == current.id or again.outcome is Outcome.UNMET:
        return True
    if again.outcome is Outcome.ANSWER:
        return False  # "có căn cước rồi thì làm hộ chiếu thế nào": the next one named
    return named.score < OUTRANKS_MIN or _about(again, current.id)


def _not_needed(r: Reading) -> bool:
    s = r.said
    if s.switching or not s.content or answer.how_to(s.text):
        return False
    found = not_needed(s.conv, s.current, s.text, s.result)
    if found is None:
        return False
    other, item = found
    conv = s.conv
    asked = (sec.by_words(f.section) for f in default_words().asked(s.text))
    if {part.id for part in asked if part is not None} & GETTING:
        # "công ty đòi giấy độc thân, xin cái đó ở đâu": the current one only says it is not
        # needed; where and how long it is got, its own procedure says
        respond.reply(conv, other, s.text, fresh=True)
        return True
    if not default_turns().yes_no.search(key(s.text)):
        return False
    conv.state.focus(s.current.id)
    conv.outcome = "answer"
    conv.state.misses, conv.state.section = 0, None
    said = [p for p in passages(s.current, conv.ctx.today) if p.text == item]
    answer.say_passages(
        conv, s.current, tuple(Hit(p, score=0.0, coverage=1.0, specific=1.0) for p in said[:1])
    )
    conv.state.paper = other.id  # "giấy đó" next points at the paper, not at the current one
    return True


def not_needed(
    conv: Conversation, current: Procedure, text: str, result: MatchResult
) -> tuple[Procedure, str] | None:
    """The procedure the matcher reads a message as, firmly, whose paper the current procedure
    says is not needed, and the item of its "not required" list that says so: "có cần xin giấy
    xác nhận độc thân trước không vậy" while "Đăng ký kết hôn" is current, which lists "Giấy xác
    nhận tình trạng hôn nhân — cơ quan đăng ký tự tra cứu …" among the papers not to file. The
    item must name that very paper, not one qualified ("… của bên Việt Nam cư trú trong nước":
    whether it is needed depends on the case). The message says that paper whole (its title or
    an alias without the verb). None when no such item is."""
    best = result.best
    if best is None or best.id == current.id or result.outcome is Outcome.UNMET:
        return None
    if best.score < OUTRANKS_MIN or not current.documents.not_required:
        return None
    other = conv.ctx.procedure(best.id)
    thing = thing_of(other) if other is not None else ""
    if other is None or not thing:
        return None
    if not says_object(other, text):
        return None  # "chứng thực có mất phí không" names no paper, "bản sao" or another
    clauses = default_words().name_clauses
    for item in current.documents.not_required:
        if any(key(c).strip() == thing for c in clauses.split(item.split(" — ")[0])):
            return other, item
    return None


# the parts a question asks of a paper as a need of its own: where, how long, how much, online
GETTING = frozenset({sec.PLACE, sec.TIME, sec.FEES, sec.ONLINE, "validity"})


def _next(r: Reading) -> bool:
    s = r.said
    conv, current, question = s.conv, s.current, s.text
    after = next_part(question) if not s.switching else None
    if after is None or default_turns().changes.search(key(question)):
        return False  # "sang tên xong thì biển số có bị đổi không": what befalls, no next step
    done = question.rsplit(after, 1)[0]  # "trả hết nợ xong thì": the step said done
    step = next_step(conv, current, after, s.result)
    asked = then_part(after) if step is None else None
    if asked is not None:  # "xong tách rồi cho con thì làm hợp đồng tặng cho ở đâu"
        # where the words before the "thì" say the current one again ("xong khai sinh thì nhập
        # khẩu cho bé …"), the whole message reads the step done with what is asked: what is
        # asked is read alone
        said = after.rsplit(asked, 1)[0]
        restated = set(default_words().content(said)) & name_words(current, short=True)
        whole = conv.ctx.matcher.match(asked) if restated else s.result
        step = next_step(conv, current, asked, whole)
        after = asked if step is not None else after
    step = step or related_step(conv, current, done, question)
    if step is None:
        asked = then_part(after)
        if asked is not None and _beyond_asks(current, asked):
            after = asked  # "xong khai sinh thì nhập khẩu cho bé …": what follows the "thì"
        step = step_by_fit(conv, current, after)
    if step is None:
        return False
    respond.reply(conv, step, after, fresh=True)
    return True


def _shape(rule: Rule) -> Callable[[Reading], bool]:
    def answers(r: Reading) -> bool:
        led = _led_by(rule, r.said)
        if led is None:
            return False
        respond.reply(r.said.conv, led, r.said.text, fresh=led is not r.said.current)
        return True

    return answers


def _about_current(r: Reading) -> bool:
    s = r.said
    if s.content and not _about(s.result, s.current.id):
        return False
    named = s.result.outcome is Outcome.ANSWER and bool(s.result.best)
    respond.reply(s.conv, s.current, s.text, named=named and s.content)
    return True


def _own_words(r: Reading) -> bool:
    s = r.said
    if s.switching:
        return False
    conv, current, text, result = s.conv, s.current, s.text, r.result
    kept = (
        _only_its_words(current, text)
        and not r.clear
        and not _named_rather(conv, current, text, result)
    )
    if not (kept or _paper(text, result) or _needed(text)):
        return False
    respond.reply(conv, current, text)  # "đổi có mất tiền không", "cần giấy kết hôn không"
    return True


def _sibling(r: Reading) -> bool:
    s = r.said
    conv, current, text, result = s.conv, s.current, s.text, r.result
    if not s.switching and _points_here(conv, text):
        return False  # "thẻ này dùng tới bao giờ thì phải đổi": the current one's own paper
    if s.switching and result.outcome is not Outcome.ANSWER:
        # "còn nếu nghỉ hẳn luôn thì sao" after "Tạm ngừng hộ kinh doanh": a condition said of
        # the same thing, read with the current one's object, names the sibling it leads to
        sibling = sibling_of(conv, current, text, firm=True) or _kin_offered(conv, current, result)
    else:
        sibling = None if s.switching else sibling_of(conv, current, text, among=_offered(result))
    if sibling is None and not s.switching and result.outcome is not Outcome.ANSWER:
        # "sau này nghỉ hẳn luôn thì làm gì": a case to come is a condition too
        later = default_turns().later.search(key(text))
        sibling = sibling_of(conv, current, text, firm=True) if later else None
    if sibling is None:
        return False
    respond.reply(conv, sibling, text, fresh=True)  # "còn cái giấy phép … hết hạn rồi thì …"
    return True


def _stays_current(r: Reading) -> bool:
    s = r.said
    if s.switching or r.clear or not _stays(s.conv, s.current, s.text, r.result):
        return False
    respond.reply(s.conv, s.current, s.text)  # "nhờ em gái đi làm hộ được không": "làm hộ"
    return True


def _named_other(r: Reading) -> bool:
    s, result = r.said, r.result
    if result.outcome is not Outcome.ANSWER or not result.best or r.inside:
        return False
    other = s.conv.ctx.procedure(result.best.id)
    if other is None:
        return False
    loose = result.best.score < OUTRANKS_MIN and not _part_of(other, s.current)
    named = _beyond(s.current, other, s.text) or _alias_said(other, s.text)
    if loose and not s.switching and not named:
        # read as another only loosely, and by none of its own names: "nhờ chú tôi đi làm được
        # không vì tôi phải bay về Mỹ" is a proxy for the current one, not a marriage abroad
        return False
    if not s.switching and _only_befallen(s.current, other, s.text):
        # "số cccd có bị đổi không" while "Cấp lại thẻ căn cước" is current: what the change
        # does to it is asked, no change
        return False
    last = s.conv.state.section
    found = answer.plan(s.conv, other, s.text, named=True)
    if s.switching and last not in (None, sec.CARD) and not (found.faq or found.hits):
        # "thế còn hộ chiếu thì sao" after its fees: its fees; "thế còn đổi sổ đỏ thì làm ở
        # đâu" after the fees: the part asked after its "thì"
        show(s.conv, other, _asked_then(s.conv, other, s.text) or last)
    else:
        respond.reply(s.conv, other, s.text, fresh=True)
    return True


def _asked_then(conv: Conversation, proc: Procedure, text: str) -> str | None:
    """The part of ``proc`` a switch asks after its "thì" ("thế còn đổi sổ đỏ cũ sang mẫu mới thì
    làm ở đâu": the place), one ``proc`` holds; None when nothing after it names a part ("thế
    còn hộ chiếu thì sao") or the message has no "thì"."""
    said = default_turns().then_word.split(text)
    if len(said) < 2:
        return None
    shown = answer.view(conv, proc)
    asked = [p for p in answer.asked_sections(conv, proc, said[-1]) if sec.render(p, shown)]
    return asked[0].id if asked else None


def _parallel_pick(r: Reading) -> bool:
    s, result = r.said, r.result
    if s.switching or r.inside or result.outcome is not Outcome.CLARIFY:
        return False
    picked = parallel(s.conv, s.current, s.text, result)  # "thẻ BHYT cho cháu thì sao"
    if picked is result or not picked.best:
        return False
    other = s.conv.ctx.procedure(picked.best.id)
    if other is None:
        return False
    respond.reply(s.conv, other, s.text, fresh=True)
    return True


def _menu(r: Reading) -> bool:
    s, result = r.said, r.result
    options = s.conv.ctx.matcher.clarify_options(result)
    if result.outcome is not Outcome.CLARIFY or not options or r.inside:
        return False
    if not s.switching and _detail_asked(s.conv, s.current, s.text):
        # "anh cả ở nước ngoài không về được thì sao" while the estate's division is current:
        # a detail the current one states, the place abroad only the citizen's case
        respond.reply(s.conv, s.current, s.text)
        return True
    if not s.switching and _none_named(s.conv, s.current, s.text, options):
        # "trên vneid vào mục nào" while the joint death registration is current: a part it
        # states, the online one, by words its own answer holds; no menu names a need of its own
        respond.reply(s.conv, s.current, s.text)
        return True
    follows = before_menu(r.said_now(), options)
    if follows is not None:  # "cháu có được trợ cấp gì không" after "Đăng ký giám hộ"
        other = s.conv.ctx.procedure(follows)
        if other is not None:
            respond.reply(s.conv, other, s.text, fresh=True)
            return True
    offer(s.conv, [c.id for c in options], s.text)
    return True


def _detail_asked(conv: Conversation, current: Procedure, text: str) -> bool:
    """The message asks one of the details the current procedure states in a field of its own
    (who must come, a proxy, the same day, lateness, refusal, validity), by its words, and says
    nothing else but a place abroad the citizen's family is in: no other procedure is read
    well in what is left ("anh cả ở nước ngoài", not "thẻ bảo hiểm y tế cho bé")."""
    if key(ABROAD_PLACE) not in key(abroad(text)):
        return False  # no place abroad told: the message is read as it stands
    shown = answer.view(conv, current)
    # a proxy asked where only who must come is stated: that part answers
    stated = any(
        part and sec.is_detail(part) and sec.render(part, shown)
        for asked in answer.asked_sections(conv, current, text)
        for part in (asked, sec.BY_ID.get(asked.near or ""))
    )
    if not stated:
        return False
    left = _past_abroad(default_words().content_text(abroad(text)))
    again = conv.ctx.matcher.match(left)
    best = again.best
    # nothing read, the current one, or another hardly: "đang học bên" is no school fee
    return best is None or best.id == current.id or best.score < FIRM_OTHER


def _none_named(
    conv: Conversation, current: Procedure, text: str, options: Sequence[Candidate]
) -> bool:
    """The message asks a part the current procedure states, and names none of the procedures
    a menu would offer by a word of its title or an alias whole past the words the current
    one's name and its stated answer to that part hold, nor by its object where the current
    one's is not said: "mình chưa bao giờ ở trọ, giờ cần giấy tờ gì" while "Đăng ký tạm trú"
    is current is read near a first card, but names none."""
    shown = answer.view(conv, current)
    stated = [
        told
        for part in answer.asked_sections(conv, current, text)
        if (told := sec.render(part, shown))
    ]
    if not stated:
        return False
    words = default_words()
    own = {w for t in (current.name, current.title, *stated) for w in words.content(t)}
    said = set(words.content(text)) - own
    paper = not names_paper(current, text)
    for option in options:
        other = conv.ctx.procedure(option.id)
        if other is None or other.id == current.id:
            continue
        # its short title: a formal name's every syllable ("trở lên", "cá nhân") is no need said
        name = {w for t in (other.title, other.short_name or "") for w in words.content(t)}
        if said & name or _alias_said(other, text) or (paper and names_paper(other, text)):
            return False  # "con tôi chưa làm căn cước bao giờ": the card's object, not a paper
    return True


def _current(r: Reading) -> bool:
    respond.reply(r.said.conv, r.said.current, r.said.text)
    return True


# Every shape of follow-up, first to last: the first step whose shape the message is of
# answers it; the last always does. A new shape is a new row, its place its precedence.
STEPS: tuple[Step, ...] = (
    # "lương cơ sở năm nay bao nhiêu": a topic the knowledge base does not cover, that the
    # current procedure does not name either, gets the pointer; the procedure stays current
    Step("uncovered topic", _uncovered),
    # "ai đánh giá mức độ" after an answer given with "Xác định mức độ khuyết tật" offered beside
    Step("other offered", _took_other),
    # "tôi đăng ký khai sinh ở Nam Định nhưng giờ ở TP.HCM, …": what it says of now
    Step("now said", _now),
    # "giấy đó dùng được bao lâu" after a reply that spoke of another procedure's paper
    Step("paper pointed at", _pointed_paper),
    # "có cần xin giấy xác nhận độc thân trước không" while "Đăng ký kết hôn" is current, which
    # says that paper is not needed: the current one answers; where that paper is got, its own
    Step("paper not needed", _not_needed),
    # "có vneid mức 2 thì sao" while "Bản sao trích lục" is current: a thing had, the case of a
    # question asked of the current one, not a need of its own
    Step("thing had", _had),
    # "tách xong thì sang tên sổ ở đâu": the step that follows one said done
    Step("next step", _next),
    # the shapes of :data:`RULES`, in their order
    *(Step(rule.name, _shape(rule)) for rule in RULES),
    # a message that names nothing, or that the matcher itself reads as the current one
    Step("about the current", _about_current),
    # "đổi có mất tiền không", "cần giấy kết hôn không": its own words, a paper, a need
    Step("own words", _own_words),
    # "còn nếu nghỉ hẳn luôn thì sao" after "Tạm ngừng hộ kinh doanh": the sibling it leads to
    Step("sibling by condition", _sibling),
    # "nhờ em gái đi làm hộ được không": nothing else named once its asks are set aside
    Step("stays", _stays_current),
    # another procedure the matcher names firmly, not a question the current one answers
    Step("another named", _named_other),
    # "thẻ BHYT cho cháu thì sao": read parallel to the current one, one named
    Step("parallel named", _parallel_pick),
    # the matcher unsure: a pick of :data:`PICKS`, else a menu
    Step("menu", _menu),
    # anything else stays with the current one
    Step("current", _current),
)


def follow_up(
    conv: Conversation,
    current: Procedure,
    text: str,
    result: MatchResult,
    content: bool,
    switching: bool,
) -> None:
    """A message while ``current`` is current, answered by the first of :data:`STEPS` whose
    shape it is of."""
    reading = Reading(Said(conv, current, text, result, content, switching))
    for step in STEPS:
        if step.answers(reading):
            return


def earlier_holds(
    conv: Conversation, current: Procedure, text: str, result: MatchResult
) -> Procedure | None:
    """A follow-up that says, beside what it asks, a phrase of two words or more belonging to
    a procedure discussed earlier and not to the current one: "sang tên ở đâu" after "Sang tên
    xe" then "Chứng thực hợp đồng" is asked of the first. The phrase is first sought in the
    earlier ones' names, then, when the current one does not answer the question itself, in
    their guidance, which must hold every such phrase the current one's lacks ("biển số có phải
    đổi không"; not "lĩnh trợ cấp … có được tiền mai táng không", which says more than the
    earlier one's guidance). A message the matcher reads as a third procedure, or one asking
    only a part ("ở đâu"), is not read so."""
    earlier = [
        conv.ctx.kb.procedures[p]
        for p in reversed(conv.state.recent)
        if p != current.id and p in conv.ctx.kb.procedures
    ]
    if not earlier:
        return None
    best = result.best
    if result.outcome is Outcome.ANSWER and best and best.id not in {p.id for p in earlier}:
        return None
    idx = answer.index(conv)
    words = default_words()
    pairs = {t for t in words.terms(text) if "~" in t} - words.asked_terms(text)
    if not pairs:
        return None
    own = idx.name_terms(current)
    named = next((p for p in earlier if pairs & idx.name_terms(p) - own), None)
    if named is not None:
        return named
    today = conv.ctx.today
    theirs = pairs - idx.vocabulary(current, today) - own
    held = next((p for p in earlier if theirs and theirs <= idx.vocabulary(p, today)), None)
    if held is None or holds(conv, current, text) or answer.strong(conv, current, text):
        return None
    return held


def place_of_current(current: Procedure, text: str) -> bool:
    """A message that asks the current procedure's place and nothing else, describing the
    places it weighs by what was done there or whose home they are: "làm ở xã nơi đăng ký khai
    sinh hay nơi đang ở" while "Cải chính hộ tịch" is current, "làm ở xã quê chồng hay nơi đang
    thuê trọ" while "Đăng ký khai sinh" is; or telling where one lives, is registered or works
    ("em thường trú ở Thái Bình, đang làm ở Hà Nội thì nộp ở đâu" while "Cấp phiếu lý lịch tư
    pháp" is current: the residence only tells where). Once those descriptions are set aside it
    says no word the current one's names do not hold."""
    words = default_words()
    if {f.section for f in words.asked(text)} != {sec.PLACE}:
        return False
    turns = default_turns()
    told = turns.place_told.sub(" ", fold_in_place(nfc(text).lower()))  # commas end a place
    name = name_words(current, short=True)
    for bare in (
        turns.place_described.sub(" ", key(text)),
        turns.place_described.sub(" ", key(told)),
    ):
        if bare.strip() == key(text).strip():
            continue  # no place described: "ở xã nào" is read as any other question
        if set(words.content(bare)) - turns.plain <= name:  # "thì xin ở đâu": asked of any
            return True
    return False


def _part_alone(
    conv: Conversation, current: Procedure, text: str, result: MatchResult
) -> Procedure | None:
    """One part of the current procedure asked alone: "nếu chỉ khai tử riêng thôi thì cần giấy
    gì" while "Liên thông khai tử – xóa thường trú – mai táng" is current is "Đăng ký khai tử",
    read by the matcher ahead of the package and named by words all in the package's name."""
    best = result.best
    if not default_turns().alone.search(key(text)) or best is None or best.id == current.id:
        return None
    if result.outcome is not Outcome.ANSWER or best.score - score_of(result, current.id) < (
        OUTRANKS_LEAD
    ):
        return None
    part = conv.ctx.procedure(best.id)
    words = default_words()
    name = name_words(current)
    return part if part is not None and set(words.content(part.title)) <= name else None


def preferred_over(
    conv: Conversation, current: Procedure, text: str, result: MatchResult
) -> Procedure | None:
    """The sibling ``lexicon/siblings.yaml`` prefers to the current procedure when a message
    says one of its words (``preferred``, a rule with ``when``), that the matcher reads near its
    first: "còn nếu đóng cửa luôn thì sao" while "Tạm ngừng hộ kinh doanh" is current is "Chấm
    dứt hoạt động hộ kinh doanh" ("luôn", "hẳn": for good); "sổ ở xã cũng cháy rồi" while the
    extract copy is current, the registration made again. None when no such rule holds, or
    several siblings."""
    best = result.best
    if best is None or result.outcome is Outcome.UNMET:
        return None
    near = [c.id for c in result.candidates if c.score >= best.score - FIT_MARGIN]
    preferred = conv.ctx.matcher.situations.preferred
    found = [
        pid
        for pid in near
        if pid != current.id
        and any(
            rule.when and current.id in rule.over and rule.holds(text)
            for rule in preferred.get(pid, ())
        )
    ]
    return conv.ctx.procedure(found[0]) if len(found) == 1 else None


def _part_kept(
    conv: Conversation, current: Procedure, text: str, result: MatchResult
) -> Procedure | None:
    """One part of the current package named, not said alone: "xoá thường trú thì hạn bao lâu"
    while "Liên thông khai tử – xóa thường trú – mai táng" is current is asked of the package,
    which does that part with the others. A package is a procedure whose short name lists its
    parts (" – "); the part is the matcher's firm reading, every word of its official name in
    the package's. The current one (stay), or None."""
    if len(_parts(current)) < PACKAGE_PARTS or default_turns().alone.search(key(text)):
        return None
    best = result.best
    if result.outcome is not Outcome.ANSWER or best is None or best.id == current.id:
        return None
    part = conv.ctx.procedure(best.id)
    words = default_words()
    name = name_words(current)
    own = set(words.content(part.name)) if part is not None else set()
    return current if own and own <= name else None


PACKAGE_PARTS = 3  # a short name listing this many parts (" – ") is a package of procedures


def _parts(proc: Procedure) -> list[str]:
    return [p for p in (proc.short_name or "").split(" – ") if p.strip()]


def by_reason(
    conv: Conversation, current: Procedure, text: str, result: MatchResult
) -> Procedure | None:
    """Of the procedures the matcher reads a message as, unsure and near its first, the one
    whose reason in some procedure's ``related`` list the message tells clearly more of than
    any other's: "sổ ở xã vẫn còn thì chỉ xin bản sao thôi đúng không" while "Đăng ký lại khai
    tử" is current meets "Xã vẫn còn sổ … chỉ cần xin bản sao trích lục" of the extract copy;
    "bố em đang hưởng trợ cấp hưu trí xã hội thì có được hỗ trợ mai táng không" meets "Khi
    người đang hưởng trợ cấp hưu trí xã hội qua đời, gia đình xin hỗ trợ mai táng" of the
    funeral support for that pension, not of the others. None when the matcher names one
    firmly, the current one is near, or no reason stands out."""
    best = result.best
    if best is None or result.outcome is Outcome.ANSWER:
        return None
    near = [c.id for c in result.candidates if c.score >= best.score - FIT_MARGIN]
    if current.id in near:
        return None
    words = default_words()
    # the words that set the near ones apart: not those every one of their names holds
    names = [name_words(p) for p in (conv.ctx.procedure(pid) for pid in near) if p is not None]
    common = names[0].intersection(*names[1:]) if names else set()
    said = set(words.content(text)) - common
    reasons = _reasons_to(conv.ctx.kb)
    told = {pid: max((len(said & r) for r in reasons.get(pid, ())), default=0) for pid in near}
    ranked = sorted(told.items(), key=lambda pt: -pt[1])
    top, shared = ranked[0]
    runner = ranked[1][1] if len(ranked) > 1 else 0
    if shared < REASON_SHARED or shared - runner < REASON_LEAD:
        return None
    return conv.ctx.procedure(top)


def _reasons_to(kb: KnowledgeBase) -> Mapping[str, tuple[frozenset[str], ...]]:
    """The words of every reason a ``related`` list gives for a procedure, by its id; read once
    per knowledge base."""
    kept = _REASONS.get(id(kb))
    if kept is not None and kept[0] is kb:
        return kept[1]
    words = default_words()
    found: dict[str, list[frozenset[str]]] = {}
    for proc in kb.procedures.values():
        for r in proc.related:
            found.setdefault(r.id, []).append(frozenset(words.content(r.reason)))
    reasons = {pid: tuple(rs) for pid, rs in found.items()}
    _REASONS.clear()  # one knowledge base at a time: a reload replaces it
    _REASONS[id(kb)] = (kb, reasons)
    return reasons


_REASONS: dict[int, tuple[KnowledgeBase, Mapping[str, tuple[frozenset[str], ...]]]] = {}


REASON_SHARED = 4  # words a message shares with a related reason for it to name that one...
REASON_LEAD = 2  # ...and more than it shares with any reason of the others near the first


def _consequence(current: Procedure, text: str) -> bool:
    """What befalls one who does not do the current procedure: "không khai thì có bị xóa hộ khẩu
    không" while "Khai báo tạm vắng" is current is about the declaration, whatever the
    consequence names. The condition says nothing but words of the current one's name."""
    found = default_turns().consequence.match(key(text))
    if found is None:
        return False
    words = default_words()
    name = name_words(current)
    return set(words.content(found.group("cond"))) <= name


def _stays(conv: Conversation, current: Procedure, text: str, result: MatchResult) -> bool:
    """The question names no other procedure once the words that ask for a part are set aside:
    "nếu đổi thì hết bao nhiêu", "gửi về nhà qua bưu điện được không", "nhờ em gái làm hộ được
    không" are about the current one, whatever their section words resemble."""
    if result.outcome is not Outcome.ANSWER and not answer.index(conv).specifics(current, text):
        return True
    rest = default_words().content_text(text)
    if _where_someone_is(conv, current, rest, result):
        return True
    again = conv.ctx.matcher.match(rest)
    best = again.best
    # the whole message names another one firmly (by a word of its own name), its own words no
    # procedure or the current one
    other = result.best if result.outcome is Outcome.ANSWER else None
    firm = other is not None and other.id != current.id and other.score >= FIRM_OTHER
    if again.outcome is Outcome.UNMET:
        named = conv.ctx.procedure(other.id) if firm and other else None
        if named is not None and _ahead(result, current) and _says_title(named, text):
            return False  # "xong rồi đăng ký kết hôn thì làm ở đâu": its whole title is said
        return named is None or not _beyond(current, named, text)
    return best is not None and best.id == current.id and not firm


def _where_someone_is(
    conv: Conversation, current: Procedure, rest: str, result: MatchResult
) -> bool:
    """The words a question adds to its asks name a country only as where someone is or goes
    ("chị gái tôi ở Đức không về được thì sao", "nhờ chú đi làm vì tôi phải bay về Mỹ"): no
    procedure with a foreign element is asked for, unless it is the current one's own sibling
    with a foreign element that the matcher reads ("vợ sắp cưới là người Hàn thì sao")."""
    read = abroad(rest)
    if read == rest:
        return False
    sibling = conv.ctx.matcher.situations.domestic.get(current.id)
    if sibling is not None and sibling in {c.id for c in result.candidates[:3]}:
        return False
    left = _past_abroad(read)
    again = conv.ctx.matcher.match(left) if default_words().content(left) else None
    return (
        again is None
        or again.outcome is Outcome.UNMET
        or again.best is None
        or (again.best.id == current.id)
    )


def _beyond(current: Procedure, other: Procedure, text: str) -> bool:
    """The message says a word of ``other``'s name that ``current``'s name lacks ("thai sản"
    while "Hưởng trợ cấp thất nghiệp" is current; not "khai sinh" while "Bản sao … giấy khai
    sinh" is)."""
    words = default_words()
    return bool((set(words.content(text)) & name_words(other)) - name_words(current))


def _past_abroad(read: str) -> str:
    """A text read with its foreign places as "nước ngoài" (:func:`abroad`), without those words."""
    return " ".join(w for w in read.split() if key(w) not in ABROAD)


def _only_befallen(current: Procedure, other: Procedure, text: str) -> bool:
    """Every word of ``other``'s name the message says and ``current``'s lacks is said only as
    befalling a thing ("có bị đổi không"), and no alias of it whole."""
    words = default_words()
    typed, undergone = key(text), default_turns().undergone
    # the words typed: "cccd" is read "căn cước công dân", said of the current card as well
    beyond = (set(words.content(text)) & name_words(other) & set(typed.split())) - name_words(
        current
    )
    return (
        bool(beyond)
        and all(befalls_only(w, typed, undergone) for w in beyond)
        and not _alias_said(other, text)
    )


def _alias_said(proc: Procedure, text: str) -> bool:
    """The message says one of the procedure's aliases whole ("xin giấy độc thân")."""
    said = f" {key(text)} "
    return any(f" {key(str(a))} " in said for a in proc.aliases if key(str(a)).strip())


def _part_of(part: Procedure, whole: Procedure) -> bool:
    """Every word of ``part``'s name is in ``whole``'s: "Đăng ký khai tử" of "Liên thông khai
    tử – xóa thường trú – mai táng"."""
    own = name_words(part)
    theirs = name_words(whole, short=True)
    return bool(own) and own <= theirs


def _other_paper(conv: Conversation, current: Procedure, text: str, result: MatchResult) -> bool:
    """The message names another procedure's object and not the current one's, the matcher
    reads it as that one and hardly as the current one, and it does not ask whether that paper
    is needed: "thế làm thường trú luôn thì cần gì" while "Đăng ký tạm trú" is current (not
    "chủ nhà có cần đăng ký thường trú không")."""
    best = result.best
    other = conv.ctx.procedure(best.id) if best is not None else None
    return (
        other is not None
        and _ahead(result, current)
        and names_paper(other, text)
        and not names_paper(current, text)
        and not default_turns().whether.search(key(text))
    )


def _named_rather(conv: Conversation, current: Procedure, text: str, result: MatchResult) -> bool:
    """Words in both names, that the matcher reads as the other's well ahead of the current one:
    "còn đk thường trú thì tốn bao nhiêu" names "Đăng ký thường trú", not the confirmation "để
    đăng ký thường trú" that is current."""
    best = result.best
    other = conv.ctx.procedure(best.id) if best is not None else None
    return other is not None and _ahead(result, current) and _only_its_words(other, text)


def _says_title(proc: Procedure, text: str) -> bool:
    """Every word of the procedure's short title is in the message ("đăng ký kết hôn")."""
    words = default_words()
    title = set(words.content(proc.title))
    return bool(title) and title <= set(words.content(text))


def _points_here(conv: Conversation, text: str) -> bool:
    """The message points at a paper ("thẻ này", "giấy đó") and the last reply spoke of no
    other procedure's paper: the paper pointed at is the current procedure's."""
    return conv.paper is None and points(text)


def _other_kind(conv: Conversation, current: Procedure, text: str, result: MatchResult) -> bool:
    """The matcher reads the message as a procedure of another group than the current one,
    well ahead of it, and the message says a word of that one's object that no act and not the
    current one's name holds: "thẻ bhyt của bé bị mất" while "Làm căn cước cho con dưới 14
    tuổi" is current is the health card's ("bhyt"), not the identity card's."""
    best = result.best
    other = conv.ctx.procedure(best.id) if best is not None else None
    if other is None or other.group == current.group or best is None:
        return False
    # unsure among that group's own ("thẻ bhyt" of a child's or a re-issue) is enough
    if best.score < OUTRANKS_MIN or best.score - score_of(result, current.id) < OUTRANKS_LEAD:
        return False
    turns, words = default_turns(), default_words()
    acts = {w for act in (*turns.acts, *turns.plain) for w in act.split()}
    own = set(words.content(thing_of(other))) - acts - name_words(current, short=True)
    return bool(own & set(words.content(text)))


def _ahead(result: MatchResult, current: Procedure) -> bool:
    """The matcher names another procedure firmly and well ahead of the current one."""
    best = result.best
    if result.outcome is not Outcome.ANSWER or best is None or best.id == current.id:
        return False
    here = score_of(result, current.id)
    return best.score >= OUTRANKS_MIN and best.score - here >= OUTRANKS_LEAD


def _kin_offered(conv: Conversation, current: Procedure, result: MatchResult) -> Procedure | None:
    """Of the procedures the matcher reads a switch as, unsure, the one of the current one's
    group: "còn đổi chủ hộ sang tên vợ thì sao" after "Tách hộ" is read as the residence record
    or the transfer of a vehicle ("sang tên"); the residence one is meant; "còn chiếc xe cũ bán
    cho hàng xóm thì sao" after registering a new one, the vehicle's transfer. None when not
    exactly one is."""
    best = result.best
    if result.outcome is Outcome.ANSWER or best is None or best.score < KIN_SWITCH:
        return None
    near = [c.id for c in result.candidates if c.score >= best.score - FIT_MARGIN]
    kin = [
        p
        for p in (conv.ctx.procedure(pid) for pid in near)
        if p is not None and p.id != current.id and p.group == current.group
    ]
    return kin[0] if len(kin) == 1 else None


def _related_offered(current: Procedure, offered: list[str]) -> str | None:
    """Of the procedures the matcher would offer for a message, unsure, the one the current
    procedure names as related (what follows it, what it leads to): "cháu có được trợ cấp gì
    không" after "Đăng ký giám hộ" for an orphan is the monthly social allowance it lists, not
    a menu of every allowance. None when the current one lists none or more than one of them."""
    related = {r.id for r in current.related}
    picked = [pid for pid in offered if pid in related and pid != current.id]
    return picked[0] if len(picked) == 1 else None


def _near(result: MatchResult) -> list[str]:
    """The procedures the matcher scores at least ``ABOUT_SHARE`` of its first: beyond the few
    it would offer, those a related one of the current procedure may be among ("cháu có được
    trợ cấp gì không" reads unemployment and maternity benefits first, the monthly social
    allowance a giám hộ names next)."""
    best = result.best
    if best is None:
        return []
    return [c.id for c in result.candidates if c.score >= best.score * ABOUT_SHARE]


def _named_unasked(
    conv: Conversation, current: Procedure, text: str, result: MatchResult
) -> str | None:
    """The one procedure the message names once the words that ask for a part are set aside,
    among those the matcher hesitates on: "tiện hỏi luôn thẻ bảo hiểm y tế cho bé thì làm ở
    đâu, có phải đóng tiền ko" is read near the family card ("đóng tiền"); "thẻ bảo hiểm y tế
    cho bé" alone is the card for children under 6."""
    found = default_words().asked(text)
    if not found:
        return None
    said = words_of(text)
    cut = {i for f in found for i in range(f.start, f.end)}
    rest = " ".join(w.accented for i, w in enumerate(said) if i not in cut)
    again = conv.ctx.matcher.match(rest)
    best = again.best
    offered = {c.id for c in result.candidates[:UNASKED_AMONG]}
    if not _ahead(again, current) or best is None or best.id not in offered:
        return None
    return best.id


UNASKED_AMONG = 4  # the matcher's first few for the whole message, one of which is named


KIN_SWITCH = 0.4  # a switch read this well, if not firmly, may name one of the current group


def _offered(result: MatchResult) -> frozenset[str]:
    """The procedures the matcher scores near its first for the message alone, when unsure
    among a few it reads firmly."""
    best = result.best
    if result.outcome is not Outcome.CLARIFY or best is None or best.score < OUTRANKS_MIN:
        return frozenset()
    return frozenset(c.id for c in result.candidates if c.score >= best.score - FIT_MARGIN)


FIRM_OTHER = 0.5  # "… lúc đang hưởng thất nghiệp thì có được thai sản không": thai sản is asked


NAMES_ANOTHER = 0.7  # the question's own words alone match another procedure this well


def _names_another(conv: Conversation, current: Procedure, text: str) -> bool:
    again = conv.ctx.matcher.match(default_words().content_text(text))
    best = again.best
    return (
        again.outcome is Outcome.ANSWER
        and best is not None
        and best.id != current.id
        and best.score >= NAMES_ANOTHER
    )


def _only_its_words(current: Procedure, text: str) -> bool:
    """Every word the question adds to the section words is in the current procedure's name
    ("đổi có mất tiền không" while "Đổi thẻ căn cước" is current)."""
    words = default_words()
    name = name_words(current)
    return all(w in name for w in words.content(text))


def _paper(text: str, result: MatchResult) -> bool:
    """The other procedure is named as a paper ("giấy đăng ký kết hôn"), not as a need."""
    if result.best is None:
        return False
    words = re.findall(r"\w+", nfc(text).lower())
    folded = [key(w) for w in words]
    named = key(result.best.phrase).split()
    accented = any(fold_in_place(w) != w for w in words)
    papers = default_turns().papers
    for i in range(1, len(folded) - len(named) + 1):
        if folded[i : i + len(named)] != named:
            continue
        for paper, accents in papers.items():
            size = len(paper.split())
            before = words[max(0, i - size) : i]
            said = " ".join(before) if accented else " ".join(folded[max(0, i - size) : i])
            if said == (accents if accented else paper):
                return True  # typed with diacritics, "tiện thể làm hộ chiếu" names no "thẻ"
    return False


def _needed(text: str) -> bool:
    folded = key(text)
    turns = default_turns()
    return any(p.search(folded) is not None for p in (turns.needed, turns.use, turns.attested))


def _about(result: MatchResult, current: str) -> bool:
    """The matcher itself points at the current procedure (best, or among those it offers)."""
    if result.outcome is Outcome.UNMET:
        return False
    best = result.best
    if best is None:
        return False
    # among those it offers, not far behind the first: a trace of a score is no pointer
    near = [c.id for c in result.candidates[:3] if c.score >= best.score * ABOUT_SHARE]
    return best.id == current or (result.outcome is Outcome.CLARIFY and current in near)


ABOUT_SHARE = 0.5  # an offered procedure scored at least this share of the first's score
