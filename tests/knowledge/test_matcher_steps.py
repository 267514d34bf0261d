"""The matcher's scoring steps, each on its own: what share of a phrase's score it keeps."""

from __future__ import annotations

import pytest

from knowledge.base import KnowledgeBase
from knowledge.matcher import (
    Candidate,
    MatchConfig,
    Matcher,
    Outcome,
    PhraseHit,
    Query,
    accent_agreement,
    age_fits,
    age_rule,
    ages_said,
    off_tone,
    only_as_purpose,
    other_topic,
    short_recall,
    tied_markers,
    unnamed_object,
    untold,
    weigh_age,
)


def query(matcher: Matcher, text: str) -> Query:
    return matcher.read(matcher.normalizer.normalize(text))


def hit(matcher: Matcher, q: Query, phrase_text: str) -> PhraseHit:
    """The question meeting the phrase of that text, as the pipeline measures it."""
    i = next(n for n, p in enumerate(matcher.index.phrases) if p.text == phrase_text)
    phrase = matcher.index.phrases[i]
    hits = frozenset(q.credit) & phrase.features
    matched = sum(q.credit[f] for f in hits)
    core = matcher._core.get(phrase.procedure_id, frozenset())
    named = sum(q.credit[f] for f in core & q.asked)
    return PhraseHit(i, phrase.procedure_id, hits, matched, matched / phrase.weight, named)


def test_short_recall_lowers_a_phrase_barely_covered(matcher: Matcher) -> None:
    q = query(matcher, "vay ngân hàng")
    h = hit(matcher, q, "xin trích lục giấy đăng ký kết hôn để vay ngân hàng")
    assert h.recall < matcher.config.min_recall
    assert short_recall(matcher, q, h) == pytest.approx(h.recall / matcher.config.min_recall)


def test_short_recall_keeps_a_phrase_well_covered(matcher: Matcher) -> None:
    q = query(matcher, "mất căn cước")
    assert short_recall(matcher, q, hit(matcher, q, "mất căn cước")) == 1.0


def test_unnamed_object_lowers_a_situation_without_its_object(matcher: Matcher) -> None:
    q = query(matcher, "mất ví")
    h = hit(matcher, q, "bị trộm ví mất bằng lái")
    assert unnamed_object(matcher, q, h) == matcher.config.object_penalty


def test_unnamed_object_keeps_a_question_naming_the_object(matcher: Matcher) -> None:
    q = query(matcher, "bị trộm ví mất bằng lái xe")
    assert unnamed_object(matcher, q, hit(matcher, q, "bị trộm ví mất bằng lái")) == 1.0


def test_other_topic_lowers_a_procedure_not_about_the_topic(matcher: Matcher) -> None:
    q = query(matcher, "xin visa đi nước ngoài")
    h = hit(matcher, q, "mất căn cước")
    assert other_topic(matcher, q, h) == matcher.config.topic_penalty


def test_other_topic_keeps_a_procedure_whose_phrase_names_the_topic(matcher: Matcher) -> None:
    q = query(matcher, "lý lịch tư pháp xin visa")
    assert other_topic(matcher, q, hit(matcher, q, "lý lịch tư pháp xin visa")) == 1.0


def test_other_topic_is_no_step_without_a_topic(matcher: Matcher) -> None:
    q = query(matcher, "mất căn cước")
    assert other_topic(matcher, q, hit(matcher, q, "mất căn cước")) == 1.0


def test_untold_lowers_a_phrase_whose_telling_word_is_not_said(matcher: Matcher) -> None:
    q = query(matcher, "làm căn cước")
    h = hit(matcher, q, "mất căn cước làm lại ở đâu")
    assert untold(matcher, q, h) == matcher.config.marker_penalty


def test_untold_keeps_a_phrase_whose_telling_word_is_said(matcher: Matcher) -> None:
    q = query(matcher, "cấp lại căn cước")
    assert untold(matcher, q, hit(matcher, q, "mất căn cước làm lại ở đâu")) == 1.0


def test_accent_agreement_keeps_all_when_every_accented_word_is_the_procedures(
    matcher: Matcher,
) -> None:
    q = query(matcher, "mất căn cước")
    assert accent_agreement(matcher, q, "cap-lai-the-can-cuoc") == pytest.approx(1.0)


def test_accent_agreement_lowers_a_procedure_using_none_of_them(matcher: Matcher) -> None:
    q = query(matcher, "mất căn cước")
    kept = accent_agreement(matcher, q, "dang-ky-ket-hon")
    assert kept == pytest.approx(1 - matcher.config.accent_share)


def test_off_tone_withholds_credit_from_a_syllable_the_phrase_tones_otherwise(
    matcher: Matcher,
) -> None:
    q = query(matcher, "giá vàng hôm nay")
    h = hit(matcher, q, "báo tạm vắng")
    assert off_tone(matcher, q, h.index, h.hits) > 0


def test_off_tone_forgives_a_slip_within_a_pair_the_phrase_has(matcher: Matcher) -> None:
    q = query(matcher, "tạm vằng")
    h = hit(matcher, q, "báo tạm vắng")
    assert off_tone(matcher, q, h.index, h.hits) == 0


def test_off_tone_leaves_a_well_toned_syllable(matcher: Matcher) -> None:
    q = query(matcher, "báo tạm vắng")
    h = hit(matcher, q, "báo tạm vắng")
    assert off_tone(matcher, q, h.index, h.hits) == 0


def test_an_age_said_reads_apart_from_an_age_rule() -> None:

    assert ages_said("làm căn cước cho con 15 tuổi cần gì") == [15]
    assert ages_said("căn cước cho người dưới 14 tuổi") == []  # a rule, not an age
    assert age_rule("Cấp thẻ Căn cước cho người từ đủ 14 tuổi trở lên") == ("tu du", 14)
    assert age_fits(14, ("tu du", 14)) and not age_fits(14, ("duoi", 14))


def test_an_age_said_lowers_the_procedure_whose_age_rule_it_fails(matcher: Matcher) -> None:
    older = matcher.match("làm căn cước cho con 15 tuổi")
    younger = matcher.match("làm căn cước cho con 9 tuổi")
    assert older.best and older.best.id == "cap-the-can-cuoc-tu-du-14-tuoi"
    assert younger.best and younger.best.id == "cap-the-can-cuoc-duoi-14-tuoi"
    scores = {c.id: c.score for c in older.candidates}
    assert scores.get("cap-the-can-cuoc-duoi-14-tuoi", 0.0) < 0.5 * scores[older.best.id]


STORY = (
    "Năm ngoái tôi sinh con và đã hưởng chế độ thai sản. Sau đó công ty nợ lương nên hợp đồng "
    "lao động chấm dứt. Công ty đã trả sổ cho tôi. "
)


def test_a_letter_whose_asking_sentence_alone_is_answered_offers_its_best(
    matcher: Matcher,
) -> None:
    text = STORY + "Tôi phải làm gì để được nhận BHXH một lần?"
    result = matcher.match(text)
    assert matcher._asked_alone(text, result.candidates)
    assert result.outcome is Outcome.CLARIFY
    assert result.best is not None and result.best.id == "huong-bao-hiem-xa-hoi-mot-lan"


def test_a_letter_whose_asking_sentence_names_nothing_is_not_offered_by_it(
    matcher: Matcher,
) -> None:
    text = STORY + "Tôi phải chờ đến bao giờ?"
    assert not matcher._asked_alone(text, matcher.match(text).candidates)


def test_a_single_question_is_no_letter_to_read_apart(matcher: Matcher) -> None:
    text = "Tôi phải làm gì để được nhận BHXH một lần?"
    assert not matcher._asked_alone(text, matcher.match(text).candidates)


def test_a_letter_whose_best_is_too_weak_is_not_read_again(kb: KnowledgeBase) -> None:
    strict = Matcher.build(kb.procedures.values(), config=MatchConfig(alone_min=0.9))
    text = STORY + "Tôi phải làm gì để được nhận BHXH một lần?"
    assert not strict._asked_alone(text, strict.match(text).candidates)
    assert strict.match(text).outcome is Outcome.UNMET


def test_an_account_of_another_service_is_not_the_locking_of_the_electronic_id(
    matcher: Matcher,
) -> None:
    # "khóa" tells the lock apart: a question saying none of it is not answered with it
    assert matcher.match("đăng ký tài khoản facebook").outcome is not Outcome.ANSWER
    locked = matcher.match("tài khoản vneid bị khóa")
    assert locked.outcome is Outcome.ANSWER
    assert locked.best is not None and locked.best.id == "khoa-mo-khoa-can-cuoc-dien-tu"


def test_an_age_alone_does_not_pull_a_procedure_named_with_it(matcher: Matcher) -> None:
    result = matcher.match(
        "cháu tôi 17 tuổi nghiện ma túy, nhà muốn cho cai tại gia thì đăng ký sao"
    )
    assert result.best is not None and result.best.id == "dang-ky-cai-nghien-ma-tuy-tu-nguyen"
    offered = [c.id for c in matcher.clarify_options(result)]
    assert "dang-ky-nghia-vu-quan-su-lan-dau" not in offered


def test_an_age_beside_the_procedures_core_still_answers_it(matcher: Matcher) -> None:
    result = matcher.match("con tôi đủ 17 tuổi, đăng ký nghĩa vụ quân sự ở đâu")
    assert result.outcome is not Outcome.UNMET and result.best is not None
    assert result.best.id == "dang-ky-nghia-vu-quan-su-lan-dau"


def test_a_childs_age_in_a_guardianship_story_hardly_scores_an_identity_card(
    matcher: Matcher,
) -> None:
    result = matcher.match(
        "Chị dâu tôi mất năm kia, anh tôi bỏ đi biệt tích, cháu 9 tuổi giờ ở với tôi. "
        "Tôi muốn làm giám hộ cho cháu để lo giấy tờ đi học thì thế nào?"
    )
    scores = {c.id: c.score for c in result.candidates}
    assert result.best is not None and result.best.id == "dang-ky-giam-ho"
    assert scores.get("cap-the-can-cuoc-duoi-14-tuoi", 0.0) < 0.4 * scores["dang-ky-giam-ho"]


def _scored(*pairs: tuple[str, float]) -> list[Candidate]:
    return [Candidate(pid, pid, score, "", 0.3) for pid, score in pairs]


def test_a_long_message_split_between_related_procedures_is_offered(matcher: Matcher) -> None:
    scored = _scored(
        ("giai-quyet-tranh-chap-dat-dai-cap-xa", 0.35),
        ("hoa-giai-tranh-chap-dat-dai", 0.3),
        ("huong-che-do-thai-san", 0.07),
    )
    assert matcher._decide(scored, long=True) is Outcome.CLARIFY


def test_a_long_message_split_between_unrelated_procedures_is_given_up(matcher: Matcher) -> None:
    scored = _scored(
        ("giai-quyet-tranh-chap-dat-dai-cap-xa", 0.35),
        ("huong-che-do-thai-san", 0.3),
        ("hoa-giai-tranh-chap-dat-dai", 0.07),
    )
    assert matcher._decide(scored, long=True) is Outcome.UNMET
    assert matcher._decide(scored[:1] + scored[2:], long=False) is Outcome.UNMET


def test_a_letters_weak_best_far_ahead_is_offered(matcher: Matcher) -> None:
    scored = _scored(("cap-doi-the-can-cuoc", 0.2), ("doi-giay-phep-lai-xe", 0.12))
    assert matcher._decide(scored, letter=True) is Outcome.CLARIFY


def test_a_letters_weak_best_only_a_little_ahead_is_given_up(matcher: Matcher) -> None:
    scored = _scored(("cap-doi-the-can-cuoc", 0.2), ("doi-giay-phep-lai-xe", 0.16))
    assert matcher._decide(scored, letter=True) is Outcome.UNMET


def test_a_letters_very_weak_best_is_given_up_however_far_ahead(matcher: Matcher) -> None:
    scored = _scored(("cap-doi-the-can-cuoc", 0.15), ("doi-giay-phep-lai-xe", 0.05))
    assert matcher._decide(scored, letter=True) is Outcome.UNMET


def test_a_letters_weak_best_is_given_up_when_it_names_an_uncovered_topic(
    matcher: Matcher,
) -> None:
    scored = _scored(("cap-doi-the-can-cuoc", 0.2), ("doi-giay-phep-lai-xe", 0.1))
    assert matcher._decide(scored, uncovered=True, letter=True) is Outcome.UNMET


PROXY = (
    "Chúng tôi đang có vụ kiện về tài sản ở tòa. Vì đi công tác xa nên tôi không dự phiên tòa "
    "được. Tôi đã viết giấy ủy quyền cho anh trai thay tôi. "
    "Xin hỏi chứng thực chữ ký trong giấy ủy quyền làm ở đâu?"
)


def test_a_letter_whose_asking_sentence_alone_is_offered_far_ahead_offers_its_best(
    kb: KnowledgeBase,
) -> None:
    # nothing is answered (answer_min out of reach): the asking sentences alone offer the
    # letter's best, more than 1.5 times the runner-up there
    matcher = Matcher.build(
        kb.procedures.values(), config=MatchConfig(answer_min=0.99, wide_ratio=1.5)
    )
    result = matcher.match(PROXY)
    assert result.best is not None and result.best.id == "chung-thuc-chu-ky"
    assert matcher._asked_alone(PROXY, result.candidates)


def test_a_letter_whose_asking_sentence_alone_is_offered_beside_others_is_not(
    kb: KnowledgeBase,
) -> None:
    matcher = Matcher.build(
        kb.procedures.values(), config=MatchConfig(answer_min=0.99, wide_ratio=3.0)
    )
    assert not matcher._asked_alone(PROXY, matcher.match(PROXY).candidates)


def test_a_letter_whose_asking_sentence_alone_is_too_weak_to_offer_is_not(
    kb: KnowledgeBase,
) -> None:
    config = MatchConfig(answer_min=0.99, wide_ratio=1.5, unmet_below=0.98)
    matcher = Matcher.build(kb.procedures.values(), config=config)
    assert not matcher._asked_alone(PROXY, matcher.match(PROXY).candidates)


BORN_ABROAD = (
    "Vợ chồng tôi làm việc ở Nhật Bản, con sinh bên đó được 3 tháng. Cháu chưa có giấy khai "
    "sinh. Nay về Việt Nam thì phải làm gì?"
)


def test_a_foreign_sibling_gets_what_the_text_says_of_its_domestic_procedure(
    matcher: Matcher,
) -> None:
    # the story's "chưa có giấy khai sinh" leads to the (domestic) birth registration; the
    # birth abroad makes it the one with a foreign element
    result = matcher.match(BORN_ABROAD)
    assert result.outcome is Outcome.CLARIFY and result.best is not None
    assert result.best.id == "dang-ky-khai-sinh-yeu-to-nuoc-ngoai"
    scores = {c.id: c.score for c in result.candidates}
    assert scores["dang-ky-khai-sinh"] < scores["dang-ky-khai-sinh-yeu-to-nuoc-ngoai"]


def test_without_inheriting_the_foreign_sibling_keeps_its_own_score(kb: KnowledgeBase) -> None:
    # the whole text's agreement (``_reads_best``) off too: the foreign sibling's own score alone
    config = MatchConfig(foreign_inherit=0.0, agreed_min=1.0)
    own = Matcher.build(kb.procedures.values(), config=config)
    assert own.match(BORN_ABROAD).outcome is Outcome.UNMET


def test_a_text_without_a_foreign_element_leaves_the_domestic_procedure_first(
    matcher: Matcher,
) -> None:
    result = matcher.match(BORN_ABROAD.replace("ở Nhật Bản", "ở Bình Dương"))
    assert result.best is not None and result.best.id == "dang-ky-khai-sinh"


@pytest.mark.parametrize(
    ("text", "purpose"),
    [
        ("tôi muốn có giấy tờ tùy thân để đi làm, học nghề", True),
        ("tôi muốn hỏi về học nghề", False),
        ("để đi học nghề tôi cần gì. Học nghề ở đâu thì tốt?", False),  # asked once for itself
        ("toi muon co giay to de di hoc nghe", False),  # unaccented "de" may be "đề"
        ("tôi muốn có giấy tờ tùy thân", False),  # not said at all
    ],
)
def test_a_topic_said_after_de_is_a_purpose(text: str, purpose: bool) -> None:
    assert only_as_purpose(text, ["hoc", "nghe"], 4) is purpose


def test_a_life_event_is_offered_beside_a_topic_said_only_as_its_purpose(
    matcher: Matcher,
) -> None:
    story = "Từ nhỏ không ai làm giấy khai sinh cho tôi. "
    scores: dict[str, float] = {}
    matcher._offer_events(
        scores, story + "Nay tôi muốn có giấy tờ để đi làm, học nghề.", {"#hoc_nghe"}
    )
    assert "dang-ky-khai-sinh" in scores
    scores = {}
    matcher._offer_events(scores, story + "Tôi muốn hỏi học nghề ở đâu.", {"#hoc_nghe"})
    assert "dang-ky-khai-sinh" not in scores


def test_a_loss_said_before_a_paper_is_tied_to_that_paper() -> None:
    folded = ["mat", "giay", "khai", "sinh", "gio", "lam", "can", "cuoc"]
    assert tied_markers(folded, {"mat"}) == {"mat": frozenset({"khai", "sinh"})}


def test_a_loss_said_on_its_own_or_of_papers_in_general_is_not_tied() -> None:
    assert tied_markers(["mat", "vi", "mat", "giay", "khai", "sinh"], {"mat"}) == {}
    assert tied_markers(["mat", "het", "giay", "to"], {"mat"}) == {}
    assert tied_markers(["mat", "giay", "to", "tuy", "than"], {"mat"}) == {}


def test_a_loss_of_another_paper_answers_no_reissue_of_the_card(matcher: Matcher) -> None:
    result = matcher.match("tôi bị thất lạc giấy khai sinh, giờ muốn làm CCCD thì sao")
    assert result.outcome is not Outcome.ANSWER
    assert result.best is not None and result.best.id != "cap-lai-the-can-cuoc"


def test_a_loss_of_the_card_itself_still_answers_its_reissue(matcher: Matcher) -> None:
    result = matcher.match("tôi bị mất thẻ căn cước")
    assert result.best is not None and result.best.id == "cap-lai-the-can-cuoc"


def test_a_letters_very_weak_best_far_ahead_is_offered_when_the_letter_names_it(
    matcher: Matcher,
) -> None:
    scored = _scored(("dang-ky-lai-ket-hon", 0.12), ("dieu-chinh-thong-tin-cu-tru", 0.04))
    assert matcher._decide(scored, letter=True, named=True) is Outcome.CLARIFY
    assert matcher._decide(scored, letter=True) is Outcome.UNMET


def test_a_letters_very_weak_best_named_but_not_far_ahead_is_given_up(matcher: Matcher) -> None:
    scored = _scored(("dang-ky-lai-ket-hon", 0.12), ("dieu-chinh-thong-tin-cu-tru", 0.08))
    assert matcher._decide(scored, letter=True, named=True) is Outcome.UNMET


def test_a_letter_names_a_procedure_by_a_pair_of_its_core_words(matcher: Matcher) -> None:
    q = query(matcher, "bố mẹ tôi có đăng ký kết hôn năm 1983, giấy bị mất")
    assert matcher._names_core(q, "dang-ky-lai-ket-hon")
    assert not matcher._names_core(q, "dang-ky-thanh-lap-ho-kinh-doanh")


def test_an_age_weighs_no_more_than_what_else_the_question_names() -> None:
    weights = {"du_18": 4.0, "18_tuoi": 4.0, "tuoi": 2.0, "du": 2.0, "ket_hon": 2.0, "tu": 1.0}
    credit = dict(weights)
    weigh_age(weights, credit, 1.0)
    ages = ("du_18", "18_tuoi", "tuoi", "du")
    assert sum(weights[f] for f in ages) == pytest.approx(3.0)  # ket_hon and tu: 3.0
    assert credit["du_18"] == pytest.approx(weights["du_18"])
    assert weights["ket_hon"] == 2.0
    assert weights["tu"] == 1.0  # "tử", "tư": a band word beside no number is no age


def test_an_age_that_is_all_the_question_says_keeps_its_weight() -> None:
    weights = {"18_tuoi": 4.0, "tuoi": 2.0, "18": 0.5}
    weigh_age(weights, dict(weights), 1.0)
    assert weights == {"18_tuoi": 4.0, "tuoi": 2.0, "18": 0.5}


def test_an_age_below_the_need_is_left_as_it_is() -> None:
    weights = {"14_tuoi": 1.0, "tuoi": 1.0, "can_cuoc": 3.0, "lam": 1.0}
    weigh_age(weights, dict(weights), 1.0)
    assert weights["14_tuoi"] == 1.0


def test_an_age_does_not_outweigh_the_need_it_asks_about(matcher: Matcher) -> None:
    result = matcher.match("chưa đủ 18 tuổi có kết hôn được không")
    assert result.outcome is not Outcome.UNMET
    assert result.best is not None and result.best.id == "dang-ky-ket-hon"


def test_a_letter_about_a_private_loan_names_an_uncovered_topic(matcher: Matcher) -> None:
    result = matcher.match(
        "Tôi cho bạn mượn 20 triệu, có giấy vay viết tay. Giờ bạn ấy khất mãi không trả. "
        "Tôi phải làm gì?"
    )
    assert result.outcome is Outcome.UNMET
    assert "giay_vay" in result.topics


def test_a_foreigners_residence_card_running_out_is_no_extension_of_a_temporary_residence(
    matcher: Matcher,
) -> None:
    scores: dict[str, float] = {}
    text = "Vợ tôi là người Nhật, thẻ tạm trú của cô ấy sắp hết hạn. Tôi phải làm gì?"
    matcher._offer_events(scores, text, named={"#the_tam_tru"})
    assert "gia-han-tam-tru" not in scores
    assert matcher.match(text).outcome is Outcome.UNMET


def test_a_temporary_residence_running_out_still_offers_its_extension(matcher: Matcher) -> None:
    scores: dict[str, float] = {}
    matcher._offer_events(scores, "Tôi ở trọ, tạm trú của tôi sắp hết hạn. Tôi phải làm gì?")
    assert "gia-han-tam-tru" in scores
