"""The matcher's remembered and indexed readings give what the plain readings give."""

from __future__ import annotations

import pickle
import random

from knowledge.letter import _accented, _accented_word
from knowledge.normalize import Normalizer, default_normalizer
from knowledge.situations import positions, said_phrase, says
from knowledge.text import _TONE_PLACEMENT, unify_tones

LETTER = (
    "Kính gửi luật sư. Tôi tên Nguyễn Văn An, năm 2015 tôi kết hôn ở xã Hòa Bình. "
    "Nay giấy kết hôn bị thất lạc. Xin hỏi tôi phải làm thủ tục gì? Xin cảm ơn."
)


def _unify_one_by_one(text: str) -> str:
    for old, new in _TONE_PLACEMENT.items():
        text = text.replace(old, new)
    return text


def test_unify_tones_in_one_pass_is_the_replacements_one_by_one() -> None:
    rng = random.Random(7)
    letters = "òóỏõọùúủũụaeyoàèỳuxá "
    for _ in range(20_000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 10)))
        assert unify_tones(text) == _unify_one_by_one(text)


def test_unify_tones_leaves_a_modern_spelling_alone() -> None:
    assert unify_tones("hoà thuỷ") == "hoà thuỷ"
    assert unify_tones("hòa thủy") == "hoà thuỷ"


def test_a_remembered_word_is_read_as_the_plain_reading() -> None:
    for word in ("Hòa", "THỦY", "Nguyễn", "an", "x2"):
        assert _accented_word(word) == _accented(word)


def test_a_letter_read_twice_is_read_alike() -> None:
    normalizer = default_normalizer()
    first = normalizer.sentences(LETTER)
    assert len(first) > 1
    assert normalizer.sentences(LETTER) == first == normalizer._read_sentences(LETTER)


def test_a_reading_handed_out_cannot_change_the_remembered_one() -> None:
    normalizer = default_normalizer()
    normalizer.sentences(LETTER).clear()
    assert normalizer.sentences(LETTER) == normalizer._read_sentences(LETTER)


def test_a_normaliser_restored_from_a_pickle_reads_without_the_old_readings() -> None:
    normalizer = default_normalizer()
    normalizer.sentences(LETTER)
    restored: Normalizer = pickle.loads(pickle.dumps(normalizer))
    assert restored._read.cache_info().currsize == 0
    assert restored.sentences(LETTER) == normalizer.sentences(LETTER)


def _says_word_by_word(words: list[str], phrase: tuple[tuple[str, ...], ...]) -> bool:
    """:func:`says` as it read before the index: every word a possible start."""

    def from_(start: int, parts: tuple[tuple[str, ...], ...], limit: int) -> bool:
        if not parts:
            return True
        part, size = parts[0], len(parts[0])
        last = min(len(words) - size, limit)
        return any(
            tuple(words[i : i + size]) == part and from_(i + size, parts[1:], i + size + 5)
            for i in range(start, last + 1)
        )

    return bool(phrase) and from_(0, phrase, len(words))


def test_says_by_the_index_is_says_word_by_word() -> None:
    rng = random.Random(11)
    vocabulary = ["so", "bi", "mat", "lu", "cuon", "khong", "con", "nha"]
    phrases = [said_phrase(p) for p in ("sổ … mất", "không còn", "sổ … không … còn", "nhà")]
    for _ in range(5_000):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(0, 16))]
        starts = positions(words)
        for phrase in phrases:
            expected = _says_word_by_word(words, phrase)
            assert says(words, phrase, starts) is expected
            assert says(words, phrase) is expected


def test_says_finds_nothing_when_a_part_is_too_far() -> None:
    words = ["so", "bi", "mot", "hai", "ba", "bon", "nam", "sau", "mat"]
    assert not says(words, said_phrase("sổ … mất"), positions(words))
    assert says(["so", "bi", "lu", "cuon", "mat"], said_phrase("sổ … mất"))
