"""The words moved into the lexicon read as the core expects: whole-message yeses and noes, the
commands said in a word, the words that close a question, and the place said by the asker."""

from __future__ import annotations

from pathlib import Path

import pytest

from handlers.asking import asks
from handlers.intents import Command, command, yes_no
from knowledge.turns import TURNS_FILE, Turns, TurnsError, default_turns


def test_a_bare_no_is_the_word_not_false() -> None:
    # YAML reads an unquoted "no" as false: the list must hold the word
    assert "no" in default_turns().decline
    assert yes_no("no") is False


def test_a_yes_and_anything_else() -> None:
    assert yes_no("Dạ vâng") is True
    assert yes_no("vâng nhưng mà thủ tục nào") is None


def test_a_command_said_in_a_word_maps_to_its_command() -> None:
    assert command("Xóa dữ liệu của tôi") is Command.ERASE
    assert command("xoa du lieu cua hang") is None


def test_every_command_of_the_lexicon_is_a_command_of_the_core() -> None:
    assert {Command(c) for c in default_turns().commands.values()} <= set(Command)


def test_a_question_by_its_last_word_and_a_name_without_one() -> None:
    assert asks("phường Bến Thành có làm thứ 7 không")
    assert not asks("phường Bến Thành")


def test_where_the_asker_lives_but_not_far_away() -> None:
    turns = default_turns()
    assert turns.place_live.search("toi o phuong ben thanh")
    assert not turns.place_live.search("em o xa, nho chu di lam duoc khong")


def test_a_missing_place_entry_fails_the_load(tmp_path: Path) -> None:
    text = TURNS_FILE.read_text(encoding="utf-8")
    cut = text.index("\nplace_trail:")
    broken = tmp_path / "turns.yaml"
    broken.write_text(text[:cut] + "\n", encoding="utf-8")
    with pytest.raises(TurnsError, match="place_trail"):
        Turns.load(broken)
