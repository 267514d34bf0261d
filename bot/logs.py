"""Logging for operations: text or JSON lines, a request id on each line, personal data masked.

:func:`configure` is called once when a long-running command starts (``motcua run``,
``motcua migrate``). ``LOG_FORMAT=json`` writes one JSON object per line (``ts``, ``level``,
``logger``, ``msg``, ``request_id`` and any ``extra=`` fields); ``text`` is for a terminal.

Request ids: :data:`REQUEST_ID` is a context variable. The HTTP middleware :func:`request_ids`
sets it for every request (taking a well-formed ``X-Request-Id`` from the proxy, else a fresh
one) and echoes it in the response; :class:`bot.metrics.Observe` sets one for a Telegram or Zalo
update that arrived without one. Background work started while handling a request (a Zalo
webhook's answer) inherits it, as context variables do.

Personal data: motcua's own log calls never include a citizen's text; as a last line of defence,
every message, ``extra`` string and traceback goes through :func:`handlers.privacy.mask` (ID and
phone numbers, e-mail addresses, plates, any run of 9+ digits) before it is written. Third-party
libraries whose debug output carries message texts or tokens in URLs (PTB, httpx) are held at
INFO/WARNING whatever ``LOG_LEVEL`` says.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, TextIO

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError
from aiohttp.typedefs import Handler

from bot.ids import token_hex
from handlers.privacy import mask

REQUEST_ID: ContextVar[str | None] = ContextVar("motcua_request_id", default=None)
REQUEST_ID_HEADER = "X-Request-Id"
_WELL_FORMED_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
MAX_MESSAGE = 8000  # characters of one message kept in a log line
# Library loggers and the least severe level they may log at (their debug output holds texts,
# updates or token-bearing URLs).
FLOORS = {
    "httpx": logging.WARNING,  # "HTTP Request: POST https://api.telegram.org/bot<TOKEN>/…"
    "httpcore": logging.WARNING,
    "telegram": logging.INFO,  # DEBUG dumps whole updates
    "aiohttp": logging.INFO,
    "aiohttp.access": logging.WARNING,  # raw paths (webhook paths hold secrets): see bot.metrics
    "aiosqlite": logging.WARNING,  # DEBUG: every statement with its parameters
    "sqlalchemy": logging.WARNING,  # INFO: the same
    "asyncio": logging.INFO,
    "alembic.runtime.plugins": logging.WARNING,  # one line per plugin at every start
}
_STANDARD = frozenset(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {
    "message",
    "asctime",
    "request_id",
    "taskName",
}


def new_request_id() -> str:
    return token_hex(8)


def accept_request_id(given: str | None) -> str:
    """The proxy's id when it is well formed (no spaces, quotes or newlines), else a fresh one."""
    return given if given and _WELL_FORMED_ID.fullmatch(given) else new_request_id()


def _safe(value: str) -> str:
    masked = mask(value[: MAX_MESSAGE * 2])
    return masked if len(masked) <= MAX_MESSAGE else masked[: MAX_MESSAGE - 1] + "…"


class RequestIdFilter(logging.Filter):
    """Stamps each record with the current request id (``-`` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = REQUEST_ID.get() or "-"
        return True


def extras(record: logging.LogRecord) -> dict[str, Any]:
    """The fields a log call passed with ``extra=``."""
    return {
        k: v for k, v in record.__dict__.items() if k not in _STANDARD and not k.startswith("_")
    }


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created, UTC)
        entry: dict[str, Any] = {
            "ts": when.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "msg": _safe(record.getMessage()),
        }
        request_id = getattr(record, "request_id", None) or REQUEST_ID.get()
        if request_id and request_id != "-":
            entry["request_id"] = request_id
        for key, value in extras(record).items():
            if isinstance(value, bool | int | float) or value is None:
                entry[key] = value
            else:
                entry[key] = _safe(str(value))
        if record.exc_info:
            entry["exc"] = _safe(self.formatException(record.exc_info))
        if record.stack_info:
            entry["stack"] = _safe(self.formatStack(record.stack_info))
        return json.dumps(entry, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """``time LEVEL logger [request id] message``, message and traceback masked."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = _safe(record.message)
        if not hasattr(record, "request_id"):
            record.request_id = REQUEST_ID.get() or "-"
        return super().formatMessage(record)

    def formatException(self, ei: Any) -> str:
        return _safe(super().formatException(ei))


class MalformedRequests(logging.Filter):
    """aiohttp logs a request it could not parse (a header line past 8 KB, too many headers, two
    Content-Lengths, bytes that are not HTTP) as an ERROR with a traceback quoting the offending
    bytes, though the client already got its 400: garbage from the internet would read as a
    server fault to whoever watches errors, and the bytes can hold a cookie or a webhook secret.
    Such a record becomes one WARNING line naming the kind of error and the client."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, HttpProcessingError) and 400 <= (error.code or 400) < 500:
            client = record.args[0] if isinstance(record.args, tuple) and record.args else "?"
            record.msg = "malformed HTTP request from %s answered %d (%s)"
            record.args = (client, error.code or 400, type(error).__name__)
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.exc_info = record.exc_text = None
            return logging.getLogger(record.name).isEnabledFor(logging.WARNING)
        return True


def configure(level: str = "INFO", fmt: str = "text", stream: TextIO | None = None) -> None:
    """Send every log record to ``stream`` (stderr) as ``fmt``; idempotent."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_motcua", False)]:
        root.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler._motcua = True  # type: ignore[attr-defined]
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    root.addHandler(handler)
    numeric = logging.getLevelName(level.upper())
    numeric = numeric if isinstance(numeric, int) else logging.INFO
    root.setLevel(numeric)
    for name, floor in FLOORS.items():
        logging.getLogger(name).setLevel(max(numeric, floor))
    server = logging.getLogger("aiohttp.server")
    if not any(isinstance(f, MalformedRequests) for f in server.filters):
        server.addFilter(MalformedRequests())


@web.middleware
async def request_ids(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A request id for everything logged while handling the request; echoed in the response."""
    request_id = accept_request_id(request.headers.get(REQUEST_ID_HEADER))
    token = REQUEST_ID.set(request_id)
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        exc.headers[REQUEST_ID_HEADER] = request_id
        raise
    finally:
        REQUEST_ID.reset(token)
    response.headers[REQUEST_ID_HEADER] = request_id
    return response
