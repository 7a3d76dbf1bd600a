"""`moderation rescreen`: screen stored comments again with today's lists, thresholds or model.

A dry run by default (nothing written; the summary says what would change); `--apply`
writes, one transaction per batch. A progress bar with the rate and time left goes to
standard error; the summary table of transitions by category to standard output;
`--report FILE` appends one JSON line per change (after its batch is committed).
Interrupted, it exits 1 and the same command resumes where it stopped.
"""
from __future__ import annotations

import json
import time
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import click
from flask.cli import with_appcontext
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from moderation.cli.failures import database_errors, load_model
from moderation.cli.selecting import selection_options, status_filter, utc
from moderation.pipeline.types import APPROVED, PENDING

__all__ = ["rescreen_command"]


class RateColumn(ProgressColumn):
    """Comments per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.0f}/s", style="progress.data.speed")


def _progress(console: Console) -> Progress:
    return Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                    MofNCompleteColumn(), RateColumn(), TimeElapsedColumn(),
                    TextColumn("left"), TimeRemainingColumn(), console=console)


def _screener(model: Path | None) -> Any:
    from moderation import services
    from moderation.errors import ServiceUnavailable

    if model is None:
        try:
            return services.current_screener()
        except ServiceUnavailable as error:
            raise click.ClickException(
                f"{error.message} Train one (moderation train) or pass --model DIR.") from None
    return services.ScreenerCache(load_model(model)).get()


def summary_table(summary: Any) -> Table:
    """Transitions (from -> to) with their counts and categories."""
    verb = "Changed" if summary.applied else "Would change"
    table = Table(title=f"{verb}: {summary.changed} of {summary.screened} screened")
    table.add_column("Transition")
    table.add_column("Comments", justify="right")
    table.add_column("By category")
    for (before, after), count in sorted(summary.transitions.items()):
        categories = sorted(
            ((category, n) for (b, a, category), n in summary.by_category.items()
             if (b, a) == (before, after)), key=lambda item: (-item[1], item[0]))
        table.add_row(f"{before} → {after}", str(count),
                      ", ".join(f"{category} {n}" for category, n in categories) or "-")
    return table


def _closing_line(summary: Any, seconds: float) -> str:
    rate = f" in {seconds:.1f} s ({summary.screened / max(seconds, 1e-9):,.0f}/s)"
    if summary.applied:
        line = (f"Applied with model {summary.model_version}: {summary.screened} screened"
                f"{rate}, {summary.changed} changed")
        if summary.skipped:
            line += f", {summary.skipped} left alone (decided by a moderator meanwhile)"
        return line + "."
    return (f"Dry run with model {summary.model_version}: {summary.screened} screened{rate}, "
            f"{summary.changed} would change. Nothing was written; use --apply to write.")


@click.command("rescreen")
@selection_options
@click.option("--model", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Screen with the model in this directory instead of the service's.")
@click.option("--apply/--dry-run", "apply", default=False, show_default=True,
              help="Write the changes (default: a dry run that writes nothing).")
@click.option("--on-violation", type=click.Choice(["pending", "reject"]), default="pending",
              show_default=True,
              help="What a published comment that now breaks a guideline becomes.")
@click.option("--include-moderated", is_flag=True,
              help="Also revise comments a moderator decided.")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=500, show_default=True,
              help="Comments per batch (one transaction each).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes screening in parallel (they share the loaded model).")
@click.option("--report", type=click.File("a", encoding="utf-8", lazy=True), default=None,
              help="Append every change as one JSON line to this file.")
@with_appcontext
def rescreen_command(statuses: tuple[str, ...], article: str | None, since: datetime | None,
                     until: datetime | None, shard: Any, limit: int | None, model: Path | None,
                     apply: bool, on_violation: str, include_moderated: bool, batch_size: int,
                     workers: int, report: IO[str] | None) -> None:
    """Re-screen stored comments (default: pending and system-approved ones).

    Never changes a moderator's decision unless --include-moderated is given. A
    published comment that now breaks a guideline goes back to pending for a human
    (--on-violation reject to reject it). Rerunning an interrupted command resumes it.
    """
    from moderation.rescreen import RescreenOptions, run_rescreen
    from moderation.selection import Selection

    selection = Selection(status_filter(statuses, (PENDING, APPROVED)), article, utc(since),
                          utc(until), include_moderated, shard)
    options = RescreenOptions(selection, limit, apply, on_violation, batch_size, workers)
    err = Console(stderr=True)
    with database_errors():
        screener = _screener(model)
        progress = _progress(err)
        task = progress.add_task("Re-screening" if apply else "Dry run", total=None)

        def on_batch(outcome: Any) -> None:
            if report is not None and outcome.changes:
                report.write("".join(json.dumps(change.to_dict(), ensure_ascii=False) + "\n"
                                     for change in outcome.changes if change.applied or not apply))
                report.flush()
            progress.advance(task, outcome.screened)

        started = time.perf_counter()
        try:
            with progress:
                summary = run_rescreen(screener, options, on_batch,
                                       lambda total: progress.update(task, total=total))
        except KeyboardInterrupt:
            err.print(f"Interrupted after {int(progress.tasks[0].completed)} comments. "
                      "Batches already written stay; run the same command again to finish.")
            raise click.exceptions.Exit(1) from None
    if summary.changed:
        Console().print(summary_table(summary))
    click.echo(_closing_line(summary, time.perf_counter() - started))
