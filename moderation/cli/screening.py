"""`moderation screen FILE`: screen comments offline, without an app or a database.

FILE is JSONL (one object a line with `text` and optional `id`), CSV (a `text` column and
an optional `id` column) or plain text (one comment a line); `-` reads standard input.
The format comes from the file name (`.jsonl`/`.ndjson`/`.json`, `.csv`, anything else is
text) or from `--format`; on standard input, a first line starting with `{` means JSONL.

The output is JSONL, one object per input record in input order:
`{"id", "status", "reasons", "scores", "model_version", "language"}`. The id is the
record's own `id` when it has one, otherwise its line (or CSV row) number. A record that
cannot be screened (bad JSON, no `text`, invalid UTF-8) gives `{"id", "error"}` and the
run goes on. Large files show a progress bar on standard error.
"""
from __future__ import annotations

import csv
import io
import itertools
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import click

__all__ = ["screen_command"]

BATCH_SIZE = 256
PROGRESS_MIN_LINES = 2000


@dataclass(frozen=True, slots=True)
class Record:
    """One input comment, or the reason it could not be read."""

    id: Any
    text: str | None = None
    error: str | None = None


def _invalid_utf8(text: str) -> bool:
    # Undecodable bytes come through `surrogateescape` as lone surrogates.
    return any("\udc80" <= char <= "\udcff" for char in text)


def _jsonl_records(stream: Iterable[str]) -> Iterator[Record]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        if _invalid_utf8(line):
            yield Record(number, error="invalid UTF-8")
            continue
        try:
            data = json.loads(line)
        except ValueError as error:
            yield Record(number, error=f"invalid JSON: {error}")
            continue
        if not isinstance(data, dict):
            yield Record(number, error="a line must hold a JSON object")
            continue
        record_id = data.get("id", number)
        text = data.get("text")
        if not isinstance(text, str):
            yield Record(record_id, error="missing or non-string field 'text'")
        else:
            yield Record(record_id, text)


def _csv_records(stream: Iterable[str]) -> Iterator[Record]:
    reader = csv.DictReader(stream)
    if reader.fieldnames is None or "text" not in reader.fieldnames:
        yield Record(1, error="the CSV header has no 'text' column")
        return
    for number, row in enumerate(reader, start=1):
        record_id = row.get("id") or number
        text = row.get("text")
        if text is None:
            yield Record(record_id, error="row has no 'text' value")
        elif _invalid_utf8(text):
            yield Record(record_id, error="invalid UTF-8")
        else:
            yield Record(record_id, text)


def _text_records(stream: Iterable[str]) -> Iterator[Record]:
    for number, line in enumerate(stream, start=1):
        text = line.rstrip("\r\n")
        if not text.strip():
            continue
        yield Record(number, error="invalid UTF-8") if _invalid_utf8(text) else Record(number, text)


_READERS = {"jsonl": _jsonl_records, "csv": _csv_records, "text": _text_records}


def _format_for(path: str, first_line: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in {".jsonl", ".ndjson", ".json"}:
        return "jsonl"
    if suffix == ".csv":
        return "csv"
    if path == "-" and first_line.lstrip().startswith("{"):
        return "jsonl"
    return "text"


def _open_input(path: str) -> IO[str]:
    if path == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="surrogateescape",
                                newline="")
    return open(path, encoding="utf-8", errors="surrogateescape", newline="")


def _result(record: Record, decision: Any) -> dict[str, Any]:
    return {"id": record.id, **decision.to_dict()}


def _screen_batch(screener: Any, batch: list[Record]) -> list[dict[str, Any]]:
    texts = [record.text for record in batch if record.text is not None]
    decisions = iter(screener.screen_many(texts)) if texts else iter(())
    return [
        {"id": record.id, "error": record.error} if record.text is None
        else _result(record, next(decisions))
        for record in batch
    ]


def _count_lines(path: str) -> int | None:
    if path == "-":
        return None
    with open(path, "rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))


@click.command("screen")
@click.argument("file", type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-",
              help="Where to write the JSONL results (default: standard output).")
@click.option("--model", "model_dir", default="models", show_default=True,
              type=click.Path(file_okay=False), help="Directory holding the trained model.")
@click.option("--format", "input_format", type=click.Choice(["auto", "jsonl", "csv", "text"]),
              default="auto", show_default=True, help="Input format.")
def screen_command(file: str, output: IO[str], model_dir: str, input_format: str) -> None:
    """Screen the comments in FILE (JSONL, CSV or text; '-' for stdin) and write JSONL."""
    from moderation.pipeline.classifier import ModelLoadError
    from moderation.pipeline.screen import Screener

    if file != "-" and not Path(file).is_file():
        raise click.BadParameter(f"no such file: {file}", param_hint="FILE")
    try:
        screener = Screener.from_path(model_dir)
    except ModelLoadError as error:
        raise click.ClickException(str(error)) from error
    total = _count_lines(file)
    with _open_input(file) as stream:
        first = stream.readline()
        chosen = input_format if input_format != "auto" else _format_for(file, first)
        records = _READERS[chosen](itertools.chain([first], stream))
        _run(screener, records, output, total)


def _run(screener: Any, records: Iterator[Record], output: IO[str], total: int | None) -> None:
    from rich.progress import Progress

    show = total is not None and total >= PROGRESS_MIN_LINES
    with Progress(console=_stderr_console(), disable=not show, transient=True) as progress:
        task = progress.add_task("screening", total=total)
        batch: list[Record] = []
        for record in records:
            batch.append(record)
            if len(batch) >= BATCH_SIZE:
                _write(output, _screen_batch(screener, batch))
                progress.advance(task, len(batch))
                batch = []
        if batch:
            _write(output, _screen_batch(screener, batch))
            progress.advance(task, len(batch))


def _write(output: IO[str], results: list[dict[str, Any]]) -> None:
    for result in results:
        output.write(json.dumps(result) + "\n")


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)
