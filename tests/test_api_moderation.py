"""Listing, screening, reports, articles and the moderator endpoints, on both backends."""
from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from moderation.db import Comment, DecisionLog, Report

pytestmark = pytest.mark.usefixtures("demo_articles")

CLEAN = "Thanks for explaining the revenue law so clearly."


def post(client: FlaskClient, text: str = CLEAN, article: str = "demo-1") -> dict[str, Any]:
    response = client.post("/api/v1/comments", json={
        "article_id": article, "author": {"name": "Reader"}, "text": text})
    assert response.status_code == 201
    return response.get_json()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def set_status(app: Flask, comment_id: str, status: str) -> None:
    from moderation import services

    with app.app_context():
        services.decide(comment_id, status, "moderator:test")


def test_article_listing_shows_only_approved_paginated_in_order(api_client, backend_app) -> None:
    ids = [post(api_client, f"Comment number {n} on the law.")["id"] for n in range(5)]
    for comment_id in ids:
        set_status(backend_app, comment_id, "approved")
    set_status(backend_app, ids[2], "rejected")
    held = post(api_client, "Another comment")["id"]
    set_status(backend_app, held, "pending")
    post(api_client, "On another article", article="demo-2")

    first = api_client.get("/api/v1/articles/demo-1/comments?per_page=3").get_json()
    assert first["total"] == 4 and first["pages"] == 2 and first["order"] == "oldest"
    second = api_client.get("/api/v1/articles/demo-1/comments?per_page=3&page=2").get_json()
    oldest = [item["id"] for item in first["items"] + second["items"]]
    assert oldest == [ids[0], ids[1], ids[3], ids[4]]
    newest = api_client.get("/api/v1/articles/demo-1/comments?order=newest").get_json()
    assert [item["id"] for item in newest["items"]] == oldest[::-1]
    assert all(item["status"] == "approved" for item in newest["items"])
    beyond = api_client.get("/api/v1/articles/demo-1/comments?page=9").get_json()
    assert beyond["items"] == [] and beyond["total"] == 4


def test_screen_stores_nothing(api_client, backend_app) -> None:
    response = api_client.post("/api/v1/screen", json={"text": "Fuck off, idiot"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "rejected" and body["model_version"]
    assert set(body["scores"]) >= {"profanity", "threat", "promotion"}
    clean = api_client.post("/api/v1/screen", json={"text": CLEAN, "article_id": "demo-1"})
    assert clean.status_code == 200
    unknown = api_client.post("/api/v1/screen", json={"text": CLEAN, "article_id": "nope"})
    assert unknown.status_code == 422
    from moderation.extensions import db

    with backend_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)) == 0


def test_report_a_published_comment_once_per_reader(api_client, backend_app) -> None:
    comment_id = post(api_client)["id"]
    set_status(backend_app, comment_id, "approved")
    url = f"/api/v1/comments/{comment_id}/reports"
    first = api_client.post(url, json={"reason": "personal_attack", "note": "rude"})
    assert first.status_code == 201 and first.get_json()["created"] is True
    again = api_client.post(url, json={"reason": "personal_attack"})
    assert again.status_code == 200 and again.get_json()["id"] == first.get_json()["id"]
    assert api_client.post(url, json={"reason": "boring"}).status_code == 422
    from moderation.extensions import db

    with backend_app.app_context():
        [report] = db.session.scalars(sa.select(Report)).all()
        assert report.reporter_hash and report.reporter_hash != "127.0.0.1"


def test_reporting_an_unpublished_comment_is_404(api_client, backend_app) -> None:
    comment_id = post(api_client)["id"]
    set_status(backend_app, comment_id, "pending")
    response = api_client.post(f"/api/v1/comments/{comment_id}/reports", json={"reason": "other"})
    assert response.status_code == 404


def test_queue_and_decision(api_client, backend_app, moderator_token: str) -> None:
    ids = [post(api_client, f"Held comment {n}")["id"] for n in range(3)]
    for comment_id in ids:
        set_status(backend_app, comment_id, "pending")
    queue = api_client.get("/api/v1/queue?per_page=2", headers=bearer(moderator_token))
    assert queue.status_code == 200
    body = queue.get_json()
    assert body["total"] == 3 and [c["id"] for c in body["items"]] == ids[:2]
    assert body["items"][0]["log"][-1]["to_status"] == "pending"

    decided = api_client.post(f"/api/v1/comments/{ids[0]}/decision",
                              headers=bearer(moderator_token),
                              json={"status": "rejected", "reason": "personal_attack",
                                    "note": "insults another reader"})
    assert decided.status_code == 200
    comment = decided.get_json()
    assert comment["status"] == "rejected" and comment["decided_by"] == "moderator:mod"
    last = comment["log"][-1]
    assert (last["from_status"], last["to_status"], last["note"]) == (
        "pending", "rejected", "insults another reader")
    assert last["reasons"] == [{"category": "personal_attack", "source": "moderator",
                                "score": None, "spans": [], "subtype": None, "detail": None}]
    remaining = api_client.get("/api/v1/queue", headers=bearer(moderator_token)).get_json()
    assert remaining["total"] == 2
    rejected = api_client.get("/api/v1/queue?status=rejected", headers=bearer(moderator_token))
    assert [c["id"] for c in rejected.get_json()["items"]] == [ids[0]]
    from moderation.extensions import db

    with backend_app.app_context():
        logs = db.session.scalars(sa.select(DecisionLog).where(
            DecisionLog.comment_id == ids[0]).order_by(DecisionLog.id)).all()
        assert [(log.actor, log.to_status) for log in logs][-1] == ("moderator:mod", "rejected")
        assert len(logs) == 3  # system, the test's pending, the moderator's rejection


def test_decision_validation(api_client, moderator_token: str) -> None:
    comment_id = post(api_client)["id"]
    url = f"/api/v1/comments/{comment_id}/decision"
    assert api_client.post(url, json={"status": "deleted"},
                           headers=bearer(moderator_token)).status_code == 422
    assert api_client.post(url, json={"status": "approved"}).status_code == 401
    missing = "/api/v1/comments/00000000-0000-4000-8000-000000000000/decision"
    assert api_client.post(missing, json={"status": "approved"},
                           headers=bearer(moderator_token)).status_code == 404


def test_inactive_moderator_token_is_refused(api_client, backend_app, moderator_token) -> None:
    from moderation.db import Moderator
    from moderation.extensions import db

    with backend_app.app_context():
        db.session.execute(sa.update(Moderator).values(active=False))
        db.session.commit()
    assert api_client.get("/api/v1/queue", headers=bearer(moderator_token)).status_code == 401


def test_put_article_creates_then_updates(api_client, moderator_token: str) -> None:
    url = "/api/v1/articles/cms-991"
    body = {"title": "Budget vote", "url": "https://news.example/991", "summary": "MPs vote."}
    created = api_client.put(url, json=body, headers=bearer(moderator_token))
    assert created.status_code == 201 and created.get_json()["id"] == "cms-991"
    body["title"] = "Budget vote delayed"
    updated = api_client.put(url, json=body, headers=bearer(moderator_token))
    assert updated.status_code == 200 and updated.get_json()["title"] == "Budget vote delayed"
    assert api_client.put(url, json=body).status_code == 401
    invalid = api_client.put(url, json={"url": "x"}, headers=bearer(moderator_token))
    assert invalid.status_code == 422
    assert post(api_client, article="cms-991")["status"] in {"approved", "pending", "rejected"}
