"""More everyday ways of asking a part inside a procedure: who decides, what happens when one
does not ask for the permit, how long until the decision."""

from __future__ import annotations

import pytest

from handlers import Context, Incoming, State, handle
from handlers.state import Mode
from knowledge.answers import default_words
from tests.handlers.talk import say

MIDDLE_INCOME = "cong-nhan-ho-muc-song-trung-binh"
PAVEMENT = "cap-phep-su-dung-tam-thoi-long-duong-via-he"
MERIT_DEATH = "tro-cap-khi-nguoi-co-cong-tu-tran"


def ask(ctx: Context, procedure_id: str, text: str) -> tuple[str, bool]:
    state = State(mode=Mode.PROCEDURE, procedure=procedure_id)
    turn, after = handle(Incoming("u", "test", text=text), state, ctx)
    assert after.procedure == procedure_id
    return turn.replies[-1].text, bool(turn.unmet)


@pytest.mark.parametrize("text", ["ai quyết định", "ai quyet dinh", "hồ sơ này ai duyệt"])
def test_who_decides_is_the_deciding_body(ctx: Context, text: str) -> None:
    decides = ctx.kb.procedures[MIDDLE_INCOME].agency.decides
    reply, unmet = ask(ctx, MIDDLE_INCOME, text)
    assert f"Cơ quan giải quyết: {decides}" in reply and not unmet


def test_not_asking_for_the_permit_asks_what_happens_when_late(ctx: Context) -> None:
    reply, unmet = ask(ctx, PAVEMENT, "ko xin thì sao")
    assert reply.startswith("⌛ Làm muộn, quá hạn — ") and not unmet


def test_how_long_until_the_decision_is_the_time(ctx: Context) -> None:
    reply, unmet = ask(ctx, MERIT_DEATH, "bao lâu thì có quyết định")
    assert reply.startswith("⏱ Thời gian — ") and not unmet


@pytest.mark.parametrize("text", ["quyết định xong rồi", "xin giấy ở đâu"])
def test_the_words_alone_do_not_ask_for_lateness(text: str) -> None:
    assert "late" not in {f.section for f in default_words().asked(text)}


def test_standing_as_the_one_who_files_asks_who_may_apply(ctx: Context) -> None:
    proc = ctx.kb.procedures["ho-tro-chi-phi-mai-tang-bao-tro-xa-hoi"]
    reply, unmet = ask(ctx, proc.id, "tôi là cháu, đứng ra lo đám thì đứng tên khai được không")
    assert reply.startswith("👤 Ai được làm — ")
    assert proc.applicants[0] in reply and not unmet


def test_how_long_until_approval_is_the_time_not_the_deciding_body(ctx: Context) -> None:
    reply, unmet = ask(ctx, "tro-cap-huu-tri-xa-hoi", "mất bao lâu thì được duyệt")
    assert reply.startswith("⏱ Thời gian — ") and not unmet


def test_renewing_before_expiry_is_the_validity_though_lateness_shows_a_deadline(
    ctx: Context,
) -> None:
    proc = ctx.kb.procedures["dang-ky-tam-tru"]
    assert proc.late is not None and proc.processing_time.citizen_deadline
    reply, _ = ask(ctx, proc.id, "hết hạn thì gia hạn trước bao nhiêu ngày")
    assert reply.startswith("⏳ Thời hạn giá trị — ")


def test_a_relative_named_in_the_story_does_not_hide_the_passage_that_answers(
    ctx: Context,
) -> None:
    reply, unmet = ask(
        ctx, "dang-ky-khai-tu", "bệnh viện ko có giấy báo tử vì ông mất ở nhà thì sao"
    )
    assert "UBND cấp xã nơi người đó mất cấp Giấy báo tử" in reply and not unmet


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("thẻ hết hạn 4 tháng rồi đóng tiếp dùng được ngay không", "late"),
        ("quá 20 ngày rồi có sao không", "late"),
        ("thẻ hết hạn thì sao", "validity"),
        ("thẻ này có hạn mấy năm", "validity"),
    ],
)
def test_a_number_of_days_or_months_past_the_expiry_asks_about_lateness(
    text: str, part: str
) -> None:
    assert [f.section for f in default_words().asked(text)][:1] == [part]


@pytest.mark.parametrize("text", ["cháu có phải tới không", "anh ấy có phải sang không"])
def test_having_to_come_over_asks_who_must_be_present(ctx: Context, text: str) -> None:
    state = State(mode=Mode.PROCEDURE, procedure="dang-ky-ket-hon-yeu-to-nuoc-ngoai")
    turn, after = say(ctx, state, text)
    assert after.procedure == "dang-ky-ket-hon-yeu-to-nuoc-ngoai"
    assert turn.replies[-1].text.startswith("🧍 Ai phải có mặt — ") and not turn.unmet


@pytest.mark.parametrize("text", ["tới đâu nộp", "sang tên xe"])
def test_coming_over_alone_does_not_ask_who_must_be_present(text: str) -> None:
    assert "in_person" not in {f.section for f in default_words().asked(text)}


@pytest.mark.parametrize("text", ["hieu roi, cam on", "rõ rồi, cảm ơn bạn"])
def test_thanks_after_saying_it_is_clear_is_thanks_not_a_question(ctx: Context, text: str) -> None:
    state = State(mode=Mode.PROCEDURE, procedure="hoa-giai-tranh-chap-dat-dai")
    turn, _ = say(ctx, state, text)
    assert "Không có gì" in turn.replies[0].text and not turn.unmet


def test_saying_it_is_clear_then_asking_is_still_a_question(ctx: Context) -> None:
    state = State(mode=Mode.PROCEDURE, procedure="hoa-giai-tranh-chap-dat-dai")
    turn, _ = say(ctx, state, "hiểu rồi, cảm ơn, mất bao lâu")
    assert turn.replies[0].text.startswith("⏱ Thời gian — ")


def test_a_conditional_question_asks_the_part_after_its_then(ctx: Context) -> None:
    state = State(mode=Mode.PROCEDURE, procedure="gia-han-tam-tru")
    turn, _ = say(ctx, state, "nếu công an không cho gia hạn thì khiếu nại ở đâu")
    assert turn.replies[0].text.startswith("↩️ Nếu hồ sơ bị từ chối — ")


def test_a_then_without_a_condition_keeps_the_part_asked_before_it(ctx: Context) -> None:
    state = State(mode=Mode.PROCEDURE, procedure="gia-han-tam-tru")
    turn, _ = say(ctx, state, "bao lâu thì có kết quả")
    assert turn.replies[0].text.startswith("⏱ Thời gian — ")


def test_pressing_a_plate_typed_without_accents_is_not_mother(ctx: Context) -> None:
    state = State(mode=Mode.PROCEDURE, procedure="dang-ky-xe-lan-dau")
    turn, _ = say(ctx, state, "bam bien xong may ngay moi co ca vet")
    assert turn.replies[0].text.startswith("⏱ Thời gian — ") and not turn.unmet


def test_mother_typed_with_its_accents_is_still_mother() -> None:
    assert "me" in default_words().terms("bầm tôi mất rồi")


@pytest.mark.parametrize(
    "text",
    [
        "em mới lên thành phố đi làm lần đầu, giờ phải đem những giấy tờ gì",
        "mình chưa từng ở trọ bao giờ, giờ cần mang những giấy tờ gì",
    ],
)
def test_the_papers_to_bring_after_the_case_told_are_the_papers(ctx: Context, text: str) -> None:
    reply, unmet = ask(ctx, "dang-ky-tam-tru", text)
    assert reply.startswith("📄 Giấy tờ cần chuẩn bị — ") and not unmet


def test_the_wait_after_handing_in_the_file_is_the_time(ctx: Context) -> None:
    reply, unmet = ask(ctx, "dang-ky-thuong-tru", "nộp hồ sơ xong thì chờ mấy ngày")
    assert reply.startswith("⏱ Thời gian — ") and not unmet


def test_handing_in_the_file_alone_asks_no_time() -> None:
    assert "time" not in {f.section for f in default_words().asked("nộp hồ sơ xong rồi")}
