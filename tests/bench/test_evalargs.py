"""The accuracy scripts' shared command line: ``--file``, a row selector, ``--failures N``."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.evalargs import REQUIRED, arguments

DATA = Path("tests/data/conversations.jsonl")


def test_without_arguments_the_defaults_hold() -> None:
    args = arguments(file=DATA, default="dev", argv=[])
    assert (args.file, args.split, args.failures) == (DATA, "dev", 0)


def test_given_values_are_read_with_their_types() -> None:
    args = arguments(file=DATA, argv=["--file", "x.jsonl", "--split", "check", "--failures", "5"])
    assert (args.file, args.split, args.failures) == (Path("x.jsonl"), "check", 5)


def test_a_required_file_missing_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        arguments(file=REQUIRED, select="part", argv=[])
    assert "--file" in capsys.readouterr().err


def test_a_selector_outside_its_choices_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        arguments(file=None, select="part", choices=("all", "tune"), argv=["--part", "check"])
    assert "invalid choice" in capsys.readouterr().err


def test_a_script_with_one_fixed_file_has_no_file_option(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        arguments(file=None, argv=["--file", "x.jsonl"])
    assert "unrecognized arguments: --file" in capsys.readouterr().err
