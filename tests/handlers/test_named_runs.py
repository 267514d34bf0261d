"""The words of a message that say a procedure's name, two or more in a row
(:func:`handlers.naming.named_runs`): from any word of the name, or from its first only."""

from __future__ import annotations

from handlers.naming import named_runs

NAME = [["gia", "han", "tam", "tru"]]


def test_a_run_of_two_words_of_the_name_is_named() -> None:
    said = ["gia", "han", "thi", "mat", "bao", "nhieu"]
    assert named_runs(said, NAME) == {0, 1}


def test_a_run_from_the_middle_of_the_name_counts_only_anywhere() -> None:
    said = ["tam", "tru", "het", "han"]
    assert named_runs(said, NAME) == {0, 1}
    assert named_runs(said, NAME, anywhere=False) == set()


def test_one_word_of_the_name_alone_is_no_run() -> None:
    said = ["han", "nop", "la", "bao", "lau"]
    assert named_runs(said, NAME) == set()
