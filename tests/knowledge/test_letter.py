"""Reading a citizen's letter: greeting and sign-off dropped, asking and telling sentences."""

from __future__ import annotations

from dataclasses import replace

import pytest

from knowledge.base import KnowledgeBase
from knowledge.letter import Sentence, default_cues
from knowledge.matcher import Candidate, MatchConfig, Matcher, Outcome
from knowledge.normalize import default_normalizer

STORY = (
    "Bố tôi mất năm ngoái. Cả nhà rất buồn, mẹ tôi ốm nặng, anh em tôi làm ăn xa, nhà cửa "
    "xuống cấp. Giờ tôi muốn sang tên sổ đỏ của bố cho mẹ thì làm thế nào?"
)


def test_greeting_and_signoff_are_dropped() -> None:
    read = default_cues().read(
        "Kính chào luật sư, bố tôi mất năm ngoái. Xin hỏi thủ tục khai tử thế nào? "
        "Tôi xin chân thành cảm ơn."
    )
    assert read == [
        Sentence("bố tôi mất năm ngoái.", asks=False),
        Sentence("Xin hỏi thủ tục khai tử thế nào?", asks=True),
    ]


def test_a_greeting_clause_that_goes_on_is_a_sentence_of_its_own() -> None:
    read = default_cues().read("Chào bạn, mình muốn đăng ký tạm trú cho người thuê trọ")
    assert [s.text for s in read] == ["mình muốn đăng ký tạm trú cho người thuê trọ"]


def test_a_dot_between_digits_does_not_end_a_sentence() -> None:
    read = default_cues().read("Lương cơ sở là 1.210.000 đồng. Tôi được hưởng bao nhiêu?")
    assert [s.text for s in read] == [
        "Lương cơ sở là 1.210.000 đồng.",
        "Tôi được hưởng bao nhiêu?",
    ]


def test_a_dot_inside_a_word_does_not_end_a_sentence() -> None:
    read = default_cues().read("Tôi ở TP.HCM, đọc trên ANTD.VN thấy vậy. Hỏi thế nào?")
    assert [s.text for s in read] == ["Tôi ở TP.HCM, đọc trên ANTD.VN thấy vậy.", "Hỏi thế nào?"]


def test_a_short_preamble_before_a_colon_is_dropped() -> None:
    read = default_cues().read("Bạn đọc hỏi: tôi lấy chồng người Hàn Quốc.")
    assert read == [Sentence("tôi lấy chồng người Hàn Quốc.", asks=False)]


def test_the_sentences_of_the_story_are_flagged_when_the_letter_asks() -> None:
    norm = default_normalizer().normalize(STORY)
    told = {t.folded for t in norm.tokens if t.told}
    asked = {t.folded for t in norm.tokens if not t.told}
    assert {"buon", "om"} <= told
    assert {"sang", "ten"} <= asked


def test_a_word_folded_like_an_asking_word_does_not_ask() -> None:
    # "xã hội", "lễ hội" fold to the "hoi" of "hỏi"
    read = default_cues().read("Mẹ tôi hưởng trợ cấp xã hội. Xin hỏi mẹ có được mai táng phí?")
    assert [s.asks for s in read] == [False, True]


def test_an_unaccented_asking_word_still_asks() -> None:
    read = default_cues().read("me toi huong tro cap. cho toi hoi thu tuc")
    assert [s.asks for s in read] == [False, True]


def test_an_asking_phrase_does_not_run_across_a_comma() -> None:
    # "nói được, không tự ăn" says "được" and "không" in two clauses: nothing is asked
    read = default_cues().read("con toi chua noi duoc, khong tu an uong. cho toi hoi tro cap")
    assert [s.asks for s in read] == [False, True]


def test_an_unaccented_phrase_folded_like_an_asking_one_does_not_ask() -> None:
    read = default_cues().read(
        "anh ay chua lam thu hoi bien so. tren dat co can nha cap 4. cho minh hoi sang ten"
    )
    assert [s.asks for s in read] == [False, False, True]


def test_an_unaccented_asking_phrase_beside_those_still_asks() -> None:
    read = default_cues().read("toi co can nha. sau nay co can giay phep gi khong")
    assert [s.asks for s in read] == [False, True]


def test_nothing_done_yet_is_told_not_asked() -> None:
    read = default_cues().read("Hai vợ chồng chưa làm thủ tục gì cả. Cần làm thủ tục gì?")
    assert [s.asks for s in read] == [False, True]


def test_what_to_do_still_asks_without_a_question_mark() -> None:
    read = default_cues().read("Bố tôi mất tuần trước. Gia đình cần làm thủ tục gì")
    assert [s.asks for s in read] == [False, True]


def test_a_single_sentence_is_never_a_story() -> None:
    norm = default_normalizer().normalize("bố tôi mất năm ngoái, làm khai tử thế nào")
    assert not any(t.told for t in norm.tokens)


def test_two_sentences_are_read_whole() -> None:
    # the story of a short question tells siblings apart: a foreigner's death
    norm = default_normalizer().normalize(
        "Chồng tôi quốc tịch Úc, vừa qua đời. Tôi phải làm khai tử ở đâu?"
    )
    assert not any(t.told for t in norm.tokens)


def test_a_letter_of_questions_only_is_no_story() -> None:
    norm = default_normalizer().normalize("Khai tử làm ở đâu? Cần giấy tờ gì?")
    assert not any(t.told for t in norm.tokens)


def test_the_story_weighs_less_than_what_is_asked(kb: KnowledgeBase, matcher: Matcher) -> None:
    flat = Matcher.build(
        kb.procedures.values(), config=replace(matcher.config, told_share=1.0)
    ).match(STORY)
    result = matcher.match(STORY)
    assert result.best is not None and flat.best is not None
    assert result.best.id == flat.best.id == "dang-ky-bien-dong-chuyen-nhuong-thua-ke-tang-cho"
    assert result.best.score > flat.best.score


def test_a_story_under_a_question_naming_nothing_is_the_question(matcher: Matcher) -> None:
    weights = {"sang_ten": 1.0, "buon": 3.0}
    credit = dict(weights)
    matcher._weigh_told(weights, credit, {"buon"})
    assert weights == {"sang_ten": 1.0, "buon": 3.0}


def test_story_words_keep_a_share_when_the_question_names_something(matcher: Matcher) -> None:
    weights = {"sang_ten": 3.0, "buon": 3.0}
    credit = dict(weights)
    matcher._weigh_told(weights, credit, {"buon"})
    share = matcher.config.told_share
    assert weights == {"sang_ten": 3.0, "buon": 3.0 * share}
    assert credit == weights


def candidates(*scores: float) -> list[Candidate]:
    return [Candidate(f"p{i}", "", s, "", 0.2) for i, s in enumerate(scores)]


def test_a_letter_with_a_clear_leader_is_offered(matcher: Matcher) -> None:
    assert matcher._decide(candidates(0.3, 0.1), letter=True) is Outcome.CLARIFY


def test_a_short_question_with_that_score_is_not(matcher: Matcher) -> None:
    assert matcher._decide(candidates(0.3, 0.1), letter=False) is Outcome.UNMET


def test_a_letter_needs_no_bigger_lead_than_a_question_does(matcher: Matcher) -> None:
    # a lead of a third over the runner-up is clear in a letter as in a short question
    assert matcher._decide(candidates(0.3, 0.225), letter=True) is Outcome.CLARIFY


def test_a_letter_without_a_clear_leader_is_not_offered(matcher: Matcher) -> None:
    assert matcher._decide(candidates(0.3, 0.25), letter=True) is Outcome.UNMET


def test_a_long_message_far_ahead_of_the_rest_is_offered_from_a_lower_score(
    matcher: Matcher,
) -> None:
    assert matcher._decide(candidates(0.31, 0.15), long=True) is Outcome.CLARIFY


def test_a_long_message_only_a_little_ahead_is_not_offered_from_that_score(
    matcher: Matcher,
) -> None:
    assert matcher._decide(candidates(0.31, 0.2), long=True) is Outcome.UNMET


def test_a_letter_naming_an_uncovered_topic_is_not_offered(matcher: Matcher) -> None:
    assert matcher._decide(candidates(0.3, 0.1), uncovered=True, letter=True) is Outcome.UNMET


@pytest.mark.parametrize(
    "text",
    [
        "tôi muốn hỏi " * 300,  # very long, no punctuation
        "?!.,;\n" * 300,
        "Dear sir. I lost my wallet. Xin hỏi làm lại căn cước ở đâu?",
        "1. mất ví\n2. mất căn cước\n3. mất bằng lái\nlàm lại thế nào?",
    ],
)
def test_bad_input_never_crashes(matcher: Matcher, text: str) -> None:
    result = matcher.match(text[:2000])
    assert result.outcome in set(Outcome)


def test_a_long_message_with_a_clear_leader_is_offered(matcher: Matcher) -> None:
    assert matcher._decide(candidates(0.35, 0.2), long=True) is Outcome.CLARIFY


def test_a_long_message_with_a_weak_leader_is_not(matcher: Matcher) -> None:
    assert matcher._decide(candidates(0.28, 0.1), long=True) is Outcome.UNMET


def test_a_long_message_without_a_clear_lead_is_not(matcher: Matcher) -> None:
    assert matcher._decide(candidates(0.35, 0.3), long=True) is Outcome.UNMET


def test_a_pair_said_twice_is_looked_up_before_rarer_words_said_once(matcher: Matcher) -> None:
    postings = matcher.index.postings
    pair = "khai_tu"
    named = set(postings[pair][: matcher.config.max_postings])
    # a story's rare words, each said once, met by none of the phrases the pair names
    story = [f for f, p in postings.items() if len(p) == 1 and not named & set(p)]
    weights = dict.fromkeys(story[: matcher.config.max_features], 4.0) | {pair: 2.3}
    assert not named & set(matcher._gather(weights))
    assert named & set(matcher._gather(weights, {pair}))


def test_a_letter_repeating_a_pair_marks_it(matcher: Matcher) -> None:
    text = "Chúng tôi muốn kết hôn. Xin hỏi đăng ký kết hôn ở đâu?"
    assert "ket_hon" in matcher.read(matcher.normalizer.normalize(text)).repeated


def test_a_text_saying_each_pair_once_repeats_nothing(matcher: Matcher) -> None:
    query = matcher.read(matcher.normalizer.normalize("đăng ký kết hôn ở đâu"))
    assert query.repeated == frozenset()


def test_the_names_of_people_a_letter_tells_about_are_dropped() -> None:
    cues = default_cues()
    assert cues.without_names("Mẹ của ông Phạm Văn Lực hỏi, mẹ ông có được hưởng") == (
        "Mẹ của ông  hỏi, mẹ ông có được hưởng"
    )
    assert cues.without_names("Bố tôi là liệt sĩ Dương Văn Đức. Bà Hạnh hỏi") == (
        "Bố tôi là liệt sĩ . Bà  hỏi"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Cho Em Hỏi Thủ Tục Làm Căn Cước Cho Con",  # title case: capitals tell nothing
        "mẹ tôi là Bà Mẹ Việt Nam anh hùng",  # a title of honour, no name
        "tôi là con của bà\nTôi muốn hỏi thủ tục khai tử",  # a new line, not a name
        "ông tôi mất, bà tôi hưởng trợ cấp",  # no capitals after the titles
        "tôi gặp ông Trưởng phòng tư pháp",  # an office, no name
    ],
)
def test_what_is_no_name_is_kept(text: str) -> None:
    assert default_cues().without_names(text) == text


def test_a_name_is_not_read_as_a_word_of_the_question() -> None:
    text = (
        "Mẹ của ông Phạm Văn Lực được hưởng chế độ đối với người khuyết tật. Từ tháng 10, mẹ "
        "ông được hưởng thêm chế độ tử tuất. Tháng 5, mẹ ông bị cắt chế độ người khuyết tật. "
        "Ông Lực hỏi, mẹ ông có được hưởng cả 2 chế độ trên không?"
    )
    assert "luc" not in default_normalizer().normalize(text).folded.split()


# A letter given up on that asks a part of its best procedure (where, what it costs) and names
# that procedure's core in its asking sentences, naming no uncovered topic, is offered that
# procedure (``Matcher._asks_its_part``); a story naming an uncovered topic, or an asking part
# that asks no part of a procedure, leaves it given up.
LOST_CARD_STORY = (
    "Dạ em chào anh chị. Tối qua em đi chợ đêm, chen lấn đông quá nên bị rạch balo, mất cái ví "
    "trong đó có thẻ căn cước với {what}. Em đã báo công an khu vực rồi. "
)


def test_a_letter_asking_where_to_remake_its_card_is_offered_the_card(matcher: Matcher) -> None:
    asked = "Giờ em muốn làm lại thẻ thì làm ở đâu, có tốn phí không ạ?"
    text = LOST_CARD_STORY.format(what="ít tiền") + asked
    result = matcher.match(text)
    assert result.outcome is Outcome.CLARIFY
    assert result.best is not None and result.best.id == "cap-lai-the-can-cuoc"


def test_an_uncovered_topic_in_the_story_leaves_the_letter_given_up(matcher: Matcher) -> None:
    story = LOST_CARD_STORY.format(what="tiền lương tháng này")
    text = story + "Giờ em muốn làm lại thẻ thì làm ở đâu, có tốn phí không ạ?"
    assert matcher.match(text).outcome is Outcome.UNMET


@pytest.fixture(scope="module")
def parts_only(kb: KnowledgeBase) -> Matcher:
    """The rules of a letter's parts and asking sentences alone: the whole text's agreement
    (``_reads_best``) offers the lost card below its card (tests/knowledge/test_body.py)."""
    return Matcher.build(kb.procedures.values(), config=MatchConfig(agreed_min=1.0))


def test_a_letter_that_asks_no_part_of_the_procedure_stays_given_up(parts_only: Matcher) -> None:
    text = LOST_CARD_STORY.format(what="ít tiền") + "Giờ em muốn làm lại thẻ ạ."
    assert parts_only.match(text).outcome is Outcome.UNMET


def test_a_letter_asking_a_part_by_its_core_is_not_matched_again_by_its_asking_part(
    matcher: Matcher,
) -> None:
    """What settles it is read off the letter's own reading: its asking sentences are not
    matched a second time on their own."""
    text = LOST_CARD_STORY.format(what="ít tiền lẻ") + "Giờ em muốn làm lại thẻ thì làm ở đâu?"
    matcher._recent.cache_clear()  # a cache filled by earlier tests would hide a second match
    result = matcher.match(text)
    assert result.outcome is Outcome.CLARIFY
    assert matcher._recent.cache_info().misses == 1  # the letter alone


def test_a_letter_asking_no_part_has_its_asking_sentences_matched_on_their_own(
    parts_only: Matcher,
) -> None:
    text = LOST_CARD_STORY.format(what="ít tiền lẻ") + "Giờ em muốn làm lại thẻ luôn ạ."
    parts_only._recent.cache_clear()
    assert parts_only.match(text).outcome is Outcome.UNMET
    assert parts_only._recent.cache_info().misses == 2  # the letter, then its question


def test_what_the_citizen_heard_of_is_asked() -> None:
    """A sentence saying "tôi nghe nói phải đăng ký hộ kinh doanh" names what the letter asks;
    what one heard happens without something is a belief it goes on to ask about."""
    read = default_cues().read(
        "Tôi định mở quán cà phê trước nhà. Tôi nghe nói phải đăng ký hộ kinh doanh. "
        "Nghe nói không có giấy kết hôn thì con phải theo họ mẹ."
    )
    assert [s.asks for s in read] == [False, True, False]
    assert default_cues().read("minh nghe noi duoc ho tro tien hoc")[0].asks


def test_a_letter_asks_what_it_heard_must_be_done(matcher: Matcher) -> None:
    result = matcher.match(
        "Chào anh chị. Vợ chồng tôi định mở một quán cà phê nhỏ ngay trước nhà, bán cả ngày. "
        "Con gái tôi sẽ phụ bán buổi tối. Tôi nghe nói phải đăng ký hộ kinh doanh. Sau này có "
        "thuê thêm người thì có cần giấy phép gì khác không?"
    )
    assert result.outcome is not Outcome.UNMET
    assert result.best is not None and result.best.id == "dang-ky-thanh-lap-ho-kinh-doanh"


def test_a_marriage_abroad_entered_in_the_register_is_no_divorce(matcher: Matcher) -> None:
    result = matcher.match(
        "Tôi lấy chồng người Đài Loan, hai đứa cưới và đăng ký ở bên đó năm 2021. Nay tôi về quê "
        "sống. Nghe nói phải ghi vào sổ hộ tịch ở Việt Nam. Làm ở đâu, mất mấy ngày?"
    )
    assert result.best is not None and result.best.id == "ghi-chu-ket-hon-o-nuoc-ngoai"


def test_a_charge_of_the_procedure_asked_about_does_not_hold_a_letter_back(
    matcher: Matcher,
) -> None:
    """The income tax is assessed when land changes hands (a charge of the transfer): a letter
    asking whether it is due on the land it wants in its name is offered the transfer."""
    result = matcher.match(
        "Chào anh chị. Mẹ tôi mất năm ngoái để lại mảnh đất ở quê. Các anh em đã thỏa thuận để "
        "tôi đứng tên. Giờ tôi muốn sang tên thì có phải nộp thuế thu nhập cá nhân không ạ?"
    )
    assert result.outcome is Outcome.CLARIFY
    assert result.best is not None
    assert result.best.id == "dang-ky-bien-dong-chuyen-nhuong-thua-ke-tang-cho"


def test_a_topic_the_procedure_names_itself_does_not_hold_it_back(matcher: Matcher) -> None:
    """A visa is what a criminal record extract is often asked for (a phrase of the procedure
    names it): a letter asking the extract for a visa is offered it; a tax return of a wage
    earner names no procedure's own topic and is given up."""
    record = matcher.match(
        "Chào anh chị. Tôi năm nay 30 tuổi, quê Nghệ An. Bên đối tác ở Hàn yêu cầu giấy chứng "
        "nhận không tiền án tiền sự để tôi xin visa sang đó. Tôi làm ở đâu, mất mấy ngày ạ?"
    )
    assert record.outcome is not Outcome.UNMET
    assert record.best is not None and record.best.id == "cap-phieu-ly-lich-tu-phap"
    wages = matcher.match(
        "Chào anh chị, tôi làm công ăn lương ở công ty may được 3 năm, năm nay công ty không "
        "quyết toán giùm. Tôi muốn tự khai thuế thu nhập cá nhân thì nộp ở đâu, có làm online "
        "được không ạ?"
    )
    assert wages.outcome is Outcome.UNMET
