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

from knowledge.text import fold, key, nfc


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


_EXACT: dict[str, Command] = {}
for _cmd, _phrases in {
    Command.START: "start|xin chao|chao|chao ban|chao em|chao ad|hi|hello|alo|hey|bat dau",
    Command.HELP: "help|tro giup|giup do|huong dan|menu|ban lam duoc gi|ban giup duoc gi",
    Command.RESET: "huy|reset|lam lai|bat dau lai|quay lai tu dau|huy bo",
    Command.HUMAN: (
        "nguoi|gap nguoi ho tro|gap nguoi|gap nhan vien|noi chuyen voi nguoi|tu van vien|"
        "can nguoi ho tro|ho tro truc tiep|gap can bo|gap tinh nguyen vien"
    ),
    Command.THANKS: (
        "cam on|cam on ban|cam on nhieu|cam on a|thanks|thank you|tks|thank|ok|oke|okay|"
        "da|vang|da cam on|ok cam on|duoc roi|hieu roi"
    ),
    Command.ERASE: (
        "xoa du lieu|xoa du lieu cua toi|xoa du lieu cua em|xoa du lieu cua minh|xoa het du lieu|"
        "xoa thong tin cua toi|xoa tin nhan cua toi|xoa het tin nhan|xoa lich su tro chuyen|"
        "xoa du lieu ca nhan|toi muon xoa du lieu|xoa toan bo du lieu"
    ),
    Command.ACCESS: (
        "du lieu cua toi|du lieu cua em|du lieu cua minh|xem du lieu cua toi|"
        "ban luu gi ve toi|ban luu gi cua toi|thong tin cua toi|xem du lieu ca nhan"
    ),
    Command.PRIVACY: "quyen rieng tu|bao mat|bao ve du lieu ca nhan|chinh sach quyen rieng tu",
}.items():
    for _phrase in _phrases.split("|"):
        _EXACT[_phrase] = _cmd

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
_REJECT = re.compile(
    r"^(?:khong phai|ko phai|k phai|kp|hong phai|khong dung|sai roi|sai|nham roi|khong)"
    r"(?:\s+(?:roi|dau|a|ban oi))?\s*(?:[,.!:;-]\s*)?(?:(?:y|cai)\s+(?:toi|em|minh|anh|chi)\s+la|"
    r"(?:toi|em|minh)\s+(?:muon\s+)?hoi|ma\s+la|la)?\s*",
)
_NUMBERS = re.compile(r"^\s*(?:so\s*)?\d{1,2}(?:\s*[,;.\s]\s*\d{1,2})*\s*$")
_UNIT = r"(?:phuong|xa|thi tran|dac khu|tinh|thanh pho|tp)"
_WHO = r"(?:toi|em|minh|nha|nha toi|nha em|gia dinh|chung toi)"
_END = r"(?=\s*(?:[,.;!?]|$|\s(?:thi|can|muon|lam|co)\b))"
_LIVE = re.compile(
    rf"(?:^|\b{_WHO}\s+(?:dang\s+|song\s+)?)(?:o|tai|thuoc)\s+({_UNIT}\s+[a-z0-9 ]{{1,40}}?){_END}"
)


def command(text: str) -> Command | None:
    """A whole-message command, greeting, thanks or thumbs; None for anything else."""
    stripped = nfc(text).strip()
    bare = "".join(ch for ch in stripped if unicodedata.category(ch) not in ("Sk", "Mn", "Cf"))
    if bare in _THUMBS:
        return _THUMBS[bare]
    slash = _SLASH.match(stripped)
    if slash:
        return _SLASH_NAMES.get(slash.group(1).lower())
    return _EXACT.get(key(stripped))


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
    if not _NUMBERS.match(folded):
        return []
    return [int(n) for n in re.findall(r"\d{1,2}", folded)]


@dataclass(frozen=True)
class Rejection:
    rest: str  # what the citizen meant instead, folded; "" for a bare "không phải"


def rejection(text: str) -> Rejection | None:
    """ "không phải, ý tôi là đăng ký lại khai sinh" → Rejection("dang ky lai khai sinh")."""
    folded = key(text)
    match = _REJECT.match(folded)
    if not match or not match.group(0).strip():
        return None
    rest = folded[match.end() :].strip()
    head = match.group(0).strip()
    if head in ("khong", "sai", "la") and rest:
        return None  # "không cần giấy tờ gì à?" is a question, not a correction
    return Rejection(rest)


def place_named(text: str) -> tuple[str, str] | None:
    """ "tôi ở phường Bến Thành, làm khai sinh ở đâu" → ("Phường Bến Thành", "làm khai sinh ở đâu").

    The name keeps the citizen's spelling; the second part is the rest, still to be answered.
    """
    original = nfc(text)
    # Fold letter by letter so positions in the folded text are positions in the original.
    aligned = "".join(f if len(f := fold(ch)) == 1 else " " for ch in original)
    match = _LIVE.search(aligned)
    if not match:
        return None
    rest = (original[: match.start()] + " " + original[match.end() :]).strip(" ,.;!?")
    name = original[match.start(1) : match.end(1)].strip()
    return name[:1].upper() + name[1:], " ".join(rest.split())
