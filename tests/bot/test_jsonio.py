"""orjson on the hot path, with the standard library's behaviour: same documents parsed, the
same failures, the same bytes written."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot import jsonio

DOCUMENTS = [
    b'{"user": "a", "text": "l\xc3\xa0m h\xe1\xbb\x99 chi\xe1\xba\xbfu"}',
    b'{"a":1,"a":2}',  # the last key wins
    b'{"a":"\\ud800"}',  # a lone surrogate escape: orjson refuses, the standard library reads it
    b'{"a":"\\udc00\\ud800"}',
    b'"\\ud83d\\ude00"',
    b'{"a":NaN}',
    b'{"a":1e400}',
    b'{"a":' + b"9" * 5000 + b"}",  # past the int-from-string limit: ValueError
    b"[" * 3000 + b"]" * 3000,  # RecursionError
    b'{"a":"\xff"}',  # not UTF-8
    b'\xef\xbb\xbf{"a":1}',  # a byte-order mark
    b'{"a":"x\x01"}',  # a raw control character
    b'{"a":1} x',
    b"",
    b'\t{"a":[]}\r\n',
    b'{"a":01}',
]


def _outcome(parse: Any, data: bytes) -> tuple[str, Any]:
    try:
        return "ok", parse(data)
    except (ValueError, RecursionError) as exc:
        return "error", type(exc)


@pytest.mark.parametrize("data", DOCUMENTS, ids=range(len(DOCUMENTS)))
def test_loads_parses_and_fails_as_the_standard_library(data: bytes) -> None:
    def standard(raw: bytes) -> Any:
        return json.loads(raw.decode("utf-8"))

    got, want = _outcome(jsonio.loads, data), _outcome(standard, data)
    if got[0] == "ok" and want[0] == "ok":
        assert json.dumps(got[1]) == json.dumps(want[1])  # NaN compares unequal to itself
    else:
        assert got == want


def test_loads_reads_a_bytearray_and_text() -> None:
    assert jsonio.loads(bytearray(b'{"a":"\\ud800"}')) == {"a": "\ud800"}
    assert jsonio.loads('{"a":"\\ud800"}') == {"a": "\ud800"}


def test_dumps_writes_the_compact_utf8_of_the_standard_library_for_every_character() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    record = {"text": every, "n": [0, -(2**63), 2**63 - 1], "none": None, "yes": True, every: {}}
    want = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()
    assert jsonio.dumps(record) == want


def test_dumps_refuses_a_lone_surrogate() -> None:
    with pytest.raises(TypeError):
        jsonio.dumps({"text": "a\ud800"})
