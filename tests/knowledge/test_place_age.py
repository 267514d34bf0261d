"""A name said to be the old one or today's ("… quận 3 cũ", "phường … mới"), a type of commune
gone since 1/7/2025 ("thị trấn"), and the provinces the parts of a name allow."""

from __future__ import annotations

import pytest

from knowledge.places import Found, Gazetteer, gazetteer


@pytest.fixture(scope="module")
def places() -> Gazetteer:
    return gazetteer()


def names(places: Gazetteer, text: str) -> tuple[Found, list[str]]:
    result = places.resolve(text)
    return result.found, [c.full for c in result.communes]


def test_old_closing_the_district_is_read_as_the_old_ward(places: Gazetteer) -> None:
    found, communes = names(places, "phường 7 quận Bình Thạnh cũ")
    assert found is Found.OLD
    assert communes == ["Phường Gia Định, Thành phố Hồ Chí Minh"]


def test_old_closing_the_province_is_read_as_the_old_unit(places: Gazetteer) -> None:
    found, communes = names(places, "thị trấn Đông Hưng, tỉnh Thái Bình cũ")
    assert (found, communes) == (Found.OLD, ["Xã Đông Hưng, Tỉnh Hưng Yên"])


def test_new_keeps_todays_commune_only(places: Gazetteer) -> None:
    found, communes = names(places, "phường Bình Thạnh mới")
    assert (found, communes) == (Found.COMMUNE, ["Phường Bình Thạnh, Thành phố Hồ Chí Minh"])


def test_without_new_an_old_ward_of_that_name_is_offered_too(places: Gazetteer) -> None:
    found, communes = names(places, "phường Bình Thạnh")
    assert found is Found.CHOOSE and len(communes) == 2


def test_a_name_the_map_knows_keeps_its_word(places: Gazetteer) -> None:
    result = places.resolve("huyện Chợ Mới")
    assert result.found is Found.VAGUE
    assert all("Chợ Mới" in option for option in result.options)


def test_a_town_gone_since_2025_is_the_old_one_split(places: Gazetteer) -> None:
    found, communes = names(places, "thị trấn Đông Anh")
    assert found is Found.SPLIT and "Xã Phúc Thịnh, Thành phố Hà Nội" in communes


def test_a_district_tells_the_province(places: Gazetteer) -> None:
    hcm = places.province("Thành phố Hồ Chí Minh")
    assert hcm is not None
    assert places.provinces_named("phường 7 quận 3 cũ") == frozenset({hcm.code})


def test_words_of_no_place_tell_no_province(places: Gazetteer) -> None:
    assert places.provinces_named("chỗ nào đó") is None


def test_a_name_read_within_a_province(places: Gazetteer) -> None:
    hcm = places.province("Thành phố Hồ Chí Minh")
    assert hcm is not None
    result = places.resolve("phường Xuân Hòa", frozenset({hcm.code}))
    assert result.commune is not None and result.commune.full.endswith("Hồ Chí Minh")


def test_thuoc_joins_a_ward_to_its_old_district(places: Gazetteer) -> None:
    found, communes = names(places, "phường Phú Hòa thuộc Thủ Dầu Một")
    assert (found, communes) == (Found.OLD, ["Phường Phú Lợi, Thành phố Hồ Chí Minh"])


def test_thuoc_in_a_name_is_no_link(places: Gazetteer) -> None:
    found, communes = names(places, "xa Than Thuoc huyen Tan Uyen")
    assert (found, communes) == (Found.OLD, ["Xã Tân Uyên, Tỉnh Lai Châu"])


def test_a_type_word_ending_a_name_before_old_stays_in_it(places: Gazetteer) -> None:
    found, communes = names(places, "xã Tân Lập, huyện Đan Phượng cũ")
    assert (found, communes) == (Found.OLD, ["Xã Ô Diên, Thành phố Hà Nội"])
