"""Clear messages and reliable exit codes for the operations commands.

Scripts can rely on: 0 done, 1 failed (no model, database unreachable or not migrated,
interrupted), 2 bad usage (click's own usage errors). `database_errors()` turns the
SQLAlchemy errors a command can hit into one readable `click.ClickException` (exit 1)
naming the database without its password, instead of a traceback.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
import sqlalchemy as sa

__all__ = ["database_errors", "load_model"]


def _database_name() -> str:
    """The database URL without its password (from the app of the running command)."""
    from flask import has_app_context
    from flask.cli import ScriptInfo

    from moderation.extensions import db

    if has_app_context():
        return db.engine.url.render_as_string(hide_password=True)
    context = click.get_current_context(silent=True)
    info = context.find_object(ScriptInfo) if context is not None else None
    if info is None:
        return "(unknown)"
    with info.load_app().app_context():
        return db.engine.url.render_as_string(hide_password=True)


@contextmanager
def database_errors() -> Iterator[None]:
    """Re-raise database failures as a `ClickException` saying what to do."""
    try:
        yield
    except (sa.exc.OperationalError, sa.exc.ProgrammingError, sa.exc.InterfaceError) as error:
        detail = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        if "no such table" in detail or "does not exist" in detail:
            raise click.ClickException(
                f"The database {_database_name()} has no moderation tables ({detail}); "
                "run `moderation db upgrade` first.") from None
        raise click.ClickException(
            f"Cannot use the database {_database_name()}: {detail}") from None


def load_model(path: Path) -> Any:
    """A `Screener` over the model in directory `path`, or a `ClickException` saying why not."""
    from moderation.pipeline import Screener

    if not (path / "model.joblib").is_file():
        raise click.ClickException(
            f"No model in {path}: expected {path / 'model.joblib'} and its model-card.json "
            "(train one with `moderation train`).")
    try:
        return Screener.from_path(path)
    except (OSError, ValueError, RuntimeError) as error:
        raise click.ClickException(f"Cannot load the model in {path}: {error}") from None

