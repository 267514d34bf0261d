"""Mask personal data in free text before it is stored or logged.

How each kind renders (``mask`` is idempotent, never raises and runs in linear time):

- e-mail: the local part becomes ``***`` → ``***@gmail.com``. One written apart to dodge a filter
  (``ten @ gmail . com``, ``ten (at) gmail.com``, ``ten[at]gmail[dot]com``, a full-width ``＠``)
  is masked and written back whole → ``***@gmail.com``, when its local part is plain ASCII and its
  domain ends in a common top-level domain (``gặp @ phường`` is no address).
- vehicle plate: province code, series and separators kept, the registration number's digits
  except the last 2 become ``*`` → ``29A-***.45``, ``30H***45``, ``51F1-***.56``, ``29-A1 ***.45``.
- passport number (one letter and 7 digits): the letter and the last 3 digits kept →
  ``C****567``.
- ID number (9 or 12 digits) and phone number (``0[35789]`` + 8 digits, ``02`` + 9 digits, with an
  optional ``+84``/``84`` prefix, groups split by spaces, dots, dashes or ``(024)``): one ``*`` per
  digit except the last 3, prefix included and separators dropped → ``*********567``,
  ``0912 345 678`` → ``*******678``, ``+84 912.345.678`` → ``********678``.
- any other run of 9 or more consecutive digits (bank accounts…): the same form as an ID.
- a shorter bank account named as one (``stk``, ``tk``, ``số tài khoản``, unaccented too), of 6 to 8
  digits, groups allowed: the same form → ``stk *****678``.
- a bank card or account number written in groups (``9704 1234 5678 9012``, ``0071 0001 23456``):
  digit groups joined by single spaces, dots or dashes, none of 9 digits or more, 9 to 19 digits in
  all, that are not wholly one ID or phone number and either hold more than 12 digits or hold no
  ID or phone number at all: masked whole, in the same form → ``*************012``.
- a home address's numbers: the house, alley, apartment or land-parcel number after the word that
  names it (``số nhà``, ``nhà số``, ``ngõ``, ``ngách``, ``hẻm``, ``kiệt``, ``căn hộ``, ``thửa
  số``, ``tờ bản đồ``, unaccented too), or before a street word (``đường``, ``phố``, ``ngõ``…):
  every digit becomes ``*``, letters and ``/`` kept → ``số nhà **/**B đường Lê Lợi``, ``** phố
  Huế``, ``ngõ *``. The street, ward and city stay: they name a place, not a household.
- a date of birth after the words that name it (``ngày sinh``, ``sinh ngày``, ``ngày tháng năm
  sinh``, ``ns``, ``DOB``, unaccented too): the day and the month become ``*``, the year stays (an
  age decides some procedures, a year alone finds nobody) → ``sinh ngày **/*/2019``, ``ngày sinh
  ** tháng ** năm 1990``.

Between two digits, any run of horizontal spaces (no-break, narrow, tabs, several) reads as one
space, invisible format characters (zero-width space and joiners, word joiner, soft hyphen, BOM)
as nothing and a Unicode dash as ``-``: ``0912\u00a0345\u200b678`` is a phone number. A text in
which nothing is masked is returned as it came.

Left alone: procedure codes (``1.001193``), dates, legal document numbers, short numbers (unless
an address word names them), and thousands-grouped money followed by a currency word
(``100.000.000 đồng``).
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

KEEP_DIGITS = 3  # digits kept at the end of a masked ID or phone number
KEEP_PLATE_DIGITS = 2
_MAX_DIGITS = 13  # the longest entity: +84 0 + a 10-digit landline body
_MAX_GROUPED = 19  # the longest bank card number

EMAIL_LOCAL_RE = re.compile(
    r"(?<![\w.%+*\-])[\w.%+*\-]+(?=@(?:[A-Za-z0-9\-]{1,63}\.)+[A-Za-z]{2,24}(?![A-Za-z0-9*\-]))"
)
_SPACES = "[ \t\u00a0\u202f]*"
_SPACED_AT = rf"{_SPACES}(?:[@＠]|[(\[{{]{_SPACES}at{_SPACES}[)\]}}]){_SPACES}"
_SPACED_DOT = rf"{_SPACES}(?:\.|[(\[{{]{_SPACES}dot{_SPACES}[)\]}}]){_SPACES}"
# Top-level domains of the addresses Vietnamese citizens write; English words that end a sentence
# ("… gmail.com. Me …") are left out, so a sentence is not read as the end of a domain.
_TLDS = "com|vn|net|org|edu|gov|info|biz|io|xyz|asia|online|site|app|dev|uk|jp|kr|cn|au|de|fr|sg"
SPACED_EMAIL_RE = re.compile(
    rf"(?<![\w.%+*\-@＠])[A-Za-z0-9._%+\-]+{_SPACED_AT}"  # not the domain of an address before
    rf"(?P<domain>(?:[A-Za-z0-9\-]{{1,63}}{_SPACED_DOT})+(?:{_TLDS}))(?![A-Za-z0-9*\-])",
    re.IGNORECASE,
)
_DOMAIN_DOT_RE = re.compile(rf"{_SPACED_DOT}")
PLATE_RE = re.compile(
    r"(?<![\w.*\-])(?P<head>\d{2}-?[A-Za-z]{1,2}\d??[ .\-]?)(?P<number>\d{3}\.\d{2}|\d{4,5})"
    r"(?![\w*]|[.\-][\d*])"
)
PASSPORT_RE = re.compile(r"(?<![\w*.\-/])(?P<letter>[A-Za-z])(?P<digits>\d{7})(?![\w*]|[.\-/]\d)")
ACCOUNT_RE = re.compile(
    r"(?<!\w)(?P<head>(?:s[ốo]\s+)?(?:stk|tk|t[àa]i\s+kho[ảa]n)\s*:?\s*(?:l[àa]\s+)?)"
    r"(?P<number>\d(?:[ .\-]?\d){5,})(?![\d*])",
    re.IGNORECASE,
)
CLUSTER_RE = re.compile(r"(?<![\d*])\+?\d+(?:[.\-]\d+)*")  # digit groups joined by . or -
PHONE_RE = re.compile(r"(?:84|0|840)(?:[35789]\d{8}|2\d{9})")
_MONEY_SHAPE_RE = re.compile(r"\d{1,3}(?:[. ]\d{3})+")
_CURRENCY_RE = re.compile(
    rf"[ ]?(?:₫|đồng|{unicodedata.normalize('NFD', 'đồng')}|đ|vn[dđ]|dong|d)(?!\w)",
    re.IGNORECASE,
)
LONG_DIGITS_RE = re.compile(r"\d{9,}")
_SPACE = " \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_INVISIBLE = "\u00ad\u180e\u200b-\u200d\u2060\ufeff"
_GAP_RE = re.compile(rf"(?<=\d)[{_SPACE}{_INVISIBLE}]+(?=\d)")
_SPACE_RE = re.compile(rf"[{_SPACE}]")
_DASH_RE = re.compile(r"(?<=\d)[\u2010-\u2015\u2212\ufe58\ufe63\uff0d](?=\d)")
# A house number: digits, maybe a letter (``12A``), maybe more parts after a slash (``45/12/3``).
_HOUSE = r"\d{1,5}[A-Za-z]?(?:/\d{1,5}[A-Za-z]?)*(?![\w*/])"
_ADDRESS_WORD = (
    r"s[ốo]\s+nh[àa]|nh[àa]\s+s[ốo]|c[ăa]n\s+h[ộo]|ng[õo]|ng[áa]ch|h[ẻe]m|ki[ệe]t"
    r"|t[ờo]\s+b[ảa]n\s+đ[ồo]|to\s+ban\s+do"
    r"|th[ửu]a(?:\s+đ[ấa]t|\s+dat)?(?=\s*s[ốo]\b)"  # "thửa số 12", never "hợp thửa 2 mảnh"
)
_STREET_WORD = r"đường|duong|phố|pho|ng[õo]|ng[áa]ch|h[ẻe]m|ki[ệe]t"
ADDRESS_RE = re.compile(
    rf"(?<![\w*])(?:{_ADDRESS_WORD})\s*(?:s[ốo]\s*)?:?\s*(?P<after>{_HOUSE})"
    # a number before a street word, unless it is a year or a legal text's (``100/2019 đường bộ``)
    rf"|(?<![\w*/.,\-])(?!(?:\d+/)?(?:19|20)\d\d(?![\d/]))(?P<before>{_HOUSE})"
    rf"(?=\s+(?:{_STREET_WORD})(?![^\W\d_]))",  # the street word left for its own number
    re.IGNORECASE,
)
_BIRTH_WORD = r"ng[àa]y\s+(?:th[áa]ng\s+n[ăa]m\s+)?sinh|sinh\s+ng[àa]y|ns|dob|d\.o\.b\.?"
BIRTH_DATE_RE = re.compile(
    rf"(?<![\w*])(?:{_BIRTH_WORD})\s*:?\s*(?:l[àa]\s+)?"
    r"(?P<day>\d{1,2})(?:\s*[/.\-]\s*|\s+th[áa]ng\s+)(?P<month>\d{1,2})(?![\d*])",
    re.IGNORECASE,
)
# Every pattern below needs a digit (as ``\d`` matches it), an "@" or an "(at)" to find anything.
_MAYBE_PERSONAL_RE = re.compile(r"[\d@＠]|[(\[{][ \t\u00a0\u202f]*at[ \t\u00a0\u202f]*[)\]}]", re.I)


class _Cluster(NamedTuple):
    start: int
    end: int
    digits: str
    plus: bool
    opened: bool  # written "(024) …": the "(" goes with the number when it continues after ")"


def _stars(digits: str, keep: int) -> str:
    return "*" * (len(digits) - keep) + digits[-keep:]


def _mask_plate(match: re.Match[str]) -> str:
    number = match["number"]
    count = sum(ch.isdigit() for ch in number) - KEEP_PLATE_DIGITS
    masked = re.sub(r"\d", "*", number, count=count)
    return match["head"] + masked


def _mask_passport(match: re.Match[str]) -> str:
    return match["letter"] + _stars(match["digits"], KEEP_DIGITS)


def _mask_account(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match["number"])
    return match["head"] + _stars(digits, KEEP_DIGITS)


def _runs(text: str) -> list[list[_Cluster]]:
    """Clusters grouped into runs: neighbours separated by one space or by ``(…) ``."""
    runs: list[list[_Cluster]] = []
    previous_end = -1
    for found in CLUSTER_RE.finditer(text):
        start, end = found.span()
        digits = found.group().lstrip("+").replace(".", "").replace("-", "")
        plus = found.group().startswith("+")
        gap = text[previous_end:start] if previous_end >= 0 else None
        opened = start > 0 and text[start - 1] == "("
        cluster = _Cluster(start, end, digits, plus, opened)
        previous = runs[-1] if runs else []
        in_parens = len(previous) == 1 and previous[0].opened
        joined = bool(previous) and not plus and not opened
        joined = joined and (gap == " " or (gap in (") ", ")") and in_parens))
        if joined:
            runs[-1].append(cluster)
        else:
            runs.append([cluster])
        previous_end = end
    return runs


def _is_money(text: str, start: int, end: int) -> bool:
    span = text[start:end]
    return bool(_MONEY_SHAPE_RE.fullmatch(span)) and bool(_CURRENCY_RE.match(text, end))


def _entity(text: str, run: list[_Cluster], first: int) -> int | None:
    """Index of the last cluster of the longest ID or phone number starting at ``first``."""
    best = None
    digits = ""
    for last in range(first, len(run)):
        digits += run[last].digits
        if len(digits) > _MAX_DIGITS:
            break
        if run[first].plus:
            valid = digits.startswith("84") and bool(PHONE_RE.fullmatch(digits))
        elif PHONE_RE.fullmatch(digits):
            valid = True
        else:
            start, end = run[first].start, run[last].end
            valid = len(digits) in (9, 12) and not _is_money(text, start, end)
        if valid:
            best = last
    return best


def _one_long_number(text: str, run: list[_Cluster]) -> bool:
    """Whether ``run`` is a card or account number written in groups (see module doc)."""
    digits = sum(len(cluster.digits) for cluster in run)
    if len(run) < 2 or run[0].plus or not 9 <= digits <= _MAX_GROUPED:
        return False
    if any(len(cluster.digits) >= 9 for cluster in run):
        return False  # numbers that stand alone, side by side
    if _is_money(text, run[0].start, run[-1].end) or _entity(text, run, 0) == len(run) - 1:
        return False
    return digits > 12 or all(_entity(text, run, i) is None for i in range(len(run)))


def _mask_numbers(text: str) -> str:
    pieces: list[str] = []
    position = 0
    for run in _runs(text):
        if _one_long_number(text, run):
            digits = "".join(cluster.digits for cluster in run)
            pieces += [text[position : run[0].start], _stars(digits, KEEP_DIGITS)]
            position = run[-1].end
            continue
        index = 0
        while index < len(run):
            last = _entity(text, run, index)
            if last is None:
                index += 1
                continue
            digits = "".join(cluster.digits for cluster in run[index : last + 1])
            start = run[index].start - (run[index].opened and last > index)
            pieces += [text[position:start], _stars(digits, KEEP_DIGITS)]
            position = run[last].end
            index = last + 1
    pieces.append(text[position:])
    return "".join(pieces)


def _mask_spaced_email(match: re.Match[str]) -> str:
    return "***@" + _DOMAIN_DOT_RE.sub(".", match["domain"])


def _mask_address(match: re.Match[str]) -> str:
    name = "after" if match["after"] is not None else "before"
    start, end = match.span(name)
    whole = match.group()
    offset = match.start()
    number = re.sub(r"\d", "*", whole[start - offset : end - offset])
    return whole[: start - offset] + number + whole[end - offset :]


def _mask_birth_date(match: re.Match[str]) -> str:
    whole, offset = match.group(), match.start()
    for name in ("month", "day"):  # the later part first, so the earlier one's span holds
        start, end = match.span(name)
        whole = whole[: start - offset] + "*" * (end - start) + whole[end - offset :]
    return whole


def _mask_addresses(text: str) -> str:
    """House, alley, apartment and parcel numbers and the day and month of a birth date masked
    (read on the NFC form of ``text``, so a keyboard that types ``ngõ`` as ``ngo`` + a combining
    tilde is read too)."""
    masked = BIRTH_DATE_RE.sub(_mask_birth_date, ADDRESS_RE.sub(_mask_address, text))
    if masked == text and not unicodedata.is_normalized("NFC", text):
        composed = unicodedata.normalize("NFC", text)
        found = BIRTH_DATE_RE.sub(_mask_birth_date, ADDRESS_RE.sub(_mask_address, composed))
        return found if found != composed else text
    return masked


def _gap(match: re.Match[str]) -> str:
    return " " if _SPACE_RE.search(match.group()) else ""


def mask(text: str) -> str:
    """``text`` with e-mails, plates, phone, ID, house numbers, birth dates masked (module doc)."""
    if not _MAYBE_PERSONAL_RE.search(text):  # most messages: nothing to mask
        return text
    plain = _DASH_RE.sub("-", _GAP_RE.sub(_gap, text))
    # Addresses and birth dates first: the ``*`` they leave is then there for every pattern below
    # on the first pass as on any later one (masking twice gives what masking once gave).
    masked = _mask_addresses(plain)
    masked = SPACED_EMAIL_RE.sub(_mask_spaced_email, masked)
    masked = EMAIL_LOCAL_RE.sub("***", masked)
    masked = PLATE_RE.sub(_mask_plate, masked)
    masked = PASSPORT_RE.sub(_mask_passport, masked)
    masked = ACCOUNT_RE.sub(_mask_account, masked)
    masked = _mask_numbers(masked)
    masked = LONG_DIGITS_RE.sub(lambda m: _stars(m.group(), KEEP_DIGITS), masked)
    return text if masked == plain else masked
