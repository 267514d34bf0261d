"""One reading of negation shared by every reader of a text: what a negation denies is not told,
and a negation reaches no further than its clause."""

from __future__ import annotations

import pytest

from knowledge.matcher import Matcher, Outcome
from knowledge.negation import clauses, default_negation
from knowledge.normalize import default_normalizer
from knowledge.situations import Preference, Situations
from knowledge.turns import default_turns


@pytest.fixture(scope="module")
def register_lost() -> Preference:
    """The rule that registers a birth again once the register is lost too."""
    situations = Situations.from_dir(default_normalizer())
    rules = situations.preferred["dang-ky-lai-khai-sinh"]
    (rule,) = [r for r in rules if r.when and "cap-ban-sao-trich-luc-ho-tich" in r.over]
    return rule


def _denied_words(text: str) -> list[str]:
    words = [w for part in clauses(text) for w in part]
    denied = default_negation().denied(clauses(text))
    return [w for i, w in enumerate(words) if i in denied]


def test_the_word_after_a_negation_and_its_helper_word_is_denied() -> None:
    assert _denied_words("sổ đỏ không bị mất") == ["bị", "mất"]


def test_a_negation_reaches_no_further_than_its_clause() -> None:
    assert _denied_words("có bị mất không, mất thì làm sao") == []


def test_a_paper_said_still_there_is_denied_as_a_loss(register_lost: Preference) -> None:
    assert not register_lost.holds("giấy khai sinh bị cháy, nhưng xã vẫn còn sổ hộ tịch")


def test_a_register_said_lost_still_holds_the_rule(register_lost: Preference) -> None:
    assert register_lost.holds("giấy khai sinh bị cháy, sổ hộ tịch ở xã cũng bị cháy")


def test_a_register_said_not_lost_does_not_hold_the_rule(register_lost: Preference) -> None:
    assert not register_lost.holds("giấy khai sinh bị cháy, sổ ở xã không bị mất")


def test_a_loss_denied_is_not_read_by_the_matcher(matcher: Matcher) -> None:
    result = matcher.match("sổ hồng không phải mất mà là bị nhòe chữ, xin đổi cuốn khác")
    assert result.outcome is Outcome.ANSWER
    assert result.candidates[0].id == "cap-doi-gcn"


def test_a_loss_told_is_read_by_the_matcher(matcher: Matcher) -> None:
    result = matcher.match("sổ hồng bị mất rồi, xin cấp lại cuốn khác")
    assert result.candidates[0].id == "cap-lai-gcn-do-bi-mat"


def test_a_loss_denied_after_a_contrast_is_dropped_with_its_negation() -> None:
    read = default_normalizer().normalize("sổ bị rách chứ không mất").folded
    assert "mat" not in read.split()


def test_a_loss_asked_about_keeps_its_word() -> None:
    read = default_normalizer().normalize("sổ có bị mất không, mất thì làm sao").folded
    assert "mat" in read.split()


def test_never_asks_no_when() -> None:
    assert not default_turns().asks_word("nhà tôi chưa bao giờ có sổ đỏ, cần giấy tờ gì")


def test_when_asked_is_a_question_word() -> None:
    assert default_turns().asks_word("bao giờ thì có sổ đỏ")


def test_a_question_word_after_a_question_ending_is_still_asked() -> None:
    assert default_turns().asks_word("làm online được không bao lâu thì có kết quả")


def test_a_word_typed_with_other_diacritics_is_no_negation() -> None:
    assert _denied_words("phòng cháy chữa cháy") == []


def _scanned(words: list[str]) -> set[int]:
    """The denied positions as a plain scan reads them: every negation and ``kept`` phrase
    tried at every word, longest first, past the helper words."""
    from knowledge.negation import same, starts_with

    negation, out = default_negation(), set[int]()
    for i in range(len(words)):
        for phrase in (*negation.negations, *negation.kept):
            if starts_with(words, i, phrase):
                j = i + len(phrase)
                while j < len(words) and any(same(words[j], w) for w in negation.through):
                    j += 1
                if j < len(words):
                    out.update(range(i + len(phrase), j + 1))
                break
    return out


@pytest.mark.parametrize(
    "text",
    [
        "sổ đỏ không bị mất",
        "khong bi mat so do, chua he bi hong",
        "xã vẫn còn giữ sổ hộ tịch, chẳng phải mất",
        "chưa bao giờ có sổ, ko hề bị rách, k mất",
        "không phải mất mà là hỏng, chứ không mất",
        "không",
        "vẫn còn",
    ],
)
def test_a_negation_is_looked_up_by_its_first_word_as_a_scan_of_every_phrase_reads_it(
    text: str,
) -> None:
    for words in clauses(text):
        assert default_negation().denied_in(words) == _scanned(words)


@pytest.mark.parametrize(
    "text",
    [
        "chưa bao giờ có sổ, không khi nào mất",
        "chua bao gio co so hong, khong luc nao",
        "có được không bao lâu thì có",
        "chẳng khi nào",
    ],
)
def test_never_looked_up_by_its_first_word_is_never_scanned_at_every_word(text: str) -> None:
    from knowledge.negation import starts_with
    from knowledge.text import fold

    negation, out = default_negation(), list[str]()
    for words in clauses(text):
        i = 0
        while i < len(words):
            size = next((len(p) for p in negation.never if starts_with(words, i, p)), 0)
            if size:
                i += size
                continue
            out.append(fold(words[i]))
            i += 1
    assert negation.unsaid(text) == " ".join(out)


def test_the_answer_words_deny_by_the_one_word_negations_of_the_negation_file() -> None:
    from knowledge.answers import _negation_words

    # "ko", "k", "hok" are spelt "không": one word each, whatever way it is typed
    assert sorted(w.accented for w in _negation_words()) == ["chưa", "chẳng", "không"]


def test_a_negation_typed_short_denies_the_word_after_it_in_a_question() -> None:
    from knowledge.answers import default_words

    assert default_words().denials("hoa giai ko thanh") == ["!thanh"]
    assert default_words().denials("hòa giải thành") == []
