"""Recognising what a message is before matching it: commands, small talk, choices, corrections.

Everything works on the folded key (no diacritics, lower case), so "lam lai" and "Làm lại" mean
the same. Only whole-message phrases count as commands, so "hướng dẫn làm khai sinh" is a
question, not a request for help.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from knowledge.places import looks_like_name, told_of_someone_else, unit_typed_bare
from knowledge.text import fold_in_place, key, nfc
from knowledge.turns import default_turns


class Command(StrEnum):
    START = "start"
    HELP = "help"
    RESET = "reset"
    HUMAN = "human"
    THANKS = "thanks"
    UP = "up"
    DOWN = "down"
    ERASE = "erase"  # "xóa dữ liệu của tôi": the citizen's data (handlers.rights)
    ACCESS = "access"  # "dữ liệu của tôi"
    PRIVACY = "privacy"  # "quyền riêng tư"
    CONTACT = "contact"  # "số tổng đài là gì": a number to call


_SLASH = re.compile(r"^/(\w+)(?:@\w+)?(?:\s+(.*))?$", re.DOTALL)
_SLASH_NAMES = {
    "start": Command.START,
    "help": Command.HELP,
    "trogiup": Command.HELP,
    "huy": Command.RESET,
    "cancel": Command.RESET,
    "reset": Command.RESET,
    "nguoi": Command.HUMAN,
    "xoadulieu": Command.ERASE,
    "dulieu": Command.ACCESS,
    "quyenriengtu": Command.PRIVACY,
}
_THUMBS = {"👍": Command.UP, "👎": Command.DOWN}


PERSON_AFTER = 8  # words a complaint before the request may hold; a longer head asks something


def _person_after(stripped: str) -> bool:
    """ "phức tạp quá, cho em nói chuyện với người thật được không": a short complaint, then a
    request for a person that is the whole rest of the message."""
    said = fold_in_place(stripped.lower())  # positions are the original's
    turns = default_turns()
    for end in turns.clause_end.finditer(said):
        head, tail = key(stripped[: end.end()]), key(stripped[end.end() :])
        if tail and len(head.split()) <= PERSON_AFTER and turns.person.match(tail):
            return True
    return False


def command(text: str) -> Command | None:
    """A whole-message command, greeting, thanks or thumbs; None for anything else."""
    stripped = nfc(text).strip()
    bare = "".join(ch for ch in stripped if unicodedata.category(ch) not in ("Sk", "Mn", "Cf"))
    if bare in _THUMBS:
        return _THUMBS[bare]
    slash = _SLASH.match(stripped)
    if slash:
        return _SLASH_NAMES.get(slash.group(1).lower())
    folded = key(stripped)
    turns = default_turns()
    said = turns.commands.get(folded)
    found = Command(said) if said is not None else None
    if found is None and turns.thanks.match(folded):
        return Command.THANKS
    if found is None and (turns.person.match(folded) or _person_after(stripped)):
        return Command.HUMAN
    if found is None and len(folded.split()) <= 14 and turns.contact.search(folded):
        return Command.CONTACT
    return found


def start_payload(text: str) -> str:
    """The deep-link payload of "/start <payload>" (a locality id, for example)."""
    slash = _SLASH.match(text.strip())
    return (slash.group(2) or "").strip() if slash and slash.group(1).lower() == "start" else ""


def has_words(text: str) -> bool:
    """True when the text holds a letter or digit (not only emoji and punctuation)."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in text)


def numbers(text: str) -> list[int]:
    """["1", "số 2", "1, 3 4"] → the numbers chosen; [] when the message is not a choice."""
    folded = key(text) if not text.strip().isdigit() else text.strip()
    if not default_turns().choice.match(folded):
        return []
    return [int(n) for n in re.findall(r"\d{1,2}", folded)]


@dataclass(frozen=True)
class Rejection:
    rest: str  # what the citizen meant instead, folded; "" for a bare "không phải"
    denied: str = ""  # "sổ bị rách chứ không mất": what is said not to be the case ("mat")


NOT_THAT_WORDS = 3  # a denied part longer than this is a question of its own, not a denial


def rejection(text: str) -> Rejection | None:
    """ "không phải, ý tôi là đăng ký lại khai sinh" → Rejection("dang ky lai khai sinh");
    "ý tôi là cấp lại do mất" corrects too."""
    folded = key(text)
    turns = default_turns()
    meant = turns.meant.match(folded)
    if meant:
        return Rejection(meant.group("rest").strip())
    match = turns.reject.match(folded)
    if not match or not match.group(0).strip():
        # "à xin lỗi, 3 đứa kia nhường hết cho em": read before the folded key drops its pause
        sorry = turns.sorry.match(fold_in_place(nfc(text)).lower())
        if sorry:
            return Rejection(key(sorry.string[sorry.end() :]))
        rather = turns.rather.match(folded)
        if rather:
            return Rejection(rather.group("rest").strip(), rather.group("denied").strip())
        return None
    rest = folded[match.end() :].strip()
    head = turns.interjection.sub("", match.group(0).strip())
    if (
        head in turns.bare_denial
        and rest
        and not turns.paused.match(fold_in_place(nfc(text)).lower())
    ):
        return None  # "không cần giấy tờ gì à?" is a question, not a correction
    denial = turns.not_that.match(fold_in_place(nfc(text)).lower())
    if denial and len(denial.group("denied").split()) <= NOT_THAT_WORDS:
        return Rejection(key(denial.group("rest")))  # "không phải sửa, em phá đi xây lại"
    return Rejection(rest)


def meant_part(rest: str) -> str | None:
    """What a correction says is meant, before what it denies ("sổ bị rách chứ không mất": "sổ
    bị rách"); None when it denies nothing."""
    rather = default_turns().rather.match(rest)
    return rather.group("rest").strip() if rather else None


def place_named(text: str) -> tuple[str, str] | None:
    """ "tôi ở phường Bến Thành, làm khai sinh ở đâu" → ("Phường Bến Thành", "làm khai sinh ở đâu").

    The name keeps the citizen's spelling; the second part is the rest, still to be answered.
    """
    original = nfc(text)
    # Fold letter by letter so positions in the folded text are positions in the original.
    aligned = fold_in_place(original)
    match = default_turns().lives_in.search(aligned)
    if not match:
        return None
    name = original[match.start(1) : match.end(1)].strip()
    if (
        unit_typed_bare(name)
        or not looks_like_name(name)
        or told_of_someone_else(original[: match.start()], original)
    ):
        return None  # "tôi ở xa về không kịp": far away, not "xã Về Không Kịp"
    rest = (original[: match.start()] + " " + original[match.end() :]).strip(" ,.;!?")
    return name[:1].upper() + name[1:], " ".join(rest.split())


def yes_no(text: str) -> bool | None:
    """The answer to a yes/no question: True, False, or None for anything else."""
    folded = key(text)
    turns = default_turns()
    if folded in turns.agree:
        return True
    if folded in turns.decline:
        return False
    return None


def bare_no(text: str) -> bool:
    """ "không", "thôi", "không cần": a no with nothing else said."""
    return yes_no(text) is False


def switch_target(text: str) -> str | None:
    """What "thế còn X thì sao" asks about (X, folded); None for any other message."""
    match = default_turns().switch.match(key(text))
    if not match:
        return None
    # "con mèo nhà tôi…" is not "còn …": a bare "còn" needs its accent and the closing words
    # unless the citizen types no diacritics at all, when "con" can only be read by its closing
    said = nfc(text).strip().lower()
    bare = fold_in_place(said) == said
    if not match.group("lead") and not (
        (default_turns().switch_accented.match(said) or bare) and match.group("end")
    ):
        return None
    return match.group("rest").strip()


@dataclass(frozen=True)
class Back:
    rest: str  # what else the message says (a procedure's name, a question), folded
    earlier: bool  # "lúc nãy", "cái trước": the one before the current
    question: str = ""  # "quay lại khai sinh, lệ phí bao nhiêu": what is asked after the comma
    whole: str = ""  # ``rest`` with its leading "chuyện", "việc" kept ("chuyển đổi đất" typed bare)


def back_to(text: str) -> Back | None:
    """ "quay lại khai sinh", "cái lúc nãy", "quay lại thủ tục trước, lệ phí bao nhiêu"."""
    folded = key(text)
    turns = default_turns()
    verb = turns.back_verb.match(folded)
    earlier = turns.earlier.search(folded)
    if not verb and not earlier:
        return None
    head, comma, tail = nfc(text).partition(",")
    question = key(tail) if verb and comma and turns.back_verb.match(key(head)) else ""
    said = key(head) if question else folded
    rest = said[verb.end() :] if verb else said
    whole = turns.earlier.sub(" ", rest).strip()
    rest = turns.which_thing.sub("", whole)
    if not verb and len(rest.split()) > 6:
        return None  # "lúc nãy" in the middle of a long new question
    kept = " ".join(whole.split()) if whole != rest else ""
    return Back(" ".join(rest.split()), bool(earlier) or not rest.strip(), question, kept)
