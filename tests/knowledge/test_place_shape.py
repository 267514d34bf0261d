"""What a place named in a message looks like, when the map does not know it."""

from __future__ import annotations

import pytest

from knowledge.places import (
    MAX_NAME_WORDS,
    looks_like_name,
    told_of_someone_else,
    unit_typed_bare,
)


@pytest.mark.parametrize(
    "named", ["phường Bến Ngé", "xa tan hungg", "Bến Ngé", "0912345678", "P. Tân Địnhh, Q.1"]
)
def test_a_few_words_of_a_name_look_like_one(named: str) -> None:
    assert looks_like_name(named)


@pytest.mark.parametrize(
    "named",
    [
        "tỉnh khác",  # another province, not one named
        "quận khác",
        "xa về không kịp",  # far away, not a commune
        "thì có phải",
        "công an Phường không",
        "hay chỗ bệnh viện",
        "phường",  # a unit and no name
        "nơi khác nhưng vẫn chưa chuyển hộ khẩu",
    ],
)
def test_words_of_a_sentence_do_not(named: str) -> None:
    assert not looks_like_name(named)


def test_a_name_longer_than_names_are_does_not() -> None:
    assert looks_like_name("xã " + " ".join(["Tân"] * MAX_NAME_WORDS))
    assert not looks_like_name("xã " + " ".join(["Tân"] * (MAX_NAME_WORDS + 1)))


def test_a_unit_typed_bare_before_accented_words_is_another_word() -> None:
    assert unit_typed_bare("xa quê")
    assert unit_typed_bare("quan ăn")
    assert not unit_typed_bare("xã Khổng Lào")
    assert not unit_typed_bare("xa Khong Lao")  # the whole name typed bare: a unit
    assert not unit_typed_bare("quan 3")
    assert not unit_typed_bare("phuong Linh Trung cũ")


@pytest.mark.parametrize(
    ("before", "message"),
    [
        ("vợ ", "vợ ở Phú Thọ"),
        ("người yêu em ", "người yêu em ở Nghệ An"),
        ("Vợ tôi có ", "Vợ tôi có hộ khẩu tại huyện Phú Lương"),
        ("con ", "con tôi ở Hà Nội"),
        ("chong e ", "chong e o nghe an"),
        ("bo me toi ", "bo me toi o que"),
    ],
)
def test_a_relative_before_the_place_is_someone_else(before: str, message: str) -> None:
    assert told_of_someone_else(before, message)


@pytest.mark.parametrize(
    ("before", "message"),
    [
        ("", "ở Hà Nội"),
        ("vợ chồng ", "vợ chồng tôi ở Hà Nội"),
        ("nhà chồng ", "nhà chồng e ở phường Dịch Vọng Hậu"),  # the house moved to
        ("nha chong ", "nha chong e o phuong Dich Vong Hau"),
        ("quê chồng ở Nghệ An còn ", "quê chồng ở Nghệ An còn em ở Hà Nội"),
        ("toi co ", "toi co ho khau tai xa Tan Hung"),  # "có", not "cô"
        ("con ", "con toi o Ha Noi"),  # "còn tôi" or "con tôi": unsaid without accents
    ],
)
def test_the_asker_or_a_word_folded_like_a_relative_is_not(before: str, message: str) -> None:
    assert not told_of_someone_else(before, message)
