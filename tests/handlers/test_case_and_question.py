"""A message that tells the citizen's case and asks: the whole way when it asks how, the part asked
after "rồi", a copy's price, whether a paper must be brought, and the paper needed in the case it
states word for word."""

from __future__ import annotations

from handlers import Context, State
from tests.handlers.talk import reply_in, say


def first(ctx: Context, text: str) -> tuple[str, str | None]:
    turn, state = say(ctx, State(), text)
    return turn.replies[-1].text, state.procedure


def test_how_to_with_a_case_gets_the_card_not_a_part_named_by_the_case(ctx: Context) -> None:
    # "2 dua con" typed without marks reads as bringing the child (who must come): a word of the
    # case, not what is asked
    text, procedure = first(ctx, "muon tach thua de chia dat cho 2 dua con thi lam sao")
    assert procedure == "tach-thua-hop-thua"
    assert text.startswith("📋")
    assert "Bản vẽ tách thửa" in text


def test_how_to_that_names_a_part_still_gets_that_part(ctx: Context) -> None:
    text, procedure = first(ctx, "đăng ký khai sinh nộp ở đâu thế nào")
    assert procedure == "dang-ky-khai-sinh"
    assert text.startswith("📍")


def test_the_part_asked_after_rồi_outweighs_the_part_the_case_names(ctx: Context) -> None:
    text, procedure = first(ctx, "thẻ căn cước hết hạn năm 25 tuổi rồi đổi ở đâu")
    assert procedure == "cap-doi-the-can-cuoc"
    assert text.startswith("📍")
    assert "Công an" in text


def test_rồi_before_nothing_asked_keeps_the_whole_question(ctx: Context) -> None:
    # "xin lại thế nào" after "rồi" asks the whole way, not the lost paper's part
    text, procedure = first(ctx, "mất giấy khai sinh rồi xin lại thế nào")
    assert procedure == "cap-ban-sao-trich-luc-ho-tich"
    assert not text.startswith("📍")


def test_the_price_of_a_copy_told_unit_first_asks_the_fee(ctx: Context) -> None:
    text = reply_in(ctx, "cap-ban-sao-trich-luc-ho-tich", "mỗi bản bao nhiêu")
    assert text.startswith("💰")
    assert "8.000" in text


def test_a_span_per_time_is_no_fee(ctx: Context) -> None:
    text = reply_in(ctx, "cap-ban-sao-trich-luc-ho-tich", "mỗi lần bao lâu")
    assert not text.startswith("💰")


def test_whether_a_paper_must_be_brought_is_answered_from_the_guidance(ctx: Context) -> None:
    text = reply_in(ctx, "cap-doi-the-can-cuoc", "có phải mang thẻ cũ không")
    assert "thẻ cũ" in text


def test_whether_a_photo_must_be_brought_lists_the_documents(ctx: Context) -> None:
    text = reply_in(ctx, "cap-doi-the-can-cuoc", "có cần mang ảnh không")
    assert text.startswith("📄")


def test_the_paper_needed_in_the_case_stated_is_quoted(ctx: Context) -> None:
    text = reply_in(ctx, "dang-ky-khai-sinh", "con tôi giờ 7 tuổi rồi, không có giấy chứng sinh")
    assert "người làm chứng" in text


def test_a_case_stated_with_its_denial_is_not_that_case(ctx: Context) -> None:
    from knowledge.answers import default_words, when_told

    proc = ctx.kb.procedures["dang-ky-khai-sinh"]
    denials = [w.folded for w in default_words().negations]
    assert when_told(proc, "tôi gửi hồ sơ qua bưu chính", denials)
    assert not when_told(proc, "tôi không gửi hồ sơ qua bưu chính", denials)
    assert not when_told(proc, "con tôi có giấy chứng sinh rồi", denials)


def test_passages_the_whole_message_found_are_kept_across_rồi(ctx: Context) -> None:
    # the case before "rồi" (a death in the family) is what the passages answer; the words after
    # it ("có phải đi") must not turn the reply into who must come
    text, procedure = first(ctx, "người nhà mất rồi có phải đi xóa thường trú không")
    assert procedure == "xoa-dang-ky-thuong-tru"
    assert not text.startswith("🧍")
    assert "khai tử" in text


def test_muon_before_what_is_wanted_is_no_lateness(ctx: Context) -> None:
    # "muon lam" typed without marks is "muốn làm" (to want), not "muộn" (late)
    text, procedure = first(ctx, "bi cong ty cho nghi viec, muon lam bao hiem that nghiep")
    assert procedure == "huong-tro-cap-that-nghiep"
    assert not text.startswith("⌛")


def test_muon_after_doing_still_reads_late(ctx: Context) -> None:
    text = reply_in(ctx, "dang-ky-khai-sinh", "lam muon co bi phat khong")
    assert text.startswith("⌛")


def test_a_want_told_without_a_question_gets_the_card(ctx: Context) -> None:
    said = "em bị công ty cho nghỉ việc tháng trước, muốn làm bảo hiểm thất nghiệp"
    text, procedure = first(ctx, said)
    assert procedure == "huong-tro-cap-that-nghiep"
    assert "Về điều bạn hỏi" not in text  # no passage met by the words of the case
    assert "Đề nghị hưởng trợ cấp thất nghiệp" in text


def test_a_plea_to_be_guided_asks_the_whole_way(ctx: Context) -> None:
    said = "vợ tôi vừa sinh con ở bệnh viện, tôi muốn làm khai sinh, hướng dẫn giúp tôi với"
    text, procedure = first(ctx, said)
    assert procedure == "dang-ky-khai-sinh"
    assert "Tờ khai đăng ký khai sinh" in text


def test_a_plea_to_be_guided_on_a_part_is_no_plea_for_the_whole_way() -> None:
    from handlers.answer import how_to

    assert how_to("không biết bắt đầu từ đâu")
    assert not how_to("xin hướng dẫn cách nộp online")


def test_a_want_with_a_question_gets_the_part_asked(ctx: Context) -> None:
    text, procedure = first(ctx, "em bị cho nghỉ việc, muốn làm bảo hiểm thất nghiệp thì nộp ở đâu")
    assert procedure == "huong-tro-cap-that-nghiep"
    assert text.startswith("📍")
