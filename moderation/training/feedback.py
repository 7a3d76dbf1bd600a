"""Turn Perspective score suggestions into labelled rows for `moderation train --feedback`.

Coral Talk sends `comments:suggestscore` for moderator decisions: a score of 0 or 1 for
one attribute (usually TOXICITY) of one comment. The training file takes JSONL rows
`{"text", "labels"}` where `labels` lists every category the text violates and every
other category counts as known-clean (`read_labelled_jsonl`). So a suggestion becomes a
row only when it says enough to label every category:

* the latest suggestion per (text, attribute) wins: a moderator may change their mind;
* a text whose suggestions are all low (< 0.5) is a clean row (`labels: []`) only when
  TOXICITY is among them: "not toxic" means no violation; "not severe" says nothing
  about milder violations, nor "not an insult" about the other categories: such texts
  are skipped;
* a high score (>= 0.5) names its categories: INSULT -> personal_attack, and so on
  (`ATTRIBUTES`); TOXICITY and SEVERE_TOXICITY name none, so when no specific attribute
  is high the categories come from our own screener (those it flags, else its most
  probable one);
* suggestions without text (`doNotStore`) cannot be learned from and are skipped.

Pure: it takes plain records and a `Screener`, and touches no database or Flask.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from moderation.perspective.attributes import ATTRIBUTES, category_scores
from moderation.pipeline.types import CATEGORIES, Decision

__all__ = ["FeedbackSummary", "Suggestion", "export", "feedback_rows", "write_feedback"]

POSITIVE = 0.5
_GENERIC = ("TOXICITY", "SEVERE_TOXICITY")


@dataclass(frozen=True)
class Suggestion:
    """One stored suggestion (a plain copy of a `score_suggestion` row)."""

    text: str | None
    attribute: str
    value: float
    created_at: datetime


@dataclass(frozen=True)
class FeedbackSummary:
    rows: int
    clean: int
    violations: int
    skipped: int


def _latest(suggestions: Iterable[Suggestion]) -> dict[str, dict[str, float]]:
    """text -> attribute -> the latest suggested value."""
    latest: dict[tuple[str, str], Suggestion] = {}
    for suggestion in suggestions:
        if not suggestion.text or suggestion.attribute not in ATTRIBUTES:
            continue
        key = (suggestion.text, suggestion.attribute)
        if key not in latest or suggestion.created_at >= latest[key].created_at:
            latest[key] = suggestion
    by_text: dict[str, dict[str, float]] = {}
    for (text, attribute), suggestion in latest.items():
        by_text.setdefault(text, {})[attribute] = suggestion.value
    return by_text


def _our_categories(decision: Decision) -> list[str]:
    """The categories our screener flags, else the one it finds most probable."""
    flagged = [r.category for r in decision.reasons if r.category in CATEGORIES]
    if flagged:
        return flagged
    scores = category_scores(decision)
    return [max(scores, key=scores.__getitem__)]


def _labels(values: dict[str, float], decision: Decision) -> list[str] | None:
    positive = [name for name, value in values.items() if value >= POSITIVE]
    if not positive:
        return [] if "TOXICITY" in values else None
    labels = {c for name in positive if name not in _GENERIC for c in ATTRIBUTES[name].categories}
    if any(name in _GENERIC for name in positive) and not labels:
        labels.update(_our_categories(decision))
    return sorted(labels, key=CATEGORIES.index)


def feedback_rows(suggestions: Iterable[Suggestion], screener: Any) -> list[dict[str, Any]]:
    """Labelled rows `{"text", "labels", "source"}` (see the module docstring)."""
    by_text = _latest(suggestions)
    texts: Sequence[str] = list(by_text)
    decisions = screener.screen_many(texts) if texts else []
    rows = []
    for text, decision in zip(texts, decisions, strict=True):
        labels = _labels(by_text[text], decision)
        if labels is not None:
            rows.append({"text": text, "labels": labels, "source": "perspective-suggestscore"})
    return rows


def write_feedback(rows: Sequence[dict[str, Any]], handle: TextIO) -> FeedbackSummary:
    """Write `rows` as JSONL (text byte for byte: `ensure_ascii=False`)."""
    for row in rows:
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    clean = sum(1 for row in rows if not row["labels"])
    return FeedbackSummary(len(rows), clean, len(rows) - clean, 0)


def export(suggestions: Sequence[Suggestion], screener: Any, path: Path) -> FeedbackSummary:
    """Write the feedback file for `suggestions` to `path`; the summary counts skipped texts."""
    rows = feedback_rows(suggestions, screener)
    with path.open("w", encoding="utf-8") as handle:
        summary = write_feedback(rows, handle)
    texts = len({s.text for s in suggestions if s.text})
    skipped = len(suggestions) - sum(1 for s in suggestions if s.text) + texts - len(rows)
    return FeedbackSummary(summary.rows, summary.clean, summary.violations, skipped)
