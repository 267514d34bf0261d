"""Recognising commands, choices, corrections and places before matching."""

from __future__ import annotations

import pytest

from handlers.intents import (
    Command,
    back_to,
    command,
    has_words,
    meant_part,
    numbers,
    place_named,
    rejection,
    switch_target,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/start", Command.START),
        ("/start@motcua_bot vi-du-phuong-mau", Command.START),
        ("/huy", Command.RESET),
        ("Làm lại", Command.RESET),
        ("lam lai", Command.RESET),
        ("/nguoi", Command.HUMAN),
        ("gặp người hỗ trợ", Command.HUMAN),
        ("cho tôi gặp cán bộ tư pháp xã trao đổi trực tiếp", Command.HUMAN),
        ("có số đt nào để gọi hỏi không bạn", Command.CONTACT),
        ("xin sđt để gọi", Command.CONTACT),
        ("cảm ơn", Command.THANKS),
        ("dạ con cảm ơn nhiều nha", Command.THANKS),
        ("em cảm ơn ạ", Command.THANKS),
        ("👍", Command.UP),
        ("👎🏻", Command.DOWN),
        ("xin chào", Command.START),
    ],
)
def test_whole_message_commands(text: str, expected: Command) -> None:
    assert command(text) is expected


@pytest.mark.parametrize(
    "text",
    [
        "hướng dẫn làm khai sinh",
        "hủy đăng ký thường trú",
        "/khong-co-lenh",
        "cam on ban da",
        "em cảm ơn nhưng còn hỏi lệ phí",
        "gặp cán bộ địa chính thì hỏi gì",
        "có số nhà nào gần đây không",
    ],
)
def test_questions_are_not_commands(text: str) -> None:
    assert command(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1", [1]), ("số 2", [2]), ("1, 3 4", [1, 3, 4]), ("2025", []), ("1 con", []), ("", [])],
)
def test_numbered_choices(text: str, expected: list[int]) -> None:
    assert numbers(text) == expected


def test_correction_keeps_what_was_meant() -> None:
    found = rejection("Không phải, ý tôi là đăng ký lại khai sinh")
    assert found is not None and found.rest == "dang ky lai khai sinh"


def test_bare_rejection_has_no_rest() -> None:
    found = rejection("không phải")
    assert found is not None and found.rest == ""


def test_question_starting_with_khong_is_not_a_rejection() -> None:
    assert rejection("không cần giấy tờ gì à") is None


def test_place_keeps_the_citizens_spelling_and_the_rest_of_the_question() -> None:
    assert place_named("nhà em ở xã Tân Phú, làm khai sinh ở đâu") == (
        "Xã Tân Phú",
        "làm khai sinh ở đâu",
    )


def test_living_in_rented_room_is_not_a_place() -> None:
    assert place_named("tôi ở trọ cần đăng ký tạm trú") is None


@pytest.mark.parametrize(("text", "expected"), [("😀😀", False), ("?!", False), ("a", True)])
def test_has_words(text: str, expected: bool) -> None:
    assert has_words(text) is expected


def test_a_slip_owned_is_a_correction() -> None:
    found = rejection("à nhầm, ý tôi là đăng ký lại khai sinh")
    assert found is not None and found.rest == "dang ky lai khai sinh"


def test_what_a_correction_means_is_read_before_what_it_denies() -> None:
    found = rejection("à không, thẻ bị gãy chứ không phải mất")
    assert found is not None and meant_part(found.rest) == "the bi gay"


def test_a_correction_that_denies_nothing_has_no_meant_part() -> None:
    assert meant_part("the bi gay goc") is None


def test_a_word_denied_before_a_pause_is_not_what_is_meant() -> None:
    found = rejection("không phải đổi, thẻ em bị mất")
    assert found is not None and found.rest == "the em bi mat"


def test_a_long_part_before_a_pause_is_kept_as_what_is_meant() -> None:
    found = rejection("không phải giấy tờ gì cả, tôi hỏi lệ phí")
    assert found is not None and found.rest.startswith("giay to")


def test_a_bare_correction_with_nothing_denied_keeps_all_it_means() -> None:
    found = rejection("à không, thẻ bị gãy góc")
    assert found is not None and found.rest == "the bi gay goc"


def test_going_back_typed_bare_keeps_the_words_before_the_matter_word() -> None:
    back = back_to("quay lai chuyen doi dat vuon")
    assert back is not None and back.rest == "doi dat vuon" and back.whole == "chuyen doi dat vuon"


def test_a_word_spelt_like_nham_is_no_correction() -> None:
    assert rejection("Nhâm Dần là năm nào") is None


def test_con_without_diacritics_in_a_message_without_any_is_a_switch() -> None:
    assert switch_target("Con ban thuoc la thi sao?") == "ban thuoc la"


def test_con_without_its_accent_beside_diacritics_is_a_child_not_a_switch() -> None:
    assert switch_target("con tôi đăng ký tạm trú thì sao") is None


def test_going_back_after_an_ok_keeps_the_question() -> None:
    back = back_to("ok quay lại cái đăng ký tạm trú, chủ nhà không ký thì sao")
    assert back is not None and back.question == "chu nha khong ky thi sao"


def test_lai_hoi_ti_goes_back_with_its_question() -> None:
    back = back_to("lại hỏi chút về khai sinh, lệ phí bao nhiêu")
    assert back is not None and back.rest == "khai sinh" and back.question == "le phi bao nhieu"


def test_an_ok_before_a_question_is_no_going_back() -> None:
    assert back_to("ok, lệ phí bao nhiêu") is None
