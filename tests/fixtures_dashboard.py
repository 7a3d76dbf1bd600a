"""Fixtures for the moderator dashboard: an app with CSRF on, accounts, seeded comments,
and a logged-in test client.

Comments are seeded through `services.submit_comment` (the real screening path) with
every category's review threshold at 0, so the tiny model holds every comment that no
reject rule fires on: the pending queue is predictable without faking statuses.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures_app import DEMO_ARTICLES, dispose, sqlite_app
from flask import Flask
from flask.testing import FlaskClient

ADMIN = ("ada", "admin-password-1")
MODERATOR = ("mo", "moderator-password-1")
HOLD_ALL = {"review": 0.0, "reject": 1.0}

BENIGN = (
    "The revenue law should have been published in full before the vote.",
    "Great match report, that late winner was something else.",
    "My family farm lost half its wheat this year; rationing has to be fair.",
    "I disagree with the minister, but the article explains both sides well.",
)


def hold_everything(actor: str = "fixture") -> None:
    """Thresholds that make the model hold every comment no reject rule fires on."""
    from moderation import services
    from moderation.pipeline.types import CATEGORIES

    services.set_setting("thresholds", {c: dict(HOLD_ALL) for c in CATEGORIES}, actor)


def seed_articles() -> None:
    from moderation import services

    for article in json.loads(Path(DEMO_ARTICLES).read_text("utf-8")):
        services.upsert_article(article["external_id"], article["title"], article.get("url"),
                                article.get("summary"))


def seed_accounts() -> None:
    from moderation import services

    services.create_moderator(*ADMIN, role="admin")
    services.create_moderator(*MODERATOR, role="moderator")


def submit(text: str, article: str = "demo-1", author: str = "Reader",
           author_id: str | None = None) -> Any:
    """Submit a comment through the real service; returns the stored comment."""
    from moderation import services

    return services.submit_comment(article, text, author, author_id=author_id).comment


@pytest.fixture(scope="session")
def dashboard_template(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path,
                       screener: Any) -> Path:
    """The migrated template plus accounts, demo articles and hold-all thresholds, built
    once per session (password hashing is slow on purpose) and copied for each test."""
    folder = tmp_path_factory.mktemp("dashboard-template")
    app = sqlite_app(folder, sqlite_template, screener)
    with app.app_context():
        seed_accounts()
        seed_articles()
        hold_everything()
    dispose(app)
    return folder / "moderation.sqlite"


@pytest.fixture
def dash_app(tmp_path: Path, dashboard_template: Path, screener: Any) -> Iterator[Flask]:
    """A fresh app and database with CSRF protection on, accounts and demo articles."""
    app = sqlite_app(tmp_path, dashboard_template, screener, WTF_CSRF_ENABLED=True)
    yield app
    dispose(app)


def csrf_token(html: str) -> str:
    """The CSRF token of the first form on a page."""
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'<meta name="csrf-token" content="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def log_in(client: FlaskClient, username: str, password: str) -> Any:
    token = csrf_token(client.get("/moderate/login").get_data(as_text=True))
    return client.post("/moderate/login", data={"username": username, "password": password,
                                                "csrf_token": token})


@pytest.fixture
def mod_client(dash_app: Flask) -> FlaskClient:
    """A test client logged in as a plain moderator."""
    client = dash_app.test_client()
    assert log_in(client, *MODERATOR).status_code == 302
    return client


@pytest.fixture
def admin_client(dash_app: Flask) -> FlaskClient:
    """A test client logged in as an admin."""
    client = dash_app.test_client()
    assert log_in(client, *ADMIN).status_code == 302
    return client


def page_token(client: FlaskClient, url: str = "/moderate/queue/pending") -> str:
    """A fresh CSRF token for the client's session, read from a dashboard page."""
    return csrf_token(client.get(url).get_data(as_text=True))
