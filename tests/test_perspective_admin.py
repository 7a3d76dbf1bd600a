"""Keys and score suggestions: the CLI (create-token, list-tokens, revoke-token,
export-feedback), the feedback rows `moderation train --feedback` reads, and the admin page."""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from moderation import services
from moderation.cli import cli
from moderation.training.datasets import read_labelled_jsonl
from moderation.training.feedback import Suggestion, feedback_rows

ANALYZE = "/v1alpha1/comments:analyze"
SUGGEST = "/v1alpha1/comments:suggestscore"
BODY = {"comment": {"text": "hello"}, "requestedAttributes": {"TOXICITY": {}}}


def suggest(client: FlaskClient, key: str, text: str, attribute: str, value: float,
            token: str = "comment:1") -> None:
    body = {"comment": {"text": text}, "clientToken": token, "communityId": "Coral:x",
            "attributeScores": {attribute: {"summaryScore": {"value": value}}}}
    assert client.post(f"{SUGGEST}?key={key}", json=body).status_code == 200


def test_token_commands(app: Flask, client: FlaskClient) -> None:
    runner = app.test_cli_runner()
    created = runner.invoke(cli, ["create-token", "Coral production"])
    assert created.exit_code == 0, created.output
    key = created.stdout.strip().splitlines()[0]
    assert key.startswith(services.API_KEY_PREFIX)
    assert client.post(f"{ANALYZE}?key={key}", json=BODY).status_code == 200
    listed = runner.invoke(cli, ["list-tokens"])
    assert "Coral production" in listed.output and "active" in listed.output
    assert key not in listed.output
    key_id = listed.output.split("\t", 1)[0]
    assert runner.invoke(cli, ["revoke-token", key_id]).exit_code == 0
    assert "revoked" in runner.invoke(cli, ["list-tokens"]).output
    assert client.post(f"{ANALYZE}?key={key}", json=BODY).status_code == 403
    assert runner.invoke(cli, ["revoke-token", "999"]).exit_code != 0
    assert runner.invoke(cli, ["create-token", " "]).exit_code != 0


def test_only_the_key_hash_is_stored(app: Flask, tmp_path: Path) -> None:
    with app.app_context():
        _, key = services.create_api_key("x")
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("moderation.sqlite*"))
    assert key.encode() not in stored


def _at(minutes: int) -> datetime:
    return datetime(2026, 11, 1, tzinfo=UTC) + timedelta(minutes=minutes)


def test_feedback_rows_label_what_the_suggestions_say(screener: Any) -> None:
    suggestions = [
        Suggestion("Lovely reporting, thank you.", "TOXICITY", 0.0, _at(0)),
        Suggestion("Lovely reporting, thank you.", "TOXICITY", 0.0, _at(1)),
        Suggestion("You absolute moron.", "INSULT", 1.0, _at(0)),
        Suggestion("What a load of s.h.1.t", "TOXICITY", 1.0, _at(0)),
        Suggestion("Changed my mind", "TOXICITY", 1.0, _at(0)),
        Suggestion("Changed my mind", "TOXICITY", 0.0, _at(5)),
        Suggestion("Not an insult, maybe other things", "INSULT", 0.0, _at(0)),
        Suggestion(None, "TOXICITY", 1.0, _at(0)),
    ]
    rows = {row["text"]: row["labels"] for row in feedback_rows(suggestions, screener)}
    assert set(rows) == {"Lovely reporting, thank you.", "You absolute moron.",
                         "What a load of s.h.1.t", "Changed my mind"}
    assert rows["Lovely reporting, thank you."] == rows["Changed my mind"] == []
    assert rows["You absolute moron."] == ["personal_attack"]
    assert "profanity" in rows["What a load of s.h.1.t"]  # from our screener


def test_export_feedback_feeds_training(app: Flask, client: FlaskClient,
                                        tmp_path: Path) -> None:
    with app.app_context():
        _, key = services.create_api_key("coral")
    suggest(client, key, "Great piece, thanks.", "TOXICITY", 0)
    suggest(client, key, "You absolute moron.", "INSULT", 1)
    body = {"comment": {"text": "secret"}, "doNotStore": True,
            "attributeScores": {"TOXICITY": {"summaryScore": {"value": 1}}}}
    assert client.post(f"{SUGGEST}?key={key}", json=body).status_code == 200
    output = tmp_path / "feedback.jsonl"
    result = app.test_cli_runner().invoke(cli, ["export-feedback", str(output)])
    assert result.exit_code == 0, result.output
    assert "wrote 2 rows" in result.output and "1 skipped" in result.output
    rows = [json.loads(line) for line in output.read_text("utf-8").splitlines()]
    assert {r["text"]: r["labels"] for r in rows} == {"Great piece, thanks.": [],
                                                      "You absolute moron.": ["personal_attack"]}
    examples = read_labelled_jsonl(output, "feedback")
    assert [e.labels["personal_attack"] for e in examples] == [0, 1] or [
        e.labels["personal_attack"] for e in examples] == [1, 0]


@pytest.fixture
def admin_client(app: Flask, client: FlaskClient) -> FlaskClient:
    if "dashboard" not in app.blueprints:
        pytest.skip("the dashboard (login) is not registered yet")
    with app.app_context():
        services.create_moderator("boss", "correct horse battery", "admin")
        services.create_moderator("mod", "correct horse battery", "moderator")
    return client


def login(client: FlaskClient, username: str) -> None:
    response = client.post("/moderate/login",
                           data={"username": username, "password": "correct horse battery"})
    assert response.status_code in (302, 303), response.status_code


def test_admin_page_lists_keys_and_disagreements_escaped(app: Flask,
                                                         admin_client: FlaskClient) -> None:
    assert admin_client.get("/moderate/perspective/").status_code in (302, 401)
    login(admin_client, "boss")
    created = admin_client.post("/moderate/perspective/keys", data={"name": "Coral <prod>"})
    page = created.get_data(as_text=True)
    assert created.status_code == 200 and "Coral &lt;prod&gt;" in page
    key = page.split('<code id="new-key">', 1)[1].split("<", 1)[0]
    suggest(admin_client, key, "<script>alert(1)</script> you f u c k i n g idiot",
            "TOXICITY", 0, "comment:bad")
    suggest(admin_client, key, "Nice article about the budget.", "TOXICITY", 0, "comment:ok")
    page = admin_client.get("/moderate/perspective/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<strong>1</strong> disagree" in " ".join(page.split())
    assert page.index("comment:bad") < page.index("comment:ok")
    with app.app_context():
        key_id = services.list_api_keys()[0].id
    revoked = admin_client.post(f"/moderate/perspective/keys/{key_id}/revoke")
    assert revoked.status_code == 303
    assert admin_client.post(f"{ANALYZE}?key={key}", json=BODY).status_code == 403


def test_admin_page_is_for_admins_only(admin_client: FlaskClient) -> None:
    login(admin_client, "mod")
    assert admin_client.get("/moderate/perspective/").status_code == 403
