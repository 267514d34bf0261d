"""How a message names a procedure next to the one current: a procedure's object without its
verb (the verbs are in ``lexicon/turns.yaml``), a short target read with the current one's verb,
the matcher's score for one procedure, and the thresholds the first message, the follow-ups and
the switches share."""

from __future__ import annotations

import re

from handlers.conversation import Conversation
from knowledge.answers import default_words, gets
from knowledge.matcher import MatchResult, Outcome
from knowledge.schema import Procedure
from knowledge.text import key
from knowledge.turns import default_turns

NAMED_IN_FULL = 0.9  # a matcher score this high: the message names the other procedure in full
OUTRANKS_MIN = 0.6  # the matcher names the other procedure this firmly...
OUTRANKS_LEAD = 0.15  # ...and this far ahead of the current one
FIT_MARGIN = 0.1  # a follow-up fits one offered procedure when it fits it this much better


def name_words(proc: Procedure, *, short: bool = False) -> set[str]:
    """The content words of a procedure's name and title, and of its short name with ``short``:
    what a message says of it beyond another's names."""
    words = default_words()
    texts = (proc.name, proc.title, proc.short_name or "") if short else (proc.name, proc.title)
    return {w for t in texts for w in words.content(t)}


def thing_of(proc: Procedure) -> str:
    """What a procedure is about, without its verb: "thẻ căn cước" of "Cấp lại thẻ căn cước"."""
    return _object(proc.title)


def _object(name: str) -> str:
    """A name without its verb, folded: "giay doc than" of "xin giấy độc thân"."""
    said = key(re.sub(r"\(.*?\)", " ", name)).split()
    acts = default_turns().acts
    verb = next((v.split() for v in acts if said[: len(v.split())] == v.split()), [])
    return " ".join(said[len(verb) :])


def says_object(proc: Procedure, text: str) -> bool:
    """The message says what the procedure is about whole, by its title or one of its aliases
    without the verb, two words or more ("công ty đòi giấy độc thân" of "xin giấy độc thân")."""
    said = f" {key(text)} "
    objects = (_object(name) for name in (proc.title, *proc.aliases))
    return any(len(o.split()) >= OBJECT_WORDS and f" {o} " in said for o in objects)


OBJECT_WORDS = 2  # an object said in fewer words names no paper ("thẻ", "sổ")


def opening(proc: Procedure) -> str:
    """The first two words of the procedure's title, folded: what it does or is ("chung thuc",
    "ban sao", "cap lai")."""
    return " ".join(key(re.sub(r"\(.*?\)", " ", proc.title)).split()[:2])


def named_runs(said: list[str], names: list[list[str]], *, anywhere: bool = True) -> set[int]:
    """The positions of the words of ``said`` in runs of two or more that one of ``names`` says
    in order (all folded words): from any word of the name, or with ``anywhere`` False from its
    first ("gia hạn thì mất bao nhiêu" says "Gia hạn tạm trú" by its first two words)."""
    named: set[int] = set()
    for name in names:
        for i in range(len(said)):
            for j in range(len(name) if anywhere else 1):
                n = 0
                while i + n < len(said) and j + n < len(name) and said[i + n] == name[j + n]:
                    n += 1
                if n >= 2:
                    named.update(range(i, i + n))
    return named


def score_of(result: MatchResult, pid: str) -> float:
    return next((c.score for c in result.candidates if c.id == pid), 0.0)


def asks_to_get(proc: Procedure, text: str) -> bool:
    """The message asks to get what the procedure issues, a word of getting before the first
    words of its object ("xin giấy xác nhận" of "Cấp giấy xác nhận tình trạng hôn nhân")."""
    head = " ".join(thing_of(proc).split()[:2])
    return bool(head) and gets(text, head)


def names_paper(proc: Procedure, text: str) -> bool:
    """The message names what the procedure is about by the first words of its object ("hộ
    chiếu" of "Cấp hộ chiếu phổ thông")."""
    head = " ".join(thing_of(proc).split()[:2])
    return bool(head) and f" {head} " in f" {key(text)} "


def parallel(conv: Conversation, current: Procedure, text: str, result: MatchResult) -> MatchResult:
    """ "thế còn tạm trú thì sao" after "Đăng ký thường trú" means "đăng ký tạm trú": when the
    short target alone is ambiguous, it is read with the current procedure's verb."""
    if result.outcome is not Outcome.CLARIFY:
        return result
    said = key(text)
    verbs = default_turns().verbs
    if any(said.startswith(v + " ") for v in verbs):
        return result
    name = key(current.name)
    verb = next((v for v in verbs if name.startswith(v + " ")), None)
    offered = {c.id for c in conv.ctx.matcher.clarify_options(result)}
    # Else a bare name asks for the paper itself ("thế còn hộ chiếu" is "làm hộ chiếu"), not
    # for its variants that need a word it does not say (mất, lại, đổi, nước ngoài).
    for lead in dict.fromkeys(v for v in (verb, "lam") if v):
        again = conv.ctx.matcher.match(f"{lead} {text}")
        fits = lead == verb or (again.best is not None and again.best.id in offered)
        if again.outcome is Outcome.ANSWER and again.best and fits:
            return again
    return result
