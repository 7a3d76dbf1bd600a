"""POST/GET comments through the test client, on SQLite and on PostgreSQL."""
from __future__ import annotations

import json
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from moderation.db import Comment, DecisionLog

ROUND_TRIP = [
    "Emoji 👍🏽 and family 👨‍👩‍👧 stay intact",
    "ئەمە وتارێکی باشە، سوپاس بۆ ڕاپۆرتەکە",  # Sorani Kurdish (RTL)
    "هذا المقال ممتاز جدا",  # Arabic (RTL)
    "Cafe\u0301 with a combining accent, and Å vs A\u030a",
    "   leading and trailing spaces   ",
    "Line one\r\nLine two\r\n\r\nLast line\n",
    "Tabs\tand\u00a0no-break\u200bzero-width spaces",
    "x" * 4999 + "😀",  # exactly 5,000 characters, the last one astral
]


def post(client: FlaskClient, text: Any = "A fair point about the budget.", **extra: Any):
    body = {"article_id": "demo-1", "author": {"id": "u-42", "name": "Reader"}, "text": text}
    body.update(extra)
    headers = extra.pop("headers", None) if "headers" in extra else None
    return client.post("/api/v1/comments", json=body, headers=headers)


def rows(app: Flask, model: type) -> list[Any]:
    from moderation.extensions import db

    with app.app_context():
        return list(db.session.scalars(sa.select(model)))


@pytest.mark.usefixtures("demo_articles")
def test_post_comment_is_stored_with_its_first_decision(api_client, backend_app) -> None:
    response = post(api_client)
    assert response.status_code == 201
    body = response.get_json()
    assert set(body) == {"id", "status", "reasons", "message"}
    assert body["status"] in {"approved", "pending", "rejected"}
    assert body["message"]
    assert response.headers["Location"] == f"/api/v1/comments/{body['id']}"
    [comment] = rows(backend_app, Comment)
    assert comment.id == body["id"] and comment.status == body["status"]
    assert comment.decided_by == "system" and comment.created_at.tzinfo is not None
    assert comment.client_ip_hash and "127.0.0.1" not in comment.client_ip_hash
    [log] = rows(backend_app, DecisionLog)
    assert (log.comment_id, log.actor, log.from_status, log.to_status) == (
        body["id"], "system", None, body["status"])


@pytest.mark.usefixtures("demo_articles")
@pytest.mark.parametrize("text", ROUND_TRIP, ids=range(len(ROUND_TRIP)))
def test_text_round_trips_byte_for_byte(api_client, text: str) -> None:
    created = post(api_client, text)
    assert created.status_code == 201, created.get_json()
    fetched = api_client.get(f"/api/v1/comments/{created.get_json()['id']}")
    assert fetched.status_code == 200
    assert fetched.get_json()["text"] == text
    assert json.loads(fetched.data)["text"].encode("utf-8") == text.encode("utf-8")


@pytest.mark.usefixtures("demo_articles")
def test_raw_utf8_body_round_trips(api_client) -> None:
    text = "Raw UTF-8 ✓ کوردی \r\n end "
    raw = json.dumps({"article_id": "demo-2", "author": {"name": "R"}, "text": text},
                     ensure_ascii=False).encode("utf-8")
    created = api_client.post("/api/v1/comments", data=raw,
                              content_type="application/json; charset=utf-8")
    assert created.status_code == 201
    fetched = api_client.get(f"/api/v1/comments/{created.get_json()['id']}").get_json()
    assert fetched["text"] == text and fetched["article_id"] == "demo-2"
    assert fetched["author"] == {"name": "R"}


@pytest.mark.usefixtures("demo_articles")
def test_idempotency_key_replays_the_first_result(api_client, backend_app) -> None:
    headers = {"Idempotency-Key": "retry-123"}
    first = api_client.post("/api/v1/comments", headers=headers, json={
        "article_id": "demo-1", "author": {"id": "u-1", "name": "A"}, "text": "Same comment"})
    second = api_client.post("/api/v1/comments", headers=headers, json={
        "article_id": "demo-1", "author": {"id": "u-1", "name": "A"}, "text": "Same comment"})
    assert first.status_code == second.status_code == 201
    assert first.get_json() == second.get_json()
    assert second.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert len(rows(backend_app, Comment)) == 1
    assert len(rows(backend_app, DecisionLog)) == 1


@pytest.mark.usefixtures("demo_articles")
def test_idempotency_key_is_scoped_to_the_author(api_client, backend_app) -> None:
    headers = {"Idempotency-Key": "k"}
    for author in ("u-1", "u-2"):
        response = api_client.post("/api/v1/comments", headers=headers, json={
            "article_id": "demo-1", "author": {"id": author, "name": "A"}, "text": "Hi all"})
        assert response.status_code == 201
        assert "Idempotent-Replayed" not in response.headers
    assert len(rows(backend_app, Comment)) == 2


@pytest.mark.usefixtures("demo_articles")
def test_reused_idempotency_key_with_other_text_is_refused(api_client, backend_app) -> None:
    headers = {"Idempotency-Key": "k-1"}
    body = {"article_id": "demo-1", "author": {"id": "u-1", "name": "A"}, "text": "First"}
    assert api_client.post("/api/v1/comments", headers=headers, json=body).status_code == 201
    body["text"] = "Second"
    response = api_client.post("/api/v1/comments", headers=headers, json=body)
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "idempotency_key_reused"
    assert len(rows(backend_app, Comment)) == 1


@pytest.mark.usefixtures("demo_articles")
def test_invalid_idempotency_key(api_client) -> None:
    response = api_client.post("/api/v1/comments", headers={"Idempotency-Key": "x" * 201},
                               json={"article_id": "demo-1", "author": {"name": "A"},
                                     "text": "Hello"})
    assert response.status_code == 422
    assert "Idempotency-Key" in response.get_json()["error"]["fields"]


@pytest.mark.usefixtures("demo_articles")
def test_reply_to_a_comment_on_the_same_article(api_client) -> None:
    parent = post(api_client, "The parent comment").get_json()["id"]
    reply = post(api_client, "A reply", parent_id=parent)
    assert reply.status_code == 201
    fetched = api_client.get(f"/api/v1/comments/{reply.get_json()['id']}").get_json()
    assert fetched["parent_id"] == parent
    other_article = api_client.post("/api/v1/comments", json={
        "article_id": "demo-2", "author": {"name": "A"}, "text": "x", "parent_id": parent})
    assert other_article.status_code == 422
    assert "parent_id" in other_article.get_json()["error"]["fields"]


def test_get_unknown_comment_is_404(api_client) -> None:
    for comment_id in ("00000000-0000-4000-8000-000000000000", "not-a-uuid"):
        response = api_client.get(f"/api/v1/comments/{comment_id}")
        assert response.status_code == 404
        assert response.get_json()["error"]["code"] == "not_found"


@pytest.mark.usefixtures("demo_articles")
def test_a_rejected_comment_says_which_guideline(api_client) -> None:
    body = post(api_client, "You are a fucking idiot").get_json()
    assert body["status"] == "rejected"
    assert any(reason["category"] == "profanity" for reason in body["reasons"])
    assert "guidelines" in body["message"]
