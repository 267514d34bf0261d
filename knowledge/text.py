"""Low-level Vietnamese text helpers: Unicode NFC, case, diacritics folding, tokenising.

These are pure functions with no data files; the dictionary-driven normaliser (abbreviations,
slang, stop-phrases) lives in :mod:`knowledge.normalize`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)
_SPACE_RE = re.compile(r"\s+")

# Old-style tone placement and i/y spellings that citizens and old documents both use.
_TONE_PLACEMENT = {
    "òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
    "òe": "oè", "óe": "oé", "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ",
    "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ",
}  # fmt: skip


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng


@lru_cache(maxsize=65536)
@lru_cache(maxsize=65536)
def tone(syllable: str) -> str:
    """The tone mark of a syllable ("" for thanh ngang): tells "tắm" from "tạm", "đỏ" from "đó".
    Remembered: a question's syllables are read for their tone by several steps, and a
    language's syllables are few."""
    return next((ch for ch in unicodedata.normalize("NFD", syllable) if ch in _TONES), "")


@lru_cache(maxsize=65536)
def shape(syllable: str) -> str:
    """A syllable without its tone mark but with its letters' shapes: "mắt" → "măt", "mất" →
    "mât"; "mát" → "mat"."""
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in unicodedata.normalize("NFD", syllable) if ch not in _TONES)
    )


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def lower(text: str) -> str:
    """NFC then lower case (Vietnamese has no special casing pitfalls once composed)."""
    return nfc(text).lower()


class _Folded(dict[int, str]):
    """Each character's letters without their marks (its NFD form, combining marks dropped),
    worked out on first sight; remembered below U+2000 (Latin, Vietnamese, the marks), so the
    table stays small whatever characters arrive."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFD", chr(code))
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        if code < 0x2000:
            self[code] = folded
        return folded


_FOLDED = _Folded({ord("đ"): "d"})


def fold(text: str) -> str:
    """Remove diacritics: ``"Đăng ký khai sinh"`` → ``"dang ky khai sinh"``.

    ``đ`` is a letter of its own in Unicode (it does not decompose under NFD), so it is mapped
    explicitly. Character by character: decomposing a composed (NFC) text and dropping its
    combining marks is the same as doing so to each character, as only marks are reordered.
    """
    return lower(text).translate(_FOLDED)


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """:func:`fold` of one word, remembered: a text's words are few whatever its length, and a
    letter's are folded again by each reader of it."""
    return fold(word)


class _FoldedInPlace(dict[int, str]):
    """Each character folded (:func:`fold`) when that leaves one character, else a space;
    remembered below U+2000 like :data:`_FOLDED`."""

    def __missing__(self, code: int) -> str:
        folded = fold(chr(code))
        kept = folded if len(folded) == 1 else " "
        if code < 0x2000:
            self[code] = kept
        return kept


_FOLDED_IN_PLACE = _FoldedInPlace()


def fold_in_place(text: str) -> str:
    """:func:`fold` letter by letter, so that positions in the result are positions in
    ``text``: a character folding to nothing or to several is a space."""
    return text.translate(_FOLDED_IN_PLACE)


# One pass over the text: no replacement writes a tone-marked o or u, so none makes another.
_TONE_PLACEMENT_RE = re.compile("|".join(_TONE_PLACEMENT))


def _placed(found: re.Match[str]) -> str:
    return _TONE_PLACEMENT[found.group()]


def unify_tones(text: str) -> str:
    """Move tone marks to the modern position (``hòa`` → ``hoà``) so both spellings meet."""
    return _TONE_PLACEMENT_RE.sub(_placed, text)


_IY_RE = re.compile(r"^(b|d|h|k|l|m|n|ph|qu|s|t|v)y$")


def canon_iy(folded_token: str) -> str:
    """One spelling for syllables written with i or y alike: ký/kí, lý/lí, quý/quí, mỹ/mĩ."""
    return _IY_RE.sub(r"\1i", folded_token)


# The shape of a Vietnamese syllable once folded: onset, vowel cluster, final consonant. Lenient
# (it accepts a few rhymes the language lacks) but rejects what typing slips leave behind: doubled
# letters ("dungg", "hoaa"), Telex tone keys ("sanr", "tichj"), swapped letters ("sihn").
_SYLLABLE_RE = re.compile(
    r"^(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?"
    r"(uye|uya|uyu|uoi|uou|ieu|yeu|oai|oay|oeo|uay|uo|ie|ye|ia|ua|ue|ui|uu|uy|ai|ao|au|ay|eo|eu"
    r"|iu|oa|oe|oi|oo|[aeiouy])"
    r"(ch|nh|ng|[cmnpt])?$"
)


def is_syllable(folded_token: str) -> bool:
    """Whether a folded token could be one Vietnamese syllable ("trai", "cuoi"; not "chapp")."""
    return _SYLLABLE_RE.match(folded_token) is not None


def tokens(text: str) -> list[str]:
    """Word tokens: letters and digits, punctuation and emoji dropped."""
    return _TOKEN_RE.findall(text)


def squash_spaces(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def has_diacritics(text: str) -> bool:
    """Whether folding changes the text: ``fold(text) != lower(text)``, lowered once."""
    lowered = lower(text)
    return lowered.translate(_FOLDED) != lowered


@lru_cache(maxsize=4096)
def key(text: str) -> str:
    """A comparison key: folded, tokenised, single-spaced. Used for duplicate detection.

    Remembered: one message's text is keyed by most of the conversation's checks."""
    return " ".join(tokens(fold(text)))
