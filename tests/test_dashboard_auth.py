"""Dashboard login, sessions, roles and CSRF, through the Flask test client."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fixtures_app import dispose, sqlite_app
from fixtures_dashboard import ADMIN, MODERATOR, csrf_token, log_in, page_token, submit
from flask import Flask
from flask.testing import FlaskClient

PAGES = ("/moderate/", "/moderate/queue/pending", "/moderate/queue/reported",
         "/moderate/queue/rejected", "/moderate/queue/approved", "/moderate/queue/all",
         "/moderate/log", "/moderate/stats", "/moderate/settings", "/moderate/accounts")
ADMIN_PAGES = ("/moderate/settings", "/moderate/accounts")
ADMIN_POSTS = ("/moderate/settings/thresholds", "/moderate/settings/words",
               "/moderate/settings/words/1/move", "/moderate/settings/words/1/delete",
               "/moderate/accounts", "/moderate/accounts/1/active",
               "/moderate/accounts/1/password")


def test_login_form_has_username_password_and_csrf(dash_app: Flask) -> None:
    html = dash_app.test_client().get("/moderate/login").get_data(as_text=True)
    assert 'name="username"' in html and 'name="password"' in html
    assert csrf_token(html)


def test_login_sets_a_httponly_samesite_session(dash_app: Flask) -> None:
    response = log_in(dash_app.test_client(), *MODERATOR)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/moderate/queue/pending")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_wrong_password_is_refused(dash_app: Flask) -> None:
    client = dash_app.test_client()
    response = log_in(client, MODERATOR[0], "not-the-password")
    assert response.status_code == 200
    assert "Wrong username or password" in response.get_data(as_text=True)
    assert client.get("/moderate/queue/pending").status_code == 302


def test_login_without_csrf_token_is_400(dash_app: Flask) -> None:
    response = dash_app.test_client().post(
        "/moderate/login", data={"username": MODERATOR[0], "password": MODERATOR[1]})
    assert response.status_code == 400


def test_login_redirects_only_within_the_dashboard(dash_app: Flask) -> None:
    client = dash_app.test_client()
    token = csrf_token(client.get("/moderate/login").get_data(as_text=True))
    data = {"username": MODERATOR[0], "password": MODERATOR[1], "csrf_token": token}
    evil = client.post("/moderate/login?next=https://evil.example/", data=data)
    assert evil.headers["Location"].endswith("/moderate/queue/pending")
    client.post("/moderate/logout", data={"csrf_token": page_token(client)})
    token = csrf_token(client.get("/moderate/login").get_data(as_text=True))
    good = client.post("/moderate/login?next=/moderate/stats", data={**data, "csrf_token": token})
    assert good.headers["Location"] == "/moderate/stats"


def test_anonymous_pages_redirect_to_login(dash_app: Flask) -> None:
    client = dash_app.test_client()
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/moderate/login" in response.headers["Location"], path


def test_anonymous_json_gets_401(dash_app: Flask) -> None:
    response = dash_app.test_client().get("/moderate/api/counts")
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"


def test_anonymous_json_decision_is_refused_and_changes_nothing(dash_app: Flask) -> None:
    from moderation import services

    with dash_app.app_context():
        comment_id = submit("A perfectly fine comment about the vote.").id
    client = dash_app.test_client()
    url = f"/moderate/api/comments/{comment_id}/decision"
    no_token = client.post(url, json={"status": "approved"})
    assert no_token.status_code == 400                       # CSRF runs first
    token = csrf_token(client.get("/moderate/login").get_data(as_text=True))
    anonymous = client.post(url, json={"status": "approved"}, headers={"X-CSRFToken": token})
    assert anonymous.status_code == 401
    with dash_app.app_context():
        assert services.get_comment(comment_id).status == "pending"


def test_admin_sees_every_page(admin_client: FlaskClient) -> None:
    for path in PAGES:
        assert admin_client.get(path, follow_redirects=True).status_code == 200, path


def test_moderator_gets_403_on_admin_pages_and_posts(mod_client: FlaskClient) -> None:
    for path in ADMIN_PAGES:
        assert mod_client.get(path).status_code == 403, path
    token = page_token(mod_client)
    for path in ADMIN_POSTS:
        assert mod_client.post(path, data={"csrf_token": token}).status_code == 403, path


def test_moderator_sees_every_other_page(mod_client: FlaskClient) -> None:
    for path in set(PAGES) - set(ADMIN_PAGES):
        assert mod_client.get(path, follow_redirects=True).status_code == 200, path


def test_admin_links_hidden_from_moderators(mod_client: FlaskClient) -> None:
    html = mod_client.get("/moderate/queue/pending").get_data(as_text=True)
    assert "/moderate/settings" not in html and "/moderate/accounts" not in html


def test_logout_needs_post_with_csrf(mod_client: FlaskClient) -> None:
    assert mod_client.get("/moderate/logout").status_code == 405
    assert mod_client.post("/moderate/logout").status_code == 400
    assert mod_client.get("/moderate/queue/pending").status_code == 200
    response = mod_client.post("/moderate/logout", data={"csrf_token": page_token(mod_client)})
    assert response.status_code == 302
    assert mod_client.get("/moderate/queue/pending").status_code == 302


def _moderator_id(app: Flask, username: str) -> int:
    import sqlalchemy as sa

    from moderation.db import Moderator
    from moderation.extensions import db

    with app.app_context():
        return db.session.scalars(sa.select(Moderator.id).where(
            Moderator.username == username)).one()


def test_deactivated_account_is_refused_and_its_session_ends(dash_app: Flask,
                                                             mod_client: FlaskClient) -> None:
    from moderation import services

    with dash_app.app_context():
        services.set_moderator_active(_moderator_id(dash_app, MODERATOR[0]), False, ADMIN[0])
    assert mod_client.get("/moderate/queue/pending").status_code == 302
    response = log_in(dash_app.test_client(), *MODERATOR)
    assert response.status_code == 200
    assert "deactivated" in response.get_data(as_text=True)


def test_password_reset_ends_open_sessions(dash_app: Flask, mod_client: FlaskClient) -> None:
    from moderation import services

    with dash_app.app_context():
        services.reset_moderator_password(_moderator_id(dash_app, MODERATOR[0]),
                                          "brand-new-password", ADMIN[0])
    assert mod_client.get("/moderate/queue/pending").status_code == 302
    assert log_in(dash_app.test_client(), MODERATOR[0], "brand-new-password").status_code == 302


@pytest.fixture
def throttled_app(tmp_path: Path, sqlite_template: Path, screener: Any) -> Any:
    from fixtures_dashboard import seed_accounts

    app = sqlite_app(tmp_path, sqlite_template, screener, WTF_CSRF_ENABLED=True,
                     RATELIMIT_ENABLED=True, LOGIN_LIMIT="3 per minute")
    with app.app_context():
        seed_accounts()
    yield app
    dispose(app)


def test_repeated_failed_logins_are_throttled(throttled_app: Flask) -> None:
    client = throttled_app.test_client()
    assert log_in(client, *MODERATOR).status_code == 302  # a success costs nothing
    client.post("/moderate/logout", data={"csrf_token": page_token(client)})
    for _ in range(3):
        assert log_in(client, MODERATOR[0], "wrong password").status_code == 200
    blocked = log_in(client, *MODERATOR)
    assert blocked.status_code == 429
    assert "Too many failed attempts" in blocked.get_data(as_text=True)
    assert int(blocked.headers["Retry-After"]) > 0


def test_dashboard_pages_send_a_strict_csp(mod_client: FlaskClient) -> None:
    response = mod_client.get("/moderate/queue/pending")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    html = response.get_data(as_text=True)
    assert "<script>" not in html and " style=" not in html and "<style" not in html
