"""Every endpoint that takes a body, attacked: wrong methods, malformed and oversized bodies,
wrong content types, wrong or missing secrets, and random bytes (Hypothesis). Never a 5xx;
refused requests store nothing and queue nothing."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.admin.routes import ROUTES
from bot.channels.zalo_common import MAX_WEBHOOK_BODY
from bot.channels.zalo_oa_wire import signature
from bot.web.chat_api import MAX_BODY
from knowledge.base import KnowledgeStore
from knowledge.live import LiveMatcher
from tests.fuzz.harness import Answer, Harness, chunks
from tests.ops.rig import OA_APP_ID, OA_KEY, TELEGRAM_SECRET, ZALO_SECRET

WEBHOOKS = ("telegram", "zalo_bot", "zalo_oa")
ENDPOINTS = ("chat", *WEBHOOKS)
SECRET_HEADERS = {
    "telegram": "X-Telegram-Bot-Api-Secret-Token",
    "zalo_bot": "X-Bot-Api-Secret-Token",
    "zalo_oa": "X-ZEvent-Signature",
}
LIMITS = {"chat": MAX_BODY, **dict.fromkeys(WEBHOOKS, MAX_WEBHOOK_BODY)}
PARAMETER = re.compile(r"\{(\w+)(?::([^{}]*(?:\{[^{}]*\}[^{}]*)*))?\}")


def concrete(path: str) -> str:
    """``/volunteers/{id:\\d+}/{op:off|remove}`` → ``/volunteers/1/off``."""

    def fill(match: re.Match[str]) -> str:
        name, pattern = match.group(1), match.group(2) or ""
        if "|" in pattern:
            return pattern.split("|")[0]
        return "1" if name == "id" or "\\d" in pattern else "someone"

    return "/admin" + PARAMETER.sub(fill, path)


ADMIN_POSTS = [concrete(path) for method, path, *_ in ROUTES if method == "POST"]


@pytest.fixture(scope="module")
def app(
    tmp_path_factory: pytest.TempPathFactory, knowledge: tuple[KnowledgeStore, LiveMatcher]
) -> Iterator[Harness]:
    harness = Harness(tmp_path_factory.mktemp("fuzz"), knowledge)
    try:
        yield harness
    finally:
        harness.close()


def path_of(app: Harness, endpoint: str) -> str:
    ops = app.ops
    return {
        "chat": "/api/chat",
        "telegram": ops.telegram.path,
        "zalo_bot": ops.zalo.webhook_path,
        "zalo_oa": ops.oa.webhook_path,
    }[endpoint]


def credentials(endpoint: str, body: bytes) -> dict[str, str]:
    """The right secret (or signature, which depends on the body) for ``endpoint``."""
    if endpoint == "telegram":
        return {SECRET_HEADERS[endpoint]: TELEGRAM_SECRET}
    if endpoint == "zalo_bot":
        return {SECRET_HEADERS[endpoint]: ZALO_SECRET}
    if endpoint == "zalo_oa":
        try:
            timestamp = str(json.loads(body)["timestamp"])
        except Exception:
            timestamp = "0"
        return {SECRET_HEADERS[endpoint]: signature(OA_APP_ID, body, timestamp, OA_KEY)}
    return {}


def valid_body(endpoint: str) -> bytes:
    """A real citizen's message for each endpoint (what a wrong secret must not let through)."""
    body: dict[str, Any] = {
        "chat": {"user": "fuzz", "text": "làm giấy khai sinh"},
        "telegram": {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 1,
                "chat": {"id": 42, "type": "private"},
                "from": {"id": 42, "is_bot": False, "first_name": "A"},
                "text": "làm giấy khai sinh",
            },
        },
        "zalo_bot": {
            "event_name": "message.text.received",
            "message": {
                "message_id": "m1",
                "chat": {"id": "c1"},
                "from": {"id": "c1"},
                "text": "làm giấy khai sinh",
            },
        },
        "zalo_oa": {
            "app_id": OA_APP_ID,
            "event_name": "user_send_text",
            "timestamp": "1750316131602",
            "sender": {"id": "u1"},
            "recipient": {"id": "oa"},
            "message": {"msg_id": "x1", "text": "làm giấy khai sinh"},
        },
    }[endpoint]
    return json.dumps(body, ensure_ascii=False).encode()


def send(
    app: Harness,
    endpoint: str,
    body: Any,
    *,
    method: str = "POST",
    headers: dict[str, str] | None = None,
    secret: bool = True,
) -> Answer:
    """One request; asserts no 5xx, and that a refused one stored and queued nothing."""
    before, queued = app.stored(), app.queued()
    raw = body if isinstance(body, bytes) else b""
    sent = {**(credentials(endpoint, raw) if secret else {}), **(headers or {})}
    answer = app.request(method, path_of(app, endpoint), body, sent)
    assert answer.status < 500, (endpoint, answer.status, answer.body[:300])
    if answer.status >= 400:
        assert app.stored() == before, (endpoint, answer.status)
        assert app.queued() == queued, (endpoint, answer.status)
    return answer


# --- the matrix -------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH", "HEAD"])
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_wrong_method_is_405(app: Harness, endpoint: str, method: str) -> None:
    assert send(app, endpoint, valid_body(endpoint), method=method).status == 405


NOT_A_JSON_OBJECT = {
    "empty": b"",
    "truncated": b'{"user": "a", "text": ',
    "null": b"null",
    "array": b"[]",
    "number": b"42",
    "string": b'"xin chao"',
    "binary": bytes(range(256)),
    "bad utf-8": b'{"user": "\xff\xfe", "text": "x"}',
    "utf-16": '{"user": "a", "text": "b"}'.encode("utf-16"),
    "bom": b'\xef\xbb\xbf{"user": "a", "text": "b"}',
    "nul bytes": b"\x00" * 64,
    "deep arrays": b"[" * 10_000,
    "deep objects": b'{"a":' * 3_000,
    "huge number": b"1" * 10_000,
    "nan": b"NaN",
    "xml": b"<?xml version='1.0'?><update/>",
    "form": b"user=a&text=b",
}


@pytest.mark.parametrize("case", list(NOT_A_JSON_OBJECT))
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_body_that_is_not_a_json_object_is_4xx(app: Harness, endpoint: str, case: str) -> None:
    body = NOT_A_JSON_OBJECT[case]
    answer = send(app, endpoint, body, headers={"Content-Type": "application/json"})
    assert 400 <= answer.status < 500, (case, answer.status)


WRONG_SHAPES = [
    {},
    {"user": 1, "text": "x"},
    {"user": "", "text": "x"},
    {"user": "u" * 500, "text": "x"},
    {"user": "u", "text": "x", "action": "start"},
    {"user": "u", "text": ["x"]},
    {"user": "u", "action": {"a": 1}},
    {"user": "u", "text": "x", "locality": 5},
    {"update_id": "1"},
    {"update_id": 1.5, "message": "x"},
    {"update_id": True},
    {"update_id": 2, "message": {"chat": "not an object"}},
    {"update_id": 3, "message": {"message_id": 1, "date": "x", "chat": {}}},
    {"event_name": "message.text.received", "message": None},
    {"event_name": "message.text.received", "message": {"chat": {"id": None}}},
    {"event_name": ["x"], "message": {"chat": {"id": {"nested": 1}}, "text": 5}},
    {"app_id": OA_APP_ID, "timestamp": None, "event_name": "user_send_text"},
    {"app_id": 123, "timestamp": "1", "sender": {"id": ["x"]}, "message": {"text": None}},
    {"result": {"result": {"result": {}}}},
]


@pytest.mark.parametrize("shape", range(len(WRONG_SHAPES)))
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_json_object_of_the_wrong_shape_is_never_processed(
    app: Harness, endpoint: str, shape: int
) -> None:
    """Refused (4xx), or for the Zalo webhooks acknowledged and ignored, as Zalo expects."""
    body = json.dumps(WRONG_SHAPES[shape]).encode()
    before, queued = app.stored(), app.queued()
    answer = send(app, endpoint, body, headers={"Content-Type": "application/json"})
    if endpoint in ("chat", "telegram"):
        assert 400 <= answer.status < 500, answer.body
    assert app.stored() == before and app.queued() == queued


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz",
        "application/xml",
        "application/octet-stream",
        "application/json; charset=latin-1",
        "",
    ],
)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_wrong_content_types_with_their_kind_of_body_are_4xx(
    app: Harness, endpoint: str, content_type: str
) -> None:
    body = {
        "text/plain": "làm giấy khai sinh".encode(),
        "application/x-www-form-urlencoded": b"user=a&text=lam+khai+sinh",
        "multipart/form-data; boundary=xyz": (
            b'--xyz\r\nContent-Disposition: form-data; name="user"\r\n\r\na\r\n--xyz--\r\n'
        ),
        "application/xml": b"<message><user>a</user></message>",
        "application/octet-stream": bytes(range(200, 256)) * 4,
        "application/json; charset=latin-1": '{"user": "a", "text": "é"}'.encode("latin-1"),
        "": b"\x00garbage",
    }[content_type]
    answer = send(app, endpoint, body, headers={"Content-Type": content_type})
    assert 400 <= answer.status < 500


@pytest.mark.parametrize(
    "given",
    ["missing", "empty", "wrong", "case", "padded", "prefix", "long", "non-ascii", "control"],
)
@pytest.mark.parametrize("endpoint", WEBHOOKS)
def test_a_wrong_or_missing_secret_is_refused(app: Harness, endpoint: str, given: str) -> None:
    body = valid_body(endpoint)
    right = credentials(endpoint, body)[SECRET_HEADERS[endpoint]]
    value = {
        "missing": None,
        "empty": "",
        "wrong": "not-the-secret-at-all",
        # Telegram and Zalo Bot compare exactly; an OA signature is hex (any case), so one of
        # its digits is changed instead.
        "case": right.swapcase() if endpoint != "zalo_oa" else right[:-1] + _other(right[-1]),
        "padded": right + "x",
        "prefix": right[:-1],
        "long": "x" * 4000,
        "non-ascii": right[:-1] + "é",
        "control": right[:-1] + "\t",
    }[given]
    headers = {} if value is None else {SECRET_HEADERS[endpoint]: value}
    answer = send(app, endpoint, body, headers=headers, secret=False)
    assert answer.status in (400, 401, 403), answer.status


def _other(hex_digit: str) -> str:
    return "0" if hex_digit != "0" else "1"


@pytest.mark.parametrize("endpoint", WEBHOOKS)
def test_the_right_secret_is_let_through(app: Harness, endpoint: str) -> None:
    """The control for the cases above: the same body with the right secret is accepted."""
    queued = app.queued()
    assert send(app, endpoint, valid_body(endpoint)).status == 200
    assert app.queued() == queued + 1
    app.run(_drop_queued(app))


async def _drop_queued(app: Harness) -> None:
    """Forget what the control test queued (nothing runs: the channels are not started)."""
    ops = app.ops
    while not ops.telegram.app.update_queue.empty():
        ops.telegram.app.update_queue.get_nowait()
    for jobs in (ops.zalo.jobs, ops.oa.jobs):
        await jobs.drain(timeout=5)


@pytest.mark.parametrize("chunked", [False, True])
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_an_oversized_body_is_refused(app: Harness, endpoint: str, chunked: bool) -> None:
    size = LIMITS[endpoint] + 1024
    body: Any = chunks(size, 64 * 1024) if chunked else b"a" * size
    assert 400 <= send(app, endpoint, body).status < 500


# --- the dashboard's forms --------------------------------------------------------------------


@pytest.mark.parametrize("path", ADMIN_POSTS)
def test_admin_posts_without_a_session_change_nothing(app: Harness, path: str) -> None:
    before = app.stored()
    answer = app.request("POST", path, b"csrf_token=x&action=ignore&ids=1")
    assert answer.status in (302, 303, 401, 403), answer.status  # to the sign-in page, or refused
    assert app.stored() == before


@pytest.mark.parametrize("csrf", ["none", "wrong", "other form's"])
@pytest.mark.parametrize("path", [p for p in ADMIN_POSTS if p != "/admin/login"])
def test_admin_posts_without_the_right_csrf_token_are_403(
    app: Harness, path: str, csrf: str
) -> None:
    if not app.csrf:
        app.sign_in()
    before = app.stored()
    token = {"none": "", "wrong": "x" * 43, "other form's": app.csrf[::-1]}[csrf]
    body = f"csrf_token={token}&action=ignore&ids=1".encode()
    answer = app.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status == 403
    assert app.stored() == before


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    path=st.sampled_from([p for p in ADMIN_POSTS if p not in ("/admin/login", "/admin/logout")]),
    fields=st.dictionaries(
        st.sampled_from(["action", "ids", "id", "procedure", "note", "text", "status", "scope"]),
        st.one_of(st.text(max_size=40), st.integers().map(str)),
        max_size=5,
    ),
)
def test_admin_forms_with_a_valid_token_and_any_fields_never_fail(
    app: Harness, path: str, fields: dict[str, str]
) -> None:
    if not app.csrf:
        app.sign_in()
    answer = app.request("POST", path, {**fields, "csrf_token": app.csrf})
    assert answer.status < 500, (path, fields, answer.body[:300])


# --- random bytes -----------------------------------------------------------------------------


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    endpoint=st.sampled_from(ENDPOINTS),
    body=st.one_of(
        st.binary(max_size=2048),
        st.text(max_size=500).map(str.encode),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
            lambda inner: (
                st.lists(inner, max_size=4)
                | st.dictionaries(st.text(max_size=10), inner, max_size=4)
            ),
            max_leaves=20,
        ).map(lambda value: json.dumps(value).encode()),
    ),
    content_type=st.sampled_from(
        ["application/json", "text/plain", "", "application/x-www-form-urlencoded"]
    ),
    secret=st.booleans(),
)
def test_random_requests_never_fail_and_store_nothing_when_refused(
    app: Harness, endpoint: str, body: bytes, content_type: str, secret: bool
) -> None:
    send(app, endpoint, body, headers={"Content-Type": content_type}, secret=secret)


def test_the_fuzzed_app_still_answers(app: Harness, tmp_path: Path) -> None:
    answer = app.request(
        "POST", "/api/chat", valid_body("chat"), {"Content-Type": "application/json"}
    )
    assert answer.status == 200 and json.loads(answer.body)["replies"]
