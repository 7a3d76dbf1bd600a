"""`moderation train` and `moderation evaluate`: offline, no app, no database.

Both import the training code lazily so that `moderation --help` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from moderation.pipeline.types import CATEGORIES


def _console() -> Console:
    """A console wide enough for the metric tables, also when output is piped."""
    return Console(width=max(Console().width, 120))


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f} %"


def _files_table(files: list[Any]) -> Table:
    table = Table(title="Data read")
    table.add_column("file")
    table.add_column("rows", justify="right")
    for info in files:
        table.add_row(info.path, str(info.rows))
    return table


def _counts_table(counts: dict[str, dict[str, int]], title: str) -> Table:
    table = Table(title=title)
    for column in ("category", "positive", "negative", "unknown"):
        table.add_column(column, justify="left" if column == "category" else "right")
    for cat in CATEGORIES:
        entry = counts[cat]
        table.add_row(cat, *(str(entry[key]) for key in ("positive", "negative", "unknown")))
    return table


def _triple(entry: dict[str, Any]) -> str:
    if not entry:
        return "–"
    return "/".join(f"{entry[key]:.2f}" for key in ("precision", "recall", "f1"))


def _held_out_table(metrics: dict[str, Any]) -> Table:
    table = Table(title="Held-out split (rows whose source labels the category)")
    for column in ("category", "pos", "neg", "ROC-AUC", "PR-AUC", "P/R/F1 review", "P/R/F1 reject"):
        table.add_column(column, justify="left" if column == "category" else "right")
    for cat in CATEGORIES:
        entry = metrics[cat]
        table.add_row(
            cat,
            str(entry["positives"]),
            str(entry["negatives"]),
            _fmt(entry.get("roc_auc")),
            _fmt(entry.get("pr_auc")),
            _triple(entry.get("at_review", {})),
            _triple(entry.get("at_reject", {})),
        )
    return table


def _evaluation_table(evaluation: Any, title: str) -> Table:
    table = Table(title=title)
    for column in ("category", "support", "precision", "recall", "F1", "ROC-AUC", "approved"):
        table.add_column(column, justify="left" if column == "category" else "right")
    for cat in CATEGORIES:
        entry = evaluation.per_category[cat]
        table.add_row(
            cat,
            str(entry["support"]),
            _fmt(entry["precision"]),
            _fmt(entry["recall"]),
            _fmt(entry["f1"]),
            _fmt(entry["roc_auc"]),
            _pct(entry["approved"]),
        )
    return table


def _rates_table(evaluations: list[Any]) -> Table:
    table = Table(
        title="Decisions (targets: clean rejected ≤ 2 %, held ≤ 10 %; "
        "violations approved ≤ 5 %, ≤ 10 % per category)"
    )
    table.add_column("measure")
    for evaluation in evaluations:
        table.add_column(evaluation.system, justify="right")
    rows = [
        ("texts", lambda e: str(e.texts)),
        ("clean / violations", lambda e: f"{e.clean} / {e.violations}"),
        ("clean rejected", lambda e: _pct(e.clean_rejected)),
        ("clean held", lambda e: _pct(e.clean_held)),
        ("violations approved", lambda e: _pct(e.violations_approved)),
        ("violations rejected", lambda e: _pct(e.violations_rejected)),
        ("ROC-AUC (any violation)", lambda e: _fmt(e.roc_auc_any)),
        ("ms per comment", lambda e: f"{1000 * e.seconds_per_comment:.3f}"),
    ]
    rows += [
        (f"{cat} approved", lambda e, cat=cat: _pct(e.per_category[cat]["approved"]))
        for cat in CATEGORIES
    ]
    for label, render in rows:
        table.add_row(label, *(render(e) for e in evaluations))
    return table


@click.command("train")
@click.option(
    "--data",
    "data_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The shared training data directory (../shared/data).",
)
@click.option(
    "--output",
    default=Path("models"),
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write model.joblib and model-card.json.",
)
@click.option(
    "--feedback",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Extra labelled rows: JSONL with `text` and `labels` (a list of categories).",
)
@click.option(
    "--dev",
    "dev_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="News dev set (JSONL) to tune the thresholds on through the Screener.",
)
@click.option("--limit", type=click.IntRange(min=10), help="At most N rows per source.")
@click.option("--seed", default=0, show_default=True, type=int, help="Seed for every random step.")
@click.option(
    "--hash-bits",
    default=20,
    show_default=True,
    type=click.IntRange(10, 24),
    help="log2 of the number of hashed features.",
)
def train_command(
    data_dir: Path,
    output: Path,
    feedback: Path | None,
    dev_path: Path | None,
    limit: int | None,
    seed: int,
    hash_bits: int,
) -> None:
    """Train the classifier on the shared data and write the model and its card."""
    from moderation.training.train import TrainConfig, train_model, tune_on_dev

    console = _console()
    config = TrainConfig(seed=seed, limit=limit, hash_bits=hash_bits)
    result = train_model(
        data_dir, output, config, feedback=feedback, progress=lambda m: console.print(m)
    )
    console.print(_files_table(result.data.files))
    console.print(_counts_table(result.card["label_counts"]["all"], "Rows per category"))
    if dev_path is not None:
        console.print(f"tuning thresholds on {dev_path} through the Screener …")
        tune_on_dev(result, dev_path)
        dev = result.card["dev_metrics"]
        console.print(
            f"dev: clean rejected {_pct(dev['clean_rejected'])}, held {_pct(dev['clean_held'])}; "
            f"violations approved {_pct(dev['violations_approved'])}"
        )
    console.print(_held_out_table(result.card["held_out_metrics"]))
    console.print(
        f"mean ROC-AUC over the toxic categories: "
        f"{_fmt(result.card['held_out_metrics']['mean_toxic_roc_auc']['value'])}; "
        f"{result.train_rows} training rows, {result.test_rows} held out, "
        f"{result.card['training_seconds']} s"
    )
    console.print(f"wrote {output / 'model.joblib'} and {output / 'model-card.json'}")


@click.command("evaluate")
@click.option(
    "--data",
    "data_path",
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="Labelled JSONL (`text`, `labels` list) or CSV (`text` + 0/1 category columns), "
    "or a directory of them.",
)
@click.option(
    "--model",
    "model_dir",
    default=Path("models"),
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Model directory.",
)
@click.option(
    "--compare-peers",
    is_flag=True,
    help="Also run better-profanity and alt-profanity-check (optional extra `peers`).",
)
def evaluate_command(data_path: Path, model_dir: Path, compare_peers: bool) -> None:
    """Measure the full screener on a labelled set: per-category precision, recall, F1,
    ROC-AUC, and the share of clean comments rejected and held."""
    from moderation.pipeline import Screener
    from moderation.pipeline.classifier import ModelLoadError
    from moderation.training.evaluate import evaluate_peers, evaluate_screener, read_labelled

    console = _console()
    try:
        items = read_labelled(data_path)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--data") from error
    try:
        screener = Screener.from_path(model_dir)
    except ModelLoadError as error:
        raise click.ClickException(str(error)) from error
    evaluation = evaluate_screener(screener, items)
    console.print(f"{len(items)} labelled texts from {data_path}, model {screener.model_version}")
    console.print(_evaluation_table(evaluation, "Screener, per category"))
    evaluations = [evaluation]
    if compare_peers:
        peers, notes = evaluate_peers(items)
        evaluations += peers
        for note in notes:
            console.print(escape(note), style="yellow")
    console.print(_rates_table(evaluations))
