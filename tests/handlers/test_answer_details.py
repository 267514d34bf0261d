"""Detail questions inside a procedure: a word said denied ("không thành") is not the same as the
word said plainly, words of talk ("bây giờ") weigh nothing, and short forms typed without marks
and the vehicle brought along ask for their part."""

from __future__ import annotations

import pytest

from handlers import Context, Incoming, State, answer, handle
from handlers.conversation import Conversation
from knowledge.answers import NEGATED, default_words, index_for

MEDIATION = "hoa-giai-tranh-chap-dat-dai"
REMARRIAGE = "dang-ky-lai-ket-hon"
TRANSFER = "dang-ky-sang-ten-xe"
FOREIGN_MARRIAGE = "dang-ky-ket-hon-yeu-to-nuoc-ngoai"


def plan(ctx: Context, procedure_id: str, text: str) -> answer.Plan:
    conv = Conversation(Incoming("u", "test", text=text), State(), ctx)
    return answer.plan(conv, ctx.kb.procedures[procedure_id], text)


def test_a_denied_word_is_read_with_its_denial() -> None:
    assert NEGATED + "thanh" in default_words().terms("nếu hòa giải ko thành thì sao")
    assert NEGATED + "thanh" not in default_words().terms("hòa giải thành rồi thì sao")


def test_a_father_typed_without_marks_is_no_denial(ctx: Context) -> None:
    assert NEGATED + "ki" not in default_words().terms("cha ky thay duoc ko")
    said = "bố em mất sáng nay ở bệnh viện, giờ làm khai tử thế nào"
    assert "cha" in index_for(ctx.kb.procedures).specifics(
        ctx.kb.procedures["dang-ky-khai-tu"], said
    )


def test_a_denial_ends_with_its_clause() -> None:
    terms = default_words().terms("đi làm được không, chồng tôi đi biển")
    assert not [t for t in terms if t.startswith(NEGATED)]


def test_the_question_of_the_opposite_case_is_not_the_answer(ctx: Context) -> None:
    idx = index_for(ctx.kb.procedures)
    proc = ctx.kb.procedures[MEDIATION]
    [done] = [f for f in proc.faq if f.questions[0].startswith("hòa giải thành rồi")]
    found = idx.faq(proc, "hòa giải không thành thì có phải làm gì nữa không")
    assert found is not None and found[0] is not done
    said = " . ".join(done.questions)
    assert idx.opposite(proc, "nếu hòa giải không thành thì làm gì tiếp", said)


def test_the_question_of_the_same_case_still_is(ctx: Context) -> None:
    found = plan(ctx, MEDIATION, "hòa giải thành rồi thì có phải làm gì nữa không")
    assert found.faq is not None and "thành" in found.faq.questions[0]


@pytest.mark.parametrize("filler", ["bây giờ", "bay gio", "lúc nào"])
def test_words_of_talk_weigh_nothing(filler: str) -> None:
    assert default_words().terms(filler) == []


def test_a_filler_of_one_word_only_with_its_marks() -> None:
    assert "lo" not in default_words().terms("lỡ hòa giải không thành")
    assert "lo" in default_words().terms("cháu đứng ra lo đám cho ông")


@pytest.mark.parametrize(
    "text", ["hòa giải không thành thì tôi phải làm sao", "ko được duyệt thì làm gì tiếp"]
)
def test_what_next_when_it_did_not_go_through_asks_the_refusal(text: str) -> None:
    assert [f.section for f in default_words().asked(text)][:1] == ["refusal"]


def test_filing_online_that_failed_is_not_a_refusal() -> None:
    asked = {f.section for f in default_words().asked("làm online không được thì sao")}
    assert "refusal" not in asked


@pytest.mark.parametrize(
    "text", ["đóng bảo hiểm bao lâu thì được hưởng", "dong bhxh may thang moi duoc lanh"]
)
def test_how_long_one_must_have_paid_asks_who_may(text: str) -> None:
    assert [f.section for f in default_words().asked(text)][:1] == ["eligibility"]


def test_how_long_until_the_money_comes_is_still_the_time() -> None:
    assert [f.section for f in default_words().asked("mất bao lâu thì được nhận tiền")] == ["time"]


def test_the_hour_alone_is_still_a_word() -> None:
    assert "gio" in default_words().terms("mở cửa đến 5 giờ")


def test_a_question_padded_with_words_of_talk_finds_its_passage(ctx: Context) -> None:
    found = plan(ctx, REMARRIAGE, "làm lại rồi thì bây giờ ngày cưới tính từ lúc nào")
    said = found.faq.answer if found.faq else found.hits[0].passage.text if found.hits else ""
    assert "tính từ ngày" in said


@pytest.mark.parametrize(
    "text",
    [
        "1 minh toi di lam dc ko",  # "một mình" typed with neither marks nor letters
        "co phai chay xe toi cho ho xem ko",  # bringing the vehicle to be seen
        "có cần mang xe máy đến không",
    ],
)
def test_coming_alone_or_with_the_vehicle_asks_who_must_come(text: str) -> None:
    assert [f.section for f in default_words().asked(text)][:1] == ["in_person"]


def test_the_purpose_said_with_the_part_asked_leaves_it_the_answer(ctx: Context) -> None:
    found = plan(ctx, TRANSFER, "có phải mang xe tới cho công an xem số khung không")
    assert found.section is not None and found.section.id == "in_person"


def test_a_vehicle_named_without_bringing_it_asks_no_one_to_come() -> None:
    asked = {f.section for f in default_words().asked("xe máy mua ở cửa hàng có cần hóa đơn")}
    assert "in_person" not in asked


def test_a_country_is_the_foreign_element_of_a_procedure_named_for_one(ctx: Context) -> None:
    idx = index_for(ctx.kb.procedures)
    said = "chồng tôi người Hàn Quốc thì sao"
    assert "quoc" not in idx.specifics(ctx.kb.procedures[FOREIGN_MARRIAGE], said)
    assert "quoc" in idx.specifics(ctx.kb.procedures["dang-ky-khai-sinh"], said)


def test_papers_from_a_country_named_are_answered_as_foreign_papers(ctx: Context) -> None:
    found = plan(ctx, FOREIGN_MARRIAGE, "giấy tờ của anh ấy bên Mỹ có cần dịch ra tiếng Việt không")
    assert found.hits and any("hợp pháp hóa lãnh sự" in h.passage.text for h in found.hits)


@pytest.mark.parametrize(
    "text",
    [
        "ra xa nho ho lam dum dc k",  # "họ": the desk's staff, typed as "hộ" is
        "lên phường nhờ cán bộ làm giúp được không",
    ],
)
def test_having_the_desk_do_it_asks_where_to_go(text: str) -> None:
    assert [f.section for f in default_words().asked(text)] == ["place"]


def test_having_a_relative_do_it_is_still_a_proxy() -> None:
    assert [f.section for f in default_words().asked("nhờ mẹ làm giùm được không")] == ["proxy"]


def test_not_knowing_the_phone_is_a_case_of_filing_online_not_an_own_word(
    ctx: Context,
) -> None:
    idx = index_for(ctx.kb.procedures)
    said = "mẹ không rành điện thoại, lên phường nhờ cán bộ làm giúp được không"
    assert "ranh" not in idx.specifics(ctx.kb.procedures["dang-ky-tam-tru"], said)
    found = plan(ctx, "dang-ky-tam-tru", said)
    assert found.section is not None and found.section.id == "place"


@pytest.mark.parametrize("text", ["nộp ở Long An được không", "nop o da nang duoc ko"])
def test_a_province_named_where_to_file_asks_the_place(text: str) -> None:
    assert [f.section for f in default_words().asked(text)] == ["place"]


def test_a_province_is_no_own_word_of_a_question(ctx: Context) -> None:
    said = "tôi làm ở Sài Gòn mà giờ về quê Long An, nộp ở Long An được không"
    idx = index_for(ctx.kb.procedures)
    assert idx.specifics(ctx.kb.procedures["huong-tro-cap-that-nghiep"], said) == []


def test_a_word_of_one_syllable_that_folds_like_a_city_stays_itself() -> None:
    assert "hue" in default_words().terms("hoa huệ")


def test_a_way_of_filing_alone_names_nothing_else() -> None:
    assert default_words().only_channel("nộp trực tiếp")
    assert default_words().only_channel("qua bưu điện")
    assert not default_words().only_channel("nộp trực tiếp cần giấy gì")


def follow(ctx: Context, *texts: str) -> str:
    state = State()
    for text in texts:
        turn, state = handle(Incoming("u", "test", text=text), state, ctx)
    return turn.replies[-1].text


def test_another_way_of_filing_after_the_fees_asks_the_fees_again(ctx: Context) -> None:
    text = follow(
        ctx, "đăng ký tạm trú", "nộp online thì hết bao nhiêu tiền", "còn nộp trực tiếp thì sao"
    )
    assert text.startswith("💰 Lệ phí — Đăng ký tạm trú")


def test_whether_one_may_file_online_after_the_fees_asks_the_online_part(ctx: Context) -> None:
    text = follow(ctx, "đăng ký tạm trú", "bao nhiêu tiền", "làm online được không")
    assert text.startswith("💻 Nộp trực tuyến — Đăng ký tạm trú")


def test_the_couple_asking_is_no_own_word(ctx: Context) -> None:
    idx = index_for(ctx.kb.procedures)
    said = "hai đứa khác tỉnh thì đăng ký kết hôn ở đâu"
    assert idx.specifics(ctx.kb.procedures["dang-ky-ket-hon"], said) == []
    found = plan(ctx, "dang-ky-ket-hon", said)
    assert found.section is not None and found.section.id == "place"


def test_both_of_them_still_asks_who_must_come() -> None:
    assert [f.section for f in default_words().asked("hai đứa có cần cùng đi không")][:1] == [
        "in_person"
    ]


@pytest.mark.parametrize(
    ("text", "section"),
    [
        ("gia hạn tạm trú cần giấy tờ gì", "docs"),  # "gia hạn" is the name, the papers asked
        ("gia han tam tru can giay to gi", "docs"),
        ("gia hạn tạm trú có thời hạn bao lâu", "validity"),  # asked outside the name too
        ("được gia hạn mấy lần", "validity"),  # no name said: the renewal asked
        ("gia hạn xong được thêm bao lâu", "validity"),
    ],
)
def test_a_part_named_only_by_the_procedures_name_gives_way(
    ctx: Context, text: str, section: str
) -> None:
    found = plan(ctx, "gia-han-tam-tru", text)
    assert found.section is not None and found.section.id == section


def test_the_first_words_of_the_name_give_way_to_the_part_asked(ctx: Context) -> None:
    found = plan(ctx, "gia-han-tam-tru", "gia hạn thì mất bao nhiêu")
    assert found.section is not None and found.section.id == "fees"


def test_the_first_words_of_another_name_still_ask_their_part(ctx: Context) -> None:
    found = plan(ctx, "dang-ky-tam-tru", "gia hạn thì mất bao nhiêu")
    assert found.section is not None and found.section.id == "validity"


@pytest.mark.parametrize(
    ("text", "hour"), [("nộp lúc 4h chiều", "16"), ("4 giờ chiều", "16"), ("8h sáng", "8")]
)
def test_an_hour_of_the_day_is_read_as_the_guidance_writes_it(text: str, hour: str) -> None:
    terms = default_words().terms(text)
    assert hour in terms and "gio" in terms and "chieu" not in terms


def test_the_hour_before_then_is_no_word_of_talk() -> None:
    assert "gio" in default_words().terms("nộp sau 15 giờ thì nhận ngày hôm sau")
    assert "gio" not in default_words().terms("giờ thì làm sao")


def test_filing_at_an_hour_asks_the_time_the_guidance_gives(ctx: Context) -> None:
    found = plan(ctx, "dang-ky-khai-sinh", "nop luc 4h chieu thi bao gio lay dc")
    assert found.section is not None and found.section.id == "time"


def test_when_to_report_asks_the_deadline(ctx: Context) -> None:
    found = plan(ctx, "thong-bao-luu-tru", "chau den luc 12h dem thi bao luc nao")
    assert found.section is not None and found.section.id == "late"


def test_until_when_it_lasts_asks_the_validity(ctx: Context) -> None:
    found = plan(ctx, "dang-ky-giam-ho", "giam ho den khi nao thi het")
    assert found.section is not None and found.section.id == "validity"


def test_how_much_it_costs_is_not_how_long_it_lasts() -> None:
    assert "validity" not in [f.section for f in default_words().asked("hết bao nhiêu tiền")]


def test_not_coming_for_the_paper_in_time_asks_the_time_it_waits(ctx: Context) -> None:
    found = plan(ctx, FOREIGN_MARRIAGE, "lo giay ra roi ma chua den nhan dc thi sao")
    assert found.section is not None and found.section.id == "time"


@pytest.mark.parametrize(
    "text",
    [
        "nếu nó không đi đăng ký thì sao",
        "ko di doi thi co sao ko",
        "nếu họ không làm thì có sao không",
        "trễ 4 tháng rồi thì sao",
    ],
)
def test_what_follows_from_not_doing_it_asks_the_late_part(text: str) -> None:
    assert [f.section for f in default_words().asked(text)] == ["late"]


def test_someone_else_not_doing_it_is_no_refusal(ctx: Context) -> None:
    text = follow(ctx, "xóa đăng ký tạm trú", "nếu họ không làm thì sao")
    assert text.startswith("⌛ Làm muộn, quá hạn — Xóa đăng ký tạm trú")
    assert "biên bản" in text


def test_months_gone_by_ask_what_follows_the_deadline(ctx: Context) -> None:
    text = follow(ctx, "hưởng trợ cấp thất nghiệp", "quá 3 tháng rồi thì sao")
    assert "bảo lưu" in text
