"""`moderation export` and `moderation stats` against a real database (SQLite, PostgreSQL)."""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from moderation import services
from moderation.cli import cli
from moderation.exporting import CSV_FIELDS

#: Texts a CSV or JSON round trip can damage: every one must come back byte for byte.
TRICKY = [
    "Great match 👍🏽 and the flag 🇩🇪 too",
    "مرحبا بالعالم — a reply in Arabic, right to left",
    "line one\r\nline two\r\n",
    "carriage\rreturn alone",
    "unix\nnewline and a trailing one\n",
    'He said "no", then ""left"" again',
    "   leading spaces and trailing   ",
    "\ttab, comma; semicolon",
    "zero\u200bwidth and e\u0301 combining",
    "separator\u2028inside the line",
    "=SUM(A1:A2) is just text",
]


def _store(app: Flask) -> dict[str, str]:
    """Submit the tricky texts (and a moderator decision); returns id -> text."""
    with app.app_context():
        services.upsert_article("demo-1", "Water rationing")
        services.upsert_article("demo-2", "Cup semi-final")
        stored = {}
        for index, text in enumerate(TRICKY):
            comment = services.submit_comment(f"demo-{1 + index % 2}", text, "Reader").comment
            stored[comment.id] = text
        first = next(iter(stored))
        services.decide(first, "rejected", "mod", note="off topic")
    return stored


def _run(app: Flask, *args: str) -> Any:
    return app.test_cli_runner().invoke(cli, list(args))


@pytest.fixture
def stored(backend_app: Flask) -> dict[str, str]:
    return _store(backend_app)


def test_csv_round_trips_text_byte_for_byte(backend_app: Flask, stored: dict[str, str],
                                            tmp_path: Path) -> None:
    path = tmp_path / "comments.csv"
    result = _run(backend_app, "export", "--output", str(path))
    assert result.exit_code == 0, result.output
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == CSV_FIELDS
    assert {row["id"]: row["text"] for row in rows} == stored
    raw = path.read_bytes()
    assert "👍🏽".encode() in raw and "مرحبا".encode() in raw
    assert b'"line one\r\nline two\r\n"' in raw


def test_jsonl_on_stdout_round_trips_and_carries_the_log(backend_app: Flask,
                                                         stored: dict[str, str]) -> None:
    result = _run(backend_app, "export")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout_bytes.decode("utf-8").split("\n") if line]
    records = [json.loads(line) for line in lines]
    assert {record["id"]: record["text"] for record in records} == stored
    first = next(iter(stored))
    decided = next(record for record in records if record["id"] == first)
    assert decided["status"] == "rejected" and decided["decided_by"] == "mod"
    assert [(entry["actor"], entry["to"]) for entry in decided["log"]][-1] == ("mod", "rejected")
    assert decided["log"][0]["actor"] == "system"
    assert decided["log"][-1]["note"] == "off topic"


def test_export_filters_like_rescreen(backend_app: Flask, stored: dict[str, str],
                                      tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    result = _run(backend_app, "export", "--article", "demo-2", "--status", "approved",
                  "--status", "pending", "--output", str(path))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in path.read_text("utf-8").split("\n") if line]
    expected = {text for index, text in enumerate(TRICKY) if index % 2 == 1}
    assert {record["text"] for record in records} <= expected
    assert all(record["article_id"] == "demo-2" for record in records)
    assert all(record["status"] in ("approved", "pending") for record in records)
    limited = _run(backend_app, "export", "--limit", "3", "--format", "csv")
    assert len(list(csv.reader(limited.stdout.splitlines()))) >= 4


def test_shards_export_every_comment_once(backend_app: Flask, stored: dict[str, str]) -> None:
    ids: list[str] = []
    for index in range(4):
        result = _run(backend_app, "export", "--shard", f"{index}/4")
        assert result.exit_code == 0, result.output
        ids += [json.loads(line)["id"] for line in result.stdout.split("\n") if line]
    assert sorted(ids) == sorted(stored)


def test_stats_counts(backend_app: Flask, stored: dict[str, str]) -> None:
    result = _run(backend_app, "stats", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert sum(data["by_status"].values()) == len(TRICKY)
    assert data["by_decider"].get("moderator") == 1
    assert data["by_status"]["rejected"] >= 1
    assert data["queue"] == data["by_status"]["pending"]
    table = _run(backend_app, "stats")
    assert table.exit_code == 0 and "Queue:" in table.output and "Decided by" in table.output


def test_unwritable_output_is_a_clear_failure(app: Flask, tmp_path: Path) -> None:
    _store(app)
    result = _run(app, "export", "--output", str(tmp_path / "missing" / "out.csv"))
    assert result.exit_code == 1
    assert "Cannot write" in result.output


def test_bad_export_options_are_usage_errors(app: Flask) -> None:
    for args in (["--format", "xml"], ["--shard", "1/1"], ["--status", "hidden"]):
        result = _run(app, "export", *args)
        assert result.exit_code == 2, (args, result.output)
