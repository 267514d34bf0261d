"""The knowledge cache: a start restores what it would read, and nothing stale is kept."""

from __future__ import annotations

import json
import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge import cache
from knowledge.answers import AnswerWords, PassageIndex, default_words, use_words
from knowledge.base import load
from knowledge.evaluation import read_examples, read_real
from knowledge.loader import PACKAGE_DIR
from knowledge.matcher import Matcher
from knowledge.normalize import default_normalizer, spell_out, use_normalizer
from knowledge.places import Gazetteer, gazetteer, use_gazetteer
from knowledge.problems import KnowledgeError
from knowledge.topics import load_menu
from knowledge.turns import Turns, default_turns, use_turns
from tests.knowledge.helpers import example, example_locality, write

DATA = Path(__file__).parents[1] / "data"


@pytest.fixture(autouse=True)
def process_defaults() -> Iterator[None]:
    """Opening a snapshot installs its normaliser, gazetteer, answer words and turn words: put
    the session's back."""
    normalizer, places, words = default_normalizer(), gazetteer(), default_words()
    turns = default_turns()
    yield
    use_normalizer(normalizer)
    use_gazetteer(places)
    use_words(words)
    use_turns(turns)


@pytest.fixture(scope="module")
def restored(tmp_path_factory: pytest.TempPathFactory) -> cache.Snapshot:
    """The real knowledge base written to a cache by one open and read back by the next."""
    directory = tmp_path_factory.mktemp("cache")
    normalizer, places, words = default_normalizer(), gazetteer(), default_words()
    turns = default_turns()
    cache.open_snapshot(directory)
    assert len(list(directory.glob("kb-*.pickle"))) == 1
    snapshot = cache._read(*only_file(directory))
    use_normalizer(normalizer)
    use_gazetteer(places)
    use_words(words)
    use_turns(turns)
    assert snapshot is not None
    return snapshot


def only_file(directory: Path) -> tuple[Path, str]:
    (path,) = directory.glob("kb-*.pickle")
    return path, cache.cache_key()


def tiny_tree(root: Path, name: str = "Đăng ký khai sinh") -> tuple[Path, Path]:
    write(root / "procedures", "dang-ky-khai-sinh", example(name=name))
    write(root / "localities", "vi-du-phuong-mau", example_locality())
    return root / "procedures", root / "localities"


def test_restored_procedures_equal_the_files(restored: cache.Snapshot) -> None:
    files = load()
    assert restored.files().procedures == files.procedures
    assert restored.files().localities == files.localities
    assert restored.menu == load_menu()


def test_restored_matcher_answers_the_dev_sets_as_a_fresh_one(restored: cache.Snapshot) -> None:
    fresh = Matcher.build(load().procedures.values())
    questions = [e.query for e in read_examples(DATA / "match_eval.jsonl") if e.split == "dev"]
    questions += [e.query for e in read_real(DATA / "real_questions.jsonl")]
    assert len(questions) > 300
    assert [restored.matcher.match(q) for q in questions] == [fresh.match(q) for q in questions]


def test_restored_gazetteer_resolves_as_a_fresh_one(restored: cache.Snapshot) -> None:
    fresh = Gazetteer.load()
    for text in ("phường Hoàn Kiếm", "P.Bến Nghé, Q.1, TP.HCM", "xa tan hung ca mau", "Đài Loan"):
        assert restored.gazetteer.resolve(text) == fresh.resolve(text)


def conversation_turns() -> list[tuple[str, str]]:
    """(procedure, message) of every turn of the conversation sets that expects a procedure."""
    turns = []
    for path in sorted(DATA.glob("conversations*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for turn in json.loads(line)["turns"] if line.strip() else ():
                if procedure := turn.get("expect", {}).get("procedure"):
                    turns.append((procedure, turn["say"]))
    return turns


def test_restored_answer_words_answer_the_dev_sets_as_fresh_ones(restored: cache.Snapshot) -> None:
    procedures = load().procedures
    fresh = PassageIndex(procedures.values(), AnswerWords.load())
    kept = PassageIndex(procedures.values(), restored.words)
    turns = [(procedures[p], said) for p, said in conversation_turns() if p in procedures]
    assert len(turns) > 500
    for procedure, said in turns:
        spelt = [t.accented for t in spell_out(said, replacements=restored.words.spelling)]
        assert spelt == [t.accented for t in spell_out(said, replacements=fresh.words.spelling)]
        assert kept.words.asked(said) == fresh.words.asked(said), said
        assert kept.words.terms(said) == fresh.words.terms(said), said
        assert kept.search(procedure, said) == fresh.search(procedure, said), said
        assert kept.faq(procedure, said) == fresh.faq(procedure, said), said


def test_restored_answer_words_hold_the_terms_of_every_passage(restored: cache.Snapshot) -> None:
    known = dict(restored.words._terms)
    assert len(known) > 1000
    PassageIndex(restored.files().procedures.values(), restored.words)
    assert restored.words._terms == known  # the index read no passage again


def test_restored_turn_words_equal_the_file(restored: cache.Snapshot) -> None:
    assert restored.turns == Turns.load()


def test_the_restored_turn_words_become_the_default(tmp_path: Path) -> None:
    procedures, localities = tiny_tree(tmp_path / "kb")
    cache.open_snapshot(tmp_path / "cache", procedures, localities)
    snapshot = cache.open_snapshot(tmp_path / "cache", procedures, localities)
    assert default_turns() is snapshot.turns


def test_the_key_covers_data_code_and_the_map() -> None:
    inputs = cache._inputs(cache.PROCEDURES_DIR, cache.LOCALITIES_DIR)
    names = {p.relative_to(PACKAGE_DIR).as_posix() for p in inputs if p.is_relative_to(PACKAGE_DIR)}
    assert {"procedures/dang-ky-khai-sinh.yaml", "lexicon/synonyms.yaml", "topics.yaml"} <= names
    assert {"gazetteer/old_units.tsv.gz", "matcher.py", "cache.py", "schema.py"} <= names
    assert inputs[-1].name == "nested-divisions.json"  # vietnam-provinces' map


def test_the_key_follows_every_byte_and_name_of_the_files(tmp_path: Path) -> None:
    procedures, localities = tiny_tree(tmp_path / "kb")
    first = cache.cache_key(procedures, localities)
    assert cache.cache_key(procedures, localities) == first
    path = procedures / "dang-ky-khai-sinh.yaml"
    path.write_bytes(path.read_bytes() + b"\n")
    second = cache.cache_key(procedures, localities)
    path.rename(procedures / "dang-ky-khai-sinh-2.yaml")
    assert len({first, second, cache.cache_key(procedures, localities)}) == 3


def test_a_changed_file_is_read_afresh(tmp_path: Path) -> None:
    procedures, localities = tiny_tree(tmp_path / "kb")
    before = cache.open_snapshot(tmp_path / "cache", procedures, localities)
    tiny_tree(tmp_path / "kb", name="Đăng ký khai sinh cho trẻ em")
    after = cache.open_snapshot(tmp_path / "cache", procedures, localities)
    assert before.procedures[0].name == "Đăng ký khai sinh"
    assert after.procedures[0].name == "Đăng ký khai sinh cho trẻ em"
    assert len(list((tmp_path / "cache").glob("kb-*.pickle"))) == 2


def test_an_invalid_file_fails_even_with_a_cache_of_the_valid_one(tmp_path: Path) -> None:
    procedures, localities = tiny_tree(tmp_path / "kb")
    cache.open_snapshot(tmp_path / "cache", procedures, localities)
    write(procedures, "dang-ky-khai-sinh", example(fees="mười nghìn"))
    with pytest.raises(KnowledgeError):
        cache.open_snapshot(tmp_path / "cache", procedures, localities)


def test_a_corrupt_cache_is_logged_ignored_and_rewritten(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    procedures, localities = tiny_tree(tmp_path / "kb")
    cache.open_snapshot(tmp_path / "cache", procedures, localities)
    (path,) = (tmp_path / "cache").glob("kb-*.pickle")
    path.write_bytes(path.read_bytes()[:1000])
    with caplog.at_level(logging.WARNING, logger="motcua.knowledge"):
        snapshot = cache.open_snapshot(tmp_path / "cache", procedures, localities)
    assert snapshot.procedures[0].id == "dang-ky-khai-sinh"
    assert "ignored" in caplog.text
    key = cache.cache_key(procedures, localities)
    assert cache._read(path, key) is not None  # written again, whole


def test_a_cache_others_may_write_is_not_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    procedures, localities = tiny_tree(tmp_path / "kb")
    cache.open_snapshot(tmp_path / "cache", procedures, localities)
    (path,) = (tmp_path / "cache").glob("kb-*.pickle")
    path.chmod(path.stat().st_mode | stat.S_IWOTH)
    with caplog.at_level(logging.WARNING, logger="motcua.knowledge"):
        assert cache._read(path, cache.cache_key(procedures, localities)) is None
    assert "not owned by this user only" in caplog.text


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories")
def test_an_unwritable_directory_means_no_cache(tmp_path: Path) -> None:
    procedures, localities = tiny_tree(tmp_path / "kb")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    snapshot = cache.open_snapshot(locked / "motcua", procedures, localities)
    assert snapshot.procedures[0].id == "dang-ky-khai-sinh"
    assert not (locked / "motcua").exists()


def test_a_directory_that_is_a_file_means_no_cache(tmp_path: Path) -> None:
    procedures, localities = tiny_tree(tmp_path / "kb")
    (tmp_path / "taken").write_text("not a directory")
    snapshot = cache.open_snapshot(tmp_path / "taken", procedures, localities)
    assert snapshot.procedures[0].id == "dang-ky-khai-sinh"
    assert (tmp_path / "taken").read_text() == "not a directory"


def test_no_directory_builds_and_writes_nothing(tmp_path: Path) -> None:
    procedures, localities = tiny_tree(tmp_path / "kb")
    snapshot = cache.open_snapshot(None, procedures, localities)
    assert [p.id for p in snapshot.procedures] == ["dang-ky-khai-sinh"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kb"]


def test_the_restored_normaliser_becomes_the_default(tmp_path: Path) -> None:
    procedures, localities = tiny_tree(tmp_path / "kb")
    cache.open_snapshot(tmp_path / "cache", procedures, localities)
    snapshot = cache.open_snapshot(tmp_path / "cache", procedures, localities)
    assert default_normalizer() is snapshot.matcher.normalizer
    assert gazetteer() is snapshot.gazetteer
    assert default_words() is snapshot.words
