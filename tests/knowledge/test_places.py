"""The country's map: today's communes, old names, districts, and what is not a place here."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import yaml

from knowledge.places import (
    WORDS_FILE,
    Found,
    Gazetteer,
    PlaceWords,
    gazetteer,
    place_words,
    read_old_units,
    segments,
    unit_key,
    use_gazetteer,
)

CASES = yaml.safe_load(
    (Path(__file__).parents[1] / "data" / "places.yaml").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def places() -> Gazetteer:
    return gazetteer()


def test_the_map_has_34_provinces_and_3321_communes(places: Gazetteer) -> None:
    assert len(places.provinces) == 34
    assert len(places.communes) == 3321


def test_every_old_ward_points_at_communes_of_today(places: Gazetteer) -> None:
    units = read_old_units()
    assert len(units) > 10_000
    assert all(code in places.communes for unit in units for code in unit.now)


@pytest.mark.parametrize("case", CASES, ids=[c["text"] for c in CASES])
def test_phrasing_resolves_as_expected(places: Gazetteer, case: dict[str, object]) -> None:
    result = places.resolve(str(case["text"]))
    assert result.found.value == case["found"]
    if "communes" in case:
        assert {c.full for c in result.communes} == set(case["communes"])  # type: ignore[arg-type]


def test_abbreviations_expand_to_type_words() -> None:
    assert [(s.kind, s.name) for s in segments("P.Bến Nghé, Q1, TP.HCM")] == [
        ("phuong", "ben nghe"),
        ("quan", "1"),
        ("thanh pho", "ho chi minh"),
    ]


def test_a_type_word_inside_a_name_stays_in_the_name() -> None:
    assert [(s.kind, s.name) for s in segments("xã Hòa Xá")] == [("xa", "hoa xa")]


def test_unit_key_drops_the_type_and_leading_zeros() -> None:
    assert unit_key("Phường 01") == "1"
    assert unit_key("Thị trấn Củ Chi") == "cu chi"


def test_an_old_name_says_which_ward_it_was(places: Gazetteer) -> None:
    result = places.resolve("phường Bến Nghé quận 1")
    assert result.old == "Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh"
    assert result.commune is not None and result.commune.name == "Phường Sài Gòn"


def test_a_split_ward_has_no_single_commune(places: Gazetteer) -> None:
    result = places.resolve("phường Trương Định quận Hai Bà Trưng")
    assert result.found is Found.SPLIT
    assert result.commune is None


def test_choices_carry_one_label_per_commune(places: Gazetteer) -> None:
    result = places.resolve("phường Quỳnh Mai")
    assert len(result.labels) == len(result.communes)
    assert any("Quận Hai Bà Trưng cũ" in label for label in result.labels)


def test_diacritics_written_tell_similar_names_apart(places: Gazetteer) -> None:
    assert places.resolve("Hạ Long").found is Found.COMMUNE
    assert places.resolve("Ha Long").found is Found.CHOOSE  # Hạ Long or Hà Long


def test_commune_lookup_by_code_refuses_garbage(places: Gazetteer) -> None:
    assert places.commune("70") is not None
    assert places.commune("abc") is None
    assert places.commune(999_999) is None


def test_marks_typed_must_match_but_bare_letters_fit_any(places: Gazetteer) -> None:
    assert places.resolve("quê").found is Found.UNKNOWN  # not Phường Quế
    result = places.resolve("Tan Hưng, Cà Mau")
    assert result.commune is not None and result.commune.name == "Xã Tân Hưng"


def test_a_place_abroad_added_to_the_lexicon_is_read_as_abroad(tmp_path: Path) -> None:
    text = WORDS_FILE.read_text(encoding="utf-8")
    said = text.replace("  abroad:\n", "  abroad:\n    - Vác-sa-va\n", 1)
    lexicon = tmp_path / "places.yaml"
    lexicon.write_text(said, encoding="utf-8")
    assert "vac sa va" not in PlaceWords.load().abroad
    assert "vac sa va" in PlaceWords.load(lexicon).abroad


def test_a_map_restored_from_the_cache_brings_its_words(places: Gazetteer) -> None:
    restored = pickle.loads(pickle.dumps(places))
    assert restored.words is not places.words
    try:
        use_gazetteer(restored)
        assert place_words() is restored.words
        assert restored.resolve("Đài Loan").found is Found.FOREIGN
        assert restored.resolve("Tân Hưng Cà Mau").found is not Found.UNKNOWN
    finally:
        use_gazetteer(places)
    assert place_words() is places.words
