"""What a follow-up asks inside a procedure: the words of each part in their everyday forms, and
what answers when the citizen adds their own case, asks for one particular thing, or asks for a
part the procedure has no rule for."""

from __future__ import annotations

import pytest

from handlers import Context, Incoming, State, Turn, answer, handle
from handlers.conversation import Conversation
from handlers.state import Mode
from knowledge.answers import default_words, expand, index_for, words


def plan(ctx: Context, procedure_id: str, text: str) -> answer.Plan:
    conv = Conversation(Incoming("u", "test", text=text), State(), ctx)
    return answer.plan(conv, ctx.kb.procedures[procedure_id], text)


def test_a_phrase_with_choices_stands_for_each_of_them() -> None:
    assert sorted(expand("(dẫn|đưa) (con|bé) theo")) == [
        "dẫn bé theo",
        "dẫn con theo",
        "đưa bé theo",
        "đưa con theo",
    ]
    assert expand("có giấy (luôn|)") == ["có giấy luôn", "có giấy"]


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("co phai dan be len cong an ko", "in_person"),
        ("tôi là cháu đi khai được không", "proxy"),
        ("vợ tôi đi đổi hộ được không", "proxy"),
        ("bấm biển xong có giấy luôn không", "same_day"),
        ("báo muộn nhất lúc mấy giờ", "late"),
        ("không báo thì sao", "late"),
        ("đổi xong thẻ dùng đến bao giờ", "validity"),
        ("mỗi tháng được bao nhiêu tiền", "result"),
        ("tốn nhiêu tiền zậy", "fees"),
        ("có cần 2 đứa cùng đi không hay 1 người đi là được", "in_person"),
        ("nhờ người nhà làm giúp được không", "proxy"),
        ("nghỉ được 4 tháng rồi còn kịp không", "late"),
        ("hạn bao lâu phải đi khai", "late"),
        ("ở đây 3 tháng rồi mới đi đk thì có sao k", "late"),
        ("đăng ký xong thì đc bao lâu", "validity"),
        ("nộp giấy tờ cho ai", "place"),
        ("bao lâu thì nhận được tiền", "time"),
        ("mẫu tờ khai lấy ở đâu", "forms"),
        ("chiều nay nộp thì mai có không", "same_day"),
        ("thẻ dùng đến năm bao nhiêu tuổi", "validity"),
        ("mình đi 1 mình được không", "in_person"),
        ("tôi đi làm xa, nhờ con trai đi nộp được không", "proxy"),
    ],
)
def test_everyday_forms_ask_for_their_part(text: str, part: str) -> None:
    assert [found.section for found in default_words().asked(text)][:1] == [part]


@pytest.mark.parametrize(
    "text",
    [
        "nhà có nuôi chó thì có sao không",
        "làm hộ chiếu ở đâu",
        "lam giay khai sinh cho con",  # "cho con" is not "chở con"
        "tôi muốn cho con làm căn cước",
        "em làm được không",
        "giấy tờ của người nhà",  # a compound alone, not a request to file for someone
    ],
)
def test_words_that_only_look_like_a_part_ask_for_none(text: str) -> None:
    asked = {found.section for found in default_words().asked(text)}
    assert not asked & {"late", "proxy", "in_person"}


def test_an_answer_field_asked_answers_whatever_the_citizen_adds_of_their_case(
    ctx: Context,
) -> None:
    found = plan(ctx, "cap-phieu-ly-lich-tu-phap", "nhờ em gái đi làm hộ được không")
    assert found.section is not None and found.section.id == "proxy"


def test_a_particular_thing_the_part_does_not_say_is_quoted_from_where_it_is(
    ctx: Context,
) -> None:
    found = plan(ctx, "cap-ho-chieu-pho-thong", "gửi về nhà qua bưu điện được không")
    assert found.hits and all("bưu chính" in h.passage.text for h in found.hits)


def test_a_part_with_no_rule_is_answered_by_the_part_nearest_to_it(ctx: Context) -> None:
    assert ctx.kb.procedures["cap-doi-the-can-cuoc"].same_day is None
    found = plan(ctx, "cap-doi-the-can-cuoc", "có lấy ngay trong ngày được không")
    assert found.section is not None and found.section.id == "time"


def say(ctx: Context, *texts: str) -> tuple[Turn, State]:
    state, turn = State(), None
    for text in texts:
        turn, state = handle(Incoming("u", "test", text=text), state, ctx)
    assert turn is not None
    return turn, state


def test_short_forms_are_read_as_the_words_they_stand_for(ctx: Context) -> None:
    turn, state = say(ctx, "làm hộ chiếu", "tốn bn tiền")
    assert turn.replies[-1].text.startswith("💰 Lệ phí — Làm hộ chiếu")
    assert state.procedure == "cap-ho-chieu-pho-thong" and not turn.unmet


def test_a_short_form_never_takes_a_word_typed_with_its_tone() -> None:
    assert [w.folded for w in words("hông đc")] == ["khong", "duoc"]
    assert [w.folded for w in words("thẻ bị hỏng")] == ["the", "bi", "hong"]


def test_who_must_come_is_answered_in_the_citizens_words(ctx: Context) -> None:
    turn, _ = say(ctx, "đăng ký kết hôn", "có cần 2 đứa cùng đi không hay 1 người đi là được")
    text = turn.replies[-1].text
    assert text.startswith("🧍 Ai phải có mặt — Đăng ký kết hôn") and "Căn cứ" in text


def test_a_clause_telling_the_citizens_case_does_not_turn_a_part_into_a_miss(
    ctx: Context,
) -> None:
    turn, _ = say(ctx, "đổi bằng lái xe", "có làm trên mạng được không, tôi ngại ra xếp hàng")
    assert turn.replies[-1].text.startswith("💻 Nộp trực tuyến — Đổi giấy phép lái xe")
    assert not turn.unmet


def test_a_part_asked_with_words_its_own_passage_holds_is_answered(ctx: Context) -> None:
    turn, _ = say(
        ctx, "xác định mức độ khuyết tật", "cháu có phải có mặt để người ta đánh giá không"
    )
    assert turn.replies[-1].text.startswith("🧍 Ai phải có mặt — Xác định mức độ khuyết tật")


def test_of_two_fields_asked_the_one_saying_the_particular_thing_answers(ctx: Context) -> None:
    turn, _ = say(ctx, "đăng ký tạm trú", "hết hạn thì gia hạn trước bao nhiêu ngày")
    text = turn.replies[-1].text
    assert text.startswith("⏳ Thời hạn giá trị — Đăng ký tạm trú") and "15 ngày" in text


def test_lateness_asked_alone_is_still_the_late_field(ctx: Context) -> None:
    turn, _ = say(ctx, "đăng ký tạm trú", "quá hạn rồi mới đi đăng ký thì có bị phạt không")
    assert turn.replies[-1].text.startswith("⌛ Làm muộn, quá hạn — Đăng ký tạm trú")


def test_a_phrase_of_one_meaning_stays_whole_among_a_questions_own_words(ctx: Context) -> None:
    idx = index_for(ctx.kb.procedures)
    proc = ctx.kb.procedures["dang-ky-thuong-tru"]
    assert idx.specifics(proc, "ở nhờ nhà bà con thì có đăng ký thường trú được không") == ["o_nho"]
    turn, _ = say(ctx, "đăng ký thường trú", "ở nhờ nhà bà con thì có đăng ký được không")
    assert "ở nhờ" in turn.replies[-1].text and not turn.unmet


def test_a_synonym_that_cuts_a_compound_is_not_read() -> None:
    terms = default_words().terms("làm hộ chiếu hết bao nhiêu")
    assert "chieu" in terms and "uy_quyen" not in terms
    assert "uy_quyen" in default_words().terms("nhờ người làm hộ được không")


def test_a_word_of_the_procedures_own_name_does_not_make_a_part_asked_a_detail(
    ctx: Context,
) -> None:
    turn, _ = say(ctx, "đổi bằng lái xe", "bao lâu thì có bằng mới")  # "bằng" of "bằng lái"
    assert turn.replies[-1].text.startswith("⏱ Thời gian — Đổi giấy phép lái xe")


def test_a_phone_number_is_not_the_phone_of_filing_online() -> None:
    assert default_words().asked("có số điện thoại nào để hỏi không") == []
    assert [f.section for f in default_words().asked("làm qua điện thoại được không")] == ["online"]


def test_hk_ends_a_question_as_khong_and_names_a_household_registration_after_its_verb(
    ctx: Context,
) -> None:
    turn, state = say(ctx, "đăng ký tạm trú", "lm online dc hk ad")
    assert turn.replies[-1].text.startswith("💻 Nộp trực tuyến — Đăng ký tạm trú")
    _, state = say(ctx, "đăng ký tạm trú", "nhập hk cho con")
    assert state.procedure == "dang-ky-thuong-tru"


@pytest.mark.parametrize(
    "text", ["họ ở lâu thì sao", "nếu khách ở hẳn thì sao", "khach o luon thi sao"]
)
def test_a_guest_staying_long_is_told_when_it_becomes_temporary_residence(
    ctx: Context, text: str
) -> None:
    state = State(mode=Mode.PROCEDURE, procedure="thong-bao-luu-tru")
    turn, after = handle(Incoming("u", "test", text=text), state, ctx)
    reply = "\n".join(r.text for r in turn.replies)
    assert after.procedure == "thong-bao-luu-tru"
    assert "30 ngày" in reply and "tạm trú" in reply and not turn.unmet


@pytest.mark.parametrize("text", ["xin ở đây được không", "nop o day dc ko"])
def test_asking_whether_here_will_do_is_the_place(ctx: Context, text: str) -> None:
    state = State(mode=Mode.PROCEDURE, procedure="cap-ban-sao-trich-luc-ho-tich")
    turn, _ = handle(Incoming("u", "test", text=text), state, ctx)
    assert turn.replies[-1].text.startswith("📍 Nơi nộp") and not turn.unmet


@pytest.mark.parametrize(
    ("text", "part"),
    [("het bao nhieu ngay", "time"), ("tốn mấy hôm", "time"), ("hết bao nhiêu", "fees")],
)
def test_a_unit_of_time_after_how_much_asks_the_time(text: str, part: str) -> None:
    assert [found.section for found in default_words().asked(text)][:1] == [part]


@pytest.mark.parametrize("text", ["e o xa, nho chu e di lam dc ko", "nhờ bác đi nộp được không"])
def test_an_uncle_or_aunt_asked_to_go_is_a_proxy(text: str) -> None:
    assert [found.section for found in default_words().asked(text)][:1] == ["proxy"]


def test_a_teacher_named_with_work_is_no_proxy() -> None:
    assert "proxy" not in [found.section for found in default_words().asked("nhờ cô giáo làm gì")]


@pytest.mark.parametrize(
    "text",
    [
        "hop dong tang cho ky roi ma de 2 thang chua sang ten co sao",
        "xây trước rồi xin phép sau được không",
        "chưa đăng ký thì có sao",
    ],
)
def test_leaving_it_undone_or_doing_it_after_asks_about_lateness(text: str) -> None:
    assert [found.section for found in default_words().asked(text)][:1] == ["late"]


def test_papers_asked_before_building_ask_no_lateness() -> None:
    assert "late" not in [f.section for f in default_words().asked("xin phép xây nhà cần gì")]


def test_filing_the_papers_typed_without_marks_is_no_proxy() -> None:
    assert [f.section for f in default_words().asked("nop ho so o dau")] == ["place"]
    assert [f.section for f in default_words().asked("nop ho dc ko")] == ["proxy"]


@pytest.mark.parametrize("text", ["ba noi lam cho chau dc ko", "bà nội làm giúp được không"])
def test_a_grandparent_doing_it_for_the_child_is_a_proxy(text: str) -> None:
    assert [found.section for found in default_words().asked(text)][:1] == ["proxy"]


def test_only_me_going_asks_who_must_come() -> None:
    found = default_words().asked("vo toi dang di lam o Nhat, minh toi lam dc ko")
    assert [f.section for f in found] == ["in_person"]
    assert not default_words().asked("minh lam dc ko")  # "mình" alone is only "I"
