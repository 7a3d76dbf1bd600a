"""Operating the service: `serve`, `seed-demo`, `create-moderator`.

(`db upgrade` and the other migration commands come from Flask-Migrate.)

`serve` is the one-command start on a fresh machine: it migrates the database (creating
the SQLite file in the instance folder unless DATABASE_URL says otherwise), seeds the demo
articles when there are none, then replaces itself with gunicorn running the project's
`gunicorn.conf.py` (bind and workers from MODERATION_BIND / MODERATION_WORKERS).
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import click
from flask import current_app
from flask.cli import with_appcontext

__all__ = ["create_moderator_command", "seed_demo_command", "serve_command"]

PACKAGE = Path(__file__).resolve().parent.parent
DEMO_ARTICLES = PACKAGE / "demo_articles.json"
GUNICORN_CONF = PACKAGE.parent / "gunicorn.conf.py"


def seed_demo(path: Path = DEMO_ARTICLES) -> int:
    """Register (or update) the demo articles from `path`; returns how many."""
    from moderation import services

    articles: list[dict[str, Any]] = json.loads(path.read_text("utf-8"))
    for item in articles:
        services.upsert_article(item["external_id"], item["title"], item.get("url"),
                                item.get("summary"), item.get("body"))
    return len(articles)


@click.command("seed-demo")
@click.option("--file", "path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=DEMO_ARTICLES, show_default=True, help="Articles JSON to load.")
@with_appcontext
def seed_demo_command(path: Path) -> None:
    """Create or update the demo articles (demo-1, demo-2, demo-3)."""
    click.echo(f"Seeded {seed_demo(path)} demo articles.")


@click.command("create-moderator")
@click.argument("username")
@click.option("--role", type=click.Choice(["moderator", "admin"]), default="moderator",
              show_default=True)
@click.option("--password-stdin", is_flag=True,
              help="Read the password from standard input instead of prompting.")
@with_appcontext
def create_moderator_command(username: str, role: str, password_stdin: bool) -> None:
    """Create a moderator account and print its API token (shown only once)."""
    from moderation import services
    from moderation.errors import ServiceError

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        moderator, token = services.create_moderator(username, password, role)
    except ServiceError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Created {moderator.role} {moderator.username!r}.")
    click.echo(f"API token (store it now, it is not shown again): {token}")


@click.command("serve")
@with_appcontext
def serve_command() -> None:
    """Migrate the database, seed the demo articles on first run, and start gunicorn."""
    from flask_migrate import upgrade

    from moderation import services
    from moderation.extensions import db

    upgrade()
    if not services.has_articles():
        click.echo(f"Seeded {seed_demo()} demo articles.")
    click.echo(f"Database ready: {db.engine.url.render_as_string(hide_password=True)}")
    if current_app.extensions.get("screener") is None:
        click.echo(f"Warning: no model in {current_app.config['MODEL_DIR']}; "
                   "/readyz answers 503 until one is trained (moderation train).", err=True)
    db.engine.dispose()
    gunicorn = shutil.which("gunicorn") or str(Path(sys.executable).parent / "gunicorn")
    args = [gunicorn, "moderation:create_app()"]
    if GUNICORN_CONF.is_file():
        args[1:1] = ["--config", str(GUNICORN_CONF)]
    sys.stdout.flush()
    os.execv(gunicorn, args)
