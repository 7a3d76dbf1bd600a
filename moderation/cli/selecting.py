"""The selection options `rescreen` and `export` share, turned into a `Selection`.

`--status` (repeatable: pending, approved, rejected, any), `--article`, `--since` and
`--until` (creation time, UTC unless an offset is given), `--shard i/n` and `--limit`.
Bad values are usage errors (exit 2) with click's message.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import click

from moderation.pipeline.types import STATUSES
from moderation.selection import Shard

__all__ = ["ShardType", "selection_options", "status_filter", "utc"]

F = TypeVar("F", bound=Callable[..., Any])

DATE_FORMATS = ["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S",
                "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %H:%M:%S%z"]


class ShardType(click.ParamType):
    """`i/n`: this process's share of the comments, 0 <= i < n."""

    name = "i/n"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Shard:
        if isinstance(value, Shard):
            return value
        try:
            return Shard.parse(str(value))
        except ValueError as error:
            self.fail(str(error), param, ctx)


def utc(value: datetime | None) -> datetime | None:
    """A `click.DateTime` value as an aware UTC datetime (naive input is taken as UTC)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def status_filter(values: tuple[str, ...], default: tuple[str, ...]) -> tuple[str, ...]:
    """The statuses to select: `default` when none is given, () for "any"."""
    if not values:
        return default
    if "any" in values:
        return ()
    return tuple(dict.fromkeys(values))


def selection_options(function: F) -> F:
    """Add the shared selection options to a command."""
    options = [
        click.option("--status", "statuses", multiple=True,
                     type=click.Choice([*STATUSES, "any"]),
                     help="Only comments with this status (repeatable; 'any' for all)."),
        click.option("--article", metavar="ID", help="Only comments on this article (site id)."),
        click.option("--since", type=click.DateTime(DATE_FORMATS),
                     help="Only comments created at or after this time (UTC)."),
        click.option("--until", type=click.DateTime(DATE_FORMATS),
                     help="Only comments created before this time (UTC)."),
        click.option("--shard", type=ShardType(), default=None,
                     help="Only shard i of n (0-based) of the ids; n processes with "
                          "0/n .. n-1/n cover every comment exactly once."),
        click.option("--limit", type=click.IntRange(min=1), default=None,
                     help="At most this many comments."),
    ]
    for option in reversed(options):
        function = option(function)
    return function
