"""Storage details the API relies on: aware UTC datetimes, JSON columns, exact text,
the idempotency constraint, and settings applied to the next screening."""
from __future__ import annotations

from datetime import UTC

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from moderation import services
from moderation.db import Article, Comment
from moderation.extensions import db

pytestmark = pytest.mark.usefixtures("demo_articles")

EXACT = "\r\n  ﷽ Ꙭ e\u0301\u0301 \U0001f3f3\ufe0f\u200d\U0001f308 \t"


def test_comment_round_trip_in_the_database(backend_app) -> None:
    with backend_app.app_context():
        result = services.submit_comment("demo-1", EXACT, "R", author_id="u-1",
                                         client_ip="203.0.113.9")
        comment_id = result.comment.id
        db.session.remove()
        stored = db.session.get(Comment, comment_id)
        assert stored.text == EXACT
        assert stored.created_at.tzinfo == UTC and stored.decided_at.tzinfo == UTC
        assert isinstance(stored.scores, dict) and isinstance(stored.reasons, list)
        assert stored.client_ip_hash == services.hash_client("203.0.113.9")
        assert stored.client_ip_hash != services.hash_client("203.0.113.10")
        assert stored.article.external_id == "demo-1"


def test_idempotency_key_is_unique_per_scope(backend_app) -> None:
    with backend_app.app_context():
        article = db.session.scalars(sa.select(Article)).first()
        for scope in ("a", "b"):
            db.session.add(Comment(article=article, author_name="R", text="x", status="pending",
                                   idempotency_scope=scope, idempotency_key="k"))
        db.session.commit()
        db.session.add(Comment(article=article, author_name="R", text="y", status="pending",
                               idempotency_scope="a", idempotency_key="k"))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_settings_apply_to_the_next_comment(backend_app) -> None:
    term = "zorblax"
    with backend_app.app_context():
        before = services.submit_comment("demo-1", f"The {term} again", "R")
        assert not any(r["category"] == "promotion" for r in before.comment.reasons)
        services.add_wordlist_entry(term, "reject", "admin", category="promotion")
        after = services.submit_comment("demo-1", f"The {term} again", "R")
        assert after.comment.status == "rejected"
        assert any(r["category"] == "promotion" for r in after.comment.reasons)
