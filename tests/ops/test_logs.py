"""Structured logs: JSON lines with request ids, and no personal data whatever the level."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.logs import FLOORS, REQUEST_ID, JsonFormatter, TextFormatter, configure
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.channels.telegram_harness import TelegramRig
from tests.ops.rig import ops_app

PHONE, ID_NUMBER = "0912345678", "012345678901"
# The citizen's words: none of them may reach a log line.
SENTENCE = "Cháu tên Lê Thị Hoa nhà ở ngõ Quỳnh"
SECRETS_IN_TEXT = (PHONE, ID_NUMBER, "0912 345 678", "Lê Thị Hoa", "ngõ Quỳnh")


class Keep(logging.Handler):
    """Every record that reaches the root logger, before any formatting."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def raw(self) -> str:
        parts = []
        for r in self.records:
            parts += [r.getMessage(), repr(r.args), repr(r.__dict__.get("exc_info"))]
            if r.exc_info:
                parts.append(logging.Formatter().formatException(r.exc_info))
        return "\n".join(parts)


@pytest.fixture
def logs() -> Iterator[tuple[io.StringIO, Keep]]:
    """motcua's logging as ``motcua run`` sets it up (JSON, DEBUG), restored afterwards."""
    root = logging.getLogger()
    saved = (root.level, list(root.handlers), {n: logging.getLogger(n).level for n in FLOORS})
    stream, keep = io.StringIO(), Keep()
    configure("DEBUG", "json", stream)
    root.addHandler(keep)
    try:
        yield stream, keep
    finally:
        root.setLevel(saved[0])
        root.handlers[:] = saved[1]
        for name, level in saved[2].items():
            logging.getLogger(name).setLevel(level)


def test_json_lines_carry_the_request_id_extras_and_a_masked_traceback() -> None:
    record = logging.LogRecord(
        "motcua.x", logging.ERROR, __file__, 1, "chat %s failed", ("42",), None
    )
    try:
        raise ValueError(f"bad value {PHONE}")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    record.route, record.status = "/api/chat", 500
    token = REQUEST_ID.set("abc123")
    try:
        line = JsonFormatter().format(record)
    finally:
        REQUEST_ID.reset(token)
    entry = json.loads(line)
    assert entry["msg"] == "chat 42 failed" and entry["level"] == "ERROR"
    assert entry["logger"] == "motcua.x" and entry["request_id"] == "abc123"
    assert entry["route"] == "/api/chat" and entry["status"] == 500
    assert entry["ts"].endswith("Z") and "ValueError" in entry["exc"]
    assert PHONE not in line and "*******678" in entry["exc"]


def test_text_lines_mask_personal_data_too() -> None:
    record = logging.LogRecord("motcua", logging.INFO, __file__, 1, "gọi %s", (PHONE,), None)
    line = TextFormatter().format(record)
    assert PHONE not in line and "motcua [-] gọi *******678" in line


def test_library_debug_output_is_held_back() -> None:
    root = logging.getLogger()
    saved = root.level, list(root.handlers), {n: logging.getLogger(n).level for n in FLOORS}
    try:
        configure("DEBUG", "text", io.StringIO())
        assert logging.getLogger("motcua").isEnabledFor(logging.DEBUG)
        assert not logging.getLogger("telegram.ext").isEnabledFor(logging.DEBUG)
        assert not logging.getLogger("httpx").isEnabledFor(logging.INFO)  # URLs hold the token
    finally:
        root.setLevel(saved[0])
        root.handlers[:] = saved[1]
        for name, level in saved[2].items():
            logging.getLogger(name).setLevel(level)


def assert_clean(stream: io.StringIO, keep: Keep, *extra: str) -> None:
    written, raw = stream.getvalue(), keep.raw()
    assert written and keep.records
    for secret in (*SECRETS_IN_TEXT, *extra):
        assert secret not in raw, f"{secret!r} reached a log record"
        assert secret not in written, f"{secret!r} was written to the log"
    for line in written.splitlines():
        json.loads(line)  # every line is one JSON object


async def test_a_web_conversation_with_personal_data_logs_none_of_it(
    tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher], logs: tuple[io.StringIO, Keep]
) -> None:
    stream, keep = logs
    async with ops_app(tmp_path, knowledge) as ops:
        texts = [
            f"{SENTENCE}, số điện thoại {PHONE}, căn cước {ID_NUMBER}",
            "làm căn cước",
            f"sđt 0912 345 678 hỏi lệ phí {ID_NUMBER}",
            f"/nguoi {SENTENCE} {PHONE}",  # handoff: a ticket is opened and logged about
            "👎",
            f"{PHONE} {ID_NUMBER}",
        ]
        for text in texts:
            response = await ops.client.post("/api/chat", json={"user": PHONE, "text": text})
            assert response.status < 500
        bad = await ops.client.post("/api/chat", data=f'{{"user": "{PHONE}", "text": {ID_NUMBER}')
        assert bad.status == 400
        request_ids = {
            json.loads(line).get("request_id") for line in stream.getvalue().splitlines()
        }
    assert_clean(stream, keep)
    assert any(r.name == "motcua.http" for r in keep.records)  # access lines were written
    assert len(request_ids - {None}) >= len(texts)


async def test_a_telegram_conversation_with_personal_data_logs_none_of_it(
    tmp_path: Path, knowledge: tuple[KnowledgeStore, LiveMatcher], logs: tuple[io.StringIO, Keep]
) -> None:
    stream, keep = logs
    rig = await TelegramRig.open(tmp_path, knowledge, mode="webhook")
    chat = 5550001
    try:
        fake = rig.fake
        for n, text in enumerate((f"{SENTENCE} {PHONE}", f"cccd {ID_NUMBER} làm khai sinh"), 1):
            assert await fake.deliver(fake.text(chat, text)) == 200
            await fake.wait_sent(chat, n)
    finally:
        await rig.close()
    assert_clean(stream, keep, rig.fake.token, str(chat))
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    # The update is handled in PTB's own task, after the webhook's HTTP request has been answered;
    # what the turn logs still carries a request id, the turn's own.
    turns = [e for e in lines if e["logger"] == "motcua.turn"]
    http_ids = {e["request_id"] for e in lines if e["logger"] == "motcua.http"}
    assert len(turns) == 2 and all(e["channel"] == "telegram" for e in turns)
    assert all(e.get("request_id") and e["request_id"] not in http_ids for e in turns)
