"""Every error the API can answer, as `{"error": {code, message, fields}}`, storing nothing."""
from __future__ import annotations

import json
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from moderation.db import Comment, DecisionLog

GOOD = {"article_id": "demo-1", "author": {"id": "u-1", "name": "Reader"}, "text": "Fine."}


def error_of(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    error = response.get_json()["error"]
    assert set(error) == {"code", "message", "fields"} and error["message"]
    if code is not None:
        assert error["code"] == code
    return error


def stored(app: Flask) -> int:
    from moderation.extensions import db

    with app.app_context():
        comments = db.session.scalar(sa.select(sa.func.count()).select_from(Comment))
        logs = db.session.scalar(sa.select(sa.func.count()).select_from(DecisionLog))
    return comments + logs


def post_raw(client: FlaskClient, data: bytes, content_type: str = "application/json"):
    return client.post("/api/v1/comments", data=data, content_type=content_type)


def with_(**changes: Any) -> bytes:
    return json.dumps({**GOOD, **changes}).encode()


@pytest.fixture(autouse=True)
def _nothing_stored(backend_app: Flask, demo_articles: Any):
    yield
    assert stored(backend_app) == 0


def test_malformed_json_is_400(api_client) -> None:
    for raw in (b'{"text": ', b"", b"{'single': 'quotes'}", b"\xef\xbb\xbf{}"):
        error = error_of(post_raw(api_client, raw), 400, "malformed_json")
        assert "JSON" in error["message"]


def test_not_json_is_415(api_client) -> None:
    error_of(post_raw(api_client, with_(), "text/plain"), 415, "unsupported_media_type")
    form = api_client.post("/api/v1/comments", data={"text": "hello"})
    error_of(form, 415)


def test_body_over_the_limit_is_413(backend_app, api_client) -> None:
    limit = backend_app.config["MAX_CONTENT_LENGTH"]
    error_of(post_raw(api_client, with_(text="a" * (limit + 1))), 413, "payload_too_large")


@pytest.mark.parametrize(("changes", "field"), [
    ({"text": ""}, "text"),
    ({"text": " \r\n\t\u3000 "}, "text"),
    ({"text": "a" * 5001}, "text"),
    ({"text": "null \x00 byte"}, "text"),
    ({"text": "lone \ud800 surrogate"}, "text"),
    ({"text": 5}, "text"),
    ({"text": None}, "text"),
    ({"text": ["list"]}, "text"),
    ({"author": "Reader"}, "author"),
    ({"author": {"name": ""}}, "author.name"),
    ({"author": {"name": "R", "id": 42}}, "author.id"),
    ({"article_id": "no-such-article"}, "article_id"),
    ({"article_id": 1}, "article_id"),
    ({"parent_id": "00000000-0000-4000-8000-000000000000"}, "parent_id"),
    ({"unknown": "field"}, "unknown"),
])
def test_invalid_fields_are_422(api_client, changes: dict[str, Any], field: str) -> None:
    error = error_of(post_raw(api_client, with_(**changes)), 422)
    assert field in error["fields"], error


def test_missing_fields_are_422(api_client) -> None:
    error = error_of(post_raw(api_client, b"{}"), 422, "invalid")
    assert {"article_id", "author", "text"} <= set(error["fields"])
    error_of(post_raw(api_client, b"[]"), 422)


def test_invalid_utf8_is_422(api_client) -> None:
    raw = b'{"article_id": "demo-1", "author": {"name": "R"}, "text": "bad \xff byte"}'
    error = error_of(post_raw(api_client, raw), 422, "invalid_utf8")
    assert error["fields"] == {"body": "invalid UTF-8 at byte 63"}


def test_unknown_path_is_404_and_wrong_method_is_405(api_client) -> None:
    error_of(api_client.get("/api/v1/nothing-here"), 404, "not_found")
    response = api_client.get("/api/v1/comments")
    error_of(response, 405, "method_not_allowed")
    assert "POST" in response.headers["Allow"]
    error_of(api_client.delete("/api/v1/comments/x"), 405)


def test_queue_needs_a_valid_token(api_client) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic eDp5"}):
        response = api_client.get("/api/v1/queue", headers=headers)
        error_of(response, 401, "unauthorized")
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_bad_query_parameters_are_422(api_client) -> None:
    for query in ("page=0", "per_page=101", "order=random", "page=x", "colour=red"):
        error_of(api_client.get(f"/api/v1/articles/demo-1/comments?{query}"), 422)
    error_of(api_client.get("/api/v1/articles/nope/comments"), 404)


FAILING_TRIGGER = {
    "sqlite": ["CREATE TRIGGER fail_log BEFORE INSERT ON decision_log "
               "BEGIN SELECT RAISE(ABORT, 'secret detail'); END"],
    "postgresql": [
        "CREATE FUNCTION fail_log() RETURNS trigger AS $$ BEGIN "
        "RAISE EXCEPTION 'secret detail'; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER fail_log BEFORE INSERT ON decision_log "
        "FOR EACH ROW EXECUTE FUNCTION fail_log()"],
}
DROP_TRIGGER = {
    "sqlite": ["DROP TRIGGER fail_log"],
    "postgresql": ["DROP TRIGGER fail_log ON decision_log", "DROP FUNCTION fail_log()"],
}


def test_database_failure_is_500_without_details(backend_app, api_client) -> None:
    from moderation.extensions import db

    with backend_app.app_context():
        for statement in FAILING_TRIGGER[db.engine.dialect.name]:
            db.session.execute(sa.text(statement))
        db.session.commit()
    try:
        response = post_raw(api_client, with_())
    finally:
        with backend_app.app_context():
            for statement in DROP_TRIGGER[db.engine.dialect.name]:
                db.session.execute(sa.text(statement))
            db.session.commit()
    error = error_of(response, 500, "internal_error")
    body = response.get_data(as_text=True)
    assert "Traceback" not in body and "secret detail" not in body
    assert error["message"] == "Internal server error."
