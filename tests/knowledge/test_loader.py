"""Schema and cross-file validation: every broken file names its file and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.base import KnowledgeStore, load
from knowledge.loader import load_procedures
from knowledge.problems import KnowledgeError
from knowledge.validate import check_coverage
from tests.knowledge.helpers import example, example_locality, write


def problems_of(tmp_path: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as info:
        load(tmp_path / "procedures", tmp_path / "localities")
    return [str(p) for p in info.value.problems]


def test_valid_example_loads(tmp_path: Path) -> None:
    write(tmp_path / "procedures", "dang-ky-khai-sinh", example())
    kb = load(tmp_path / "procedures", tmp_path / "localities")
    assert kb.get("dang-ky-khai-sinh") is not None
    assert kb.by_code("1.001193") is kb.get("dang-ky-khai-sinh")


def test_unknown_key_names_file_and_field(tmp_path: Path) -> None:
    data = example()
    data["fees"]["itemz"] = []
    write(tmp_path / "procedures", "dang-ky-khai-sinh", data)
    assert "procedures/dang-ky-khai-sinh.yaml: fees.itemz: unknown key (typo?)" in problems_of(
        tmp_path
    )


def test_missing_field_and_bad_enum(tmp_path: Path) -> None:
    data = example()
    del data["summary"]
    data["online"]["availability"] = "muc_do_4"
    write(tmp_path / "procedures", "dang-ky-khai-sinh", data)
    found = problems_of(tmp_path)
    assert "procedures/dang-ky-khai-sinh.yaml: summary: required field is missing" in found
    assert any(
        p.startswith("procedures/dang-ky-khai-sinh.yaml: online.availability:") for p in found
    )


def test_fee_without_amount_is_rejected(tmp_path: Path) -> None:
    data = example()
    data["fees"]["items"][0] = {"label": "Lệ phí", "legal_basis": ["x"]}
    write(tmp_path / "procedures", "dang-ky-khai-sinh", data)
    assert any("fees.items[0]" in p and "amount" in p for p in problems_of(tmp_path))


def test_unquoted_code_is_a_clear_error(tmp_path: Path) -> None:
    text = write(tmp_path / "x", "x", example()).read_text(encoding="utf-8")
    text = text.replace("code: '1.001193'", "code: 1.001193")
    write(tmp_path / "procedures", "dang-ky-khai-sinh", text)
    assert any("codes[0].code" in p for p in problems_of(tmp_path))


def test_duplicate_yaml_key_is_reported(tmp_path: Path) -> None:
    text = write(tmp_path / "x", "x", example()).read_text(encoding="utf-8")
    write(tmp_path / "procedures", "dang-ky-khai-sinh", text + "\nsummary: lần hai\n")
    assert any("duplicate key 'summary'" in p for p in problems_of(tmp_path))


def test_id_must_match_file_name(tmp_path: Path) -> None:
    write(tmp_path / "procedures", "khac", example())
    assert (
        "procedures/khac.yaml: id: id 'dang-ky-khai-sinh' must equal the file name"
        in problems_of(tmp_path)
    )


def test_duplicate_alias_across_procedures(tmp_path: Path) -> None:
    write(tmp_path / "procedures", "dang-ky-khai-sinh", example())
    other = example(id="thu-tuc-khac", name="Thủ tục khác", codes=[])
    other["aliases"] = ["LÀM GIẤY KHAI SINH", "a b", "c d", "e f", "g h"]
    write(tmp_path / "procedures", "thu-tuc-khac", other)
    found = problems_of(tmp_path)
    assert any(
        "thu-tuc-khac.yaml: aliases[0]" in p and "also names dang-ky-khai-sinh" in p for p in found
    )


def test_dangling_link(tmp_path: Path) -> None:
    write(
        tmp_path / "procedures",
        "dang-ky-khai-sinh",
        example(related=[{"id": "khong-co", "reason": "x"}]),
    )
    assert (
        "procedures/dang-ky-khai-sinh.yaml: related[0].id: unknown procedure 'khong-co'"
        in problems_of(tmp_path)
    )


def test_empty_section_needs_not_applicable(tmp_path: Path) -> None:
    data = example()
    data["fees"]["items"] = []
    write(tmp_path / "procedures", "dang-ky-khai-sinh", data)
    assert any("fees.items: empty" in p for p in problems_of(tmp_path))
    data["fees"]["not_applicable"] = "Không thu phí, lệ phí"
    write(tmp_path / "procedures", "dang-ky-khai-sinh", data)
    assert load(tmp_path / "procedures", tmp_path / "localities").get("dang-ky-khai-sinh")


def test_citation_split_at_a_comma_is_reported(tmp_path: Path) -> None:
    # What an unquoted YAML flow list makes of "[Luật Phòng, chống ma túy 2021, Điều 5]".
    data = example(legal_basis=["Luật Phòng", "chống ma túy 2021", "Điều 5"])
    write(tmp_path / "procedures", "dang-ky-khai-sinh", data)
    found = [p for p in problems_of(tmp_path) if "split at a comma" in p]
    assert len(found) == 2
    assert any("legal_basis[1]" in p for p in found) and any("legal_basis[2]" in p for p in found)


def test_whole_citations_pass_the_split_check(tmp_path: Path) -> None:
    data = example(legal_basis=["Luật Phòng, chống ma túy 2021 (73/2021/QH14), Điều 5"])
    write(tmp_path / "procedures", "dang-ky-khai-sinh", data)
    assert load(tmp_path / "procedures", tmp_path / "localities").get("dang-ky-khai-sinh")


def test_coverage_reports_missing_ids(tmp_path: Path) -> None:
    write(tmp_path / "procedures", "dang-ky-khai-sinh", example())
    coverage = tmp_path / "coverage.yaml"
    coverage.write_text(
        "procedures:\n  - id: dang-ky-khai-sinh\n  - id: dang-ky-khai-tu\n", encoding="utf-8"
    )
    procs, _ = load_procedures(tmp_path / "procedures")
    found = [str(p) for p in check_coverage(procs, coverage)]
    assert found == [
        "procedures/: dang-ky-khai-tu: coverage id missing: add procedures/dang-ky-khai-tu.yaml"
    ]


def test_real_knowledge_base_covers_every_coverage_id(kb) -> None:  # type: ignore[no-untyped-def]
    from knowledge.validate import coverage_ids, default_coverage_file

    path = default_coverage_file()
    if not path.exists():
        pytest.skip(f"coverage file not found at {path}")
    assert set(coverage_ids(path)) <= set(kb.procedures)


def test_locality_overlay_fee_and_unknown_procedure(tmp_path: Path) -> None:
    write(tmp_path / "procedures", "dang-ky-khai-sinh", example())
    write(tmp_path / "localities", "vi-du-phuong-mau", example_locality())
    kb = load(tmp_path / "procedures", tmp_path / "localities")
    loc = kb.find_locality("Phường Mẫu")
    assert loc is not None and loc.example
    proc = kb.get("dang-ky-khai-sinh")
    assert proc is not None
    fees = kb.fees_for(proc, loc)
    assert fees[0][0].amount == 5000 and fees[0][1] and "NQ-HĐND" in fees[0][1]
    assert kb.fees_for(proc, None)[0][1] is None

    bad = example_locality()
    bad["fee_overrides"][0]["procedure"] = "khong-co"
    bad["centres"][0]["hours"][0]["sessions"] = ["17:00-07:30"]
    write(tmp_path / "localities", "vi-du-phuong-mau", bad)
    found = problems_of(tmp_path)
    assert any("localities/vi-du-phuong-mau.yaml: centres[0].hours[0].sessions" in p for p in found)


def test_reload_swaps_atomically_and_keeps_old_on_error(tmp_path: Path) -> None:
    write(tmp_path / "procedures", "dang-ky-khai-sinh", example())
    store = KnowledgeStore(tmp_path / "procedures", tmp_path / "localities")
    before = store.current
    write(tmp_path / "procedures", "dang-ky-khai-sinh", example(summary="Tóm tắt mới."))
    after = store.reload()
    assert after is store.current and after is not before
    assert after.get("dang-ky-khai-sinh").summary == "Tóm tắt mới."  # type: ignore[union-attr]
    assert before.get("dang-ky-khai-sinh").summary != "Tóm tắt mới."  # type: ignore[union-attr]

    write(tmp_path / "procedures", "dang-ky-khai-sinh", "id: [broken")
    with pytest.raises(KnowledgeError):
        store.reload()
    assert store.current is after
