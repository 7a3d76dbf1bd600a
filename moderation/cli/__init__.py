"""The `moderation` command line (also reachable as `flask --app wsgi ...`).

Commands that need no app or database (screen, train, evaluate) never build one;
the rest run inside an application context that FlaskGroup creates on demand.
"""
from __future__ import annotations

from flask.cli import FlaskGroup


def _create_app():
    from moderation import create_app

    return create_app()


class _Group(FlaskGroup):
    """FlaskGroup whose commands report an unreachable or unmigrated database as one
    clear line and exit 1, instead of a traceback."""

    def invoke(self, ctx):
        from moderation.cli.failures import database_errors

        with database_errors():
            return super().invoke(ctx)


cli = _Group(
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

from moderation.cli.ops import (  # noqa: E402
    create_moderator_command,
    seed_demo_command,
    serve_command,
)

cli.add_command(serve_command)
cli.add_command(seed_demo_command)
cli.add_command(create_moderator_command)

from moderation.cli.rescreen import rescreen_command  # noqa: E402

cli.add_command(rescreen_command)

from moderation.cli.tokens import (  # noqa: E402
    create_token_command,
    export_feedback_command,
    list_tokens_command,
    revoke_token_command,
)

for _command in (create_token_command, revoke_token_command, list_tokens_command,
                 export_feedback_command):
    cli.add_command(_command)

from moderation.cli.export import export_command, stats_command  # noqa: E402

cli.add_command(export_command)
cli.add_command(stats_command)
