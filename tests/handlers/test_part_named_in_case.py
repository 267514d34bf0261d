"""A follow-up whose case, told before its "thì", names a part ("bằng không thời hạn", "không ai
biết làm online"): what it asks past the case answers, from the passage that holds it; and who
must come asked with a word of being bound between ("có bắt buộc phải lên cùng không")."""

from __future__ import annotations

from handlers import Context
from knowledge.answers import default_words
from tests.handlers.talk import reply_in


def test_a_length_told_in_the_case_leaves_what_is_asked_past_it(ctx: Context) -> None:
    said = "bằng ô tô còn thời hạn 3 năm, đánh rơi ngoài chợ thì có phải sát hạch lại không"
    text = reply_in(ctx, "cap-lai-giay-phep-lai-xe", said)
    assert not text.startswith("⏱")
    assert "không phải thi lại" in text


def test_sitting_the_test_again_asked_past_a_length_told(ctx: Context) -> None:
    said = "bằng A1 không có thời hạn, rớt mất lúc đi chợ thì có phải đi thi lại không"
    text = reply_in(ctx, "cap-lai-giay-phep-lai-xe", said)
    assert "không phải thi lại" in text


def test_going_to_sit_a_test_is_not_coming_in_person() -> None:
    assert not default_words().asked("có phải đi thi lại không")
    assert [f.section for f in default_words().asked("có phải đi không")] == ["in_person"]


def test_nobody_after_a_negation_passes_the_denial_on() -> None:
    denied = default_words().denials("nhà không ai biết làm online")
    assert "!biet" in denied
    assert "!ai" not in denied


def test_nobody_knowing_how_to_file_online_reads_the_help_at_the_desk(ctx: Context) -> None:
    said = "cả nhà không ai biết làm online thì sao"
    text = reply_in(ctx, "lien-thong-khai-tu-xoa-thuong-tru-mai-tang", said)
    assert "hỗ trợ" in text


def test_being_bound_to_come_together_asks_who_must_come(ctx: Context) -> None:
    text = reply_in(
        ctx, "dang-ky-khai-sinh-ket-hop-nhan-cha-me-con", "chong em co bat buoc phai len cung khong"
    )
    assert text.startswith("🧍")
    assert "ADN" not in text


def test_going_along_after_a_word_of_being_bound_asks_who_must_come(ctx: Context) -> None:
    text = reply_in(
        ctx, "dang-ky-khai-sinh-ket-hop-nhan-cha-me-con", "ck co bat buoc di cung khong"
    )
    assert text.startswith("🧍")


def test_both_bound_to_go_together_to_the_commune(ctx: Context) -> None:
    text = reply_in(ctx, "dang-ky-ket-hon", "hai đứa có nhất thiết phải cùng ra xã không")
    assert text.startswith("🧍")


def test_papers_asked_about_a_thing_the_procedure_never_mentions_stay_a_miss(ctx: Context) -> None:
    text = reply_in(ctx, "dang-ky-ket-hon", "giấy tờ khi đón con chào đời")
    assert "chưa có chi tiết này" in text
