"""A place told with the name it has now ("… cũ, giờ là phường X"): one reading of it, shared
by every reading of a place named (``handlers/places.py``)."""

from __future__ import annotations

from handlers.places import _named_now


def test_the_old_name_and_the_name_now_are_told_apart() -> None:
    said = "phường 7 quận 3 cũ, giờ là phường Xuân Hòa"
    assert _named_now(said) == ("phường 7 quận 3 cũ", "phường Xuân Hòa")


def test_the_words_that_trail_the_name_now_are_left_out() -> None:
    said = "xã Tân Phú cũ giờ nhập vào phường Đồng Xoài rồi"
    assert _named_now(said) == ("xã Tân Phú cũ", "phường Đồng Xoài")
    said = "phường 7 quận 3 cũ, giờ là phường Xuân Hòa đúng không"
    assert _named_now(said) == ("phường 7 quận 3 cũ", "phường Xuân Hòa")


def test_a_name_now_with_nothing_before_it_is_no_pair() -> None:
    assert _named_now("giờ là phường Xuân Hòa") is None


def test_a_place_named_once_is_no_pair() -> None:
    assert _named_now("phường Bến Nghé, quận 1") is None
