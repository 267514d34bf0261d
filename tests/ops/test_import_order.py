"""Every module of the project imports on its own, whatever is imported first.

An import cycle shows only when a particular module of the circle is the first one imported
(a command-line entry point, a test, a worker process). Each module is imported here in a
fresh project namespace — the project's modules dropped from ``sys.modules``, the libraries
kept — in one child interpreter, so the check is quick and cannot be hidden by what the test
session imported before.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("knowledge", "handlers", "bot")

CHILD = """
import importlib, sys, traceback
mods = sys.argv[1:]
failed = []
for name in mods:
    for loaded in [m for m in sys.modules if m.split(".")[0] in {PACKAGES}]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception:
        failed.append(name + ": " + traceback.format_exc().strip().splitlines()[-1])
print("\\n".join(failed))
sys.exit(1 if failed else 0)
"""


def modules(root: Path) -> list[str]:
    names = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            rel = path.relative_to(root).with_suffix("")
            if "migrations" in rel.parts or rel.name == "__main__":
                continue
            parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
            names.append(".".join(parts))
    return names


def run(root: Path, names: list[str]) -> subprocess.CompletedProcess[str]:
    code = CHILD.replace("{PACKAGES}", repr(set(PACKAGES)))
    return subprocess.run(
        [sys.executable, "-c", code, *names],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_every_module_imports_first() -> None:
    names = modules(ROOT)
    assert len(names) > 150
    done = run(ROOT, names)
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]


def test_a_cycle_is_caught(tmp_path: Path) -> None:
    for package in PACKAGES:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "bot" / "a.py").write_text("from bot.b import B\nA = 1\n")
    (tmp_path / "bot" / "b.py").write_text("from bot.a import A\nB = 2\n")
    done = run(tmp_path, ["bot.a"])
    assert done.returncode == 1
    assert "bot.a" in done.stdout
