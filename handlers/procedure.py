"""The procedure feature: free text → a procedure and the answer to what was asked about it.

The thread of the conversation: while a procedure is current, a follow-up is answered from it
(``handlers/answer.py``) unless the message clearly names another procedure; a miss never drops
it; "thế còn X thì sao" switches; "quay lại X" / "lúc nãy" goes back to one of the last three;
words that only name a part ("giấy tờ cần gì") never pick a procedure by themselves.

Another procedure is named, whatever the phrasing, by its whole title, by words both names hold
that the matcher reads as its own, by its object where the current one's is not said, or, for
one of the current one's group, by what it does ("gia hạn", "xóa"); a question whether a paper
is needed stays. A correction takes what its words mean next to the procedure shown, which may
be that procedure itself.
"""

from __future__ import annotations

import re

from handlers import answer, format, keyboards, texts
from handlers import sections as sec
from handlers.actions import Action, Verb, act
from handlers.answer import show
from handlers.conversation import Conversation
from handlers.events import Button, UnmetReason
from handlers.intents import Back, Rejection, back_to, switch_target
from handlers.owner import OWNER_RANK, answered_in, holds, owner
from handlers.privacy import mask
from handlers.routes import on
from handlers.state import MISSES_FOR_HANDOFF, Mode
from knowledge.answers import default_words
from knowledge.matcher import Candidate, MatchResult, Outcome
from knowledge.normalize import default_lexicon
from knowledge.referrals import default_referrals
from knowledge.schema import Level, Procedure
from knowledge.text import fold_in_place, key, nfc


def ask(conv: Conversation, text: str) -> None:
    """A free-text question: a follow-up about the current procedure, or a new need."""
    state = conv.state
    current = conv.ctx.procedure(state.procedure)
    words = default_words()
    target = switch_target(text)
    if target is not None and current and not words.content(target):
        answer.reply(conv, current, target)  # "thế còn lệ phí thì sao"
        return
    back = back_to(text)
    if back is not None:
        _back(conv, back, current)
        return
    if target is None and current is not None and _back_by_name(conv, current, text):
        return
    switching = target is not None
    question = target if target is not None else text
    result = conv.ctx.matcher.match(question)
    state.query = mask(text)
    state.scores = [(c.id, c.score) for c in result.candidates[:5]]
    content = bool(words.content(question)) and bool(result.normalized.strip())
    if current is not None:
        if content and not switching and _took_other(conv, current, question):
            return
        now = _now_part(question) if not switching else None
        if now is not None:  # "tôi đăng ký khai sinh ở Nam Định nhưng giờ ở TP.HCM, …"
            named = _named_now(conv, current, now)
            answer.reply(conv, named or current, now, fresh=named is not None)
            return
        _follow_up(conv, current, question, result, content, switching)
        return
    if state.mode is Mode.CLARIFY and state.candidates and _after_clarify(conv, question, result):
        return
    if _vague(text):  # "cái giấy đó làm ở đâu" with nothing before it: which paper?
        conv.say(texts.NO_PROCEDURE, keyboards.topics(conv.ctx.menu))
        return
    _new(conv, question, result, content)


# "cái giấy đó", "thủ tục này", "hồ sơ kia": a paper or procedure pointed at, not named ("so do"
# typed bare is "sổ đỏ": the land certificate is named only with its diacritics, "sổ đó")
_POINTED = re.compile(
    r"\b(?:cai|giay|giay to|thu tuc|ho so|the|phieu|to|vu|viec)\s+(?:do|nay|kia|ay|vua roi)\b"
    r"|\bso\s+(?:nay|kia|ay)\b"
)
_POINTED_ACCENTED = re.compile(
    r"\b(?:cái|giấy|giấy tờ|thủ tục|hồ sơ|thẻ|sổ|phiếu|tờ|vụ|việc)\s+(?:đó|này|kia|ấy|vừa rồi)\b"
)
_POINTING = frozenset({"cai", "xin", "lam", "nop", "do", "nay", "kia", "ay"})


# "tôi đăng ký khai sinh ở Nam Định nhưng giờ ở TP.HCM": what was done before, then the case now
_BUT_NOW = re.compile(r"\bnhung (?:gio|bay gio|hien gio|hien nay|hien tai|nay)\b")


def _now_part(text: str) -> str | None:
    """What a message says of now, after what it tells of the past ("… nhưng giờ …"); None when
    it tells no past."""
    original = nfc(text).strip()
    found = _BUT_NOW.search(fold_in_place(original.lower()))  # positions are the original's
    if found is None or found.start() == 0:
        return None
    return original[found.end() :].strip(" ,.;:") or None


def _named_now(conv: Conversation, current: Procedure, now: str) -> Procedure | None:
    """The procedure the part said of now names firmly, when not the current one: "đã làm tạm
    trú nhưng giờ muốn nhập khẩu luôn" is the new need. None when it names none: "đăng ký khai
    sinh ở Nam Định nhưng giờ ở TP.HCM, xin ở đây được không" while a copy of the birth
    certificate is current is about the copy, the registration named only where it was done."""
    result = conv.ctx.matcher.match(now)
    best = result.best
    if result.outcome is not Outcome.ANSWER or best is None or best.id == current.id:
        return None
    return conv.ctx.procedure(best.id)


def _vague(text: str) -> bool:
    """The message points at a paper or procedure ("cái giấy đó") and says nothing else of its
    own beside what it asks. Typed with diacritics, the pointer must carry its own ("sổ đỏ" is
    no "sổ đó")."""
    said = nfc(text).lower()
    if fold_in_place(said) != said:
        pointer, said = _POINTED_ACCENTED, said
    else:
        pointer, said = _POINTED, key(said)
    if not pointer.search(said):
        return False
    return not set(default_words().content(pointer.sub(" ", said))) - _POINTING


def _took_other(conv: Conversation, current: Procedure, text: str) -> bool:
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
    answer.reply(conv, other, text, fresh=True)
    return True


def _follow_up(
    conv: Conversation,
    current: Procedure,
    text: str,
    result: MatchResult,
    content: bool,
    switching: bool,
) -> None:
    reissue = _reissue(conv, current, text) if content else None
    if reissue is not None:  # "mà thẻ của ông bị mất thì sao" while "Mua, gia hạn BHYT" is current
        answer.reply(conv, reissue, text, fresh=reissue is not current)
        return
    anew = _register_anew(conv, current, text)
    if anew is not None:  # "chỗ mới thì đăng ký lại à" after "Xóa đăng ký tạm trú"
        answer.reply(conv, anew, text, fresh=True)
        return
    aged = _for_age(conv, current, text) if content else None
    if aged is not None:  # "thẻ của bé 3 tuổi nhà tôi thì có phải mua không"
        answer.reply(conv, aged, text, fresh=True)
        return
    if not content or _about(result, current.id):
        named = result.outcome is Outcome.ANSWER and bool(result.best)
        answer.reply(conv, current, text, named=named and content)
        return
    if switching:
        result = _parallel(conv, current, text, result)
    clear = result.outcome is Outcome.ANSWER and result.best and result.best.score >= NAMED_IN_FULL
    kept = (
        _only_its_words(current, text)
        and not clear
        and not _named_rather(conv, current, text, result)
    )
    if not switching and (kept or _paper(text, result) or _needed(text)):
        answer.reply(conv, current, text)  # "đổi có mất tiền không", "cần giấy kết hôn không"
        return
    if switching and result.outcome is not Outcome.ANSWER:
        # "còn nếu nghỉ hẳn luôn thì sao" after "Tạm ngừng hộ kinh doanh": a condition said of
        # the same thing, read with the current one's object, names the sibling it leads to
        sibling = _sibling(conv, current, text, firm=True)
    else:
        sibling = None if switching else _sibling(conv, current, text, among=_offered(result))
    if sibling is None and not switching and result.outcome is not Outcome.ANSWER:
        # "sau này nghỉ hẳn luôn thì làm gì": a case to come is a condition too
        sibling = _sibling(conv, current, text, firm=True) if _LATER.search(key(text)) else None
    if sibling is not None:  # "còn cái giấy phép … hết hạn rồi thì gia hạn được không"
        answer.reply(conv, sibling, text, fresh=True)
        return
    if not switching and not clear and _stays(conv, current, text, result):
        answer.reply(conv, current, text)  # "nhờ em gái đi làm hộ được không": "làm hộ" is asked
        return
    # A question the current procedure answers stays with it; a bare name ("căn cước") does not.
    question = answer.asks(text) or bool(default_words().asked(text))
    inside = not switching and not clear and question and answer.strong(conv, current, text)
    if (
        inside
        and (_names_another(conv, current, text) or _other_paper(conv, current, text, result))
        and not holds(conv, current, text)
    ):
        inside = False  # "sau khi ký xong thì sang tên sổ ở đâu": a passage mentions it in passing
    if inside and _LACKS.search(key(text)) and _ahead(result, current):
        inside = False  # "chưa có giấy xác nhận khuyết tật thì làm ở đâu": the paper's own
    if result.outcome is Outcome.ANSWER and result.best and not inside:
        other = conv.ctx.procedure(result.best.id)
        if other is not None:
            last = conv.state.section
            found = answer.plan(conv, other, text, named=True)
            if switching and last not in (None, sec.CARD) and not (found.faq or found.hits):
                show(conv, other, last)  # "thế còn hộ chiếu thì sao" after its fees: its fees
            else:
                answer.reply(conv, other, text, fresh=True)
            return
    if not switching and not inside and result.outcome is Outcome.CLARIFY:
        picked = _parallel(conv, current, text, result)  # "thẻ BHYT cho cháu thì sao"
        if picked is not result and picked.best:
            other = conv.ctx.procedure(picked.best.id)
            if other is not None:
                answer.reply(conv, other, text, fresh=True)
                return
    options = conv.ctx.matcher.clarify_options(result)
    if result.outcome is Outcome.CLARIFY and options and not inside:
        offer(conv, [c.id for c in options], text)
        return
    answer.reply(conv, current, text)


# "sau này …", "mai mốt …", "nếu về sau …": a case to come, said as a condition ("… thì …")
_LATER = re.compile(r"\b(?:sau nay|mai mot|mai nay|ve sau)\b.*\bthi\b")
NAMED_IN_FULL = 0.9  # a matcher score this high: the message names the other procedure in full


def _stays(conv: Conversation, current: Procedure, text: str, result: MatchResult) -> bool:
    """The question names no other procedure once the words that ask for a part are set aside:
    "nếu đổi thì hết bao nhiêu", "gửi về nhà qua bưu điện được không", "nhờ em gái làm hộ được
    không" are about the current one, whatever their section words resemble."""
    if result.outcome is not Outcome.ANSWER and not answer.index(conv).specifics(current, text):
        return True
    rest = default_words().content_text(text)
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


def _beyond(current: Procedure, other: Procedure, text: str) -> bool:
    """The message says a word of ``other``'s name that ``current``'s name lacks ("thai sản"
    while "Hưởng trợ cấp thất nghiệp" is current; not "khai sinh" while "Bản sao … giấy khai
    sinh" is)."""
    words = default_words()

    def name(proc: Procedure) -> set[str]:
        return {w for t in (proc.name, proc.title) for w in words.content(t)}

    return bool((set(words.content(text)) & name(other)) - name(current))


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
        and _names_paper(other, text)
        and not _names_paper(current, text)
        and not _WHETHER.search(key(text))
    )


# "… có cần …/phải … không": whether something is needed, asked about the current procedure
_WHETHER = re.compile(r"\b(?:can|phai)\b.*\b(?:khong|ko|k|chua)$")


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


def _ahead(result: MatchResult, current: Procedure) -> bool:
    """The matcher names another procedure firmly and well ahead of the current one."""
    best = result.best
    if result.outcome is not Outcome.ANSWER or best is None or best.id == current.id:
        return False
    here = _score(result, current.id)
    return best.score >= OUTRANKS_MIN and best.score - here >= OUTRANKS_LEAD


OUTRANKS_MIN = 0.6  # the matcher names the other procedure this firmly...
OUTRANKS_LEAD = 0.15  # ...and this far ahead of the current one


def _offered(result: MatchResult) -> frozenset[str]:
    """The procedures the matcher scores near its first for the message alone, when unsure
    among a few it reads firmly."""
    best = result.best
    if result.outcome is not Outcome.CLARIFY or best is None or best.score < OUTRANKS_MIN:
        return frozenset()
    return frozenset(c.id for c in result.candidates if c.score >= best.score - FIT_MARGIN)


def _sibling(
    conv: Conversation,
    current: Procedure,
    text: str,
    firm: bool = False,
    among: frozenset[str] = frozenset(),
) -> Procedure | None:
    """A procedure of the current one's group that the message names by the word that sets it
    apart, read with the current one's object: "hết hạn rồi thì gia hạn được không" while
    "Điều chỉnh giấy phép xây dựng" is current is "Gia hạn giấy phép xây dựng"; "tiện đổi địa chỉ
    quán luôn thì sao" while "Cấp lại giấy chứng nhận hộ kinh doanh" is current is "Thay đổi nội
    dung đăng ký hộ kinh doanh". Only words of its own, not those that ask for a part, count.

    ``firm``: a switch said as a condition ("còn nếu nghỉ hẳn luôn thì sao") may say what the
    sibling does in its own words ("nghỉ hẳn" for "chấm dứt"): the matcher naming it firmly and
    well ahead of the current one is enough.

    ``among``: the procedures the message alone leaves open ("tiền mai táng" is one of several
    funeral benefits); one of them that comes first once read with the current one's object is
    the sibling meant ("Hỗ trợ mai táng … hưu trí xã hội" while the pension is current), what
    it does said or not."""
    thing = _thing(current)
    if not thing or not default_words().content(text):
        return None
    again = conv.ctx.matcher.match(f"{text} {thing}")
    best = again.best
    if best is None or best.id == current.id or again.outcome is Outcome.UNMET:
        return None
    here = _score(again, current.id)
    if firm:
        other = conv.ctx.procedure(best.id)
        ahead = best.score >= OUTRANKS_MIN and best.score - here >= OUTRANKS_LEAD
        if other is None or other.group != current.group or not ahead:
            return None
        return other if again.outcome is Outcome.ANSWER else None
    if again.outcome is Outcome.CLARIFY and best.score - here < FIT_MARGIN:
        return None
    other = conv.ctx.procedure(best.id)
    if other is None or other.group != current.group:
        return None
    if best.id in among:
        return other
    return other if _verb_said(other, current, text, again.normalized) else None


# "thẻ của ông bị mất", "làm mất sổ", "mất giấy phép lái xe": a paper lost, not a death ("ba
# mất") nor what it costs ("làm mất bao lâu", "làm mất mấy ngày", "mất tiền không")
_COSTS = r"(?:bao|may|tien|phi|le phi|thoi gian|cong|nhieu|khoang|tam|it|lau|\d)"
_LOST = re.compile(
    rf"\b(?:bi|lam|danh|danh roi|de) mat\b(?!\s+{_COSTS}\b)|\bthat lac\b"
    r"|\bmat (?:the|so|giay|bang|can cuoc|cccd|cmnd|bhyt)\b"
)
_LOST_PAPER = re.compile(r"\b(?:the|so|giay|bang|can cuoc|cccd|cmnd|bhyt|gcn)\b")
_NOT_THE_PAPER = re.compile(r"\b(?:giay hen|bien nhan|phieu hen|bien lai)\b")


def _reissue(conv: Conversation, current: Procedure, text: str) -> Procedure | None:
    """A paper of the current procedure's kind said to be lost: the one procedure of its group
    that re-issues it ("Cấp lại, đổi thẻ BHYT" while "Mua, gia hạn BHYT hộ gia đình" is
    current; "Cấp lại thẻ căn cước" while "Làm căn cước lần đầu" is); the current one when it
    re-issues ("thẻ của mẹ tôi cũng bị mất": another person's, not a death). None when the group
    has no such procedure or several."""
    said = key(text)
    if not _LOST.search(said) or not _LOST_PAPER.search(said) or _NOT_THE_PAPER.search(said):
        return None
    if key(current.title).startswith("cap lai"):
        return current
    found = [
        p
        for p in conv.ctx.kb.procedures.values()
        if p.group == current.group and p.id != current.id and key(p.title).startswith("cap lai")
    ]
    return found[0] if len(found) == 1 else None


# "đăng ký lại", "đk lại ở chỗ mới", "đăng ký ở nơi mới": registering again, elsewhere
_ANEW = re.compile(
    r"\b(?:dang ky|dang ki|dk)\b.{0,20}\b(?:lai|moi)\b"
    r"|\b(?:cho|noi|nha) moi\b.{0,20}\b(?:dang ky|dang ki|dk)\b"
)


def _register_anew(conv: Conversation, current: Procedure, text: str) -> Procedure | None:
    """Registering again after a removal: "chỗ mới thì đăng ký lại à" while "Xóa đăng ký tạm
    trú" is current is "Đăng ký tạm trú", the procedure of its group that registers what the
    current one removes."""
    title = key(re.sub(r"\(.*?\)", " ", current.title))
    if not title.startswith("xoa") or not _ANEW.search(key(text)):
        return None
    wanted = f"dang ky {_thing(current)}"
    found = [
        p
        for p in conv.ctx.kb.procedures.values()
        if p.group == current.group and key(re.sub(r"\(.*?\)", " ", p.title)).strip() == wanted
    ]
    return found[0] if len(found) == 1 else None


# "bé 3 tuổi", "con e 2t", "cháu 10 tuổi": one person's age, said once
_AGE = re.compile(r"\b(\d{1,3})\s*(?:tuoi|t)\b")
# an age bound in a procedure's official name: "dưới 6 tuổi", "từ đủ 14 tuổi"
_BOUND = re.compile(r"\b(duoi|tu du|tu) (\d{1,3}) tuoi\b")


def _fits_age(proc: Procedure, age: int) -> bool | None:
    """Whether ``age`` is within the bound the procedure's name sets; None when it sets none."""
    bound = _BOUND.search(key(proc.name))
    if bound is None:
        return None
    limit = int(bound.group(2))
    return age < limit if bound.group(1) == "duoi" else age >= limit


def _for_age(conv: Conversation, current: Procedure, text: str) -> Procedure | None:
    """One person's age said, outside the current procedure's age bound (or it has none), and
    one procedure of its group whose bound holds it: "thẻ của bé 3 tuổi nhà tôi thì có phải mua
    không" while "Mua, gia hạn BHYT hộ gia đình" is current is "Thẻ BHYT cho trẻ dưới 6 tuổi";
    "con tôi 10 tuổi thì sao" while "Làm căn cước lần đầu (từ 14 tuổi)" is, the card under 14."""
    ages = _AGE.findall(key(text))
    if len(ages) != 1:
        return None
    age = int(ages[0])
    if _fits_age(current, age) is not False and _BOUND.search(key(current.name)):
        return None  # within the current one's own bound
    found = [
        p
        for p in conv.ctx.kb.procedures.values()
        if p.group == current.group and p.id != current.id and _fits_age(p, age)
    ]
    return found[0] if len(found) == 1 else None


def _verb_said(other: Procedure, current: Procedure, text: str, normalized: str = "") -> bool:
    """The message says what ``other`` does to the object, which ``current``'s title does not
    say: "gia hạn" (of "Gia hạn, cấp lại giấy phép xây dựng") while "Điều chỉnh giấy phép xây
    dựng" is current; "đổi" (of "Thay đổi nội dung …") while "Cấp lại …" is."""
    thing = _thing(other)
    title = key(re.sub(r"\(.*?\)", " ", other.title))
    acts = title[: len(title) - len(thing)] if thing and title.endswith(thing) else ""
    said = f" {key(text)} {key(normalized)} "  # "nghỉ tạm" is said "tạm ngừng"
    theirs = f" {key(re.sub(r'[(),]', ' ', current.title))} "
    for deed in (a.strip() for a in re.split(r"[,;]| va | hoac ", acts)):
        if not deed:
            continue
        last = deed.split()[-1]
        for phrase in {deed, last} if last in _VERBS else {deed}:
            if phrase in _PLAIN:
                continue  # "làm", "xin": every procedure is done or asked for
            if f" {phrase} " in said and f" {phrase} " not in theirs:
                return True
    return False


_PLAIN = frozenset({"lam", "xin", "cap"})


def _thing(proc: Procedure) -> str:
    """What a procedure is about, without its verb: "thẻ căn cước" of "Cấp lại thẻ căn cước"."""
    title = key(re.sub(r"\(.*?\)", " ", proc.title)).split()
    verb = next((v.split() for v in _ACTS if title[: len(v.split())] == v.split()), [])
    return " ".join(title[len(verb) :])


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


FIT_MARGIN = 0.1  # a follow-up fits one offered procedure when it fits it this much better


def _after_clarify(conv: Conversation, text: str, result: MatchResult) -> bool:
    """The message after "Bạn muốn hỏi thủ tục nào?" that picks none by button: a question that
    fits one of the procedures offered is answered there; a question about a part only ("có mất
    phí không") is answered for the first one offered, the others still a tap away; another need
    named clearly is left to be matched anew (False)."""
    state = conv.state
    offered = [p for p in (conv.ctx.procedure(pid) for pid in state.candidates) if p]
    if not offered:
        return False
    ids = [p.id for p in offered]
    best = result.best
    if result.outcome is Outcome.ANSWER and best and best.id not in ids:
        return False
    named = [c for c in result.candidates[:3] if c.id in ids and c.score >= PICK_MIN]
    if named:
        choice = conv.ctx.procedure(named[0].id)
    else:
        fits = sorted(((answer.fit(conv, p, text), p) for p in offered), key=lambda fp: -fp[0])
        top = fits[0][0]
        runner = fits[1][0] if len(fits) > 1 else 0.0
        if top > 0 and top - runner >= FIT_MARGIN:
            choice = fits[0][1]
        elif answer.index(conv).specifics(offered[0], text):
            if result.outcome is not Outcome.UNMET:
                return False  # something of its own, that fits none offered: matched anew
            clarify(conv, ids, texts.STILL_WHICH)  # fits none, names nothing: ask again, briefly
            return True
        else:
            choice = offered[0]
    if choice is None:
        return False
    others = [p for p in offered if p.id != choice.id]
    if others:
        conv.say(texts.PICKED.format(title=choice.title), keyboards.procedures(others))
    else:
        conv.say(texts.GUESSED.format(title=choice.title), [Button(texts.NOT_THIS, act(Verb.NONE))])
    answer.reply(conv, choice, text, fresh=True)
    return True


PICK_MIN = 0.3  # a matcher score this high for one procedure offered names it


def _only_its_words(current: Procedure, text: str) -> bool:
    """Every word the question adds to the section words is in the current procedure's name
    ("đổi có mất tiền không" while "Đổi thẻ căn cước" is current)."""
    words = default_words()
    name = {w for t in (current.name, current.title) for w in words.content(t)}
    return all(w in name for w in words.content(text))


_PAPERS = ("giay", "ban sao", "so", "the", "giay chung nhan", "trich luc")


def _paper(text: str, result: MatchResult) -> bool:
    """The other procedure is named as a paper ("giấy đăng ký kết hôn"), not as a need."""
    if result.best is None:
        return False
    words = re.findall(r"\w+", nfc(text).lower())
    folded = [key(w) for w in words]
    named = key(result.best.phrase).split()
    accented = any(fold_in_place(w) != w for w in words)
    for i in range(1, len(folded) - len(named) + 1):
        if folded[i : i + len(named)] != named:
            continue
        for paper in _PAPERS:
            size = len(paper.split())
            before = words[max(0, i - size) : i]
            said = " ".join(before) if accented else " ".join(folded[max(0, i - size) : i])
            if said == (_PAPERS_ACCENTED[paper] if accented else paper):
                return True  # typed with diacritics, "tiện thể làm hộ chiếu" names no "thẻ"
    return False


_PAPERS_ACCENTED = dict(
    zip(_PAPERS, ("giấy", "bản sao", "sổ", "thẻ", "giấy chứng nhận", "trích lục"), strict=True)
)


# "có cần giấy xác nhận độc thân không": whether something is needed *for the current one*
_NEEDED = re.compile(
    r"^(?:vay |the |thi )?(?:co |co phai |phai |can )?(?:can|phai co|phai xin|phai lam|can co|"
    r"phai mang|can mang|co can|can xin|phai nop|can nop)\s+.+\s+(?:khong|ko|k|a|chua|nua khong)$"
)
# "dùng giấy đó đi đăng ký kết hôn được không": what the current paper is good for
_USE = re.compile(
    r"^(?:vay |the |thi )?(?:dung|lay|mang) (?:giay|the|phieu|ban|cai|so) (?:nay|do|ay)\b"
    r"|\b(?:cung luc voi|cung voi|kem voi|chung voi|luon voi|dong thoi voi|kem theo)\b"
    r"|\b(?:truoc|truoc do|truoc da) (?:khong|ko|k|a|chua|nua khong)$"
)  # "làm cùng lúc với khai sinh được không", "có phải về quê cắt khẩu trước không": the other
# one named beside the current, or before it


# "chưa có giấy xác nhận … thì làm ở đâu": a paper the case lacks, and where or how to get it
_LACKS = re.compile(
    r"\b(?:chua co|khong co|chua lam|chua xin)\s+(?:giay|the|so|ban|phieu|chung nhan)\b.*"
    r"\b(?:thi|phai)\s+(?:lam|xin|dang ky|di)\b.*\b(?:o dau|the nao|sao|gi)\b"
)
# "hợp đồng thuê có phải công chứng không": how a paper of the case must be attested, not the
# procedure that attests it
_ATTESTED = re.compile(
    r"^(?:vay |the |con )?(?:hop dong|giay|ban sao|to khai|don|van ban|so|the)\b.*"
    r"\b(?:co phai|co can|phai|can)\s+(?:duoc\s+)?(?:cong chung|chung thuc|sao y|dich|"
    r"hop phap hoa|dong dau|ky)\b.*\b(?:khong|ko|k|a|chua)$"
)


def _needed(text: str) -> bool:
    folded = key(text)
    return any(p.search(folded) is not None for p in (_NEEDED, _USE, _ATTESTED))


_VERBS = ("dang ky", "cap lai", "cap doi", "cap", "lam", "xin", "doi", "gia han", "chung thuc")

# what a procedure's title may begin with before its object, longest first
_ACTS = sorted(
    {
        *_VERBS,
        "dieu chinh",
        "thay doi",
        "xoa",
        "xoa dang ky",
        "cham dut",
        "tam ngung",
        "gia han",
        "cap lai",
        "cap doi",
        "dang ky lai",
        "dang ky bien dong",
        "trinh bao",
        "cap nhat",
    },
    key=lambda v: -len(v),
)


def _parallel(
    conv: Conversation, current: Procedure, text: str, result: MatchResult
) -> MatchResult:
    """ "thế còn tạm trú thì sao" after "Đăng ký thường trú" means "đăng ký tạm trú": when the
    short target alone is ambiguous, it is read with the current procedure's verb."""
    if result.outcome is not Outcome.CLARIFY:
        return result
    said = key(text)
    if any(said.startswith(v + " ") for v in _VERBS):
        return result
    name = key(current.name)
    verb = next((v for v in _VERBS if name.startswith(v + " ")), None)
    offered = {c.id for c in conv.ctx.matcher.clarify_options(result)}
    # Else a bare name asks for the paper itself ("thế còn hộ chiếu" is "làm hộ chiếu"), not
    # for its variants that need a word it does not say (mất, lại, đổi, nước ngoài).
    for lead in dict.fromkeys(v for v in (verb, "lam") if v):
        again = conv.ctx.matcher.match(f"{lead} {text}")
        fits = lead == verb or (again.best is not None and again.best.id in offered)
        if again.outcome is Outcome.ANSWER and again.best and fits:
            return again
    return result


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


def _new(conv: Conversation, text: str, result: MatchResult, content: bool) -> None:
    options = conv.ctx.matcher.clarify_options(result)
    if content and _sues(text):
        lawsuit(conv, text, result)
        return
    package = _package_of_parts(conv, text, result) if content else None
    if package is not None:  # "làm khai sinh, nhập khẩu, thẻ BHYT cho bé một lần"
        answer.reply(conv, package, text, fresh=True)
    elif not content:
        conv.say(texts.NO_PROCEDURE, keyboards.topics(conv.ctx.menu))
    elif _owned(conv, text, result):
        return
    elif result.outcome is Outcome.ANSWER and result.best:
        proc = conv.ctx.procedure(result.best.id)
        if proc is None:
            conv.say(texts.UNKNOWN_PROCEDURE, keyboards.topics(conv.ctx.menu))
            return
        answer.reply(conv, proc, text, fresh=True)
    elif result.outcome is Outcome.CLARIFY and options:
        offer(conv, [c.id for c in options], text)
    else:
        unmet(conv, text, result)


# the joints of a list of things to do: "khai sinh, nhập khẩu, thẻ BHYT", "khai tử với cắt khẩu"
_LIST_JOINT = re.compile(r"[,;.!?]|\b(?:và|va|với|voi)\b")
_LIST_MAX = 6  # pieces of a question that lists what it asks for
_PART_SCORE = 0.5  # a piece names a part when its best scores this ("con tôi 5 tuổi" names none)


# a part said done: "đã", "xong", a closing "rồi" ("dạ" is no "đã", so the marks are read)
_DONE = re.compile(r"\b(?:đã|xong|da lam)\b|\b(?:rồi|roi)$")


def _package_of_parts(conv: Conversation, text: str, result: MatchResult) -> Procedure | None:
    """The package a question asks for by listing two or more of its parts ("làm khai sinh,
    nhập khẩu, thẻ BHYT cho bé", "khai tử với cắt khẩu"): each piece of the list is matched on
    its own, and the package the question's best is, or is a part of, is what is asked when it
    bundles the clear best of two pieces; a part named alone stays the part."""
    kb = conv.ctx.kb.procedures
    top = kb.get(result.candidates[0].id) if result.candidates else None
    pieces = [p for p in _LIST_JOINT.split(text.lower()) if p.strip()]
    if top is None or not 2 <= len(pieces) <= _LIST_MAX:
        return None  # one thing asked, or a long letter that names things in passing
    around = [top, *(kb[link.id] for link in top.linked if link.id in kb)]
    packages = [p for p in around if p.level is Level.NHIEU_CAP]
    if not packages:
        return None
    named: set[str] = set()
    for piece in pieces:
        if _DONE.search(nfc(piece).strip()):
            continue  # "đã làm khai sinh, nhập khẩu rồi, giờ thẻ BHYT": those parts are done
        found = conv.ctx.matcher.match(piece).candidates
        if found and found[0].id in kb and found[0].score >= _PART_SCORE:
            named.add(found[0].id)
    for package in packages:
        if sum(bundled(package, kb[pid]) is not None for pid in named) >= 2:
            return package
    return None


def _owned(conv: Conversation, text: str, result: MatchResult) -> bool:
    """A first question that one candidate procedure holds among its own questions and answers
    (:func:`handlers.owner.owner`) is answered from it, the matcher's first choice a tap away.

    Not when the matcher's answer answers it itself, from a question-and-answer or the answer
    field asked ("gia hạn trước bao nhiêu ngày": the renewal's), or is far ahead (``OWNED_GAP``);
    nor when the owner is a package bundling the matcher's first (the procedure itself answers,
    as :func:`settle` takes it) or yields to another candidate by the lexicon's order."""
    proc = owner(conv, text, result)
    best = result.best if result.outcome is Outcome.ANSWER else None
    first = conv.ctx.procedure(result.candidates[0].id) if result.candidates else None
    if proc is None or first is None or (best is not None and best.id == proc.id):
        return False
    if best is not None and (
        best.score - _score(result, proc.id) > OWNED_GAP or answered_in(conv, first, text)
    ):
        return False
    if bundled(proc, first) or _yields(conv, proc, result, text):
        return False
    shown = [c.id for c in result.candidates[:2] if c.id != proc.id]
    others = [p for p in (conv.ctx.procedure(pid) for pid in shown) if p]
    if others:
        conv.say(texts.PICKED.format(title=proc.title), keyboards.procedures(others))
    else:
        conv.say(texts.GUESSED.format(title=proc.title), [Button(texts.NOT_THIS, act(Verb.NONE))])
    answer.reply(conv, proc, text, fresh=True)
    conv.state.candidates = [p.id for p in others]
    return True


OWNED_GAP = 0.5  # the matcher's answer this far ahead of the owner keeps the question


def _yields(conv: Conversation, proc: Procedure, result: MatchResult, text: str) -> bool:
    """Whether the lexicon's order of siblings (``preferred``, as in :func:`settle`) makes
    ``proc`` yield to another candidate for this question ("mất giấy kết hôn": a copy from the
    register before registering again)."""
    preferred = conv.ctx.matcher.situations.preferred
    return any(
        proc.id in rule.over and rule.holds(text)
        for c in result.candidates[:OWNER_RANK]
        for rule in preferred.get(c.id, ())
    )


def _score(result: MatchResult, pid: str) -> float:
    return next((c.score for c in result.candidates if c.id == pid), 0.0)


def _back(conv: Conversation, back: Back, current: Procedure | None) -> None:
    """Go back to an earlier procedure: the one named, else the last before the current."""
    state = conv.state
    kb = conv.ctx.kb
    earlier = [pid for pid in reversed(state.recent) if pid in kb.procedures]
    target: Procedure | None = None
    rest = back.rest
    if rest and default_words().content(rest):
        result = conv.ctx.matcher.match(rest)
        named = [c.id for c in result.candidates[:5] if c.score > 0.2]
        target = next((kb.procedures[p] for p in named if p in earlier), None)
        if target is None:  # "quay lại căn cước": the earlier one whose name holds those words
            target = next(
                (kb.procedures[p] for p in earlier if _in_name(kb.procedures[p], rest)), None
            )
        if target is None and result.outcome is Outcome.ANSWER and result.best:
            target = conv.ctx.procedure(result.best.id)
        if target is None and not back.earlier:  # "quay lại căn cước", never discussed: ask it
            ask(conv, f"{rest} {back.question}".strip())
            return
    if target is None and earlier:
        target = kb.procedures[earlier[0]]
    if target is None:
        if current and rest:
            answer.reply(conv, current, back.question or rest)
        else:
            conv.say(texts.NOTHING_BEFORE, keyboards.topics(conv.ctx.menu))
        return
    if back.question:  # "quay lại khai sinh, ngoài giấy chứng sinh còn cần gì"
        answer.reply(conv, target, back.question, fresh=True)
    elif rest and default_words().asked(rest):
        answer.reply(conv, target, rest, fresh=True)
    else:
        show(conv, target, sec.CARD)


# "ok, còn hợp đồng ở xã thì …": one named again by "còn", then what is asked of it
_AGAIN = re.compile(
    r"^(?:(?:ok|oke|vay|the|a|da|u|roi)\s*,?\s+)*con\s+(?P<what>.+?)\s+thi\s+(?P<ask>.+)$"
)
BACK_BY_NAME = 0.5  # the words after "còn" name an earlier procedure this firmly


def _back_by_name(conv: Conversation, current: Procedure, text: str) -> bool:
    """ "ok, còn hợp đồng ở xã thì bên bán với bên mua đều phải có mặt à" after going on from
    "Chứng thực hợp đồng" to "Sang tên sổ đỏ": the words after "còn" name the earlier one
    firmly, and what follows "thì" is asked of it. A bare "con" ("con tôi ở xa thì …": a child)
    is read so only in a message typed without diacritics, and only when it names one."""
    said = nfc(text).strip().lower()
    if fold_in_place(said) != said and "còn" not in said.split():
        return False
    found = _AGAIN.match(key(text))
    if found is None:
        return False
    earlier = [p for p in conv.state.recent if p != current.id and p in conv.ctx.kb.procedures]
    result = conv.ctx.matcher.match(found.group("what"))
    best = result.best
    if result.outcome is not Outcome.ANSWER or best is None or best.id not in earlier:
        return False
    if best.score < BACK_BY_NAME:
        return False
    answer.reply(conv, conv.ctx.kb.procedures[best.id], found.group("ask"), fresh=True)
    return True


def _in_name(proc: Procedure, text: str) -> bool:
    """Every word the text says is a word of the procedure's name."""
    words = default_words()
    said = set(words.content(text))
    names = (proc.name, proc.title, proc.short_name or "")
    return bool(said) and said <= {w for t in names for w in words.content(t)}


def offer(conv: Conversation, candidate_ids: list[str], text: str) -> None:
    """The procedures a question may be about: several are offered to choose from, unless what
    the knowledge says or the question asks settles the choice (:func:`settle`), then that one
    is answered with the others a tap away; a single one is answered, saying so, with a button
    to say it is not that one."""
    procs = [p for p in (conv.ctx.procedure(pid) for pid in candidate_ids) if p]
    if len(procs) == 1:
        conv.say(
            texts.GUESSED.format(title=procs[0].title), [Button(texts.NOT_THIS, act(Verb.NONE))]
        )
        answer.reply(conv, procs[0], text, fresh=True)
        return
    choice, known = settle(conv, procs, text)
    if choice is None:
        conv.outcome = "clarify"
        clarify(conv, candidate_ids)
        return
    others = [p for p in procs if p.id != choice.id]
    conv.say(texts.PICKED.format(title=choice.title), keyboards.procedures(others))
    answer.reply(conv, choice, text, fresh=True)
    if not known:  # taken by its fit only: the others stay in reach for the next message
        conv.state.candidates = [p.id for p in others]


def settle(conv: Conversation, procs: list[Procedure], text: str) -> tuple[Procedure | None, bool]:
    """The one of the procedures offered for a question that a person at the desk would take:

    - siblings the lexicon orders (``preferred`` in ``lexicon/siblings.yaml``) leave the choice
      to the one they yield to: a lost paper is copied from the register before it is
      registered again; a funeral allowance is no answer while nobody is said to have died;
      a death the story tells is no answer when the heir asks to refuse the estate;
    - of what is left, a package and the procedure it bundles, scored alike: the procedure
      itself ("làm khai tử" is "Đăng ký khai tử"; the package is offered beside it);
    - else the one whose own content (passages, questions and answers, name) fits the question
      clearly better than every other (:func:`handlers.answer.fit`), unless the matcher put
      another clearly first ("mua xe máy mới" fits the passages of a transfer better than those
      of a first registration, which the matcher ranks well ahead: it stays a choice); a
      procedure with a foreign element is in that contest only when the question says one.

    With whether the knowledge settled it (the first two rules, one procedure left), not the
    question's fit."""
    preferred = conv.ctx.matcher.situations.preferred
    ids = {p.id for p in procs}
    yielding: set[str] = set()
    for proc in procs:
        for rule in preferred.get(proc.id, ()):
            if rule.holds(text):
                yielding |= ids & rule.over
    left = [p for p in procs if p.id not in yielding]
    if yielding and len(left) == 1:
        return left[0], True
    first = left[0]
    for other in left[1:2]:
        member = bundled(first, other) or bundled(other, first)
        if member is not None:
            return member, True
    return _best_fit(conv, left, text), False


def _best_fit(conv: Conversation, procs: list[Procedure], text: str) -> Procedure | None:
    first = procs[0]
    home = [p for p in procs if not _abroad(conv, p.name)]
    if not _abroad(conv, text) and home:
        procs = home  # "kết hôn lại sau khi ly hôn" is no divorce recorded from abroad
    if len(procs) == 1:
        return procs[0]  # the others need a foreign element the question does not say
    fits = sorted(((answer.fit(conv, p, text), p) for p in procs), key=lambda fp: -fp[0])
    (top, choice), runner = fits[0], fits[1][0]
    if top - runner < FIT_MARGIN:
        return None
    if choice is not first and not _near_best(conv, text, choice):
        return None  # the matcher put another clearly first: fitting better does not overrule it
    if choice is not first and _names_paper(first, text) and not _names_paper(choice, text):
        return first  # "làm hộ chiếu cho con 3 tuổi" is the passport, not the child's ID card
    return choice


def _names_paper(proc: Procedure, text: str) -> bool:
    """The message names what the procedure is about by the first words of its object ("hộ
    chiếu" of "Cấp hộ chiếu phổ thông")."""
    head = " ".join(_thing(proc).split()[:2])
    return bool(head) and f" {head} " in f" {key(text)} "


def _abroad(conv: Conversation, text: str) -> bool:
    """The text says a foreign element ("nước ngoài", a country, "Việt kiều")."""
    matcher = conv.ctx.matcher
    return matcher.situations.foreign_element(matcher.normalizer.normalize(text).tokens)


def _near_best(conv: Conversation, text: str, proc: Procedure) -> bool:
    """The matcher scores ``proc`` within half the lead it needs to answer of its best."""
    matcher = conv.ctx.matcher
    result = matcher.match(text)
    scores = {c.id: c.score for c in result.candidates}
    best = result.best
    lead = matcher.config.margin / 2
    return best is not None and scores.get(proc.id, 0.0) >= best.score - lead


def bundled(package: Procedure, member: Procedure) -> Procedure | None:
    """``member`` when ``package`` bundles it: a package spanning several agencies that links
    it as one of its parts, and that it links back to."""
    if package.level is not Level.NHIEU_CAP or member.level is Level.NHIEU_CAP:
        return None
    parts = {link.id for link in package.linked}
    back = {link.id for link in member.linked}
    return member if member.id in parts and package.id in back else None


def clarify(conv: Conversation, candidate_ids: list[str], prompt: str = texts.CLARIFY) -> None:
    procs = [p for p in (conv.ctx.procedure(pid) for pid in candidate_ids) if p]
    conv.state.mode, conv.state.candidates = Mode.CLARIFY, [p.id for p in procs]
    buttons = [*keyboards.procedures(procs), Button(texts.NONE_OF_THESE, act(Verb.NONE))]
    conv.say(prompt, buttons)


def unmet(conv: Conversation, text: str, result: MatchResult | None = None) -> None:
    """No procedure matches and none is current. After repeated misses a person is *offered*;
    only the citizen's yes opens a ticket."""
    conv.outcome = "unmet"
    conv.record_unmet(UnmetReason.NO_MATCH, text)
    state = conv.state
    state.misses += 1
    if state.misses >= MISSES_FOR_HANDOFF:
        state.asked = "human"
        conv.say(texts.UNMET_REPEATED, keyboards.offer_human(None))
        return
    conv.say(not_covered(result), keyboards.topics(conv.ctx.menu, with_human=True))


# "kiện ở đâu", "muốn khởi kiện", "đưa ra tòa": a lawsuit. Typed without accents "kien" is also
# "kiên", "kiến" ("điều kiện", "ý kiến"): only a verb before or a place asked after counts.
_SUES = re.compile(
    r"\b(?:khoi kien|kien tung|kien ra toa|dua ra toa|ra toa|len toa|nop don ra toa"
    r"|(?:muon|di|thi|phai|de|se|dinh) kien|kien (?:o dau|dau|duoc khong|duoc ko|ai|nguoi))\b"
)
# "điều kiện", "sự kiện", "bưu kiện", "linh kiện", "kiện hàng", "kiện toàn": no lawsuit
_SUES_ACCENTED = re.compile(r"(?<!điều )(?<!sự )(?<!bưu )(?<!linh )\bkiện\b(?! hàng| toàn)")


SUES_WORDS = 30  # a longer letter tells a lawsuit as its story, not as what it asks


def _sues(text: str) -> bool:
    said = nfc(text).lower()
    if len(said.split()) > SUES_WORDS:
        return False
    return bool(_SUES.search(key(said)) or _SUES_ACCENTED.search(said))


def lawsuit(conv: Conversation, text: str, result: MatchResult) -> None:
    """A lawsuit asked: the court is no procedure motcua guides, so the pointer to it (who
    handles it, its page); a procedure the matcher found beside it ("Hòa giải tranh chấp đất
    đai", which comes before a land case goes to court) is offered with its summary, not shown
    as the answer."""
    conv.outcome = "unmet"
    conv.record_unmet(UnmetReason.NO_MATCH, text)
    referral = default_referrals().pointer([default_lexicon().topic_name("khởi kiện")])
    said = not_covered(None)
    if referral is not None:
        said = texts.REFERRAL.format(
            office=referral.office, url=referral.url, reviewed=format.date(referral.reviewed_on)
        )
    best = result.best if result.outcome is not Outcome.UNMET else None
    related = conv.ctx.procedure(best.id) if best is not None else None
    if related is None:
        conv.say(said, keyboards.topics(conv.ctx.menu, with_human=True))
        return
    conv.say(said)
    conv.say(
        texts.RELATED_FIRST.format(title=related.title, summary=" ".join(related.summary.split())),
        keyboards.procedures([related]),
    )


def not_covered(result: MatchResult | None) -> str:
    """What to say when no procedure fits: where to go for a topic the knowledge base does not
    cover (who handles it, the official page), that only administrative procedures are handled
    when the text is about none, else that none was found."""
    if result is None:
        return texts.UNMET
    referral = default_referrals().pointer(result.topics)
    if referral is not None:
        return texts.REFERRAL.format(
            office=referral.office, url=referral.url, reviewed=format.date(referral.reviewed_on)
        )
    return texts.UNRELATED if result.unrelated else texts.UNMET


def pick(conv: Conversation, procedure_id: str) -> None:
    """A procedure button (from clarify, a topic, or the related list)."""
    proc = conv.ctx.procedure(procedure_id)
    if proc is None:
        conv.say(texts.UNKNOWN_PROCEDURE, keyboards.topics(conv.ctx.menu))
        return
    show(conv, proc, sec.CARD)


def corrects(conv: Conversation, said: Rejection) -> bool:
    """ "không phải, ý tôi là …" corrects; "X chứ không Y" only when it :func:`denies` the
    current procedure."""
    return not said.denied or denies(conv, said.denied, said.rest)


def denies(conv: Conversation, denied: str, meant: str) -> bool:
    """ "sổ bị rách chứ không mất": a correction when what is denied is said in the current
    procedure's name ("Cấp lại sổ đỏ bị mất") and what is meant names another; "ông mất ở nhà
    chứ không phải bệnh viện" denies nothing of "Đăng ký khai tử": a question about the case."""
    current = conv.ctx.procedure(conv.state.procedure)
    if current is None:
        return names_other(conv, meant)
    words = default_words()
    said = {w for t in (current.name, current.title) for w in words.content(t)}
    return bool(set(words.content(denied)) & said) and names_other(conv, meant)


def names_other(conv: Conversation, text: str) -> bool:
    """ "sổ bị rách (chứ không mất)": the words name a procedure other than the current one."""
    result = conv.ctx.matcher.match(text)
    current = conv.ctx.procedure(conv.state.procedure)
    if current is not None:
        result = _parallel(conv, current, text, result)
    best = result.best
    if current is None or _firm(conv, result, current):
        return result.outcome is Outcome.ANSWER and best is not None and best.id != current_id(conv)
    kin = _kin(conv, current, text, result)
    return kin is not None and kin.id != current.id


def current_id(conv: Conversation) -> str | None:
    return conv.state.procedure if conv.state.mode is not Mode.CLARIFY else None


def reject(conv: Conversation, rest: str) -> None:
    """ "Không phải các mục trên", or "không phải, ý tôi là ..." after an answer."""
    state = conv.state
    shown = state.procedure if state.mode is not Mode.CLARIFY else None
    if rest:
        result = conv.ctx.matcher.match(rest)
        was = conv.ctx.procedure(shown)
        if was is not None:
            result = _parallel(conv, was, rest, result)
        if was is not None and not _firm(conv, result, was):
            kin = _kin(conv, was, rest, result)
            if kin is was:  # the correction still fits the procedure shown: answer it there
                answer.reply(conv, was, rest, fresh=True)
                return
            if kin is not None:
                result = MatchResult(rest, Outcome.ANSWER, result.aspect, (_as_candidate(kin),))
        if was is not None and _refines(was, rest, result):
            answer.reply(conv, was, rest, fresh=True)  # "à nhầm, em cần bản sao giấy kết hôn"
            return
        if result.outcome is Outcome.ANSWER and result.best and result.best.id != shown:
            conv.record_unmet(
                UnmetReason.REJECTED, state.query or rest, procedure_id=shown, detail=rest
            )
            _forget(conv, shown)
            other = conv.ctx.procedure(result.best.id)
            if other is not None:
                answer.reply(conv, other, rest, fresh=True)
                return
        if result.outcome is not Outcome.UNMET:
            conv.record_unmet(
                UnmetReason.REJECTED, state.query or rest, procedure_id=shown, detail=rest
            )
            _forget(conv, shown)
            others = [c.id for c in result.candidates[:4] if c.id != shown]
            if result.best and result.best.id == shown and others:
                clarify(conv, others[:3])  # the same answer again would not help
            else:
                ask(conv, rest)
            return
    conv.record_unmet(UnmetReason.REJECTED, state.query or "(không rõ)", procedure_id=shown)
    _forget(conv, shown)
    conv.say(texts.REJECTED, keyboards.topics(conv.ctx.menu, with_human=True))


def _refines(was: Procedure, rest: str, result: MatchResult) -> bool:
    """The correction names the procedure shown firmly and says more than its name: the case
    changes inside it ("à nhầm, em cần bản sao giấy kết hôn chứ không phải khai sinh" after
    "Bản sao trích lục, giấy khai sinh"), not the procedure. Its name said again is no
    refinement: the same answer would not help."""
    best = result.best
    if result.outcome is not Outcome.ANSWER or best is None or best.id != was.id:
        return False
    words = default_words()
    name = {w for t in (was.name, was.title) for w in words.content(t)}
    return bool(set(words.content(rest)) - name)


KIN_MIN = 0.2  # a matcher score this high for a procedure of the same group as the one rejected


def _kin(conv: Conversation, was: Procedure, rest: str, result: MatchResult) -> Procedure | None:
    """What a correction means next to the procedure it corrects: "thẻ vẫn còn nhưng bị gãy"
    after "Cấp lại thẻ căn cước" is read with that procedure's object ("thẻ căn cước"); failing
    that, a procedure of the same group the words alone point to ("phá đi xây mới" after "Giấy
    phép sửa chữa, cải tạo nhà" → "Giấy phép xây dựng nhà ở riêng lẻ"); failing that, ``was``
    itself when the words read with its object still name it ("giấy vẫn còn nhưng ghi sai ngày
    sinh" after "Đổi, cấp lại giấy xác nhận khuyết tật": the change it also covers); else one
    of its group the reading points to."""
    thing = _thing(was)
    again = conv.ctx.matcher.match(f"{rest} {thing}") if thing else None
    named = again.best if again is not None and again.outcome is Outcome.ANSWER else None
    if named is not None and named.id != was.id:
        return conv.ctx.procedure(named.id)
    for candidate in result.candidates[:5]:
        other = conv.ctx.procedure(candidate.id)
        if (
            other
            and other.id != was.id
            and other.group == was.group
            and candidate.score >= KIN_ALONE
        ):
            return other
    if again is None:
        return None
    if named is not None and named.id == was.id:
        return was
    for candidate in again.candidates[:3]:
        other = conv.ctx.procedure(candidate.id)
        if other and other.id != was.id and other.group == was.group and candidate.score >= KIN_MIN:
            return other
    return None


KIN_ALONE = 0.15  # a procedure of the group the correction's own words point to this well


def _firm(conv: Conversation, result: MatchResult, was: Procedure) -> bool:
    """The matcher names a procedure clearly, or one of the same group as ``was``."""
    best = result.best
    if result.outcome is not Outcome.ANSWER or best is None:
        return False
    other = conv.ctx.procedure(best.id)
    return best.score >= NAMED_IN_FULL or (other is not None and other.group == was.group)


def _as_candidate(proc: Procedure) -> Candidate:
    return Candidate(proc.id, proc.name, KIN_MIN, proc.title)


def _forget(conv: Conversation, rejected: str | None) -> None:
    """The citizen said the procedure shown is not what they meant: it is not current any more,
    and not one to go back to."""
    state = conv.state
    state.mode, state.procedure, state.candidates, state.section = Mode.IDLE, None, [], None
    if rejected:
        state.recent = [p for p in state.recent if p != rejected]


@on(Verb.PROCEDURE)
def _procedure(conv: Conversation, action: Action, proc: Procedure | None) -> None:
    pick(conv, action.arg)


@on(Verb.NONE)
def _none(conv: Conversation, action: Action, proc: Procedure | None) -> None:
    reject(conv, "")


@on(Verb.ASPECT, needs_procedure=True)
def _section(conv: Conversation, action: Action, proc: Procedure | None) -> None:
    assert proc is not None
    if action.arg not in sec.BY_ID:
        conv.say(texts.UNKNOWN_ACTION, keyboards.sections(proc, sec.CARD))
        return
    show(conv, proc, action.arg)
