"""Opening the runtime for a CLI command, with readable errors instead of tracebacks."""

from __future__ import annotations

import logging
import sys

from bot.config import Settings
from bot.runtime import Runtime
from knowledge.problems import KnowledgeError


async def open_runtime(settings: Settings) -> Runtime | None:
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        return await Runtime.open(settings)
    except KnowledgeError as exc:
        print(exc, file=sys.stderr)
    except (OSError, ValueError) as exc:  # database unreachable, bad URL
        from bot.cli.migrate import safe_url  # the URL may hold a password

        print(
            f"Không mở được cơ sở dữ liệu ({safe_url(settings.database_url)}): {exc}",
            file=sys.stderr,
        )
    return None
