"""The first message of a need, with no procedure current: the one the matcher names is
answered; a choice the knowledge or the question settles is answered with the others a tap away
(:func:`offer`, :func:`settle`), else asked (:func:`clarify`) and the message after it read
(:func:`after_clarify`); a list of a package's parts asks for the package; a question one
candidate holds is answered from it; a lawsuit is pointed to the court; a topic not covered, or
nothing matched, says where to go (:func:`unmet`, :func:`not_covered`).

Several needs told in one message (:func:`several`) are looked for on every first message that
joins things ("và", "thêm", "cả", "2 việc", a numbered list), each clause matched on its own. It
is not gated on a cheaper reading of the whole message. Over every dialogue and question of
``tests/data`` it runs 3,011 times, 41 of them answered as two or three needs, for about 2 s of
42 s of CPU; in ``bench/turn_cpu.py --questions letters`` it is about 2.5 ms of a letter's 16 ms,
near nothing for ``--questions varied``. Each cheap gate measured drops needs told on purpose:
the whole message answered (13 of the 41, among them "tôi cần làm 2 việc là xin lý lịch tư pháp
và làm hộ chiếu", "vừa muốn đổi căn cước vừa muốn làm hộ chiếu"), the whole message unmet (5,
letters whose needs no single reading finds), fewer than two candidates scoring 0.3 (13) or 0.5
(35). Letters are where the cost is, and where a clause that tells a fact ("có đăng ký kết hôn
hẳn hoi") is sometimes read as a need: a gate for letters is a change of answers to weigh letter
by letter, not a saving.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from handlers import answer, format, keyboards, respond, texts
from handlers.actions import Verb, act
from handlers.conversation import Conversation
from handlers.events import Button, UnmetReason
from handlers.naming import (
    FIT_MARGIN,
    asks_to_get,
    names_paper,
    score_of,
)
from handlers.owner import OWNER_RANK, answered_in, owner
from handlers.state import MISSES_FOR_HANDOFF, Mode
from knowledge.answers import default_words
from knowledge.matcher import MatchResult, Outcome
from knowledge.normalize import default_lexicon
from knowledge.referrals import default_referrals
from knowledge.schema import Level, Procedure
from knowledge.text import fold_in_place, key, nfc, tokens
from knowledge.turns import default_turns


def vague(text: str) -> bool:
    """The message points at a paper or procedure ("cái giấy đó") and says nothing else of its
    own beside what it asks."""
    found = _pointed(text)
    if found is None:
        return False
    pointer, said = found
    return not set(default_words().content(pointer.sub(" ", said))) - default_turns().pointing


def points(text: str) -> bool:
    """The message points at a paper or procedure ("giấy đó dùng được bao lâu"), whatever else
    it says."""
    return _pointed(text) is not None


def _pointed(text: str) -> tuple[re.Pattern[str], str] | None:
    """The pointer pattern a message is read by and the message as it reads it, when a pointer
    is found. Typed with diacritics, the pointer must carry its own ("sổ đỏ" is no "sổ đó")."""
    said, turns = nfc(text).lower(), default_turns()
    if fold_in_place(said) != said:
        pointer, said = turns.pointed_accented, said
    else:
        pointer, said = turns.pointed, key(said)
    return (pointer, said) if pointer.search(said) else None


def after_clarify(conv: Conversation, text: str, result: MatchResult) -> bool:
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
    _picked_or_guessed(conv, choice, [p for p in offered if p.id != choice.id], text)
    return True


def _picked_or_guessed(
    conv: Conversation, proc: Procedure, others: list[Procedure], text: str
) -> None:
    """``proc`` answers ``text``, said to be taken with ``others`` a tap away, or, with none
    beside it, said to be a guess with a button to say it is not that one."""
    if others:
        conv.say(texts.PICKED.format(title=proc.title), keyboards.procedures(others))
    else:
        conv.say(texts.GUESSED.format(title=proc.title), [Button(texts.NOT_THIS, act(Verb.NONE))])
    respond.reply(conv, proc, text, fresh=True)


PICK_MIN = 0.3  # a matcher score this high for one procedure offered names it


def new_need(conv: Conversation, text: str, result: MatchResult, content: bool) -> None:
    options = conv.ctx.matcher.clarify_options(result)
    if content and _sues(text):
        lawsuit(conv, text, result)
        return
    package = _package_of_parts(conv, text, result) if content else None
    needs = several(conv, text, result) if content and package is None else []
    if package is not None:  # "làm khai sinh, nhập khẩu, thẻ BHYT cho bé một lần"
        respond.reply(conv, package, text, fresh=True)
    elif needs:  # "cho em hỏi 2 việc: làm khai sinh cho con và đăng ký tạm trú cho vợ"
        told_together(conv, needs)
    elif not content:
        conv.say(texts.NO_PROCEDURE, keyboards.topics(conv.ctx.menu))
    elif _owned(conv, text, result):
        return
    elif (now := _asked_now(conv, text, result)) is not None:
        others = [p for p in (conv.ctx.procedure(c.id) for c in result.candidates[:2]) if p]
        others = [p for p in others if p.id != now.id]
        conv.say(texts.PICKED.format(title=now.title), keyboards.procedures(others))
        respond.reply(conv, now, text, fresh=True)
        conv.state.candidates = [p.id for p in others]
    elif result.outcome is Outcome.ANSWER and result.best:
        proc = conv.ctx.procedure(result.best.id)
        if proc is None:
            conv.say(texts.UNKNOWN_PROCEDURE, keyboards.topics(conv.ctx.menu))
            return
        respond.reply(conv, proc, text, fresh=True)
    elif result.outcome is Outcome.CLARIFY and options:
        offer(conv, [c.id for c in options], text)
    elif (last := _asked_last(conv, text, result)) is not None:
        respond.reply(conv, last, text, fresh=True)
    else:
        unmet(conv, text, result)


def _asked_last(conv: Conversation, text: str, result: MatchResult) -> Procedure | None:
    """The need a letter asks for in its last sentence, when the whole letter found none: its
    story ("con dâu sinh bé ở trạm y tế, vợ chồng nó đi làm xa …") weighs more than the need
    it then asks ("giờ bà nội đi làm giấy khai sinh cho cháu được không"). That sentence,
    matched alone, must be answered surely; a topic not covered that the letter names keeps it
    unmet."""
    if result.outcome is not Outcome.UNMET or result.topics or result.unrelated:
        return None
    sentences = [s for s in _SENTENCES.split(nfc(text)) if s.strip()]
    if len(sentences) < 2:
        return None
    last = sentences[-1].strip()
    if default_turns().done.search(last):
        return None  # "… đã làm căn cước rồi": a step told done, not asked
    alone = conv.ctx.matcher.match(last)
    best = alone.best
    if alone.outcome is not Outcome.ANSWER or best is None or best.score < _NEED_SCORE:
        return None
    return conv.ctx.procedure(best.id)


_SENTENCES = re.compile(r"(?<=[^\W\d_])[.!?\n]+(?=\s|$)")  # a sentence's end, not "1.5"


_LIST_MAX = 6  # pieces of a question that lists what it asks for
_PART_SCORE = 0.5  # a piece names a part when its best scores this ("con tôi 5 tuổi" names none)


def _package_of_parts(conv: Conversation, text: str, result: MatchResult) -> Procedure | None:
    """The package a question asks for by listing two or more of its parts ("làm khai sinh,
    nhập khẩu, thẻ BHYT cho bé", "khai tử với cắt khẩu"): each piece of the list is matched on
    its own, and the package the question's best is, or is a part of, is what is asked when it
    bundles the clear best of two pieces; a part named alone stays the part."""
    kb = conv.ctx.kb.procedures
    top = kb.get(result.candidates[0].id) if result.candidates else None
    pieces = [p for p in default_turns().list_joint.split(text.lower()) if p.strip()]
    if top is None or not 2 <= len(pieces) <= _LIST_MAX:
        return None  # one thing asked, or a long letter that names things in passing
    around = [top, *(kb[link.id] for link in top.linked if link.id in kb)]
    packages = [p for p in around if p.level is Level.NHIEU_CAP]
    if not packages:
        return None
    named: set[str] = set()
    for _, matched in _matched(conv, pieces):
        found = matched.candidates
        if found and found[0].id in kb and found[0].score >= _PART_SCORE:
            named.add(found[0].id)
    for package in packages:
        if sum(bundled(package, kb[pid]) is not None for pid in named) >= 2:
            return package
    return None


def _matched(conv: Conversation, pieces: list[str]) -> Iterator[tuple[str, MatchResult]]:
    """The pieces of a message not said done ("đã làm khai sinh, nhập khẩu rồi, giờ thẻ BHYT":
    those parts are done), each with the matcher's reading of it alone, in the order told, read
    as they are asked for. The matcher keeps its recent results: a piece read twice in a turn
    is matched once."""
    done = default_turns().done
    for piece in pieces:
        if not done.search(nfc(piece).strip()):
            yield piece, conv.ctx.matcher.match(piece)


_NEEDS_MAX = 3  # needs answered one after the other; a longer list is a letter naming things
_NEED_SCORE = 0.5  # a clause names a need of its own when the matcher answers it this surely


def several(
    conv: Conversation, text: str, whole: MatchResult | None = None
) -> list[tuple[Procedure, str]]:
    """The two or three distinct needs a message tells together, each in a clause of its own
    that the matcher answers on its own clearly ("vừa muốn đổi căn cước vừa muốn làm hộ chiếu",
    a numbered list), with the clause that names each, in the order told. None when the message
    does not say it asks more than one thing, when a clause is said done ("đã kết hôn, giờ làm
    khai sinh"), or when two of the needs are related (:func:`_related`): a story told around
    one need is answered by the matcher's choice. None either when the matcher answers the
    whole message (``whole``) with a procedure no clause names: its clauses are the parts of
    that one need ("chưa có giấy khai sinh …, cũng chưa đăng ký kết hôn, làm khai sinh ghi tên
    ba luôn" is the birth registered with the father's recognition)."""
    turns = default_turns()
    if not turns.many.search(key(text)) and not re.search(r"(?m)^\s*\d[.)]", text):
        return []
    kb = conv.ctx.kb.procedures
    pieces = [
        bit.strip()
        for part in turns.list_joint.split(text.lower())
        for bit in turns.need_joint.split(part)
        if bit.strip()
    ]
    if not 2 <= len(pieces) <= 2 * _LIST_MAX:
        return []
    needs: list[tuple[Procedure, str]] = []
    background: Background | None = None  # read once, when a piece first names a need
    for piece, result in _matched(conv, pieces):
        best = result.best
        if result.outcome is not Outcome.ANSWER or best is None or best.score < _NEED_SCORE:
            continue
        background = background or _background(conv, text, whole)
        if best.id not in background.near and any(piece in told for told in background.told):
            continue  # the story's background ("bố có đăng ký thường trú ở đây"), not a need
        proc = kb.get(best.id)
        if proc is not None and all(proc.id != p.id for p, _ in needs):
            needs.append((proc, piece))
            if len(needs) > _NEEDS_MAX:
                return []  # a letter naming things: the pieces left need not be read
    if not 2 <= len(needs) <= _NEEDS_MAX:
        return []
    answered = whole.best if whole is not None and whole.outcome is Outcome.ANSWER else None
    if answered is not None and all(proc.id != answered.id for proc, _ in needs):
        return []
    for proc, _ in needs:
        if any(_related(proc, other) for other, _ in needs if other is not proc):
            return []
    return needs


_STORY_SHARE = 0.7  # a need told only in a letter's story scores this share of its best


class Background(NamedTuple):
    told: list[str]  # the sentences that only tell the story, lower case
    near: frozenset[str]  # the procedures the whole letter reads near its best


def _background(conv: Conversation, text: str, whole: MatchResult | None) -> Background:
    """The sentences of a letter that only tell its story (lower case), and the procedures the
    matcher reads in the whole letter, its story weighing less, near its best (at least
    ``_STORY_SHARE`` of its score). A clause of such a sentence names a need only if the whole
    letter leads to it too: "bố có đăng ký thường trú ở đây", told beside a death, says where
    the father lived, and the question asks about the death."""
    told = [s.lower() for s, tells in conv.ctx.matcher.normalizer.sentences(text) if tells]
    found = whole.candidates if whole is not None else ()
    near = found[0].score * _STORY_SHARE if found else 0.0
    return Background(told, frozenset(c.id for c in found if c.score >= near))


def _related(proc: Procedure, other: Procedure) -> bool:
    """``proc`` is a part of ``other``'s package, or a procedure of the same group it points to
    ("Đăng ký tạm trú" and "Gia hạn tạm trú"): one need told by two of its names."""
    if other.id in {link.id for link in proc.linked}:
        return True
    return proc.group == other.group and other.id in {link.id for link in proc.related}


def told_together(conv: Conversation, needs: list[tuple[Procedure, str]]) -> None:
    """The first need told is answered, from its own clause; the others are said to follow,
    offered as buttons, and kept for "còn việc kia", "việc thứ hai" (:func:`later`)."""
    (first, asked), rest = needs[0], [p for p, _ in needs[1:]]
    count = len(needs)
    conv.say(
        texts.NEEDS.format(
            count=texts.NEEDS_COUNT[count],
            first=first.title,
            rest=texts.NEEDS_REST[count],
            others="; ".join(p.title for p in rest),
        ),
        keyboards.procedures(rest),
    )
    respond.reply(conv, first, asked, fresh=True)
    conv.state.later = [p.id for p in rest]


def later(conv: Conversation, text: str) -> bool:
    """A message that points at a need told with another and not yet answered: that need is
    answered, with what the message asks of it ("còn việc kia mất bao lâu"). False when no need
    waits or the message points at none."""
    waiting = [p for p in (conv.ctx.procedure(pid) for pid in conv.state.later) if p]
    said = key(text)
    found = default_turns().waiting.search(said)
    if not waiting or found is None:
        return False
    pick = 1 if found["third"] and len(waiting) > 1 else 0
    proc = waiting[pick]
    conv.state.later = [p.id for p in waiting if p is not proc]
    skip = len(said[: found.end()].split())  # "còn việc kia": what is asked comes after
    asked = " ".join(tokens(nfc(text).lower())[skip:])
    if asked and answer.plan(conv, proc, asked, named=True).found:  # asked of it, as a follow-up
        respond.reply(conv, proc, asked, named=True)
    else:
        respond.reply(conv, proc, "", fresh=True)
    return True


def _asked_now(conv: Conversation, text: str, result: MatchResult) -> Procedure | None:
    """The one procedure a message asks for now of several its story names ("mất hết: căn
    cước, bằng lái, thẻ bhyt 😭 giờ làm lại căn cước trước thì làm sao"): the story lists
    papers of two procedures or more, each piece of the list matched on its own; the clause
    opened by "giờ" (``asked_now`` in ``lexicon/turns.yaml``), matched alone, answers one of
    them surely, and the whole message ranks it among its first ``OWNER_RANK`` candidates but
    not first. None otherwise: a story of one need keeps what it tells ("chưa đăng ký kết hôn
    …, giờ … làm giấy khai sinh có tên bố" is not the plain birth registration)."""
    if result.outcome is Outcome.UNMET or not result.candidates:
        return None
    said = nfc(text).strip()
    found = default_turns().asked_now.search(fold_in_place(said.lower()))
    if found is None:
        return None
    alone = conv.ctx.matcher.match(said[found.end() :])
    best = alone.best
    ranked = [c.id for c in result.candidates[:OWNER_RANK]]
    if alone.outcome is not Outcome.ANSWER or best is None or best.id not in ranked[1:]:
        return None
    pieces = [p for p in default_turns().list_joint.split(said[: found.start()].lower()) if p]
    named = {
        part[0].id
        for _, matched in _matched(conv, pieces)
        if (part := matched.candidates) and part[0].score >= _PART_SCORE
    }
    if best.id not in named or len(named) < 2:
        return None
    return conv.ctx.procedure(best.id)


def _owned(conv: Conversation, text: str, result: MatchResult) -> bool:
    """A first question that one candidate procedure holds among its own questions and answers
    (:func:`handlers.owner.owner`) is answered from it, the matcher's first choice a tap away.

    Not when the matcher's answer answers it itself, from a question-and-answer or the answer
    field asked ("gia hạn trước bao nhiêu ngày": the renewal's), or is far ahead (``OWNED_GAP``),
    or issues the paper the message asks to get ("xin giấy xác nhận tình trạng hôn nhân để đăng
    ký kết hôn": the marriage's question whether that paper is needed is not what is asked);
    nor when the owner is a package bundling the matcher's first (the procedure itself answers,
    as :func:`settle` takes it) or yields to another candidate by the lexicon's order."""
    proc = owner(conv, text, result)
    best = result.best if result.outcome is Outcome.ANSWER else None
    first = conv.ctx.procedure(result.candidates[0].id) if result.candidates else None
    if proc is None or first is None or (best is not None and best.id == proc.id):
        return False
    if best is not None and (
        best.score - score_of(result, proc.id) > OWNED_GAP
        or answered_in(conv, first, text)
        or (asks_to_get(first, text) and not asks_to_get(proc, text))
    ):
        return False  # the last: the paper the answer issues is asked for, not a question of it
    if bundled(proc, first) or _yields(conv, proc, result, text) or _said_done(conv, [proc], text):
        return False  # the last: "đã sửa năm sinh rồi, giờ thông tin cư trú …" asks the next
    shown = [c.id for c in result.candidates[:2] if c.id != proc.id]
    others = [p for p in (conv.ctx.procedure(pid) for pid in shown) if p]
    _picked_or_guessed(conv, proc, others, text)
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


def offer(conv: Conversation, candidate_ids: list[str], text: str) -> None:
    """The procedures a question may be about: several are offered to choose from, unless what
    the knowledge says or the question asks settles the choice (:func:`settle`), then that one
    is answered with the others a tap away; a single one is answered, saying so, with a button
    to say it is not that one."""
    procs = [p for p in (conv.ctx.procedure(pid) for pid in candidate_ids) if p]
    if len(procs) == 1:
        _picked_or_guessed(conv, procs[0], [], text)
        return
    choice, known = settle(conv, procs, text)
    if choice is None:
        conv.outcome = "clarify"
        clarify(conv, candidate_ids)
        return
    others = [p for p in procs if p.id != choice.id]
    conv.say(texts.PICKED.format(title=choice.title), keyboards.procedures(others))
    respond.reply(conv, choice, text, fresh=True)
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
    - the one procedure whose variants are all the others (:func:`_itself`), when the question
      says no word of a variant ("tạm trú" is "Đăng ký tạm trú", not its extension);
    - else the one whose own content (passages, questions and answers, name) fits the question
      clearly better than every other (:func:`handlers.answer.fit`), unless the matcher put
      another clearly first ("mua xe máy mới" fits the passages of a transfer better than those
      of a first registration, which the matcher ranks well ahead: it stays a choice); a
      procedure with a foreign element is in that contest only when the question says one;
      nor when a case the message tells (a ``preferred`` rule with ``when``) put one procedure
      before another and a third fits best ("đi học xa" puts the absence before the first
      registration of military service: the move, which the message does not tell, is no
      answer by its passages alone): the choice stays open.

    With whether the knowledge settled it (the first two rules, one procedure left), not the
    question's fit."""
    preferred = conv.ctx.matcher.situations.preferred
    ids = {p.id for p in procs}
    yielding: set[str] = set()
    told: set[str] = set()  # the procedures put before another by a case the message tells
    for proc in procs:
        for rule in preferred.get(proc.id, ()):
            if rule.holds(text):
                yielding |= ids & rule.over
                if rule.when and ids & rule.over:
                    told.add(proc.id)
    left = [p for p in procs if p.id not in yielding]
    if yielding and len(left) == 1:
        return left[0], True
    done = _said_done(conv, left, text)
    if done and len(done) < len(left):  # what is said done is no longer asked
        left = [p for p in left if p not in done]
        if len(left) == 1:
            return left[0], False
    first = left[0]
    for other in left[1:2]:
        member = bundled(first, other) or bundled(other, first)
        if member is not None:
            return member, True
    itself = _itself(left, text)
    if itself is not None:
        return itself, False
    fitted = _best_fit(conv, left, text)
    if fitted is not None and told - yielding and fitted.id not in told:
        return None, False  # what the message tells points at another: fit does not overrule it
    return fitted, False


def _said_done(conv: Conversation, procs: list[Procedure], text: str) -> list[Procedure]:
    """The procedures offered that the message names only in a piece it says done ("đã sửa
    tên trong giấy khai sinh rồi, giờ thông tin cư trú vẫn tên cũ thì làm sao": the correction
    is done, the residence data is asked), each piece read by the matcher on its own."""
    turns = default_turns()
    pieces = [p for p in turns.list_joint.split(text.lower()) if p.strip()]
    said: dict[bool, set[str]] = {True: set(), False: set()}
    for piece in pieces:
        found = conv.ctx.matcher.match(piece).candidates
        if found and found[0].score >= _PART_SCORE:
            said[bool(turns.done.search(nfc(piece).strip()))].add(found[0].id)
    if not said[False]:
        return []  # nothing named but what is said done: the story of the need itself
    return [p for p in procs if p.id in said[True] - said[False]]


def variant_acts(proc: Procedure) -> list[str]:
    """The acts a title opens with that make the procedure a variant of another of its group
    (``variants`` in ``lexicon/turns.yaml``): ["gia han", "cap lai"] of "Gia hạn, cấp lại giấy
    phép xây dựng"; none for "Đăng ký tạm trú"."""
    variants = default_turns().variants
    found: list[str] = []
    for part in re.sub(r"\(.*?\)", " ", proc.title).split(","):
        act = next((a for a in variants if f"{key(part)} ".startswith(a + " ")), None)
        if act is None:
            break
        found.append(act)
    return found


def _itself(procs: list[Procedure], text: str) -> Procedure | None:
    """The one procedure offered that is no variant, when every other is a variant of it
    (same group, linked as related) whose words the question does not say: "tạm trú" asks for
    registering it, not for extending or removing it; "xin giấy phép xây dựng thì bao lâu" for
    the permit itself, not for adjusting one. A paper named with no verb ("giấy phép xây dựng")
    may be one the citizen holds already: still asked."""
    plain = [p for p in procs if not variant_acts(p)]
    if len(procs) < 2 or len(plain) != 1:
        return None
    itself, said, turns = plain[0], f" {key(text)} ", default_turns()
    if any(f" {w} " in said for w in turns.papers) and not any(
        f" {v} " in said for v in turns.verbs
    ):
        return None  # "giấy phép xây dựng": a paper named with no verb may be one held already
    variants = turns.variants
    for proc in procs:
        if proc is itself:
            continue
        if not _kin(proc, itself):
            return None
        if any(f" {w} " in said for act in variant_acts(proc) for w in variants[act]):
            return None
    return itself


def _kin(proc: Procedure, other: Procedure) -> bool:
    """Two procedures of one group that one of them lists as related."""
    linked = {link.id for link in proc.related} | {link.id for link in other.related}
    return proc.group == other.group and bool({proc.id, other.id} & linked)


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
    if choice is not first and names_paper(first, text) and not names_paper(choice, text):
        return first  # "làm hộ chiếu cho con 3 tuổi" is the passport, not the child's ID card
    return choice


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


SUES_WORDS = 30  # a longer letter tells a lawsuit as its story, not as what it asks


def _sues(text: str) -> bool:
    said = nfc(text).lower()
    if len(said.split()) > SUES_WORDS:
        return False
    turns = default_turns()
    return bool(turns.sues.search(key(said)) or turns.sues_accented.search(said))


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


def refer_aside(conv: Conversation, text: str, result: MatchResult, current: Procedure) -> None:
    """A follow-up asking about a topic the knowledge base does not cover ("lương cơ sở năm nay
    bao nhiêu" while "Cấp lại sổ đỏ bị mất" is current): the same pointer a first message gets,
    and the procedure stays current for what is asked next."""
    conv.outcome = "unmet"
    conv.record_unmet(UnmetReason.NO_MATCH, text)
    conv.say(f"{not_covered(result)}\n{texts.STILL_CURRENT.format(title=current.title)}")


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
    everyday = default_turns().everyday.search(key(result.query)) is not None
    return texts.UNRELATED if result.unrelated or everyday else texts.UNMET
