"""What ``motcua run`` imports before it serves: not the dashboard's pages, Jinja2, argon2, the
posters, the other commands, nor PostgreSQL's driver on SQLite. Each loads at its first use."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

from bot.admin.routes import ROUTES, _Pages

ROOT = Path(__file__).resolve().parents[2]

# What serve() imports before the site starts (bot/cli/run.py), in a fresh interpreter.
CHILD = """
import json, sys
from bot.cli import build_parser
build_parser("run")
import bot.cli.serve, bot.runtime, bot.http.server, bot.channels.registry, bot.admin.routes
print(json.dumps(sorted(sys.modules)))
"""

LAZY = (
    "jinja2",
    "argon2",
    "asyncpg",
    "sqlalchemy.dialects.postgresql",
    "alembic",
    "yaml",
    "bot.posters",
    "bot.cli.qr",
    "bot.cli.chat",
    "bot.admin.inbox",
    "bot.admin.clustering",
    "bot.admin.offload",
)


def test_the_start_leaves_what_the_first_answer_does_not_need() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = set(json.loads(done.stdout))
    assert "bot.runtime" in loaded and "aiohttp.web" in loaded
    assert [name for name in LAZY if name in loaded] == []


def resolves(handler: object) -> bool:
    module = importlib.import_module(getattr(handler, "__module__", ""))
    return callable(getattr(module, getattr(handler, "__name__", ""), None))


def test_every_route_names_a_handler_its_module_has() -> None:
    assert [name for _, _, name, handler, _ in ROUTES if not resolves(handler)] == []


def test_a_misspelt_page_handler_is_caught() -> None:
    assert resolves(_Pages("bot.admin.inbox").page)
    assert not resolves(_Pages("bot.admin.inbox").pages)
