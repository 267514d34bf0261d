"""Switches to a procedure next to the current one, going back and corrections: a sibling of
its group named by what it does ("gia hạn", "xóa"), a paper of its kind said lost, registering
again after a removal, an age outside its bound; "quay lại X" / "lúc nãy" back to one of the last
procedures and "còn X thì …" to an earlier one by name; "không phải, ý tôi là …" takes what its
words mean next to the procedure shown, which may be that procedure itself; two parts of a
package the current one links, named together, that package."""

from __future__ import annotations

import re
from collections.abc import Callable

from handlers import keyboards, respond, texts
from handlers import sections as sec
from handlers.answer import show
from handlers.asking import asks_by_word
from handlers.conversation import Conversation
from handlers.events import UnmetReason
from handlers.first import clarify, variant_acts
from handlers.intents import Back, Rejection, meant_part
from handlers.naming import (
    FIT_MARGIN,
    NAMED_IN_FULL,
    OUTRANKS_LEAD,
    OUTRANKS_MIN,
    name_words,
    opening,
    parallel,
    score_of,
    thing_of,
)
from handlers.state import Mode
from knowledge.answers import default_words
from knowledge.matcher import Candidate, MatchResult, Outcome
from knowledge.normalize import AgeBand, Lexicon
from knowledge.schema import Procedure
from knowledge.text import fold_in_place, key, nfc
from knowledge.turns import default_turns


def sibling_of(
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
    thing = thing_of(current)
    if not thing or not default_words().content(text):
        return None
    again = conv.ctx.matcher.match(f"{text} {thing}")
    best = again.best
    if best is None or best.id == current.id or again.outcome is Outcome.UNMET:
        return None
    here = score_of(again, current.id)
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


def same_thing_by_act(conv: Conversation, current: Procedure, text: str) -> Procedure | None:
    """The one procedure of the current one's group, on the same object, whose act the message
    says and the current one's title does not, though the message says nothing else but what it
    asks: "thế gia hạn thì phí bao nhiêu" while "Đăng ký tạm trú" is current is "Gia hạn tạm
    trú" ("gia hạn" is read as asking a validity, so the message names no procedure by itself)."""
    thing = thing_of(current)
    if not thing:
        return None
    # the act is the case asked of, not what follows it: "hết hạn thì gia hạn trước bao nhiêu
    # ngày" asks the current one's validity
    case = default_turns().case_then.split(key(text), maxsplit=1)[0]
    return _one_of_kind(conv, current, thing, lambda p: _verb_said(p, current, case))


def _one_of_kind(
    conv: Conversation, current: Procedure, thing: str, fits: Callable[[Procedure], bool]
) -> Procedure | None:
    """The one procedure other than ``current``, of its group and on its object ``thing``,
    that ``fits``; None when none does or several do."""
    found = [
        p
        for p in conv.ctx.kb.procedures.values()
        if p.group == current.group and p.id != current.id and thing_of(p) == thing and fits(p)
    ]
    return found[0] if len(found) == 1 else None


def variant_for_case(conv: Conversation, current: Procedure, text: str) -> Procedure | None:
    """A case told that a variant of the current procedure's object is for, with what to do
    asked of it: "sắp hết hạn mà em vẫn ở đó thì làm gì" while "Đăng ký tạm trú" is current is
    "Gia hạn tạm trú"; "không ở nữa thì phải làm gì" is "Xóa đăng ký tạm trú". The case is told
    by the words of ``variants`` in ``lexicon/turns.yaml`` of two syllables or more: one alone
    ("lại", "đổi", "sai") says too much else. None when the current one is itself a variant
    those words tell, when nothing is asked to be done ("hết hạn thì gia hạn trước bao nhiêu
    ngày" asks the current one's validity), or when not exactly one sibling fits."""
    turns, folded = default_turns(), key(text)
    thing = thing_of(current)
    if not thing or not turns.what_to_do.search(folded):
        return None
    said = f" {folded} "
    own = {w for act in variant_acts(current) for w in turns.variants[act]}
    told = {
        act
        for act, words in turns.variants.items()
        if any(len(w.split()) > 1 and f" {w} " in said for w in words)
    }
    if not told or any(f" {w} " in said for w in own if len(w.split()) > 1):
        return None
    return _one_of_kind(conv, current, thing, lambda p: bool(told & set(variant_acts(p))))


def reissue_of(conv: Conversation, current: Procedure, text: str) -> Procedure | None:
    """A paper of the current procedure's kind said to be lost: the one procedure of its group
    that re-issues it ("Cấp lại, đổi thẻ BHYT" while "Mua, gia hạn BHYT hộ gia đình" is
    current; "Cấp lại thẻ căn cước" while "Làm căn cước lần đầu" is); the current one when it
    re-issues ("thẻ của mẹ tôi cũng bị mất": another person's, not a death); the one that reports
    the loss when the message asks to report it ("làm mất hộ chiếu, phải báo ở đâu") or what comes
    first. None when the group has no such procedure or several."""
    said, turns = key(text), default_turns()
    if not turns.lost.search(said) or not turns.lost_paper.search(said):
        return None
    if turns.not_the_paper.search(said):
        return None
    group = [p for p in conv.ctx.kb.procedures.values() if p.group == current.group]
    if turns.loss_told.search(said) or turns.first_step.search(said):
        # "chồng mình làm mất hộ chiếu, phải báo ở đâu": the group's report of a loss; asked
        # what comes first ("mất hộ chiếu thì phải làm gì trước"), the report comes first too
        reports = [p for p in group if turns.reports_loss.search(key(p.name))]
        if len(reports) == 1:
            return reports[0]
    if turns.reissues.match(key(current.title)):
        return current
    found = [p for p in group if p.id != current.id and turns.reissues.match(key(p.title))]
    return found[0] if len(found) == 1 else None


def register_anew(conv: Conversation, current: Procedure, text: str) -> Procedure | None:
    """Registering again after a removal: "chỗ mới thì đăng ký lại à" while "Xóa đăng ký tạm
    trú" is current is "Đăng ký tạm trú", the procedure of its group that registers what the
    current one removes."""
    title, turns = key(re.sub(r"\(.*?\)", " ", current.title)), default_turns()
    if not turns.removes.match(title) or not turns.anew.search(key(text)):
        return None
    wanted = f"dang ky {thing_of(current)}"
    found = [
        p
        for p in conv.ctx.kb.procedures.values()
        if p.group == current.group and key(re.sub(r"\(.*?\)", " ", p.title)).strip() == wanted
    ]
    return found[0] if len(found) == 1 else None


def _band(lexicon: Lexicon, proc: Procedure) -> AgeBand | None:
    """The age band the procedure's official name sets, the first it says of those
    ``lexicon/ages.yaml`` holds ("dưới 6 tuổi", "từ đủ 14 tuổi"); None when it says none."""
    name = f" {key(proc.name)} "
    said = [
        (at, band)
        for band in (*lexicon.ages, *lexicon.detail_ages)
        if (at := name.find(f" {' '.join(t.folded for t in band.phrase)} ")) >= 0
    ]
    return min(said, key=lambda found: found[0])[1] if said else None


def _fits_age(lexicon: Lexicon, proc: Procedure, age: int) -> bool | None:
    """Whether ``age`` is within the band the procedure's name sets; None when it sets none."""
    band = _band(lexicon, proc)
    return None if band is None else band.covers(age)


def for_age(conv: Conversation, current: Procedure, text: str) -> Procedure | None:
    """One person's age said, outside the current procedure's age bound (or it has none), and
    one procedure of its group whose bound holds it: "thẻ của bé 3 tuổi nhà tôi thì có phải mua
    không" while "Mua, gia hạn BHYT hộ gia đình" is current is "Thẻ BHYT cho trẻ dưới 6 tuổi";
    "con tôi 10 tuổi thì sao" while "Làm căn cước lần đầu (từ 14 tuổi)" is, the card under 14."""
    ages = default_turns().age.findall(key(text))
    if len(ages) != 1:
        return None
    age, lexicon = int(ages[0]), conv.ctx.matcher.normalizer.lexicon
    if _fits_age(lexicon, current, age):
        return None  # within the current one's own bound
    found = [
        p
        for p in conv.ctx.kb.procedures.values()
        if p.group == current.group and p.id != current.id and _fits_age(lexicon, p, age)
    ]
    return found[0] if len(found) == 1 else None


def for_abroad(conv: Conversation, current: Procedure, text: str) -> Procedure | None:
    """A foreign element told while a procedure with a sibling for it is current: "bố bé là
    người Hàn Quốc" while "Đăng ký khai sinh" is current is "Khai sinh có yếu tố nước ngoài",
    though the words alone read the marriage with a foreigner first. None when the current one
    has no such sibling, no foreign element is said, or the words name another procedure by a
    word of its name the current one's lacks ("à nhầm, em hỏi kết hôn với người Hàn")."""
    matcher = conv.ctx.matcher
    sibling = conv.ctx.procedure(matcher.situations.domestic.get(current.id))
    if sibling is None or not matcher.situations.foreign_element(
        matcher.normalizer.normalize(text).tokens
    ):
        return None
    result = matcher.match(text)
    best = conv.ctx.procedure(result.best.id) if result.best is not None else None
    words = default_words()
    if best is not None and best.id != sibling.id:
        beyond = set(words.content(text)) & name_words(best)
        if beyond - name_words(current) - name_words(sibling):
            return None
    return sibling


def in_band(conv: Conversation, current: Procedure, text: str, offered: list[str]) -> str | None:
    """Of the procedures the matcher offers for a switch, set apart by the ages their names
    bound, the one whose bound holds the current one's: "con bé cũng cần làm căn cước luôn thì
    sao" while "Thẻ BHYT cho trẻ dưới 6 tuổi" is current is the card under 14, not the one from
    14. None when the message says an age or a grown-up of its own, the current one bounds no
    age, or not exactly one offered bound holds it."""
    turns, folded = default_turns(), key(text)
    if turns.age.search(folded) or turns.grown.search(folded):
        return None
    lexicon = conv.ctx.matcher.normalizer.lexicon
    band = _band(lexicon, current)
    if band is None or band.below is None:
        return None
    oldest = band.below - 1  # the current one's bound, from its youngest to its oldest
    youngest = band.at_least or 0
    bands = {pid: _band(lexicon, p) for pid in offered if (p := conv.ctx.procedure(pid))}
    if sum(b is not None for b in bands.values()) < 2:
        return None  # the offered ones are not set apart by age
    holds = [
        pid
        for pid, b in bands.items()
        if b is not None and pid != current.id and b.covers(youngest) and b.covers(oldest)
    ]
    return holds[0] if len(holds) == 1 else None


def stay_days(text: str) -> float | None:
    """How long the message says someone stays, in days ("khách ở lại 1-2 đêm": 2, "ở luôn nửa
    năm": 182.5); None when it says no stay, or several."""
    turns = default_turns()
    found = list(turns.stay.finditer(key(text)))
    if len(found) != 1:
        return None
    said = found[0].group("n")
    count = turns.stay_count.get(said)
    if count is None:
        count = float(max(int(n) for n in re.findall(r"\d+", said)))  # "1-2 đêm": up to 2
    return count * turns.stay_days[found[0].group("unit")]


def _stay_bound(reason: str) -> tuple[float, bool] | None:
    """The bound a related procedure's reason sets on a stay, in days, and whether it is a lower
    bound ("khách ở từ 30 ngày trở lên": 30, True; "dưới 30 ngày": 30, False)."""
    turns, said = default_turns(), key(reason)
    for bound, lower in ((turns.stay_from, True), (turns.stay_below, False)):
        found = bound.search(said)
        if found:
            return int(found.group("n")) * turns.stay_days[found.group("unit")], lower
    return None


def for_stay(conv: Conversation, current: Procedure, text: str) -> Procedure | None:
    """A stay said, whose length the reason of one procedure related to the current one bounds:
    "nếu nó ở luôn nửa năm thì sao" while "Thông báo lưu trú" is current is "Đăng ký tạm trú",
    whose related reason there reads "khách ở từ 30 ngày trở lên … phải đăng ký tạm trú"; a
    stay of a few nights while "Đăng ký tạm trú" is current, the one for under 30 days. None
    when no reason bounds it, or several do."""
    days = stay_days(text)
    if days is None:
        return None
    found = []
    for related in current.related:
        bound = _stay_bound(related.reason)
        if bound is not None and (days >= bound[0] if bound[1] else days < bound[0]):
            found.append(related.id)
    return conv.ctx.procedure(found[0]) if len(found) == 1 else None


def related_told(
    conv: Conversation, current: Procedure, text: str, corrected: bool = False
) -> Procedure | None:
    """A fact told, asking nothing, that the reason of one procedure of its group the current
    one lists as related (``related`` in its YAML) tells clearly more of than any other's: "cán
    bộ xã bảo sổ năm đó bị mối xông mất rồi" while the extract copy is current meets "Xã báo
    không còn sổ và cũng mất bản chính giấy khai sinh" of the birth registered again; "tìm thấy
    sổ rồi nhưng bị rách" while "Cấp lại sổ đỏ bị mất" is current meets "Sổ không mất mà chỉ
    rách, nhòe, hư hỏng" of the exchange. The reason must share two words with the message, one
    of them not of the current one's names and summary (a fact new to it), and more such words
    than any other reason. None when the message asks something (a part of the procedure too,
    unless it is said as a correction: "à không, bằng vẫn còn mà sắp hết hạn" tells a fact),
    when the matcher reads it as a third procedure, or when no reason stands out."""
    if asks_by_word(text) or default_turns().told_asks.search(fold_in_place(nfc(text).lower())):
        return None  # "có sổ hộ nghèo ko ad": asked, not told
    if not corrected and default_words().asked(text):
        return None
    words = default_words()
    said = set(words.content(text))
    # what the current one is already said to be for: "phiếu số 1" is a case of "Cấp phiếu lý
    # lịch tư pháp" (its summary says so), no fact new to it
    own = (current.name, current.title, current.short_name or "", current.summary)
    name = {w for t in own for w in words.content(t)}
    ranked = sorted(
        (
            (len((said & reason) - name), len(said & reason), related.id)
            for related in current.related
            if (reason := set(words.content(related.reason))) and _kin_of(conv, current, related.id)
        ),
        reverse=True,
    )
    if not ranked:
        return None
    fresh, told, pid = ranked[0]
    runner = ranked[1][0] if len(ranked) > 1 else 0
    if told < RELATED_SHARED or fresh < 1 or fresh <= runner or pid == current.id:
        return None
    # read alone and with the current one's object: "cà vẹt xe cũng mất luôn rồi" names a third
    # procedure by its own words; "ý em là đổi sổ mới" after "Làm sổ đỏ lần đầu", the exchange,
    # whatever reason "mới" (or "mối", folded alike) meets
    thing = thing_of(current)
    for reading in (text, f"{text} {thing}" if thing else ""):
        result = conv.ctx.matcher.match(reading) if reading else None
        best = result.best if result is not None else None
        named = result is not None and result.outcome is Outcome.ANSWER and best is not None
        if named and best is not None and best.id not in {pid, current.id}:
            return None
    return conv.ctx.procedure(pid)


def package_of_parts(conv: Conversation, current: Procedure, text: str) -> Procedure | None:
    """A package the current procedure links (``linked`` in its YAML, a procedure whose own
    ``linked`` lists the procedures it does at once), two of whose parts the message names in
    pieces of its own, each read by the matcher near its first: "làm luôn thường trú với thẻ bảo
    hiểm cho cháu được không" while "Đăng ký khai sinh" is current is the birth package that does
    the residence and the card with it; "còn cắt khẩu cho ba với tiền mai táng thì sao" while
    the death is current, the death package. None when no two pieces name parts of one package
    (a piece the matcher cannot read on its own names none)."""
    packages = [
        (package, {part.id for part in package.linked})
        for link in current.linked
        if (package := conv.ctx.procedure(link.id)) is not None and package.linked
    ]
    pieces = [p for p in default_turns().list_joint.split(text.lower()) if p.strip()]
    if not packages or len(pieces) < 2:
        return None  # the matcher reads the pieces only when there is a package to find
    named: list[frozenset[str]] = []
    for piece in pieces:
        result = conv.ctx.matcher.match(piece)
        best = result.best
        if best is None or result.outcome is Outcome.UNMET:
            continue
        named.append(
            frozenset(c.id for c in result.candidates if c.score >= best.score - FIT_MARGIN)
        )
    for package, parts in packages:
        told = {pid for near in named for pid in near & parts}
        pieces_told = sum(1 for near in named if near & parts)
        if len(told) >= PACKAGE_TOLD and pieces_told >= PACKAGE_TOLD:
            return package
    return None


PACKAGE_TOLD = 2  # parts of a package, each named in a piece of its own, that ask for the package


def _kin_of(conv: Conversation, current: Procedure, pid: str) -> bool:
    """``pid`` is a procedure of the current one's group."""
    other = conv.ctx.procedure(pid)
    return other is not None and other.group == current.group


RELATED_SHARED = 2  # words a message shares with a related procedure's reason to tell it


def _verb_said(other: Procedure, current: Procedure, text: str, normalized: str = "") -> bool:
    """The message says what ``other`` does to the object, which ``current``'s title does not
    say: "gia hạn" (of "Gia hạn, cấp lại giấy phép xây dựng") while "Điều chỉnh giấy phép xây
    dựng" is current; "đổi" (of "Thay đổi nội dung …") while "Cấp lại …" is."""
    thing = thing_of(other)
    title = key(re.sub(r"\(.*?\)", " ", other.title))
    acts = title[: len(title) - len(thing)] if thing and title.endswith(thing) else ""
    typed = key(text)
    said = f" {typed} {key(normalized)} "  # "nghỉ tạm" is said "tạm ngừng"
    theirs = f" {key(re.sub(r'[(),]', ' ', current.title))} "
    turns = default_turns()
    for deed in (a.strip() for a in turns.acts_joint.split(acts)):
        if not deed:
            continue
        last = deed.split()[-1]
        for phrase in {deed, last} if last in turns.verbs else {deed}:
            if phrase in turns.plain:
                continue  # "làm", "xin": every procedure is done or asked for
            if f" {phrase} " not in said or f" {phrase} " in theirs:
                continue
            if not befalls_only(phrase, typed, turns.undergone):
                return True
    return False


def befalls_only(phrase: str, typed: str, undergone: frozenset[str]) -> bool:
    """The folded message says the deed, and each time after a word that makes it befall a
    thing: "số cccd có bị đổi không" asks for no change, "đổi căn cước" does."""
    words = typed.split()
    deed = phrase.split()
    at = [i for i in range(len(words) - len(deed) + 1) if words[i : i + len(deed)] == deed]
    return bool(at) and all(i > 0 and words[i - 1] in undergone for i in at)


def go_back(conv: Conversation, back: Back, current: Procedure | None) -> str | None:
    """Go back to an earlier procedure: the one named, else the last before the current. The
    question to ask anew when it names one never discussed ("quay lại căn cước"), else None."""
    state = conv.state
    kb = conv.ctx.kb
    earlier = [pid for pid in reversed(state.recent) if pid in kb.procedures]
    target: Procedure | None = None
    rest = back.rest
    if (
        back.whole
        and _named_earlier(conv, back.whole, earlier)
        and not _named_earlier(conv, rest, earlier)
    ):
        rest = back.whole  # "quay lại chuyen doi dat vuon": "chuyển đổi", not "chuyện"
    if rest and default_words().content(rest):
        result = conv.ctx.matcher.match(rest)
        named = [c.id for c in result.candidates[:5] if c.score > BACK_NAMED]
        target = next((kb.procedures[p] for p in named if p in earlier), None)
        if target is None:  # "quay lại căn cước": the earlier one whose name holds those words
            target = next(
                (kb.procedures[p] for p in earlier if _in_name(kb.procedures[p], rest)), None
            )
        if target is None and result.outcome is Outcome.ANSWER and result.best:
            target = conv.ctx.procedure(result.best.id)
        if target is None and not back.earlier:  # "quay lại căn cước", never discussed: ask it
            return f"{rest} {back.question}".strip()
    if target is None and back.question:  # "quay lại, chứng thực văn bản chia thừa kế mất mấy
        target = _earlier_named(conv, back.question, earlier)  # ngày": named by its words
    if target is None and earlier:
        target = kb.procedures[earlier[0]]
    if target is None:
        if current and rest:
            respond.reply(conv, current, back.question or rest)
        elif current and back.question:  # "à nói lại, nhà cũ quá nên định phá đi xây lại":
            return back.question  # nothing before to go back to, what is said is asked anew
        else:
            conv.say(texts.NOTHING_BEFORE, keyboards.topics(conv.ctx.menu))
        return None
    if back.question:  # "quay lại khai sinh, ngoài giấy chứng sinh còn cần gì"
        respond.reply(conv, target, back.question, fresh=True)
    elif rest and default_words().asked(rest):
        respond.reply(conv, target, rest, fresh=True)
    else:
        show(conv, target, sec.CARD)
    return None


def _earlier_named(conv: Conversation, text: str, earlier: list[str]) -> Procedure | None:
    """The earlier procedure the words name, among the matcher's first few, or whose name holds
    every word they say past what they ask; None when they name none of them."""
    if not default_words().content(text):
        return None
    kb = conv.ctx.kb
    result = conv.ctx.matcher.match(text)
    named = [c.id for c in result.candidates[:5] if c.score > BACK_NAMED and c.id in earlier]
    if named:
        return kb.procedures[named[0]]
    return next((kb.procedures[p] for p in earlier if _in_name(kb.procedures[p], text)), None)


def _named_earlier(conv: Conversation, text: str, earlier: list[str]) -> bool:
    """The words name one of the earlier procedures among the matcher's first few."""
    if not default_words().content(text):
        return False
    result = conv.ctx.matcher.match(text)
    return any(c.id in earlier for c in result.candidates[:5] if c.score > BACK_NAMED)


BACK_NAMED = 0.2  # a matcher score this high for an earlier procedure: the words name it


BACK_BY_NAME = 0.5  # the words after "còn" name an earlier procedure this firmly


def back_by_name(conv: Conversation, current: Procedure, text: str) -> bool:
    """ "ok, còn hợp đồng ở xã thì bên bán với bên mua đều phải có mặt à" after going on from
    "Chứng thực hợp đồng" to "Sang tên sổ đỏ": the words after "còn" name the earlier one
    firmly, and what follows "thì" is asked of it. A bare "con" ("con tôi ở xa thì …": a child)
    is read so only in a message typed without diacritics, and only when it names one."""
    said = nfc(text).strip().lower()
    if fold_in_place(said) != said and "còn" not in said.split():
        return False
    found = default_turns().again.match(key(text))
    if found is None:
        return False
    earlier = [p for p in conv.state.recent if p != current.id and p in conv.ctx.kb.procedures]
    result = conv.ctx.matcher.match(found.group("what"))
    best = result.best
    if result.outcome is not Outcome.ANSWER or best is None or best.id not in earlier:
        return False
    if best.score < BACK_BY_NAME:
        return False
    respond.reply(conv, conv.ctx.kb.procedures[best.id], found.group("ask"), fresh=True)
    return True


def _in_name(proc: Procedure, text: str) -> bool:
    """Every word the text says is a word of the procedure's name."""
    words = default_words()
    said = set(words.content(text))
    names = (proc.name, proc.title, proc.short_name or "")
    return bool(said) and said <= {w for t in names for w in words.content(t)}


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
    said = name_words(current)
    return bool(set(words.content(denied)) & said) and names_other(conv, meant)


def names_other(conv: Conversation, text: str) -> bool:
    """ "sổ bị rách (chứ không mất)": the words name a procedure other than the current one."""
    result = conv.ctx.matcher.match(text)
    current = conv.ctx.procedure(conv.state.procedure)
    if current is not None:
        result = parallel(conv, current, text, result)
    best = result.best
    if current is None or _firm(conv, result, current):
        return result.outcome is Outcome.ANSWER and best is not None and best.id != current_id(conv)
    kin = _kin(conv, current, text, result)
    return kin is not None and kin.id != current.id


def current_id(conv: Conversation) -> str | None:
    return conv.state.procedure if conv.state.mode is not Mode.CLARIFY else None


def reject(conv: Conversation, rest: str) -> str | None:
    """ "Không phải các mục trên", or "không phải, ý tôi là ..." after an answer. The
    correction's words when they are to be asked anew as a question, else None."""
    state = conv.state
    shown = state.procedure if state.mode is not Mode.CLARIFY else None
    if rest:
        was = conv.ctx.procedure(shown)
        meant = meant_part(rest)
        if meant and was is not None and f" {opening(was)} " not in f" {meant} ":
            rest = meant  # "sổ bị rách chứ không mất": not "mất"; "bản sao giấy kết hôn chứ
            # không phải khai sinh" keeps what the copy shown does, and is read whole
        if was is not None and _told_instead(conv, was, rest):
            return None
        result = conv.ctx.matcher.match(rest)
        if was is not None:
            result = parallel(conv, was, rest, result)
        told = (
            related_told(conv, was, rest, True)
            if was and result.outcome is not Outcome.ANSWER
            else None
        )
        if told is not None:  # "à không, bằng vẫn còn mà sắp hết hạn" after "Cấp lại bằng lái"
            result = MatchResult(rest, Outcome.ANSWER, result.aspect, (_as_candidate(told),))
        if was is not None and not _firm(conv, result, was):
            kin = _kin(conv, was, rest, result)
            if kin is was:  # the correction still fits the procedure shown: answer it there
                respond.reply(conv, was, rest, fresh=True)
                return None
            if kin is not None:
                result = MatchResult(rest, Outcome.ANSWER, result.aspect, (_as_candidate(kin),))
        if was is not None and _refines(was, rest, result):
            respond.reply(conv, was, rest, fresh=True)  # "à nhầm, em cần bản sao giấy kết hôn"
            return None
        if result.outcome is Outcome.ANSWER and result.best and result.best.id != shown:
            conv.record_unmet(
                UnmetReason.REJECTED, state.query or rest, procedure_id=shown, detail=rest
            )
            _forget(conv, shown)
            other = conv.ctx.procedure(result.best.id)
            if other is not None:
                respond.reply(conv, other, rest, fresh=True)
                return None
        if result.outcome is not Outcome.UNMET:
            conv.record_unmet(
                UnmetReason.REJECTED, state.query or rest, procedure_id=shown, detail=rest
            )
            _forget(conv, shown)
            others = [c.id for c in result.candidates[:4] if c.id != shown]
            if result.best and result.best.id == shown and others:
                clarify(conv, others[:3])  # the same answer again would not help
                return None
            return rest
    conv.record_unmet(UnmetReason.REJECTED, state.query or "(không rõ)", procedure_id=shown)
    _forget(conv, shown)
    conv.say(texts.REJECTED, keyboards.topics(conv.ctx.menu, with_human=True))
    return None


def slipped(conv: Conversation, text: str) -> bool:
    """ "à nhầm, …", "à lộn, …" while a procedure is current: a slip owned before a pause, the
    citizen's own words taken back. Answered here only when what follows the pause tells a fact
    the current procedure is bounded by, or what it means (:func:`_told_instead`); any other
    message is read as a follow-up, whole."""
    current = conv.ctx.procedure(conv.state.procedure)
    if current is None or conv.state.mode is Mode.CLARIFY:
        return False
    paused = fold_in_place(nfc(text)).lower()
    slip = default_turns().slip.match(paused)
    if slip is None:
        return False
    rest = key(paused[slip.end() :])
    return bool(rest) and _told_instead(conv, current, rest)


def _told_instead(conv: Conversation, was: Procedure, rest: str) -> bool:
    """A correction of the procedure shown (``was``) that tells a new fact it is bounded by, or
    what it means: answered from where that leads (True); False when it tells neither."""
    state = conv.state
    fact = _new_fact(conv, was, rest)
    if fact is not None:  # "à nhầm, em chỉ ở thuê 1 năm thôi" after "Đăng ký thường trú"
        _forget(conv, was.id)  # the citizen's own fact corrected: no miss of ours to record
        respond.reply(conv, fact, rest, fresh=True)
        return True
    meant_now = _meant_after(conv, was, rest)
    if meant_now is not None:  # "…, vậy thì xin bản sao thôi đúng không"
        conv.record_unmet(
            UnmetReason.REJECTED, state.query or rest, procedure_id=was.id, detail=rest
        )
        _forget(conv, was.id)
        respond.reply(conv, meant_now, rest, fresh=True)
        return True
    return False


def _new_fact(conv: Conversation, was: Procedure, rest: str) -> Procedure | None:
    """A correction that tells a new fact the procedure shown is bounded by: a stay ("à nhầm, em
    chỉ ở thuê 1 năm thôi" after "Đăng ký thường trú"), an age ("à nhầm, cháu mới 10 tuổi"
    after the card from 14) or a foreign element ("à nhầm, bố bé là người Hàn Quốc" after
    "Đăng ký khai sinh") leads where the corrected fact does."""
    found = for_stay(conv, was, rest) or for_age(conv, was, rest) or for_abroad(conv, was, rest)
    return found if found is not None and found.id != was.id else None


def _meant_after(conv: Conversation, was: Procedure, rest: str) -> Procedure | None:
    """A correction that tells a fact, then what it means: "sổ ở xã vẫn còn, chỉ mất bản chính
    thôi, vậy thì xin bản sao thôi đúng không" after "Đăng ký lại khai sinh" means the copy of
    the birth record. The words after the last "vậy thì", "ý em là" are read alone, else with
    the object of the procedure set aside; the procedure they name, firmly or well ahead of the
    next, other than ``was``; None when they name none, or ``was`` itself."""
    opens = list(default_turns().meant_after.finditer(rest))
    if not opens or opens[-1].start() == 0:
        return None
    meant = rest[opens[-1].end() :].strip()
    if not default_words().content(meant):
        return None
    thing = thing_of(was)
    for said in dict.fromkeys((meant, f"{meant} {thing}" if thing else meant)):
        result = parallel(conv, was, said, conv.ctx.matcher.match(said))
        best, scores = result.best, [c.score for c in result.candidates[:2]]
        ahead = len(scores) == 2 and scores[0] - scores[1] >= FIT_MARGIN
        if best is not None and (result.outcome is Outcome.ANSWER or ahead):
            return conv.ctx.procedure(best.id) if best.id != was.id else None
    return None


def _refines(was: Procedure, rest: str, result: MatchResult) -> bool:
    """The correction names the procedure shown firmly and says more than its name: the case
    changes inside it ("à nhầm, em cần bản sao giấy kết hôn chứ không phải khai sinh" after
    "Bản sao trích lục, giấy khai sinh"), not the procedure. Its name said again is no
    refinement: the same answer would not help."""
    best = result.best
    if result.outcome is not Outcome.ANSWER or best is None or best.id != was.id:
        return False
    words = default_words()
    name = name_words(was)
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
    thing = thing_of(was)
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
