"""The whole text of each procedure read against a message, and the matcher's steps that use it."""

from __future__ import annotations

import pickle

import pytest

from knowledge.base import KnowledgeBase
from knowledge.body import BodyIndex, BodyWeights, procedure_texts
from knowledge.matcher import Candidate, Matcher, Outcome

SOCIAL = "tro-cap-xa-hoi-hang-thang"  # the monthly allowance of social protection
PENSION = "tro-cap-huu-tri-xa-hoi"  # the social pension of the elderly without a pension
GUARDIAN = "dang-ky-cham-dut-giam-ho"  # ending a guardianship
SHOP = "cham-dut-hoat-dong-ho-kinh-doanh"  # closing a household business
CLOSING = (
    "Tôi có hộ kinh doanh tiệm sửa xe máy mở từ năm 2017 ở đầu chợ, giờ sức khỏe yếu nên muốn "
    "đóng cửa hẳn, không buôn bán nữa, vậy muốn chấm dứt thì làm sao?"
)
GRANDMA = (
    "Bà nội em năm nay 77 tuổi, không có lương hưu, ở với con cháu. "
    "Em muốn hỏi bà có được nhận tiền trợ cấp hằng tháng không ạ?"
)


def reading(matcher: Matcher, text: str) -> dict[str, float]:
    assert matcher.body is not None
    norm = matcher.normalizer.normalize(text)
    return matcher.body.weigh(norm.tokens, matcher.normalizer.lexicon.light, (), 1.0)


def test_a_procedure_is_read_by_its_faq_and_documents_too(kb: KnowledgeBase) -> None:
    proc = kb.procedures[SOCIAL]
    texts = dict(procedure_texts(proc, BodyWeights(named=2.0, asked=3.0, body=1.0)))
    assert texts[proc.faq[0].questions[0]] == 3.0
    assert texts[proc.applicants[0]] == 1.0
    assert texts[next(d.when for d in proc.documents.items if d.when)] == 1.0
    assert texts[proc.aliases[0]] == 2.0


def test_what_only_one_text_says_tells_two_siblings_apart(matcher: Matcher) -> None:
    assert matcher.body is not None
    feats = reading(matcher, CLOSING)
    apart = matcher.body.tells_apart(feats, GUARDIAN, SHOP)
    assert apart > matcher.config.body_margin
    assert matcher.body.tells_apart(feats, SHOP, GUARDIAN) == pytest.approx(-apart)


def test_what_both_texts_say_tells_nothing(matcher: Matcher) -> None:
    assert matcher.body is not None
    feats = reading(matcher, "chấm dứt")
    assert matcher.body.tells_apart(feats, GUARDIAN, SHOP) == 0.0


def test_a_close_runner_up_whose_text_says_more_takes_the_first_place(matcher: Matcher) -> None:
    norm = matcher.normalizer.normalize(CLOSING)
    scores = {GUARDIAN: 0.5, SHOP: 0.45}
    assert matcher._tell_apart(norm, matcher.read(norm), scores) == SHOP  # offered, not answered
    assert scores == {SHOP: 0.5, GUARDIAN: 0.45}


def test_a_short_question_is_ordered_by_its_phrases_alone(matcher: Matcher) -> None:
    norm = matcher.normalizer.normalize("hộ kinh doanh đóng cửa hẳn muốn chấm dứt")
    scores = {GUARDIAN: 0.5, SHOP: 0.45}
    assert matcher._tell_apart(norm, matcher.read(norm), scores) == ""
    assert scores == {GUARDIAN: 0.5, SHOP: 0.45}


def test_a_far_runner_up_keeps_its_place(matcher: Matcher) -> None:
    norm = matcher.normalizer.normalize(CLOSING)
    scores = {GUARDIAN: 0.5, SHOP: 0.2}
    assert matcher._tell_apart(norm, matcher.read(norm), scores) == ""
    assert scores == {GUARDIAN: 0.5, SHOP: 0.2}


def test_the_best_whose_text_says_more_keeps_its_place(matcher: Matcher) -> None:
    norm = matcher.normalizer.normalize(CLOSING)
    scores = {SHOP: 0.5, GUARDIAN: 0.45}
    assert matcher._tell_apart(norm, matcher.read(norm), scores) == ""
    assert scores == {SHOP: 0.5, GUARDIAN: 0.45}


def test_a_letter_reads_best_against_the_procedure_it_tells_of(matcher: Matcher) -> None:
    norm = matcher.normalizer.normalize(GRANDMA)
    query = matcher.read(norm)
    assert matcher._reads_best(norm, query, PENSION)
    assert not matcher._reads_best(norm, query, SOCIAL)


def test_a_short_question_is_not_read_whole(matcher: Matcher) -> None:
    norm = matcher.normalizer.normalize("trợ cấp hưu trí xã hội")
    assert not matcher._reads_best(norm, matcher.read(norm), PENSION)


def test_a_message_saying_nothing_any_text_says_reads_best_nowhere(matcher: Matcher) -> None:
    assert matcher.body is not None
    assert matcher.body.best_read({}, 24, 24) == ""


def weak_letter(matcher: Matcher) -> list[Candidate]:
    """A letter's best at 0.2, 1.25 times the runner-up: under every other letter rule."""
    names = matcher.index.names
    return [Candidate(PENSION, names[PENSION], 0.2, ""), Candidate(SOCIAL, names[SOCIAL], 0.16, "")]


def test_a_weak_letter_best_that_reads_best_of_all_is_offered(matcher: Matcher) -> None:
    outcome = matcher._decide(weak_letter(matcher), letter=True, agreed=lambda: True)
    assert outcome is Outcome.CLARIFY


def test_a_weak_letter_best_the_whole_text_does_not_agree_on_is_given_up(
    matcher: Matcher,
) -> None:
    outcome = matcher._decide(weak_letter(matcher), letter=True, agreed=lambda: False)
    assert outcome is Outcome.UNMET


def test_a_letter_best_just_ahead_that_reads_best_of_all_is_offered(matcher: Matcher) -> None:
    names = matcher.index.names
    close = [
        Candidate(PENSION, names[PENSION], 0.2, ""),
        Candidate(SOCIAL, names[SOCIAL], 0.18, ""),
    ]
    assert matcher._decide(close, letter=True, agreed=lambda: True) is Outcome.CLARIFY
    assert matcher._decide(close, letter=True, agreed=lambda: False) is Outcome.UNMET


def test_a_letter_whose_two_readings_agree_is_offered_its_best_with_a_sibling_close(
    matcher: Matcher,
) -> None:
    text = (
        "Chào cán bộ. Tôi có một sổ tiết kiệm gửi từ năm 2012, lúc đó dùng chứng minh thư 9 số. "
        "Nay tôi đã đổi sang căn cước 12 số, ra ngân hàng rút tiền thì nhân viên bảo số giấy tờ "
        "không khớp, yêu cầu tôi mang giấy xác nhận hai số đó là của cùng một người. "
        "Tôi xin giấy đó ở đâu?"
    )
    result = matcher.match(text)
    best, runner_up = result.candidates[:2]
    assert best.id == "xac-nhan-so-cmnd-9-so"
    assert best.score < 1.15 * runner_up.score  # close behind: only the agreement offers it
    assert result.outcome is Outcome.CLARIFY


def test_a_lost_wallet_letter_is_offered_its_card_when_both_readings_agree(
    matcher: Matcher,
) -> None:
    text = (
        "Dạ em chào anh chị. Tối qua em đi chợ đêm, chen lấn đông quá nên bị rạch balo, mất cái "
        "ví trong đó có thẻ căn cước với ít tiền. Em đã báo công an khu vực rồi. "
        "Giờ em muốn làm lại thẻ ạ."
    )
    result = matcher.match(text)
    assert result.outcome is Outcome.CLARIFY
    assert result.best is not None and result.best.id == "cap-lai-the-can-cuoc"


def test_the_whole_text_survives_the_cache(matcher: Matcher) -> None:
    again = pickle.loads(pickle.dumps(matcher))
    assert again.body is not None
    assert again.match(GRANDMA).candidates == matcher.match(GRANDMA).candidates


def test_a_synthetic_base_shares_one_reading_per_copied_text(kb: KnowledgeBase) -> None:
    proc = kb.procedures[PENSION]
    copy = proc.model_copy(update={"id": f"{PENSION}-copy"})
    body = BodyIndex.build([proc, copy], Matcher.build([proc]).normalizer)
    assert body.said[PENSION] is body.said[copy.id]


def test_the_topics_a_procedure_owns_are_those_of_its_papers_and_charges(
    matcher: Matcher,
) -> None:
    """The income tax is a charge of a transfer of land, the hospital's birth certificate a
    paper of a birth registration; the call-up its first military registration only speaks of
    in passing is none of its own."""
    assert matcher.body is not None
    topics = matcher.body.topics
    assert "thue_thu_nhap_ca_nhan" in topics["dang-ky-bien-dong-chuyen-nhuong-thua-ke-tang-cho"]
    assert "giay_chung_sinh" in topics["dang-ky-khai-sinh"]
    assert "nhap_ngu" not in topics["dang-ky-nghia-vu-quan-su-lan-dau"]


def test_names_read_by_the_phrase_index_make_the_same_whole_text(kb: KnowledgeBase) -> None:
    procs = [kb.procedures[PENSION], kb.procedures[SOCIAL], kb.procedures[SHOP]]
    matcher = Matcher.build(procs)
    folded = {phrase.text: phrase.folded for phrase in matcher.index.phrases}
    again = BodyIndex.build(procs, matcher.normalizer, folded=folded)
    fresh = BodyIndex.build(procs, matcher.normalizer)
    assert again.idf == fresh.idf
    assert again.said == fresh.said
    assert {f: (list(p), list(a)) for f, (p, a) in again.postings.items()} == {
        f: (list(p), list(a)) for f, (p, a) in fresh.postings.items()
    }


def test_a_text_already_read_is_not_read_again(kb: KnowledgeBase) -> None:
    proc = kb.procedures[PENSION]
    normalizer = Matcher.build([proc]).normalizer
    body = BodyIndex.build([proc], normalizer, folded={proc.name: ("khac", "han")})
    assert {"khac", "han", "khac_han"} <= body.said[PENSION]
    assert "khac_han" not in BodyIndex.build([proc], normalizer).said[PENSION]
