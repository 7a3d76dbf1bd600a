"""Keys for the Perspective-compatible API, and the feedback export for training.

`create-token NAME` prints a new key (only its SHA-256 is stored); `revoke-token ID`
revokes one; `list-tokens` lists them; `export-feedback FILE` writes the stored
`comments:suggestscore` suggestions as labelled JSONL for `moderation train --feedback`.
"""
from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

__all__ = [
    "create_token_command",
    "export_feedback_command",
    "list_tokens_command",
    "revoke_token_command",
]


@click.command("create-token")
@click.argument("name")
@with_appcontext
def create_token_command(name: str) -> None:
    """Create a key for /v1alpha1 (Perspective clients send it as ?key=) and print it."""
    from moderation import services
    from moderation.errors import ServiceError

    try:
        api_key, key = services.create_api_key(name)
    except ServiceError as error:
        raise click.ClickException(error.message) from None
    click.echo(key)
    click.echo(f"key {api_key.id} ({api_key.name}) created; it is shown only once.", err=True)


@click.command("revoke-token")
@click.argument("key_id", type=int)
@with_appcontext
def revoke_token_command(key_id: int) -> None:
    """Revoke the key with this id (see list-tokens): its requests get 403 from now on."""
    from moderation import services
    from moderation.errors import ServiceError

    try:
        api_key = services.revoke_api_key(key_id)
    except ServiceError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"key {api_key.id} ({api_key.name}) revoked")


@click.command("list-tokens")
@with_appcontext
def list_tokens_command() -> None:
    """List the keys: id, name, created, and whether revoked (never the keys themselves)."""
    from moderation import services

    for api_key in services.list_api_keys():
        state = f"revoked {api_key.revoked_at:%Y-%m-%d %H:%M}" if api_key.revoked_at else "active"
        click.echo(f"{api_key.id}\t{api_key.name}\t{api_key.created_at:%Y-%m-%d %H:%M}\t{state}")


@click.command("export-feedback")
@click.argument("output", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@with_appcontext
def export_feedback_command(output: Path) -> None:
    """Write the stored score suggestions as labelled JSONL for `train --feedback`."""
    from moderation import services
    from moderation.training.feedback import Suggestion, export

    suggestions = [Suggestion(s.text, s.attribute, s.value, s.created_at)
                   for s in services.score_suggestions()]
    summary = export(suggestions, services.current_screener(), output)
    click.echo(f"wrote {summary.rows} rows to {output} ({summary.clean} clean, "
               f"{summary.violations} violations; {summary.skipped} skipped)")
