"""Answering inside a procedure, on a knowledge base whose answer fields and questions-and-answers
are filled (a fixture: the real procedures, with these fields added)."""

from __future__ import annotations

import datetime as dt

import pytest

from handlers import Context, State
from handlers.actions import Verb
from knowledge.answers import PassageIndex, passages
from knowledge.base import KnowledgeBase
from knowledge.matcher import Matcher
from knowledge.schema import Faq, Fee, Fees, Proxy, SameDay, Validity
from knowledge.topics import load_menu
from tests.handlers.talk import say

BIRTH = "dang-ky-khai-sinh"
COPY = "chung-thuc-ban-sao-tu-ban-chinh"
TODAY = dt.date(2026, 12, 6)


@pytest.fixture(scope="module")
def filled(kb: KnowledgeBase) -> Context:
    procs = dict(kb.procedures)
    birth = procs[BIRTH]
    procs[BIRTH] = birth.model_copy(
        update={
            "proxy": Proxy(
                text="Ông, bà hoặc người thân khác được nộp thay; mang giấy ủy quyền.",
                allowed=True,
                legal_basis=["Nghị định 123/2015/NĐ-CP, Điều 2"],
                verified=True,
            ),
            "faq": [
                Faq(
                    questions=["bố mẹ chưa cưới thì con mang họ ai", "chưa đăng ký kết hôn"],
                    answer="Con có thể mang họ mẹ; cha nhận con thì làm khai sinh kèm nhận cha.",
                    legal_basis=["Luật Hộ tịch 2014, Điều 15"],
                    verified=True,
                )
            ],
        }
    )
    copy = procs[COPY]
    fees = copy.fees.items
    old = fees[0].model_copy(
        update={"amount": 1500, "valid_until": dt.date(2025, 12, 31), "label": "Mức cũ"}
    )
    procs[COPY] = copy.model_copy(
        update={
            "fees": Fees.model_validate({**copy.fees.model_dump(), "items": [old, *fees]}),
            "validity": Validity(
                text="Bản sao chứng thực không có thời hạn sử dụng theo luật.",
                renew="Nơi nhận hồ sơ có thể tự yêu cầu bản sao mới.",
                legal_basis=["Nghị định 23/2015/NĐ-CP, Điều 3"],
                verified=True,
            ),
            "same_day": SameDay(
                text="Nộp buổi sáng thì nhận trong ngày.",
                possible=True,
                cutoff="15:00",
                legal_basis=["Nghị định 23/2015/NĐ-CP, Điều 7"],
                verified=True,
            ),
        }
    )
    base = KnowledgeBase.build(list(procs.values()), list(kb.localities.values()))
    return Context(base, Matcher.build(base.procedures.values()), load_menu(), today=TODAY)


def test_an_answer_field_answers_its_question(filled: Context) -> None:
    turn, state = say(filled, State(), "đăng ký khai sinh", "ông bà nộp thay được không")
    text = turn.replies[-1].text
    assert text.startswith("🤝 Nhờ người làm thay — Đăng ký khai sinh")
    assert "mang giấy ủy quyền" in text and "Nghị định 123/2015/NĐ-CP, Điều 2" in text
    assert state.procedure == BIRTH and not turn.unmet


def test_a_faq_answers_a_question_variant(filled: Context) -> None:
    turn, _ = say(filled, State(), "đăng ký khai sinh", "bố mẹ chưa cưới thì con mang họ ai ạ")
    text = turn.replies[-1].text
    assert "Con có thể mang họ mẹ" in text and "Luật Hộ tịch 2014, Điều 15" in text
    assert "❓ Bố mẹ chưa cưới thì con mang họ ai?" in text  # what the answer answers


def test_a_faq_does_not_answer_another_question(filled: Context) -> None:
    turn, _ = say(filled, State(), "đăng ký khai sinh", "hết bao nhiêu tiền")
    assert "Con có thể mang họ mẹ" not in turn.replies[-1].text


def test_a_detail_without_a_field_is_quoted_from_the_passages(filled: Context) -> None:
    turn, _ = say(filled, State(), "đăng ký khai sinh", "bé sinh ở nhà không có giấy chứng sinh")
    text = turn.replies[-1].text
    assert text.startswith("📋 Đăng ký khai sinh") and "làm chứng" in text
    assert "Trang chính thức" in text and "Căn cứ" in text


def test_nothing_in_the_guidance_is_said_and_recorded_with_the_procedure(filled: Context) -> None:
    turn, state = say(filled, State(), "đăng ký khai sinh", "cán bộ có nói tiếng Anh không")
    [record] = turn.unmet
    assert record.reason.value == "no_answer_in_procedure" and record.procedure_id == BIRTH
    assert "chưa có chi tiết này" in turn.replies[-1].text and state.procedure == BIRTH
    verbs = {b.action.split(":")[0] for b in turn.replies[-1].buttons}
    assert {Verb.ASPECT.value, Verb.HUMAN.value} <= verbs


def test_a_first_message_with_a_need_and_a_question_gets_the_answer(filled: Context) -> None:
    turn, state = say(filled, State(), "ở nhờ nhà người quen thì có nhập khẩu được không")
    assert state.procedure == "dang-ky-thuong-tru"
    assert "ở nhờ" in turn.replies[-1].text.lower()
    assert any(b.action.startswith("a:docs:") for b in turn.replies[-1].buttons)


def test_same_day_field_with_its_cut_off(filled: Context) -> None:
    turn, _ = say(filled, State(), "chứng thực bản sao", "lấy trong ngày được không")
    assert "Nộp trước 15:00" in turn.replies[-1].text


def test_fees_out_of_force_are_not_quoted(filled: Context) -> None:
    turn, _ = say(filled, State(), "chứng thực bản sao", "lệ phí bao nhiêu")
    assert "Mức cũ" not in turn.replies[-1].text and "2.000" in turn.replies[-1].text
    undated = Context(filled.kb, filled.matcher, filled.menu)  # no day known: every fee
    turn, _ = say(undated, State(), "chứng thực bản sao", "lệ phí bao nhiêu")
    assert "Mức cũ" in turn.replies[-1].text


def test_passages_leave_out_fees_out_of_force(filled: Context) -> None:
    copy = filled.kb.procedures[COPY]
    assert any("Mức cũ" in p.text for p in passages(copy))
    assert not any("Mức cũ" in p.text for p in passages(copy, TODAY))


def test_a_quoted_faq_answer_is_labelled_with_its_question(filled: Context) -> None:
    birth = filled.kb.procedures[BIRTH]
    [faq] = [p for p in passages(birth) if p.section == "faq"]
    assert faq.label == "Bố mẹ chưa cưới thì con mang họ ai?"
    turn, _ = say(filled, State(), "hưởng chế độ thai sản", "chồng có được nghỉ không")
    text = turn.replies[-1].text
    assert "• Chồng có được hưởng thai sản khi vợ sinh không? Có." in text
    assert "Hỏi đáp:" not in text


def test_passage_scores_prefer_the_passage_holding_the_question_words(
    filled: Context,
) -> None:
    index = PassageIndex(filled.kb.procedures.values())
    birth = filled.kb.procedures[BIRTH]
    [best, *_] = index.search(birth, "không có giấy chứng sinh")
    assert "giấy chứng sinh" in best.passage.text.lower() and best.coverage == 1.0
    assert index.search(birth, "con mèo") == [] or index.search(birth, "con mèo")[0].coverage < 1


def test_fee_in_force_bounds() -> None:
    fee = Fee(label="x", amount=1, valid_from=dt.date(2026, 1, 1), valid_until=dt.date(2026, 6, 30))
    assert fee.in_force(dt.date(2026, 1, 1)) and fee.in_force(dt.date(2026, 6, 30))
    assert not fee.in_force(dt.date(2026, 7, 1))


def test_validity_is_a_section_of_its_own(filled: Context) -> None:
    turn, _ = say(filled, State(), "chứng thực bản sao", "bản sao này có giá trị bao lâu")
    text = turn.replies[-1].text
    assert text.startswith("⏳ Thời hạn giá trị — Chứng thực bản sao")
    assert "không có thời hạn sử dụng" in text and "yêu cầu bản sao mới" in text
    assert "Nghị định 23/2015/NĐ-CP, Điều 3" in text


def test_without_validity_the_question_is_answered_from_the_passages(ctx: Context) -> None:
    turn, _ = say(ctx, State(), "xin giấy xác nhận độc thân", "giấy này có giá trị bao lâu")
    assert "06 tháng" in turn.replies[-1].text


LINKED_BIRTH = "lien-thong-khai-sinh-thuong-tru-bhyt"


def test_a_time_by_channel_is_a_passage_found_by_the_channel_words(ctx: Context) -> None:
    index = PassageIndex(ctx.kb.procedures.values())
    proc = ctx.kb.procedures[LINKED_BIRTH]
    [best, *_] = index.search(proc, "nộp trực tiếp ở xã thì mất mấy ngày")
    assert best.passage.label == "Thời gian — nộp trực tiếp" and "20 ngày" in best.passage.text


def test_a_fee_by_channel_is_a_passage_of_its_own(ctx: Context) -> None:
    proc = ctx.kb.procedures["dang-ky-tam-tru"]
    online = [p for p in passages(proc, TODAY) if p.label == "Lệ phí — nộp trực tuyến"]
    assert online and all("7.000" in p.text or "5.000" in p.text for p in online)
    assert not any("bưu chính" in p.label for p in passages(proc, TODAY))  # no post amount


def test_asking_the_direct_time_quotes_it(ctx: Context) -> None:
    _, state = say(ctx, State(), "làm liên thông khai sinh thường trú bhyt cho con")
    turn, _ = say(ctx, state, "còn nộp trực tiếp ở xã thì mất mấy ngày")
    assert "20 ngày" in turn.replies[-1].text


def test_a_number_of_ones_own_case_leaves_the_part_asked_to_answer(ctx: Context) -> None:
    turn, _ = say(ctx, State(), "làm căn cước cho con 15 tuổi cần gì")
    assert (
        turn.replies[-1].text.startswith("📄 Giấy tờ") and "Phiếu đề nghị" in turn.replies[-1].text
    )
