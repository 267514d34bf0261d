"""Repair of mistyped syllables against the index vocabulary.

Tried in order, the first that lands in the vocabulary wins: Telex leftovers ("sinhf", "ddang",
"truwf"), VNI digits ("da8ng"), two swapped letters ("tahc"), two syllables typed together
("khaisinh"), then a fuzzy match
(rapidfuzz) for ordinary typos. Short tokens are never fuzzed: "an" → "anh" would be a guess; nor
is a token that is already a well-formed Vietnamese syllable the knowledge base does not use
("trai", "cưới", "xăng"): it is another word, not a slip, and must keep its own weight.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from rapidfuzz import fuzz, process

from knowledge.text import canon_iy, is_syllable

_TELEX_DOUBLES = (
    ("dd", "d"),
    ("aa", "a"),
    ("ee", "e"),
    ("oo", "o"),
    ("aw", "a"),
    ("ow", "o"),
    ("uw", "u"),
)
# VNI marks: a vowel's shape and the tone may both follow it ("ho65": hộ, "chie61u": chiếu).
_VNI_DIGIT = re.compile(r"(?<=[a-z])[1-9]+|[1-9]+(?=[a-z])")


def _telex(token: str) -> str:
    out = token
    for old, new in _TELEX_DOUBLES:
        out = out.replace(old, new)
    out = out.replace("w", "")
    if len(out) > 2 and out[-1] in "sfrxj":
        out = out[:-1]
    return out


def _swap(token: str, i: int) -> str:
    return token[:i] + token[i + 1] + token[i] + token[i + 2 :]


def repair(token: str, vocab: Collection[str], ordered_vocab: Sequence[str]) -> tuple[str, ...]:
    """Return the repaired syllable(s), or ``(token,)`` unchanged when nothing fits."""
    if token in vocab or token.isdigit():
        return (token,)
    candidates = [_VNI_DIGIT.sub("", token)] if any(ch.isdigit() for ch in token) else []
    candidates += [_telex(token), _telex(_VNI_DIGIT.sub("", token))]
    # Two swapped letters, in what was typed or in it with its Telex marks dropped ("tahcs"):
    # a short word only when it is no Vietnamese syllable ("cah" is "cha", "an" stays).
    for typed in dict.fromkeys((token, candidates[-2])):
        if len(typed) >= 4 or (len(typed) == 3 and not is_syllable(typed)):
            candidates += [_swap(typed, i) for i in range(len(typed) - 1)]
    for cand in map(canon_iy, candidates):  # "ky1" → "ky" → "ki", as the index spells it
        if cand in vocab:
            return (cand,)
    if is_syllable(token):
        return (token,)
    if len(token) >= 5:
        for cut in range(2, len(token) - 1):
            head, tail = token[:cut], token[cut:]
            if head in vocab and tail in vocab:
                return (head, tail)
    if len(token) >= 4 and not token.isdigit():
        cutoff = 80 if len(token) >= 5 else 74
        best = process.extractOne(token, ordered_vocab, scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is not None:
            return (str(best[0]),)
    return (token,)
