"""Folding diacritics away, character by character."""

from __future__ import annotations

import unicodedata

from knowledge import text
from knowledge.text import fold, fold_in_place, key


def _by_decomposition(value: str) -> str:
    value = unicodedata.normalize("NFC", value).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", value)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def test_fold_removes_vietnamese_marks() -> None:
    assert fold("Đăng ký khai sinh cho Bé Ngọc Ánh") == "dang ky khai sinh cho be ngoc anh"


def test_fold_is_the_decomposition_without_marks_for_every_character() -> None:
    every = "".join(chr(c) for c in range(0x20, 0x30000) if not 0xD800 <= c < 0xE000)
    assert fold(every) == _by_decomposition(every)


def test_fold_of_decomposed_typing_equals_fold_of_composed() -> None:
    typed = unicodedata.normalize("NFD", "Hộ chiếu phổ thông")
    assert fold(typed) == fold("Hộ chiếu phổ thông") == "ho chieu pho thong"


def test_characters_far_beyond_latin_are_folded_but_not_remembered() -> None:
    far = "가각😀𝔘"
    assert fold(far) == _by_decomposition(far)
    assert not any(ord(ch) in text._FOLDED for ch in far)


def test_key_is_folded_tokens_single_spaced() -> None:
    assert key("  Làm   hộ chiếu, ở ĐÂU?! ") == "lam ho chieu o dau"


def test_fold_in_place_keeps_every_position() -> None:
    written = "Tôi ở P. Đống Đa ﬁ 가 x\u0301"
    folded = fold_in_place(written)
    assert len(folded) == len(written)
    assert folded == "".join(f if len(f := fold(ch)) == 1 else " " for ch in written)
    assert folded.startswith("toi o p. dong da")
