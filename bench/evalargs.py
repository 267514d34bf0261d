"""The command line the accuracy scripts share: a data file, which rows, and how many failures.

``conversation_eval.py``, ``specific_eval.py``, ``match_eval.py`` and ``real_eval.py`` each read
``--file`` (where the script has a data file to choose), a selector of rows (``--split`` or
``--part``) and ``--failures N``; :func:`arguments` declares them once.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

REQUIRED: Literal["required"] = "required"  # ``file=REQUIRED``: ``--file`` must be given


def arguments(
    *,
    file: Path | Literal["required"] | None,
    select: str = "split",
    default: str = "all",
    choices: Sequence[str] | None = None,
    help: str | None = None,
    argv: Sequence[str] | None = None,
) -> argparse.Namespace:
    """Parse ``[--file FILE] [--<select> …] [--failures N]``.

    ``file``: the default data file, :data:`REQUIRED`, or None for a script with one fixed file
    (no ``--file``). ``select``: the name of the row selector, ``default`` its value when not
    given, ``choices`` the values it accepts (any when None), ``help`` its line in ``--help``.
    """
    parser = argparse.ArgumentParser()
    if file == REQUIRED:
        parser.add_argument("--file", type=Path, required=True)
    elif file is not None:
        parser.add_argument("--file", type=Path, default=file)
    parser.add_argument(f"--{select}", default=default, choices=choices, help=help)
    parser.add_argument("--failures", type=int, default=0, help="print the first N failures")
    return parser.parse_args(argv)
