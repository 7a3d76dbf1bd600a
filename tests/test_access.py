"""Access control, CSRF, login throttling, security headers, error bodies and client
address hashing, over every route of the app.

The route list comes from `app.url_map`: every route must be classified below as public,
moderator-token API (read from the OpenAPI document's `security`), dashboard
(any moderator) or admin-only, so a new route cannot escape the matrix. Each protected
route is requested as {anonymous, moderator, admin, deactivated account, wrong token}.
"""
from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fixtures_app import dispose, sqlite_app
from fixtures_dashboard import ADMIN, MODERATOR, csrf_token, log_in, page_token, submit
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import Rule

#: Routes anyone may call (readers, the news site, probes, the Perspective API with its keys).
PUBLIC = {
    "static", "site.index", "site.article", "site.post_comment", "ops.healthz", "ops.readyz",
    "ops.metrics", "api.create_comment", "api.get_comment", "api.article_comments",
    "api.report", "api.screen", "api.hello", "api.openapi", "dashboard.login",
    "perspective.analyze", "perspective.suggestscore", "perspective.openapi",
    "perspective.not_found",
}
#: Dashboard routes for administrators only; every other dashboard route is for moderators.
ADMIN_ONLY = {
    "dashboard.accounts", "dashboard.create_account", "dashboard.set_active",
    "dashboard.reset_password", "dashboard.settings", "dashboard.save_thresholds",
    "dashboard.add_word", "dashboard.delete_word", "dashboard.move_word",
    "perspective_admin.index", "perspective_admin.create_key", "perspective_admin.revoke_key",
}
DASHBOARD_PREFIXES = ("dashboard.", "perspective_admin.")
ROLES = ("anonymous", "moderator", "admin", "deactivated", "wrong_token")
GONE = ("gone", "deactivated-password-1")
VICTIM = ("victim", "victim-password-1")
IP = "203.0.113.77"


@dataclass
class World:
    """The app, its seeded objects and one client per role."""

    app: Flask
    args: dict[str, str]
    tokens: dict[str, str]
    clients: dict[str, FlaskClient]


@pytest.fixture
def world(dash_app: Flask) -> World:
    from moderation import services

    with dash_app.app_context():
        _, gone_token = services.create_moderator(*GONE, role="admin")
        victim, _ = services.create_moderator(*VICTIM, role="moderator")
        comment = submit("A comment for the access matrix about the council budget.")
        entry = services.add_wordlist_entry("matrixword", "review", "fixture",
                                            category="profanity")
        key, _ = services.create_api_key("matrix")
        tokens = {"gone": gone_token,
                  "moderator": services.issue_api_token(_moderator_id(MODERATOR[0])),
                  "admin": services.issue_api_token(_moderator_id(ADMIN[0]))}
        args = {"comment_id": comment.id, "article_id": "demo-1", "external_id": "demo-1",
                "author_id": "reader-1", "moderator_id": str(victim.id),
                "entry_id": str(entry.id), "key_id": str(key.id), "name": "pending",
                "filename": "site/site.css", "rest": "nowhere"}
    clients = {role: dash_app.test_client() for role in ROLES}
    assert log_in(clients["moderator"], *MODERATOR).status_code == 302
    assert log_in(clients["admin"], *ADMIN).status_code == 302
    assert log_in(clients["deactivated"], *GONE).status_code == 302
    with dash_app.app_context():
        services.set_moderator_active(_moderator_id(GONE[0]), False, "fixture")
    clients["wrong_token"].environ_base["HTTP_AUTHORIZATION"] = "Bearer not-a-real-token"
    return World(dash_app, args, tokens, clients)


def _moderator_id(username: str) -> int:
    from moderation.db import Moderator
    from moderation.extensions import db

    return db.session.scalars(sa.select(Moderator.id).where(Moderator.username == username)).one()


def routes(app: Flask) -> list[tuple[Rule, str]]:
    """(rule, method) for every route, logout last (it ends the session)."""
    pairs = [(rule, method) for rule in app.url_map.iter_rules()
             for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return sorted(pairs, key=lambda pair: (pair[0].endpoint == "dashboard.logout",
                                           pair[0].rule, pair[1]))


def token_secured(app: Flask) -> set[tuple[str, str]]:
    """(path template, method) of every operation the OpenAPI document secures."""
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    return {(path, method.upper()) for path, operations in spec["paths"].items()
            for method, operation in operations.items() if operation.get("security")}


def template(rule: Rule) -> str:
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule)


def url_for_rule(rule: Rule, args: dict[str, str]) -> str:
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", lambda m: args[m.group(1)], rule.rule)


def classify(app: Flask, rule: Rule, method: str) -> str:
    if (template(rule), method) in token_secured(app):
        return "token"
    if rule.endpoint in PUBLIC:
        return "public"
    if rule.endpoint in ADMIN_ONLY:
        return "admin"
    if rule.endpoint.startswith(DASHBOARD_PREFIXES):
        return "moderator"
    return "unclassified"


def test_every_route_is_classified(dash_app: Flask) -> None:
    kinds = {(rule.endpoint, method): classify(dash_app, rule, method)
             for rule, method in routes(dash_app)}
    assert "unclassified" not in kinds.values(), [k for k, v in kinds.items()
                                                   if v == "unclassified"]
    secured = {endpoint for (endpoint, _), kind in kinds.items() if kind == "token"}
    assert {"api.put_article", "api.moderation_queue", "api.decision", "api.ban_author",
            "api.unban_author"} <= secured
    public_dashboard = {e for (e, _), k in kinds.items()
                        if k == "public" and e.startswith(DASHBOARD_PREFIXES)}
    assert public_dashboard == {"dashboard.login"}


def _request(world: World, role: str, rule: Rule, method: str) -> Any:
    client = world.clients[role]
    url = url_for_rule(rule, world.args)
    headers: dict[str, str] = {}
    if rule.endpoint.startswith(DASHBOARD_PREFIXES) and method == "POST":
        source = "/moderate/login" if role in ("anonymous", "wrong_token", "deactivated") \
            else "/moderate/"
        token = csrf_token(client.get(source, follow_redirects=True).get_data(as_text=True))
        if "/api/" in rule.rule:
            return client.post(url, json={}, headers={"X-CSRFToken": token})
        return client.post(url, data={"csrf_token": token})
    if method in ("POST", "PUT"):
        return client.open(url, method=method, json={}, headers=headers)
    return client.open(url, method=method, headers=headers)


def _refused(response: Any) -> bool:
    if response.status_code in (401, 403):
        return True
    return response.status_code == 302 and "/moderate/login" in response.headers["Location"]


def test_dashboard_matrix(world: World) -> None:
    """Every dashboard route × every role: only moderators (admins for admin routes) pass."""
    checked = 0
    for rule, method in routes(world.app):
        kind = classify(world.app, rule, method)
        if kind not in ("moderator", "admin"):
            continue
        for role in ROLES:
            response = _request(world, role, rule, method)
            allowed = role == "admin" or (role == "moderator" and kind == "moderator")
            where = f"{role} {method} {rule.rule} -> {response.status_code}"
            if allowed and rule.endpoint == "dashboard.logout":
                assert response.status_code == 302, where
                assert _refused(world.clients[role].get("/moderate/queue/pending")), where
            elif allowed:
                assert not _refused(response) and response.status_code < 500, where
                if method == "GET":
                    assert response.status_code in (200, 302), where
            else:
                assert _refused(response), where
                if role == "moderator":
                    assert response.status_code == 403, where
                elif "/api/" in rule.rule:
                    assert response.status_code == 401 and response.is_json, where
                else:
                    assert response.status_code == 302, where
            checked += 1
    assert checked >= 20 * len(ROLES)


def test_token_api_matrix(world: World) -> None:
    """Moderator API routes: a valid token of an active account passes, nothing else."""
    secured = [(rule, method) for rule, method in routes(world.app)
               if classify(world.app, rule, method) == "token"]
    assert len(secured) >= 5
    bearer = {"anonymous": None, "wrong_token": "not-a-real-token",
              "deactivated": world.tokens["gone"], "moderator": world.tokens["moderator"],
              "admin": world.tokens["admin"]}
    plain = world.app.test_client()
    for rule, method in secured:
        url = url_for_rule(rule, world.args)
        for role, token in bearer.items():
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            body = {"json": {}} if method in ("POST", "PUT") else {}
            response = plain.open(url, method=method, headers=headers, **body)
            where = f"{role} {method} {rule.rule} -> {response.status_code}"
            if role in ("moderator", "admin"):
                assert response.status_code not in (401, 403, 500), where
            else:
                assert response.status_code == 401, where
                assert response.get_json()["error"]["code"] == "unauthorized", where
                assert response.headers["WWW-Authenticate"].startswith("Bearer"), where
        # A dashboard session cookie alone is not an API credential (no CSRF surface).
        session_only = world.clients["admin"].open(url, method=method, json={})
        assert session_only.status_code == 401, f"session cookie on {rule.rule}"


def test_csrf_less_posts_are_refused(world: World) -> None:
    """Every form post and dashboard JSON call without a CSRF token: 400, nothing done."""
    from moderation.db import Comment, DecisionLog
    from moderation.extensions import db

    admin = world.clients["admin"]
    posts = [(rule, method) for rule, method in routes(world.app) if method == "POST"
             and (rule.endpoint.startswith(DASHBOARD_PREFIXES) or rule.endpoint.startswith(
                 "site."))]
    assert len(posts) >= 14
    with world.app.app_context():
        before = (db.session.scalar(sa.select(sa.func.count()).select_from(Comment)),
                  db.session.scalar(sa.select(sa.func.count()).select_from(DecisionLog)))
    for rule, _ in posts:
        url = url_for_rule(rule, world.args)
        if "/api/" in rule.rule:
            response = admin.post(url, json={"status": "approved",
                                             "ids": [world.args["comment_id"]]})
        else:
            response = admin.post(url, data={"status": "approved", "text": "csrf-less post",
                                             "author_name": "X", "username": "evil",
                                             "password": "evil-password-1", "role": "admin",
                                             "name": "evil", "term": "evil"})
        assert response.status_code == 400, f"{rule.rule} -> {response.status_code}"
    with world.app.app_context():
        after = (db.session.scalar(sa.select(sa.func.count()).select_from(Comment)),
                 db.session.scalar(sa.select(sa.func.count()).select_from(DecisionLog)))
        assert after == before
        assert services_comment_status(world.args["comment_id"]) == "pending"
    assert admin.get("/moderate/accounts").get_data(as_text=True).count("evil") == 0


def services_comment_status(comment_id: str) -> str:
    from moderation import services

    return services.get_comment(comment_id).status


@pytest.fixture
def throttled_app(tmp_path: Path, sqlite_template: Path, screener: Any) -> Iterator[Flask]:
    from fixtures_dashboard import seed_accounts

    app = sqlite_app(tmp_path, sqlite_template, screener, WTF_CSRF_ENABLED=True,
                     RATELIMIT_ENABLED=True, LOGIN_LIMIT="3 per minute")
    with app.app_context():
        seed_accounts()
    yield app
    dispose(app)


def test_login_throttled_after_failures(throttled_app: Flask) -> None:
    client = throttled_app.test_client()
    for _ in range(3):
        assert log_in(client, MODERATOR[0], "wrong-password").status_code == 200
    blocked = log_in(client, *MODERATOR)  # even the right password, until the window ends
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 0
    assert "/moderate/login" not in blocked.headers.get("Location", "")
    other = throttled_app.test_client()
    other.environ_base["REMOTE_ADDR"] = "198.51.100.9"
    assert log_in(other, *MODERATOR).status_code == 302  # another address is not blocked


def _check_headers(response: Any, where: str) -> None:
    headers = response.headers
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert headers.get("Referrer-Policy") in ("same-origin", "no-referrer",
                                              "strict-origin-when-cross-origin"), where
    policy = headers.get("Content-Security-Policy", "")
    assert "frame-ancestors 'none'" in policy, where
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, where
    assert "script-src 'self'" in policy or "default-src 'none'" in policy, where


def test_security_headers_on_every_response(world: World) -> None:
    """Every route, as anonymous and as admin, plus 404, 405 and 413 answers."""
    for rule, method in routes(world.app):
        for role in ("anonymous", "admin"):
            response = _request(world, role, rule, method)
            _check_headers(response, f"{role} {method} {rule.rule} {response.status_code}")
            response.close()
    anonymous = world.clients["anonymous"]
    for response in (anonymous.get("/no/such/page"), anonymous.get("/api/v1/nope"),
                     anonymous.delete("/api/v1/comments"), anonymous.get("/moderate/nope"),
                     anonymous.post("/api/v1/comments", data=b"x" * 300_000,
                                    content_type="application/json")):
        _check_headers(response, f"{response.request.path} {response.status_code}")


LEAKS = re.compile(r"Traceback|File \"|line \d+|SELECT |INSERT |FROM |sqlite|psycopg|"
                   r"sqlalchemy|OperationalError|no such table", re.IGNORECASE)


def test_no_stack_trace_or_sql_in_error_bodies(world: World) -> None:
    """With the comment table gone, every page and API call fails without leaking."""
    database = Path(world.app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"))
    with world.app.app_context():
        from moderation.extensions import db

        db.engine.dispose()
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA foreign_keys=OFF")
        connection.execute("DROP TABLE decision_log")
        connection.execute("DROP TABLE comment")
    admin, anonymous = world.clients["admin"], world.clients["anonymous"]
    token = {"Authorization": f"Bearer {world.tokens['admin']}"}
    comment_id = world.args["comment_id"]
    responses = [
        anonymous.post("/api/v1/comments", json={"article_id": "demo-1", "text": "hello there",
                                                 "author": {"name": "R"}}),
        anonymous.get(f"/api/v1/comments/{comment_id}"),
        anonymous.get("/api/v1/articles/demo-1/comments"),
        anonymous.get("/articles/demo-1"),
        anonymous.get("/api/v1/queue", headers=token),
        admin.get("/moderate/queue/pending"),
        admin.get(f"/moderate/comments/{comment_id}"),
        admin.get("/moderate/log"),
        admin.get("/moderate/stats"),
    ]
    for response in responses:
        where = f"{response.request.path} -> {response.status_code}"
        assert response.status_code in (500, 503), where
        body = response.get_data(as_text=True)
        assert not LEAKS.search(body), f"{where}: {body[:300]}"
        if response.request.path.startswith("/api/"):
            assert response.get_json()["error"]["code"] in ("internal_error", "unavailable")
    assert responses[0].status_code == 503 and "Retry-After" in responses[0].headers


def test_client_addresses_stored_only_as_salted_hashes(world: World) -> None:
    from moderation.extensions import db

    reader = world.app.test_client()
    reader.environ_base["REMOTE_ADDR"] = IP
    posted = reader.post("/api/v1/comments", json={
        "article_id": "demo-1", "author": {"id": "reader-ip", "name": "R"},
        "text": "The bridge repairs should start before the winter floods arrive."})
    assert posted.status_code == 201
    with world.app.app_context():
        tables = {table.name: [str(value) for row in db.session.execute(sa.select(table))
                               for value in row] for table in db.metadata.sorted_tables}
        from moderation import services

        salted = services.hash_client(IP)
        db.engine.dispose()
    everything = "\n".join(value for values in tables.values() for value in values)
    assert IP not in everything
    assert salted in everything  # the comment's client_ip_hash
    assert hashlib.sha256(IP.encode()).hexdigest() not in everything  # not an unsalted hash
    database = Path(world.app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"))
    for path in (database, database.with_name(database.name + "-wal")):
        if path.exists():
            assert IP.encode() not in path.read_bytes(), path


def test_page_token_is_session_bound(world: World) -> None:
    """A CSRF token from one moderator's session does not work in another's."""
    stolen = page_token(world.clients["moderator"])
    response = world.clients["admin"].post(
        f"/moderate/comments/{world.args['comment_id']}/decision",
        data={"csrf_token": stolen, "status": "approved"})
    assert response.status_code == 400
    with world.app.app_context():
        assert services_comment_status(world.args["comment_id"]) == "pending"
