"""The `moderation` command line (also reachable as `flask --app wsgi ...`).

Commands that need no app or database (screen, train, evaluate) never build one;
the rest run inside an application context that FlaskGroup creates on demand.
"""
from __future__ import annotations

from flask.cli import FlaskGroup


def _create_app():
    from moderation import create_app

    return create_app()


cli = FlaskGroup(
    name="moderation",
    create_app=_create_app,
    add_default_commands=True,
    help="Moderation: screen, train, evaluate, serve and operate the comment moderation service.",
)

from moderation.cli.screening import screen_command  # noqa: E402

cli.add_command(screen_command)

from moderation.cli.training import evaluate_command, train_command  # noqa: E402

cli.add_command(train_command)
cli.add_command(evaluate_command)
