"""Values that flow through the screening pipeline: frozen, typed, JSON-ready."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: The site's guideline categories, in the order the classifier emits them.
CATEGORIES: tuple[str, ...] = (
    "profanity",
    "vulgarity",
    "threat",
    "personal_attack",
    "abuse",
    "promotion",
)

#: Reason categories that are not guideline violations but still hold a comment.
SIGNAL_CATEGORIES: tuple[str, ...] = (
    "language",  # a script or language the models do not cover
    "suspect",  # a review-list word
    "off_topic",
    "duplicate",
    "flood",
    "reported",
    "new_author",
    "author_history",
    "banned",
)

APPROVED = "approved"
REJECTED = "rejected"
PENDING = "pending"
STATUSES: tuple[str, ...] = (APPROVED, PENDING, REJECTED)

SOURCES: tuple[str, ...] = ("rule", "model", "context")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range `[start, end)` of code points in the **original** text."""

    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a comment is held or rejected.

    `category` is a guideline category (CATEGORIES) or a signal (SIGNAL_CATEGORIES);
    `source` is where the evidence came from (`rule`, `model` or `context`);
    `score` is in [0, 1]; `detail` is a short machine-readable note (the list entry,
    the pattern name, the detected language, the similar comment id).
    """

    category: str
    source: str
    score: float
    spans: tuple[Span, ...] = ()
    subtype: str | None = None
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "category": self.category,
            "source": self.source,
            "score": round(float(self.score), 4),
            "spans": [span.to_dict() for span in self.spans],
        }
        if self.subtype is not None:
            data["subtype"] = self.subtype
        if self.detail is not None:
            data["detail"] = self.detail
        return data


@dataclass(frozen=True, slots=True)
class Decision:
    """The outcome of screening one text."""

    status: str
    reasons: tuple[Reason, ...] = ()
    scores: Mapping[str, float] = field(default_factory=dict)
    model_version: str = ""
    language: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "reasons": [reason.to_dict() for reason in self.reasons],
            "scores": {name: round(float(value), 4) for name, value in self.scores.items()},
            "model_version": self.model_version,
            "language": self.language,
        }


@dataclass(frozen=True, slots=True)
class ScreenContext:
    """What the caller knows about a comment beyond its text (all optional)."""

    article_id: str | None = None
    article_title: str | None = None
    article_summary: str | None = None
    parent_id: str | None = None
    author_id: str | None = None
