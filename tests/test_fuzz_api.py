"""Contract fuzzing of the JSON API.

1. Schemathesis against the OpenAPI document the app serves (`/api/v1/openapi.json`),
   a bounded number of examples per operation, as an anonymous reader and with a
   moderator token: no 5xx, every status, content type, header and body as documented,
   and data the schema forbids is refused.
2. Hypothesis and hand-picked hostile bodies (random bytes, deep JSON, huge numbers,
   invalid UTF-8, NUL, lone surrogates, arbitrary JSON): always a 4xx with the JSON error
   shape, and nothing stored. Texts the API accepts are stored byte for byte.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
import sqlalchemy as sa
from fixtures_app import dispose, seed_demo, sqlite_app
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import checks

ENDPOINTS = ("/api/v1/comments", "/api/v1/screen", "/api/v1/comments/{id}/reports")
FUZZ_SETTINGS = settings(max_examples=25, deadline=None, derandomize=True,
                         suppress_health_check=list(HealthCheck))
CHECKS = [checks.not_a_server_error, checks.status_code_conformance,
          checks.content_type_conformance, checks.response_schema_conformance,
          checks.response_headers_conformance, checks.negative_data_rejection]


@pytest.fixture
def fuzz_app(tmp_path: Path, sqlite_template: Path, screener: Any) -> Iterator[Flask]:
    """An app with the demo articles, one approved comment and a moderator token."""
    from moderation import services

    app = sqlite_app(tmp_path, sqlite_template, screener)
    seed_demo(app)
    with app.app_context():
        _, token = services.create_moderator("fuzz", "fuzz-password-1", "admin")
        comment = services.submit_comment("demo-1", "A calm remark about the harvest.", "R")
        services.decide(comment.comment.id, "approved", "moderator:fuzz")
        app.config["FUZZ_COMMENT"] = comment.comment.id
    app.config["FUZZ_TOKEN"] = token
    yield app
    dispose(app)


@pytest.fixture
def api_schema(fuzz_app: Flask) -> Any:
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", fuzz_app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_document(case: Any, fuzz_app: Flask) -> None:
    """No 5xx and every response as documented, with and without a moderator token."""
    case.call_and_validate(checks=CHECKS)
    token = {"Authorization": f"Bearer {fuzz_app.config['FUZZ_TOKEN']}"}
    case.call_and_validate(checks=CHECKS, headers=token)


# --- hostile bodies -------------------------------------------------------------------


def stored_counts(app: Flask) -> tuple[int, ...]:
    from moderation.db import Comment, DecisionLog, Report
    from moderation.extensions import db

    with app.app_context():
        counts = tuple(db.session.scalar(sa.select(sa.func.count()).select_from(model))
                       for model in (Comment, DecisionLog, Report))
        db.session.remove()
    return counts


def assert_refused(app: Flask, body: bytes | str, content_type: str = "application/json",
                   path: str = "/api/v1/comments") -> int:
    """POST `body`: a 4xx JSON error, and nothing stored. Returns the status."""
    before = stored_counts(app)
    path = path.replace("{id}", app.config["FUZZ_COMMENT"])
    response = app.test_client().post(path, data=body, content_type=content_type)
    assert 400 <= response.status_code < 500, (response.status_code, body[:80])
    error = response.get_json()["error"]
    assert set(error) == {"code", "message", "fields"} and error["message"], error
    assert stored_counts(app) == before, body[:80]
    return response.status_code


def comment(text: Any = "hello", **extra: Any) -> dict[str, Any]:
    return {"article_id": "demo-1", "author": {"name": "Fuzz"}, "text": text, **extra}


HOSTILE = {
    "empty": b"",
    "not json": b"{nope",
    "bare string": b'"text"',
    "array": b"[1, 2, 3]",
    "null": b"null",
    "deep arrays": b"[" * 50_000 + b"]" * 50_000,
    "deep objects": b'{"a":' * 20_000 + b"1" + b"}" * 20_000,
    "deep text": json.dumps(comment())[:-1].encode() + b', "x": ' + b"[" * 30_000
    + b"]" * 30_000 + b"}",
    "huge integer": b'{"article_id": "demo-1", "author": {"name": "F"}, "text": '
    + b"9" * 20_000 + b"}",
    "huge float": b'{"article_id": "demo-1", "author": {"name": "F"}, "text": "hi", '
    b'"parent_id": 1e999999}',
    "NaN": b'{"article_id": "demo-1", "author": {"name": "F"}, "text": NaN}',
    "invalid utf-8": b'{"article_id": "demo-1", "author": {"name": "F"}, "text": "\xff\xfe"}',
    "overlong utf-8": b'{"article_id": "demo-1", "author": {"name": "F"}, "text": "\xc0\xaf"}',
    "utf-16 body": json.dumps(comment()).encode("utf-16"),
    "NUL escaped": json.dumps(comment("before\u0000after")).encode(),
    "NUL raw": b'{"article_id": "demo-1", "author": {"name": "F"}, "text": "a\x00b"}',
    "lone surrogate": b'{"article_id": "demo-1", "author": {"name": "F"}, "text": "\\ud800"}',
    "reversed pair": b'{"article_id": "demo-1", "author": {"name": "F"}, '
    b'"text": "\\udc00\\ud800"}',
    "surrogate name": b'{"article_id": "demo-1", "author": {"name": "\\udfff"}, "text": "ok"}',
    "duplicate keys": b'{"article_id": "demo-1", "author": {"name": "F"}, "text": "",'
    b' "text": ""}',
    "whitespace text": json.dumps(comment(" \r\n\t\u3000")).encode(),
    "text object": json.dumps(comment({"$gt": ""})).encode(),
    "unknown article": json.dumps({**comment(), "article_id": "x" * 5000}).encode(),
    "over limit": json.dumps(comment("a" * 5001)).encode(),
    "parent not uuid": json.dumps(comment(parent_id="'; DROP TABLE comment; --")).encode(),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_bodies_are_refused(fuzz_app: Flask, name: str) -> None:
    for path in ENDPOINTS:
        assert_refused(fuzz_app, HOSTILE[name], path=path)


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x", "", "application/xml"])
def test_wrong_content_types_are_refused(fuzz_app: Flask, content_type: str) -> None:
    status = assert_refused(fuzz_app, json.dumps(comment()), content_type)
    assert status in (400, 415)


def test_oversized_body_is_refused(fuzz_app: Flask) -> None:
    assert assert_refused(fuzz_app, json.dumps(comment("a" * 200_000))) == 413


@FUZZ_SETTINGS
@given(body=st.binary(max_size=2000))
def test_random_bytes_are_refused(fuzz_app: Flask, body: bytes) -> None:
    assert_refused(fuzz_app, body)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


@FUZZ_SETTINGS
@given(body=JSON_VALUES)
def test_arbitrary_json_is_refused(fuzz_app: Flask, body: Any) -> None:
    """Arbitrary JSON (no object with a known article and a text): 4xx, nothing stored."""
    for path in ENDPOINTS[::2]:
        assert_refused(fuzz_app, json.dumps(body), path=path)


@FUZZ_SETTINGS
@given(text=st.text(alphabet=st.characters(codec=None), max_size=300),
       name=st.text(max_size=120))
def test_any_text_is_stored_exactly_or_refused(fuzz_app: Flask, text: str, name: str) -> None:
    """Any string (surrogates, NUL, controls included): 201 and stored byte for byte, or a
    4xx naming the field, with nothing stored. Never a 5xx."""
    body = json.dumps(comment(text, author={"name": name}))
    before = stored_counts(fuzz_app)
    client = fuzz_app.test_client()
    response = client.post("/api/v1/comments", data=body, content_type="application/json")
    if response.status_code == 201:
        stored = client.get(f"/api/v1/comments/{response.get_json()['id']}")
        assert stored.get_json()["text"].encode("utf-8") == text.encode("utf-8")
        assert stored_counts(fuzz_app)[:2] == (before[0] + 1, before[1] + 1)
    else:
        assert response.status_code == 422, response.get_data(as_text=True)
        assert response.get_json()["error"]["fields"]
        assert stored_counts(fuzz_app) == before
