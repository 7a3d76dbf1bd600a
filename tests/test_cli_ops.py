"""`moderation create-moderator` and `moderation seed-demo` against the app's database."""
from __future__ import annotations

import sqlalchemy as sa

from moderation.cli import cli
from moderation.db import Article


def test_create_moderator_with_password_stdin(app, runner, client) -> None:
    result = runner.invoke(cli, ["create-moderator", "ana", "--role", "admin",
                                 "--password-stdin"], input="a long password\n")
    assert result.exit_code == 0, result.output
    assert "Created admin 'ana'." in result.output
    token = result.output.rsplit(": ", 1)[1].strip()
    queue = client.get("/api/v1/queue", headers={"Authorization": f"Bearer {token}"})
    assert queue.status_code == 200
    from moderation import services

    with app.app_context():
        assert services.authenticate_moderator("ana", "a long password").role == "admin"
        assert services.authenticate_moderator("ana", "wrong password") is None


def test_create_moderator_prompts_without_echo(runner) -> None:
    result = runner.invoke(cli, ["create-moderator", "ben"],
                           input="secret pass 1\nsecret pass 1\n")
    assert result.exit_code == 0, result.output
    assert "secret pass 1" not in result.output
    again = runner.invoke(cli, ["create-moderator", "ben", "--password-stdin"],
                          input="another password\n")
    assert again.exit_code != 0 and "taken" in again.output
    short = runner.invoke(cli, ["create-moderator", "cy", "--password-stdin"], input="short\n")
    assert short.exit_code != 0 and "8 characters" in short.output


def test_seed_demo_is_repeatable(app, runner) -> None:
    for _ in range(2):
        result = runner.invoke(cli, ["seed-demo"])
        assert result.exit_code == 0 and "Seeded 3 demo articles." in result.output
    from moderation.extensions import db

    with app.app_context():
        ids = db.session.scalars(sa.select(Article.external_id).order_by(Article.id)).all()
    assert ids == ["demo-1", "demo-2", "demo-3"]
