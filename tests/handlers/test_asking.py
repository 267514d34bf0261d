"""Which part of a message asks (``handlers/asking.py``): the clauses that ask and those that
tell the citizen's case, what is said past a "thì", a case supposed kept with what it asks."""

from __future__ import annotations

from handlers.asking import (
    after_supposing,
    asking_clauses,
    asks_any_way,
    clause_asks,
    past_case,
    past_then,
)


def test_a_clause_asks_by_a_parts_words_or_as_a_question() -> None:
    assert clause_asks("nộp ở đâu")  # the place's words
    assert clause_asks("có cần đủ mặt không")  # a question's ending
    assert not clause_asks("công ty ở Bắc Ninh")


def test_a_clause_asks_any_way_by_a_questions_word_too() -> None:
    said = "sinh con được nghỉ mấy tháng"  # "mấy tháng" names no part, yet asks
    assert not clause_asks(said)
    assert asks_any_way(said)
    assert asks_any_way("tiền lệ phí")  # a part's words
    assert not asks_any_way("con tôi 5 tuổi")


def test_the_clauses_that_tell_the_case_are_left_out() -> None:
    said = "về quê nộp được không, công ty ở Bắc Ninh"
    assert asking_clauses(said) == "về quê nộp được không"


def test_the_whole_message_when_every_clause_asks_or_none_does() -> None:
    assert asking_clauses("nộp ở đâu, bao lâu") == "nộp ở đâu, bao lâu"
    told = "tôi ở Bắc Ninh, công ty ở Hà Nội"
    assert asking_clauses(told) == told


def test_what_is_said_past_the_last_then() -> None:
    said = "bố mẹ không đồng ý thì có đăng ký được không"
    assert past_then(said) == "có đăng ký được không"
    assert past_then("mat giay thi sao") == "sao"  # typed without marks, "thi" is "thì"


def test_nothing_past_a_then_without_one() -> None:
    assert past_then("có đăng ký được không") is None
    # typed with marks, a bare "thi" is sitting a test, not "thì"
    assert past_then("bằng hết hạn rồi mới bị mất, vậy có phải thi lại không") is None


def test_what_is_asked_past_the_case_told_first() -> None:
    said = "muốn đổi sang bệnh viện gần nhà thì lúc nào đổi được"
    assert past_case(said) == "lúc nào đổi được"


def test_a_case_supposed_stays_with_what_it_asks() -> None:
    said = "nếu bán thêm rượu thì có phải xin phép không, tôi ở quê"
    assert past_case(said) == "nếu bán thêm rượu thì có phải xin phép không"


def test_a_conditional_question_asks_after_its_then() -> None:
    said = "nếu công an không cho gia hạn thì khiếu nại ở đâu"
    assert after_supposing(said).strip() == "khiếu nại ở đâu"


def test_a_case_not_supposed_is_read_whole() -> None:
    said = "công an không cho gia hạn thì khiếu nại ở đâu"
    assert after_supposing(said) == said
