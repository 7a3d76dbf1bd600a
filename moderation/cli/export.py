"""`moderation export` and `moderation stats`: stored comments out, numbers for a terminal.

`export` writes the selected comments (default: every status) with their decisions and
decision log as CSV or JSONL, to a file or standard output, always UTF-8 and with the
text exactly as stored. `stats` prints the review queue, comments by status and decider,
and held or rejected comments by category as rich tables (`--json` for scripts).
"""
from __future__ import annotations

import io
import itertools
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import click
from flask.cli import with_appcontext
from rich.console import Console
from rich.table import Table

from moderation.cli.failures import database_errors
from moderation.cli.selecting import selection_options, status_filter, utc
from moderation.pipeline.types import STATUSES

__all__ = ["export_command", "stats_command"]


def _open_output(path: str) -> IO[str]:
    if path == "-":
        return io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8",
                                newline="", write_through=True)
    try:
        return open(Path(path), "w", encoding="utf-8", newline="")  # noqa: SIM115
    except OSError as error:
        raise click.ClickException(f"Cannot write {path}: {error.strerror}") from None


def _format_for(path: str, fmt: str | None) -> str:
    if fmt is not None:
        return fmt
    return "csv" if path.lower().endswith(".csv") else "jsonl"


@click.command("export")
@selection_options
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default=None,
              help="Output format (default: from the file name; JSONL on standard output).")
@click.option("--output", "-o", default="-", show_default=True, metavar="FILE",
              help="Where to write ('-' for standard output).")
@with_appcontext
def export_command(statuses: tuple[str, ...], article: str | None, since: datetime | None,
                   until: datetime | None, shard: Any, limit: int | None, fmt: str | None,
                   output: str) -> None:
    """Export comments with their decisions as CSV or JSONL (text byte for byte)."""
    from moderation.exporting import export_records, write_records
    from moderation.selection import Selection

    selection = Selection(status_filter(statuses, ()), article, utc(since), utc(until),
                          True, shard)
    fmt = _format_for(output, fmt)
    with database_errors():
        records = export_records(selection, limit)
        # Read the first page before opening the output: a database error leaves no file.
        first = next(records, None)
        stream = _open_output(output)
        try:
            count = write_records(itertools.chain([first] if first else [], records),
                                  stream, fmt)
        finally:
            stream.flush()
            if output == "-":
                stream.detach()
            else:
                stream.close()
    if output != "-":
        click.echo(f"Exported {count} comments to {output} ({fmt}).", err=True)


def _age(moment: datetime | None) -> str:
    if moment is None:
        return "-"
    seconds = int((datetime.now(UTC) - moment).total_seconds())
    days, rest = divmod(max(seconds, 0), 86400)
    return f"{days}d {rest // 3600}h" if days else f"{rest // 3600}h {rest % 3600 // 60}m"


def stats_tables(stats: Any) -> list[Table]:
    """The queue and status table, the deciders, and the categories by status."""
    statuses = Table(title="Comments")
    for name in ("Status", "Comments"):
        statuses.add_column(name, justify="right" if name == "Comments" else "left")
    for status in STATUSES:
        statuses.add_row(status, f"{stats.by_status[status]:,}")
    statuses.add_row("total", f"{sum(stats.by_status.values()):,}")
    statuses.caption = f"Queue: {stats.by_status['pending']:,} pending, oldest waiting " \
                       f"{_age(stats.oldest_pending)}"
    deciders = Table(title="Decided by")
    deciders.add_column("Decider")
    deciders.add_column("Comments", justify="right")
    for decider, count in stats.by_decider.most_common():
        deciders.add_row(decider, f"{count:,}")
    categories = Table(title="Held and rejected, by category")
    categories.add_column("Category")
    for status in ("pending", "rejected"):
        categories.add_column(status, justify="right")
    for category in sorted({category for category, _ in stats.by_category}):
        categories.add_row(category, *(f"{stats.by_category[category, status]:,}"
                                       for status in ("pending", "rejected")))
    return [statuses, deciders, categories]


@click.command("stats")
@click.option("--article", metavar="ID", help="Only comments on this article (site id).")
@click.option("--since", type=click.DateTime(), help="Only comments created since (UTC).")
@click.option("--until", type=click.DateTime(), help="Only comments created before (UTC).")
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as one JSON object.")
@with_appcontext
def stats_command(article: str | None, since: datetime | None, until: datetime | None,
                  as_json: bool) -> None:
    """Queue size, comments by status and decider, decisions by category."""
    from moderation.exporting import gather_stats
    from moderation.selection import Selection

    with database_errors():
        stats = gather_stats(Selection((), article, utc(since), utc(until), True, None))
    if as_json:
        click.echo(json.dumps(stats.to_dict(), sort_keys=True))
        return
    console = Console()
    for table in stats_tables(stats):
        console.print(table)
