"""Settings (thresholds, word lists, change log) and accounts, as an admin."""
from __future__ import annotations

import re

import sqlalchemy as sa
from fixtures_dashboard import ADMIN, MODERATOR, log_in, page_token, submit
from flask import Flask
from flask.testing import FlaskClient

from moderation.pipeline.types import CATEGORIES


def _thresholds(review: float, reject: float) -> dict[str, str]:
    data = {}
    for category in CATEGORIES:
        data[f"{category}_review"], data[f"{category}_reject"] = str(review), str(reject)
    return data


def _changes(app: Flask) -> list[tuple[str, str, str, dict]]:
    from moderation.db import SettingsChange
    from moderation.extensions import db

    with app.app_context():
        return [(c.actor, c.area, c.action, c.detail) for c in db.session.scalars(
            sa.select(SettingsChange).order_by(SettingsChange.id))]


def test_settings_page_shows_current_thresholds(admin_client: FlaskClient) -> None:
    html = admin_client.get("/moderate/settings").get_data(as_text=True)
    assert re.search(r'id="threat_review"[^>]*value="0.0"', html)  # the fixture's hold-all


def test_saving_thresholds_changes_the_next_decision(dash_app: Flask,
                                                     admin_client: FlaskClient) -> None:
    with dash_app.app_context():
        assert submit("Thanks for the report on the dry winter.").status == "pending"
    response = admin_client.post("/moderate/settings/thresholds", data={
        "csrf_token": page_token(admin_client, "/moderate/settings"), **_thresholds(0.99, 1.0)})
    assert response.status_code == 302
    with dash_app.app_context():
        assert submit("Farmers deserve a fair rationing plan.").status == "approved"
    actor, area, action, detail = _changes(dash_app)[-1]
    assert (actor, area, action) == (ADMIN[0], "thresholds", "set")
    assert detail["value"]["threat"] == {"review": 0.99, "reject": 1.0}
    html = admin_client.get("/moderate/settings").get_data(as_text=True)
    assert "Threat 0.99/1.0" in html


def test_invalid_thresholds_are_refused(dash_app: Flask, admin_client: FlaskClient) -> None:
    token = page_token(admin_client, "/moderate/settings")
    before = _changes(dash_app)
    out_of_range = admin_client.post("/moderate/settings/thresholds",
                                     data={"csrf_token": token, **_thresholds(1.5, 1.0)})
    assert out_of_range.status_code == 400
    crossed = admin_client.post("/moderate/settings/thresholds",
                                data={"csrf_token": token, **_thresholds(0.9, 0.2)},
                                follow_redirects=True)
    assert "need 0 &lt;= review &lt;= reject &lt;= 1" in crossed.get_data(as_text=True) or \
        "Invalid thresholds" in crossed.get_data(as_text=True)
    assert _changes(dash_app) == before


def test_thresholds_post_without_csrf_is_400(admin_client: FlaskClient) -> None:
    response = admin_client.post("/moderate/settings/thresholds", data=_thresholds(0.5, 0.9))
    assert response.status_code == 400


def test_word_list_add_move_remove_apply_to_next_comment(dash_app: Flask,
                                                         admin_client: FlaskClient) -> None:
    from moderation import services
    from moderation.db import WordlistEntry
    from moderation.extensions import db
    from moderation.pipeline.types import CATEGORIES

    with dash_app.app_context():
        # The word list alone decides: the tiny model's scores are noise (it held "What a
        # lovely day at the match." for profanity 0.68 once its sample changed).
        services.set_setting("thresholds", {c: {"review": 1.0, "reject": 1.0}
                                            for c in CATEGORIES}, "test")
    token = page_token(admin_client, "/moderate/settings")
    admin_client.post("/moderate/settings/words", data={
        "csrf_token": token, "term": "flubberwock", "action": "reject",
        "category": "personal_attack", "severity": "3"})
    with dash_app.app_context():
        assert submit("What a flubberwock this columnist is.").status == "rejected"
        entry_id = db.session.scalars(sa.select(WordlistEntry.id)).one()
    admin_client.post(f"/moderate/settings/words/{entry_id}/move",
                      data={"csrf_token": token, "action": "allow"})
    with dash_app.app_context():
        assert submit("Such a flubberwock of a day at the match.").status == "approved"
    html = admin_client.get("/moderate/settings").get_data(as_text=True)
    assert "<code>flubberwock</code>" in html and "badge-list-allow" in html
    admin_client.post(f"/moderate/settings/words/{entry_id}/delete", data={"csrf_token": token})
    with dash_app.app_context():
        assert db.session.scalars(sa.select(WordlistEntry)).all() == []
    assert [c[1:3] for c in _changes(dash_app)[-3:]] == [
        ("wordlist", "add"), ("wordlist", "move"), ("wordlist", "remove")]
    assert _changes(dash_app)[-2][3] == {"term": "flubberwock", "list": "reject",
                                          "category": "personal_attack", "to": "allow"}


def test_word_needs_a_category_unless_allowed(dash_app: Flask,
                                              admin_client: FlaskClient) -> None:
    token = page_token(admin_client, "/moderate/settings")
    response = admin_client.post("/moderate/settings/words", follow_redirects=True, data={
        "csrf_token": token, "term": "zork", "action": "review", "category": ""})
    assert "Unknown category" in response.get_data(as_text=True)
    assert admin_client.post("/moderate/settings/words/999/delete",
                             data={"csrf_token": token}, follow_redirects=True).status_code == 200


def test_accounts_create_deactivate_reactivate_reset(dash_app: Flask,
                                                     admin_client: FlaskClient) -> None:
    token = page_token(admin_client, "/moderate/accounts")
    admin_client.post("/moderate/accounts", data={
        "csrf_token": token, "username": "newbie", "password": "long-enough-pw",
        "role": "moderator"})
    html = admin_client.get("/moderate/accounts").get_data(as_text=True)
    assert "<td>newbie</td>" in html
    assert log_in(dash_app.test_client(), "newbie", "long-enough-pw").status_code == 302

    from moderation.db import Moderator
    from moderation.extensions import db

    with dash_app.app_context():
        new_id = db.session.scalars(sa.select(Moderator.id).where(
            Moderator.username == "newbie")).one()
    admin_client.post(f"/moderate/accounts/{new_id}/active", data={"csrf_token": token})
    assert log_in(dash_app.test_client(), "newbie", "long-enough-pw").status_code == 200
    admin_client.post(f"/moderate/accounts/{new_id}/active",
                      data={"csrf_token": token, "active": "y"})
    admin_client.post(f"/moderate/accounts/{new_id}/password",
                      data={"csrf_token": token, "password": "another-password"})
    assert log_in(dash_app.test_client(), "newbie", "another-password").status_code == 302
    short = admin_client.post(f"/moderate/accounts/{new_id}/password",
                              data={"csrf_token": token, "password": "short"})
    assert short.status_code == 400
    assert [c[2] for c in _changes(dash_app) if c[1] == "accounts"] == [
        "create", "deactivate", "activate", "reset_password"]
    html = admin_client.get("/moderate/settings").get_data(as_text=True)
    assert "reset password" in html


def test_duplicate_username_and_self_deactivation_are_refused(
        dash_app: Flask, admin_client: FlaskClient) -> None:
    token = page_token(admin_client, "/moderate/accounts")
    taken = admin_client.post("/moderate/accounts", follow_redirects=True, data={
        "csrf_token": token, "username": MODERATOR[0], "password": "long-enough-pw",
        "role": "moderator"})
    assert "is taken" in taken.get_data(as_text=True)
    from moderation.db import Moderator
    from moderation.extensions import db

    with dash_app.app_context():
        own_id = db.session.scalars(sa.select(Moderator.id).where(
            Moderator.username == ADMIN[0])).one()
    refused = admin_client.post(f"/moderate/accounts/{own_id}/active",
                                data={"csrf_token": token}, follow_redirects=True)
    assert "cannot deactivate your own account" in refused.get_data(as_text=True)
    assert admin_client.get("/moderate/accounts").status_code == 200
