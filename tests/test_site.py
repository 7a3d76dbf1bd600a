"""The demo article page: listing, escaping, CSP, the no-JavaScript form post, and the
fetch path in real Chromium (the message appears without a reload)."""
from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from tests.fixtures_app import dispose, seed_demo, sqlite_app

CLEAN = "The audit clause is the important part of this law."
HOSTILE = '<script>alert("x")</script> & <b>bold</b>'


@pytest.fixture
def site_app(tmp_path: Path, sqlite_template: Path, screener: Any) -> Iterator[Flask]:
    """An app with CSRF protection on, as in production, and the demo articles."""
    app = sqlite_app(tmp_path, sqlite_template, screener, WTF_CSRF_ENABLED=True)
    seed_demo(app)
    yield app
    dispose(app)


def approve_all(app: Flask) -> None:
    import sqlalchemy as sa

    from moderation import services
    from moderation.db import Comment
    from moderation.extensions import db

    with app.app_context():
        for comment_id in db.session.scalars(sa.select(Comment.id)).all():
            services.decide(comment_id, "approved", "moderator:test")


def csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_index_lists_the_demo_articles(site_app) -> None:
    response = site_app.test_client().get("/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for external_id in ("demo-1", "demo-2", "demo-3"):
        assert f'href="/articles/{external_id}"' in html
    assert "Community guidelines" in html


def test_article_page_escapes_comments_and_sends_a_csp(site_app) -> None:
    client = site_app.test_client()
    for text in (HOSTILE, "كلام عربي طيب\r\n  second line"):
        assert client.post("/api/v1/comments", json={
            "article_id": "demo-1", "author": {"name": "<i>R</i>"}, "text": text,
        }).status_code == 201
    approve_all(site_app)
    response = client.get("/articles/demo-1")
    html = response.get_data(as_text=True)
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "<script>alert" not in html and "<i>R</i>" not in html
    assert 'dir="auto">كلام عربي طيب\r\n  second line</p>' in html
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert re.findall(r"<script(?![^>]*\bsrc=)", html) == []
    assert " style=" not in html and "<style" not in html
    with client.get("/static/site/site.css") as css:
        assert "white-space: pre-wrap" in css.get_data(as_text=True)


def test_unknown_article_is_404(site_app) -> None:
    assert site_app.test_client().get("/articles/nope").status_code == 404


def test_form_post_without_javascript(site_app) -> None:
    client = site_app.test_client()
    token = csrf_token(client.get("/articles/demo-2").get_data(as_text=True))
    response = client.post("/articles/demo-2/comments", data={
        "csrf_token": token, "author_name": "Nasrin", "author_id": "", "text": CLEAN})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/articles/demo-2#comment-form")
    page = client.get("/articles/demo-2").get_data(as_text=True)
    assert re.search(r'class="message (approved|pending|rejected)">Thank you|Your comment', page)
    from moderation.db import Comment
    from moderation.extensions import db

    with site_app.app_context():
        [comment] = db.session.query(Comment).all()
        assert comment.text == CLEAN and comment.author_name == "Nasrin"


def test_form_post_refused_keeps_the_text_and_stores_nothing(site_app) -> None:
    client = site_app.test_client()
    token = csrf_token(client.get("/articles/demo-1").get_data(as_text=True))
    too_long = "<b>" + "a" * 5000
    response = client.post("/articles/demo-1/comments", data={
        "csrf_token": token, "author_name": "R", "text": too_long})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "at most 5000 characters" in html
    assert "&lt;b&gt;" + "a" * 5000 + "</textarea>" in html
    missing_token = client.post("/articles/demo-1/comments", data={"text": CLEAN})
    assert missing_token.status_code == 400
    from moderation.db import Comment
    from moderation.extensions import db

    with site_app.app_context():
        assert db.session.query(Comment).count() == 0


# --- real Chromium ----------------------------------------------------------------------


@pytest.fixture
def site_server(site_app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, site_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    server.server_close()


@pytest.mark.browser
def test_fetch_shows_the_decision_without_reload(site_app, site_server, browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" else None)
    page.goto(f"{site_server}/articles/demo-3")
    page.evaluate("window.notReloaded = true")
    page.fill("#author_name", "Reader")
    page.fill("#text", CLEAN)
    with page.expect_response("**/api/v1/comments") as posted:
        page.click("button[type=submit]")
    decision = posted.value.json()
    page.wait_for_selector("#comment-status .message")
    assert page.text_content("#comment-status .message") == decision["message"]
    assert page.evaluate("window.notReloaded") is True
    if decision["status"] == "approved":
        assert page.text_content("#comment-list .comment:last-child .comment-text") == CLEAN
    assert errors == []  # no CSP violations, no script errors
    context.close()
    from moderation.db import Comment
    from moderation.extensions import db

    with site_app.app_context():
        [comment] = db.session.query(Comment).all()
        assert comment.text == CLEAN and comment.author_id.startswith("reader-")


@pytest.mark.browser
def test_form_works_with_javascript_off(site_app, site_server, browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_server}/articles/demo-1")
    page.fill("#author_name", "No Script")
    page.fill("#text", "Line one\nLine two")
    page.click("button[type=submit]")
    page.wait_for_selector("#comment-status .message")
    assert page.url.endswith("/articles/demo-1#comment-form")
    assert page.text_content("#comment-status .message")
    context.close()
    from moderation.db import Comment
    from moderation.extensions import db

    with site_app.app_context():
        [comment] = db.session.query(Comment).all()
        assert comment.text == "Line one\r\nLine two"  # browsers send form newlines as CRLF
