"""Queues, filters, pagination, the comment view and decisions (forms and JSON)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from fixtures_dashboard import BENIGN, MODERATOR, page_token, submit
from flask import Flask
from flask.testing import FlaskClient


def _ids(html: str) -> list[str]:
    import re

    return re.findall(r'<article class="card[^"]*" id="c-([0-9a-f-]{36})"', html)


def _status(app: Flask, comment_id: str) -> tuple[str, str]:
    from moderation import services

    with app.app_context():
        comment = services.get_comment(comment_id)
        return comment.status, comment.decided_by


def _log(app: Flask, comment_id: str) -> list[tuple[str, str | None, str, list, str | None]]:
    from moderation.db import DecisionLog
    from moderation.extensions import db

    with app.app_context():
        rows = db.session.scalars(sa.select(DecisionLog).where(
            DecisionLog.comment_id == comment_id).order_by(DecisionLog.id))
        return [(r.actor, r.from_status, r.to_status, r.reasons, r.note) for r in rows]


@pytest.fixture
def seeded(dash_app: Flask) -> list[str]:
    """Four pending comments on different articles by different authors, oldest first."""
    with dash_app.app_context():
        return [submit(text, f"demo-{i % 3 + 1}", f"Reader {i}", f"u-{i}").id
                for i, text in enumerate(BENIGN)]


def test_pending_queue_lists_comments_oldest_first_with_counts(mod_client: FlaskClient,
                                                               seeded: list[str]) -> None:
    html = mod_client.get("/moderate/queue/pending").get_data(as_text=True)
    assert _ids(html) == seeded
    assert '<span class="count" data-queue="pending">4</span>' in html
    newest = mod_client.get("/moderate/queue/pending?order=newest").get_data(as_text=True)
    assert _ids(newest) == seeded[::-1]


def test_unknown_queue_is_404(mod_client: FlaskClient) -> None:
    assert mod_client.get("/moderate/queue/nonsense").status_code == 404


def test_filters_by_article_author_search_category_and_date(mod_client: FlaskClient,
                                                            seeded: list[str]) -> None:
    def ids(query: str) -> list[str]:
        return _ids(mod_client.get("/moderate/queue/pending?" + query).get_data(as_text=True))

    assert ids("article=demo-2") == [seeded[1]]
    assert ids("author=u-2") == [seeded[2]] == ids("author=Reader+2")
    assert ids("q=WHEAT") == [seeded[2]]                     # case-insensitive
    assert ids("q=100%25") == []                             # LIKE wildcards are literal
    assert ids("category=threat") == seeded                  # every category held them
    assert ids("category=promotion&article=demo-1") == [seeded[0], seeded[3]]
    today = datetime.now(UTC).date()
    assert ids(f"since={today}&until={today}") == seeded
    assert ids(f"until={today - timedelta(days=1)}") == []
    assert ids("since=not-a-date") == seeded                 # malformed filters are ignored


def test_keyset_pagination_walks_forward_and_back(dash_app: Flask,
                                                  mod_client: FlaskClient) -> None:
    import re

    dash_app.config["PER_PAGE_DEFAULT"] = 3
    with dash_app.app_context():
        made = [submit(f"Comment number {n} about the water plan.", author=f"R{n}").id
                for n in range(7)]
    seen, url, pages = [], "/moderate/queue/pending", []
    while url:
        html = mod_client.get(url).get_data(as_text=True)
        pages.append(_ids(html))
        seen += pages[-1]
        found = re.search(r'rel="next" href="([^"]+)"', html)
        url = found.group(1).replace("&amp;", "&") if found else None
    assert [len(p) for p in pages] == [3, 3, 1]
    assert seen == made
    prev = re.search(r'rel="prev" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert _ids(mod_client.get(prev).get_data(as_text=True)) == made[3:6]
    assert mod_client.get("/moderate/queue/pending?after=garbage").status_code == 200


def test_comment_text_is_escaped_exactly_with_evidence_marked(dash_app: Flask,
                                                              mod_client: FlaskClient) -> None:
    from moderation import services

    text = "<b>Hi</b> & you are an idiot\n  second line"
    with dash_app.app_context():
        services.set_setting("thresholds", {}, "test")
        submit(text, author="<i>Eve</i>")
    html = mod_client.get("/moderate/queue/all").get_data(as_text=True)
    assert ('<p class="text" dir="auto">&lt;b&gt;Hi&lt;/b&gt; &amp; '
            '<mark class="ev ev-personal_attack" title="personal attack">you are an idiot</mark>'
            '\n  second line</p>') in html
    assert "&lt;i&gt;Eve&lt;/i&gt;" in html and "<i>Eve</i>" not in html
    assert "Personal attack" in html and "rule" in html


def test_reasons_article_history_and_reports_are_shown(dash_app: Flask,
                                                       mod_client: FlaskClient) -> None:
    from moderation import services

    with dash_app.app_context():
        first = submit(BENIGN[0], author="Rojin", author_id="u-9").id
        services.decide(first, "approved", "mo")
        services.report_comment(first, "personal_attack", reporter="reader-1",
                                note="rude to me")
        submit(BENIGN[1], author="Rojin", author_id="u-9")
    reported = mod_client.get("/moderate/queue/reported").get_data(as_text=True)
    assert _ids(reported) == [first]
    assert "rude to me" in reported and "Personal attack" in reported
    assert "decided by <strong>mo</strong>" in reported
    assert "1 approved" in reported and "1 pending" in reported
    assert "Kurdistan Region parliament" in reported and 'href="https://' in reported
    mod_client.post(f"/moderate/api/comments/{first}/decision", json={"status": "approved"},
                    headers={"X-CSRFToken": page_token(mod_client)})
    assert _ids(mod_client.get("/moderate/queue/reported").get_data(as_text=True)) == []


def test_form_decisions_without_javascript(dash_app: Flask, mod_client: FlaskClient,
                                           seeded: list[str]) -> None:
    token = page_token(mod_client)
    url = f"/moderate/comments/{seeded[0]}/decision"
    response = mod_client.post(url, data={"csrf_token": token, "status": "approved",
                                          "next": "/moderate/queue/pending"})
    assert response.status_code == 302
    assert _status(dash_app, seeded[0]) == ("approved", MODERATOR[0])
    mod_client.post(url, data={"csrf_token": token, "status": "rejected"})
    assert _status(dash_app, seeded[0])[0] == "approved"     # a rejection needs a reason
    mod_client.post(url, data={"csrf_token": token, "status": "rejected", "reason": "abuse",
                               "note": "slur in reply"})
    mod_client.post(url, data={"csrf_token": token, "status": "pending"})
    assert [row[1:] for row in _log(dash_app, seeded[0])[1:]] == [
        ("pending", "approved", [], None),
        ("approved", "rejected", [{"category": "abuse", "source": "moderator"}], "slur in reply"),
        ("rejected", "pending", [], None),
    ]
    assert {row[0] for row in _log(dash_app, seeded[0])[1:]} == {MODERATOR[0]}


def test_form_decision_without_csrf_is_400(dash_app: Flask, mod_client: FlaskClient,
                                           seeded: list[str]) -> None:
    response = mod_client.post(f"/moderate/comments/{seeded[0]}/decision",
                               data={"status": "approved"})
    assert response.status_code == 400
    assert mod_client.post("/moderate/bulk", data={"status": "approved",
                                                   "ids": seeded}).status_code == 400
    assert _status(dash_app, seeded[0])[0] == "pending"


def test_json_decision_needs_the_csrf_header(dash_app: Flask, mod_client: FlaskClient,
                                             seeded: list[str]) -> None:
    url = f"/moderate/api/comments/{seeded[1]}/decision"
    refused = mod_client.post(url, json={"status": "approved"})
    assert refused.status_code == 400
    assert refused.get_json()["error"]["code"] == "bad_request"
    response = mod_client.post(url, json={"status": "rejected", "reason": "threat"},
                               headers={"X-CSRFToken": page_token(mod_client)})
    assert response.status_code == 200
    body = response.get_json()
    assert body["decided"] == [{"id": seeded[1], "status": "rejected",
                                "decided_by": MODERATOR[0]}]
    assert body["counts"]["pending"] == 3 and body["counts"]["rejected"] == 1


@pytest.mark.parametrize("body", [
    {"status": "deleted"}, {"status": "rejected"}, {"status": "rejected", "reason": "nope"},
])
def test_json_decision_invalid_bodies_are_422(mod_client: FlaskClient, seeded: list[str],
                                              body: dict) -> None:
    response = mod_client.post(f"/moderate/api/comments/{seeded[0]}/decision", json=body,
                               headers={"X-CSRFToken": page_token(mod_client)})
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "invalid"


def test_json_decision_on_unknown_comment_is_404(mod_client: FlaskClient) -> None:
    response = mod_client.post("/moderate/api/comments/not-a-uuid/decision",
                               json={"status": "approved"},
                               headers={"X-CSRFToken": page_token(mod_client)})
    assert response.status_code == 404


def test_bulk_json_and_form(dash_app: Flask, mod_client: FlaskClient,
                            seeded: list[str]) -> None:
    token = page_token(mod_client)
    response = mod_client.post("/moderate/api/bulk", headers={"X-CSRFToken": token},
                               json={"ids": seeded[:2], "status": "rejected",
                                     "reason": "promotion", "note": "spam wave"})
    assert response.status_code == 200 and len(response.get_json()["decided"]) == 2
    assert [_status(dash_app, i)[0] for i in seeded] == ["rejected", "rejected",
                                                         "pending", "pending"]
    refused = mod_client.post("/moderate/api/bulk", headers={"X-CSRFToken": token},
                              json={"ids": [seeded[2], "0" * 8 + "-0000-0000-0000-" + "0" * 12],
                                    "status": "approved"})
    assert refused.status_code == 404
    assert _status(dash_app, seeded[2])[0] == "pending"    # nothing decided
    mod_client.post("/moderate/bulk", data={"csrf_token": token, "status": "approved",
                                            "ids": seeded[2:]})
    assert [_status(dash_app, i)[0] for i in seeded[2:]] == ["approved", "approved"]
    assert _log(dash_app, seeded[0])[-1] == (
        MODERATOR[0], "pending", "rejected", [{"category": "promotion", "source": "moderator"}],
        "spam wave")


def test_counts_endpoint(mod_client: FlaskClient, seeded: list[str]) -> None:
    counts = mod_client.get("/moderate/api/counts").get_json()
    assert counts == {"pending": 4, "rejected": 0, "approved": 0, "reported": 0, "all": 4}


def test_comment_page_shows_full_log(dash_app: Flask, mod_client: FlaskClient,
                                     seeded: list[str]) -> None:
    from moderation import services

    with dash_app.app_context():
        services.decide(seeded[0], "rejected", "mo", "threat", "menacing <b>tone</b>")
        services.decide(seeded[0], "approved", "ada")
    html = mod_client.get(f"/moderate/comments/{seeded[0]}").get_data(as_text=True)
    assert html.count('<li class="to-') == 3
    assert "by the screener" in html and "by mo" in html and "by ada" in html
    assert "menacing &lt;b&gt;tone&lt;/b&gt;" in html
    assert mod_client.get("/moderate/comments/nope").status_code == 404


def test_log_page_filters_by_moderator_and_action(dash_app: Flask, mod_client: FlaskClient,
                                                  seeded: list[str]) -> None:
    from moderation import services

    with dash_app.app_context():
        services.decide(seeded[0], "rejected", "mo", "threat")
        services.decide(seeded[1], "approved", "ada")
        services.decide(seeded[2], "approved", "mo")

    def rows(query: str) -> int:
        html = mod_client.get("/moderate/log?" + query).get_data(as_text=True)
        return html.count(">open</a>")

    assert rows("") == 7                                   # 4 screenings + 3 decisions
    assert rows("moderator=mo") == 2
    assert rows("moderator=mo&action=approved") == 1
    assert rows("action=rejected") == 1
    assert rows("moderator=system") == 4
