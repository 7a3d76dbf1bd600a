"""What the templates need to show a comment: pieces of text, reasons, history, reports."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from moderation.dashboard.evidence import Piece, split_evidence
from moderation.dashboard.listing import author_histories, author_key, reports_for
from moderation.db import Comment, Report


@dataclass(frozen=True)
class Card:
    """A comment as the queue shows it."""

    comment: Comment
    pieces: list[Piece]
    reasons: list[dict[str, Any]]
    scores: list[tuple[str, float]]
    history: Counter[str]
    reports: list[Report]


def _scores(comment: Comment) -> list[tuple[str, float]]:
    scores = [(name, float(value)) for name, value in (comment.scores or {}).items()]
    return sorted(scores, key=lambda item: -item[1])


def build_cards(comments: Sequence[Comment]) -> list[Card]:
    """Cards for a page of comments, with three queries for all of their context."""
    histories = author_histories(comments)
    reports = reports_for(comments)
    return [
        Card(comment, split_evidence(comment.text, comment.reasons or ()),
             list(comment.reasons or ()), _scores(comment),
             histories.get(author_key(comment), Counter()), reports.get(comment.id, []))
        for comment in comments
    ]
