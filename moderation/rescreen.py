"""Batch re-screening of stored comments, after the word lists, thresholds or model change.

`run_rescreen` streams the selected comments in keyset pages (see `moderation.selection`),
screens each page with one `Screener.screen_many` call, decides every comment's new status
with `target_status`, and (with `apply`) writes the page through
`services.apply_rescreen`: one transaction per page, a conditional UPDATE per row so a
decision a moderator takes during the run is left alone, a decision_log row (actor
`rescreen`, the model version) for each status change.

Resuming: every comment a run writes records the run's *screening key*, a fingerprint of
the model version, the thresholds and word-list entries in force and the violation
policy (`screening_key`). A run skips comments that already carry its key, so after an
interruption (Ctrl-C, a kill, `--limit`) the same command finishes the job without
screening, changing or logging anything twice; a new model or settings change gives a
new key and everything selected is screened again.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from moderation import services
from moderation.context.signals import stored_context_reasons, with_rejections
from moderation.db import Article, Comment
from moderation.pipeline.types import APPROVED, PENDING, REJECTED
from moderation.selection import Selection, keyset_pages

__all__ = [
    "ON_VIOLATION",
    "BatchOutcome",
    "Change",
    "RescreenOptions",
    "Summary",
    "run_rescreen",
    "screening_key",
    "target_status",
]

#: What happens to a published (or human-held) comment that now looks like a violation.
ON_VIOLATION: tuple[str, ...] = ("pending", "reject")

DEFAULT_BATCH_SIZE = 500


@dataclass(frozen=True, slots=True)
class RescreenOptions:
    """What to re-screen and how: the selection, a cap, writing or not, the policy."""

    selection: Selection = field(default_factory=lambda: Selection(include_moderated=False))
    limit: int | None = None
    apply: bool = False
    on_violation: str = "pending"
    batch_size: int = DEFAULT_BATCH_SIZE
    workers: int = 1

    def __post_init__(self) -> None:
        if self.on_violation not in ON_VIOLATION:
            raise ValueError(f"on_violation must be one of {ON_VIOLATION}")
        if self.batch_size < 1 or self.workers < 1 or (self.limit or 0) < 0:
            raise ValueError("batch_size and workers must be positive, limit not negative")


@dataclass(frozen=True, slots=True)
class Change:
    """One comment whose status a re-screen changes (or, in a dry run, would change)."""

    comment_id: str
    article_id: str
    from_status: str
    to_status: str
    decided_by: str
    categories: tuple[str, ...]
    reasons: list[dict[str, Any]]
    scores: dict[str, float]
    model_version: str
    applied: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.comment_id, "article_id": self.article_id, "from": self.from_status,
            "to": self.to_status, "decided_by": self.decided_by,
            "categories": list(self.categories), "reasons": self.reasons,
            "scores": self.scores, "model_version": self.model_version,
            "applied": self.applied,
        }


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    """What one page did: how many comments it screened and which statuses changed.

    `skipped` counts changes not written because a moderator decided the comment while
    the run was going on."""

    screened: int
    changes: tuple[Change, ...]
    skipped: int


@dataclass(slots=True)
class Summary:
    """Totals of a run: screened comments and transitions, overall and by category."""

    key: str
    model_version: str
    applied: bool
    total: int = 0
    screened: int = 0
    skipped: int = 0
    transitions: Counter[tuple[str, str]] = field(default_factory=Counter)
    by_category: Counter[tuple[str, str, str]] = field(default_factory=Counter)

    @property
    def changed(self) -> int:
        return sum(self.transitions.values())

    def add(self, outcome: BatchOutcome) -> None:
        self.screened += outcome.screened
        self.skipped += outcome.skipped
        for change in outcome.changes:
            if change.applied or not self.applied:
                self.transitions[change.from_status, change.to_status] += 1
                for category in change.categories:
                    self.by_category[change.from_status, change.to_status, category] += 1


def screening_key(screener: Any, on_violation: str) -> str:
    """A fingerprint of everything that decides a re-screen's outcome: the model version,
    the thresholds and extra word-list entries of `screener`, and the violation policy."""
    entries = sorted(repr(entry) for entry in screener.extra_entries)
    material = json.dumps([screener.model_version, screener.thresholds, entries, on_violation],
                          sort_keys=True, default=str)
    return hashlib.sha256(material.encode()).hexdigest()[:32]


def target_status(status: str, decided_by: str, screened: str, on_violation: str) -> str:
    """The status a comment should have after a re-screen says `screened`.

    - a new "approved" publishes the comment (the screen's own call, as at submission);
    - a hold ("pending") holds an approved or rejected comment for a human;
    - a violation ("rejected") rejects a comment the screen itself held at submission,
      but a published comment, or one held by a re-screen or a moderator, goes back to
      pending for a human unless `on_violation` is "reject".
    """
    if screened != REJECTED:
        return screened
    held_by_screen = status == PENDING and decided_by == "system"
    if status == REJECTED or held_by_screen or on_violation == "reject":
        return REJECTED
    return PENDING


def _categories(reasons: Iterable[Mapping[str, Any]]) -> tuple[str, ...]:
    return tuple(sorted({str(reason.get("category")) for reason in reasons}))


def run_rescreen(screener: Any, options: RescreenOptions,
                 on_batch: Callable[[BatchOutcome], None] | None = None,
                 on_start: Callable[[int], None] | None = None) -> Summary:
    """Re-screen the selected comments page by page and return the totals.

    `on_start(total)` is called once with the number of comments to screen;
    `on_batch(outcome)` after each page is screened and (with `apply`) committed, so a
    progress bar or report sees only what is durable. An exception raised there (or a
    Ctrl-C anywhere) stops the run; committed pages stay, the current one rolls back,
    and rerunning the same command resumes.
    """
    key = screening_key(screener, options.on_violation)
    summary = Summary(key, screener.model_version, options.apply)
    services.refresh_comment_statistics()
    pending_key = [sa.or_(Comment.screened_with.is_(None), Comment.screened_with != key)]
    total = options.selection.count(extra=pending_key)
    summary.total = total if options.limit is None else min(total, options.limit)
    if on_start is not None:
        on_start(summary.total)
    query = options.selection.query(
        Comment.id, Comment.text, Comment.status, Comment.decided_by, Comment.reasons,
        Article.external_id, extra=pending_key)
    pages = keyset_pages(query, options.batch_size, options.limit)
    screened = (_screened_in_pool(screener, pages, options.workers) if options.workers > 1
                else ((rows, _screen_page(screener, rows)) for rows in pages))
    for rows, results in screened:
        outcome = _write_page(rows, results, options, key, screener.model_version)
        summary.add(outcome)
        if on_batch is not None:
            on_batch(outcome)
    return summary


#: One screened comment: (status, reasons, scores, language), JSON-ready.
Screened = tuple[str, list[dict[str, Any]], dict[str, float], str | None]


def _screen_page(screener: Any, rows: Sequence[Any]) -> list[Screened]:
    """Screen a page's texts. Context signals (relevance, copies, reports, bans) were
    found at submission from the database; they are kept, so a re-screen does not
    release what they held."""
    context = [stored_context_reasons(row.reasons or ()) for row in rows]
    decisions = screener.screen_many([row.text for row in rows],
                                     reasons=[c.holds for c in context])
    results = []
    for decision, found in zip(decisions, context, strict=True):
        data = with_rejections(decision, found.rejects).to_dict()
        results.append((data["status"], data["reasons"], data["scores"], data["language"]))
    return results


_worker_screener: Any = None


def _screen_in_worker(rows: list[tuple[str, Any]]) -> list[Screened]:
    return _screen_page(_worker_screener, [_TextRow(text, reasons) for text, reasons in rows])


@dataclass(frozen=True, slots=True)
class _TextRow:
    text: str
    reasons: Any


def _screened_in_pool(screener: Any, pages: Iterator[list[Any]], workers: int
                      ) -> Iterator[tuple[list[Any], list[Screened]]]:
    """Pages with their screening, screened by `workers` forked processes (which share
    the loaded model) while this process reads and writes the database; pages come
    back in reading order, at most `workers + 1` in flight, so memory stays flat."""
    global _worker_screener
    _worker_screener = screener
    in_flight: deque[tuple[list[Any], Future[list[Screened]]]] = deque()
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    try:
        for rows in pages:
            texts = [(row.text, row.reasons) for row in rows]
            in_flight.append((rows, pool.submit(_screen_in_worker, texts)))
            if len(in_flight) > workers:
                done, future = in_flight.popleft()
                yield done, future.result()
        while in_flight:
            done, future = in_flight.popleft()
            yield done, future.result()
    finally:
        pool.shutdown(wait=not in_flight, cancel_futures=True)
        _worker_screener = None


def _write_page(rows: Sequence[sa.Row[Any]], results: Sequence[Screened],
                options: RescreenOptions, key: str, model_version: str) -> BatchOutcome:
    writes: list[services.RescreenWrite] = []
    for row, (status, reasons, scores, language) in zip(rows, results, strict=True):
        new_status = target_status(row.status, row.decided_by, status, options.on_violation)
        writes.append(services.RescreenWrite(row.id, row.status, row.decided_by, new_status,
                                             reasons, scores, language))
    applied: set[str] = set()
    if options.apply:
        note = f"rescreen {key[:12]} with model {model_version}"
        applied = services.apply_rescreen(writes, key, model_version, note)
    changes = tuple(
        _change(row, write, model_version, write.comment_id in applied)
        for row, write in zip(rows, writes, strict=True) if write.changes_status)
    skipped = sum(1 for change in changes if not change.applied) if options.apply else 0
    return BatchOutcome(len(rows), changes, skipped)


def _change(row: sa.Row[Any], write: services.RescreenWrite, model_version: str,
            applied: bool) -> Change:
    # A release is explained by what was cleared; a hold or rejection by what was found.
    evidence = (row.reasons or []) if write.new_status == APPROVED else write.reasons
    return Change(row.id, row.external_id, write.old_status, write.new_status, row.decided_by,
                  _categories(evidence), write.reasons, write.scores, model_version, applied)
