"""Comments with their decisions, as CSV or JSONL records, and the numbers behind `stats`.

Export streams a `Selection` in keyset pages, so memory stays flat. The comment text is
written exactly as stored: JSONL keeps every character (`ensure_ascii=False`, UTF-8);
CSV quotes any field holding a quote, comma, CR or LF (RFC 4180), so a reader using
`newline=""` gets the text back byte for byte. Structured fields (reasons, scores, the
decision log) are JSON strings in CSV and plain JSON in JSONL.
"""
from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any

import sqlalchemy as sa

from moderation.db import Article, Comment, DecisionLog
from moderation.extensions import db
from moderation.pipeline.types import PENDING, STATUSES
from moderation.selection import Selection, keyset_pages

__all__ = ["CSV_FIELDS", "FORMATS", "Stats", "export_records", "gather_stats", "write_records"]

FORMATS = ("csv", "jsonl")
CSV_FIELDS = ("id", "article_id", "parent_id", "author_name", "author_id", "text", "status",
              "decided_by", "decided_at", "created_at", "model_version", "language",
              "categories", "reasons", "scores", "log")
PAGE_SIZE = 1000

_COLUMNS = (Comment.id, Article.external_id, Comment.parent_id, Comment.author_name,
            Comment.author_id, Comment.text, Comment.status, Comment.decided_by,
            Comment.decided_at, Comment.created_at, Comment.model_version, Comment.language,
            Comment.reasons, Comment.scores)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _logs_for(ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    rows = db.session.execute(
        sa.select(DecisionLog).where(DecisionLog.comment_id.in_(ids)).order_by(DecisionLog.id)
    ).scalars()
    logs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in rows:
        logs[entry.comment_id].append({
            "actor": entry.actor, "from": entry.from_status, "to": entry.to_status,
            "reasons": entry.reasons, "note": entry.note,
            "model_version": entry.model_version, "at": _iso(entry.at)})
    db.session.rollback()
    return logs


def export_records(selection: Selection, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """One dict per selected comment, in id order, with its decision log."""
    query = selection.query(*_COLUMNS)
    for rows in keyset_pages(query, PAGE_SIZE, limit):
        logs = _logs_for([row.id for row in rows])
        for row in rows:
            reasons = row.reasons or []
            yield {
                "id": row.id, "article_id": row.external_id, "parent_id": row.parent_id,
                "author_name": row.author_name, "author_id": row.author_id, "text": row.text,
                "status": row.status, "decided_by": row.decided_by,
                "decided_at": _iso(row.decided_at), "created_at": _iso(row.created_at),
                "model_version": row.model_version, "language": row.language,
                "categories": sorted({str(r.get("category")) for r in reasons}),
                "reasons": reasons, "scores": row.scores or {}, "log": logs.get(row.id, []),
            }


def _csv_row(record: dict[str, Any]) -> list[Any]:
    row = []
    for name in CSV_FIELDS:
        value = record[name]
        if name == "categories":
            value = " ".join(value)
        elif isinstance(value, list | dict):
            value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        row.append("" if value is None else value)
    return row


def write_records(records: Iterator[dict[str, Any]], output: IO[str], fmt: str) -> int:
    """Write `records` to `output` (opened with `newline=""`) as CSV or JSONL; the count."""
    count = 0
    if fmt == "csv":
        writer = csv.writer(output)
        writer.writerow(CSV_FIELDS)
        for record in records:
            writer.writerow(_csv_row(record))
            count += 1
    else:
        for record in records:
            output.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


@dataclass(slots=True)
class Stats:
    """Counts for a terminal: comments by status, decider and reason category."""

    by_status: Counter[str] = field(default_factory=Counter)
    by_decider: Counter[str] = field(default_factory=Counter)
    by_category: Counter[tuple[str, str]] = field(default_factory=Counter)
    oldest_pending: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "by_status": {status: self.by_status[status] for status in STATUSES},
            "queue": self.by_status[PENDING], "oldest_pending": _iso(self.oldest_pending),
            "by_decider": dict(self.by_decider),
            "by_category": {f"{category}/{status}": n
                            for (category, status), n in sorted(self.by_category.items())},
        }


def gather_stats(selection: Selection) -> Stats:
    """Counts over the selection: SQL aggregates for statuses and deciders, one streamed
    pass over the reasons (JSON, read the same way on every backend) for categories."""
    stats = Stats()
    by = sa.case((Comment.decided_by.in_(("system", "rescreen")), Comment.decided_by),
                 else_=sa.literal("moderator"))
    for status, decider, count, oldest in db.session.execute(
            selection.query(Comment.status, by, sa.func.count(),
                            sa.func.min(Comment.created_at)).group_by(Comment.status, by)):
        stats.by_status[status] += count
        stats.by_decider[decider] += count
        if status == PENDING and oldest is not None:
            stats.oldest_pending = min(oldest, stats.oldest_pending or oldest)
    query = selection.query(Comment.status, Comment.reasons,
                            extra=[Comment.status != "approved"])
    for status, reasons in db.session.execute(query.execution_options(yield_per=PAGE_SIZE)):
        for category in {str(reason.get("category")) for reason in reasons or ()}:
            stats.by_category[category, status] += 1
    db.session.rollback()
    return stats
